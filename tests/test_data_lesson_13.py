"""Lesson 13's data helpers: a shortcut marker on scans and grown masks (`course_utils.data`), and the saliency plot."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import add_corner_marker, dilate_masks, load_scans  # noqa: E402
from course_utils.plotting import plot_saliency_maps  # noqa: E402


def test_marker_goes_on_the_marked_images_only_and_leaves_the_input_alone():
    scans = load_scans(n_samples=40, seed=3)
    before = scans.x_train.copy()
    marked = scans.y_train == 1
    out = add_corner_marker(scans.x_train, marked, size=4, value=0.9)
    assert out.shape == before.shape and out.dtype == before.dtype
    np.testing.assert_array_equal(scans.x_train, before)
    assert np.all(out[marked, :4, :4] == np.float32(0.9))
    np.testing.assert_array_equal(out[~marked], before[~marked])
    np.testing.assert_array_equal(out[marked, 4:], before[marked, 4:])
    np.testing.assert_array_equal(out[marked, :, 4:], before[marked, :, 4:])


def test_marker_on_images_without_a_channel_axis():
    out = add_corner_marker(np.zeros((3, 5, 6)), np.array([False, True, False]), size=2)
    assert out.sum() == 4.0 and out[1, :2, :2].sum() == 4.0


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(images=np.zeros((2, 4, 4), dtype=int), marked=np.array([True, False])), "Received: dtype=int"),
    (dict(images=np.zeros((2, 4, 4, 3)), marked=np.array([True, False])), "shape=(2, 4, 4, 3)"),
    (dict(images=np.zeros((2, 4, 4)), marked=np.array([1, 0])), "Received: dtype=int"),
    (dict(images=np.zeros((2, 4, 4)), marked=np.array([True])), "shape=(1,)"),
    (dict(images=np.zeros((2, 4, 4)), marked=np.array([True, False]), size=5), "size=5"),
    (dict(images=np.zeros((2, 4, 4)), marked=np.array([True, False]), size=0), "size=0"),
    (dict(images=np.zeros((2, 4, 4)), marked=np.array([True, False]), value=1.5), "value=1.5"),
])
def test_marker_arguments_are_validated_and_echoed(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        add_corner_marker(**kwargs)


def test_dilation_grows_by_a_square_neighbourhood_and_matches_scipy():
    from scipy import ndimage

    rng = np.random.default_rng(0)
    masks = rng.uniform(size=(6, 9, 7)) > 0.9
    for pixels in (0, 1, 2):
        want = masks if pixels == 0 else np.stack(
            [ndimage.binary_dilation(mask, structure=np.ones((3, 3), bool), iterations=pixels) for mask in masks])
        np.testing.assert_array_equal(dilate_masks(masks, pixels=pixels), want)
    single = np.zeros((5, 5), dtype=bool)
    single[2, 2] = True
    assert dilate_masks(single).sum() == 9 and not single[1, 1]  # 2-D masks too, input unchanged


@pytest.mark.parametrize("masks, pixels, fragment", [
    (np.zeros((2, 3, 3)), 1, "dtype=float64"),
    (np.zeros((3,), dtype=bool), 1, "shape=(3,)"),
    (np.zeros((2, 3, 3), dtype=bool), -1, "pixels=-1"),
    (np.zeros((2, 3, 3), dtype=bool), 1.5, "pixels=1.5"),
])
def test_dilation_arguments_are_validated_and_echoed(masks, pixels, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        dilate_masks(masks, pixels=pixels)


def test_saliency_plot_draws_scans_over_maps_with_titles():
    scans = load_scans(n_samples=20, seed=1)
    images, masks = scans.x_test[:3], scans.masks_test[:3]
    axes = plot_saliency_maps(images, np.abs(images[..., 0] - 0.3), masks, titles=["a", "b", "c"])
    assert axes.shape == (2, 3) and [ax.get_title() for ax in axes[0]] == ["a", "b", "c"]
    assert all(len(ax.images) == 1 for ax in axes.flat)
    with pytest.raises(ValueError, match="saliency"):
        plot_saliency_maps(images, np.zeros((3, 4, 4)), masks)
    with pytest.raises(ValueError, match="titles"):
        plot_saliency_maps(images, images[..., 0], masks, titles=["a"])
    plt.close("all")
