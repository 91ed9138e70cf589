"""course_utils.data.load_scans, the synthetic scans of lessons 12 and 13: shapes, masks, determinism, validation, offline."""
import numpy as np
import pytest

from course_utils.data import Scans, load_scans


def test_scans_have_the_promised_shapes_types_and_range(no_network):
    scans = load_scans(n_samples=200, size=24, seed=3)
    assert isinstance(scans, Scans)
    assert scans.x_train.shape == (150, 24, 24, 1) and scans.x_test.shape == (50, 24, 24, 1)
    assert scans.x_train.dtype == np.float32 and scans.y_train.dtype == np.int64 and scans.masks_train.dtype == bool
    assert scans.masks_train.shape == (150, 24, 24) and scans.masks_test.shape == (50, 24, 24)
    images = np.concatenate([scans.x_train, scans.x_test])
    assert images.min() >= 0.0 and images.max() <= 1.0


def test_a_mask_marks_a_brighter_disc_exactly_in_the_scans_with_a_lesion():
    scans = load_scans(n_samples=400, noise=0.0, seed=5)
    labels, masks, images = scans.y_train, scans.masks_train, scans.x_train[..., 0]
    assert 0.4 < labels.mean() < 0.6
    assert not masks[labels == 0].any()
    areas = masks[labels == 1].sum(axis=(1, 2))
    assert areas.min() >= 9 and areas.max() <= 60  # discs of radius 2 to 4 pixels
    for image, mask in zip(images[labels == 1][:20], masks[labels == 1][:20]):
        assert image[mask].mean() > image[~mask].mean() + 0.1


def test_the_same_arguments_give_the_same_scans_and_another_seed_others():
    first, again, other = load_scans(n_samples=50, seed=1), load_scans(n_samples=50, seed=1), load_scans(n_samples=50, seed=2)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_train, other.x_train)


@pytest.mark.parametrize("argument, value", [("n_samples", 2), ("size", 8), ("lesion_share", 1.0), ("contrast", 0.0),
                                             ("noise", -0.1), ("test_fraction", 0.0), ("seed", -1), ("size", 32.0)])
def test_bad_arguments_are_refused_with_the_value_received(argument, value):
    with pytest.raises(ValueError, match=rf"Received: {argument}={value!r}"):
        load_scans(**{argument: value})
