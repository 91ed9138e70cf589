"""Lesson 09's helpers: the bundled photograph (offline), padding and shifting images, and the feature-map plots."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import load_photograph, pad_images, shift_images, shift_images_randomly  # noqa: E402
from course_utils.plotting import plot_feature_maps, plot_filters  # noqa: E402

# --- load_photograph -------------------------------------------------------------------------------------------


def test_photograph_is_the_bundled_camera_picture_read_without_network(no_network):
    photo = load_photograph()
    assert photo.shape == (512, 512) and photo.dtype == np.float32
    assert 0.0 <= photo.min() < 0.05 and photo.max() == 1.0
    np.testing.assert_array_equal(photo, load_photograph())  # the same file every time


def test_smaller_photographs_average_blocks_of_pixels(no_network):
    full, half, small = load_photograph(), load_photograph(size=256), load_photograph(size=128)
    assert half.shape == (256, 256) and small.shape == (128, 128)
    np.testing.assert_allclose(half[10, 20], full[20:22, 40:42].mean(), rtol=1e-6)
    np.testing.assert_allclose(small, half.reshape(128, 2, 128, 2).mean(axis=(1, 3)), atol=1e-6)


@pytest.mark.parametrize("size", [0, 300, 100, 256.0, True, "256"])
def test_photograph_size_must_divide_512(size):
    with pytest.raises(ValueError, match=r"`size`.*Received: size="):
        load_photograph(size=size)


# --- pad_images ----------------------------------------------------------------------------------------------


def test_pad_images_adds_a_border_of_zeros_and_keeps_the_image():
    images = np.arange(1, 2 * 3 * 4 + 1, dtype=np.float32).reshape(2, 3, 4)
    padded = pad_images(images, 2)
    assert padded.shape == (2, 7, 8) and padded.dtype == np.float32
    np.testing.assert_array_equal(padded[:, 2:5, 2:6], images)
    assert padded.sum() == images.sum()  # everything else is 0


def test_pad_images_keeps_a_channel_axis_and_margin_zero_is_a_copy():
    images = np.ones((3, 5, 5, 2))
    assert pad_images(images, 1).shape == (3, 7, 7, 2)
    same = pad_images(images, 0)
    np.testing.assert_array_equal(same, images)
    assert same is not images


@pytest.mark.parametrize("images, margin, name", [
    (np.ones((5, 5)), 1, "images"), (np.ones((1, 2, 3, 4, 5)), 1, "images"), (np.array([["a"]] * 2, dtype=object)[None], 1, "images"),
    (np.ones((1, 4, 4)), -1, "margin"), (np.ones((1, 4, 4)), 1.5, "margin"), (np.ones((1, 4, 4)), True, "margin"),
])
def test_pad_images_rejects_bad_arguments_and_echoes_them(images, margin, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: "):
        pad_images(images, margin)


# --- shift_images ----------------------------------------------------------------------------------------------


def test_shift_images_moves_right_and_down_and_fills_with_zeros():
    images = np.arange(1, 10).reshape(1, 3, 3)
    np.testing.assert_array_equal(shift_images(images, 1, 0)[0], [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(shift_images(images, 0, 1)[0], [[0, 0, 0], [1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(shift_images(images, -1, -2)[0], [[8, 9, 0], [0, 0, 0], [0, 0, 0]])
    np.testing.assert_array_equal(shift_images(images, 0, 0), images)


def test_shifting_back_restores_an_image_with_a_blank_border():
    rng = np.random.default_rng(0)
    images = pad_images(rng.uniform(size=(4, 8, 8, 1)), 3)
    for dx, dy in [(2, 0), (-1, 2), (3, -3), (-2, -2)]:
        moved = shift_images(images, dx, dy)
        assert moved.shape == images.shape and moved.dtype == images.dtype
        assert moved.sum() == pytest.approx(images.sum())  # nothing fell off the canvas
        np.testing.assert_array_equal(shift_images(moved, -dx, -dy), images)


def test_shift_images_does_not_change_its_input():
    images = np.ones((2, 4, 4))
    shift_images(images, 1, 1)
    assert images.min() == 1.0


@pytest.mark.parametrize("dx, dy, name", [(4, 0, "dx"), (-4, 0, "dx"), (0, 5, "dy"), (1.0, 0, "dx"), (0, True, "dy"), (0, "1", "dy")])
def test_shift_images_rejects_shifts_past_the_image_and_echoes_them(dx, dy, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        shift_images(np.ones((2, 5, 4)), dx, dy)


def test_shift_images_rejects_a_single_image():
    with pytest.raises(ValueError, match=r"`images`.*Received: shape=\(5, 4\)"):
        shift_images(np.ones((5, 4)), 1, 0)


# --- shift_images_randomly -----------------------------------------------------------------------------------


def test_random_shifts_are_seeded_bounded_and_never_zero():
    images = np.random.default_rng(1).uniform(size=(200, 10, 10))
    shifted, shifts = shift_images_randomly(images, max_shift=2, seed=3)
    again, same_shifts = shift_images_randomly(images, max_shift=2, seed=3)
    _, other_shifts = shift_images_randomly(images, max_shift=2, seed=4)
    np.testing.assert_array_equal(shifted, again)
    np.testing.assert_array_equal(shifts, same_shifts)
    assert not np.array_equal(shifts, other_shifts)
    assert shifts.shape == (200, 2) and shifts.dtype == np.int64
    assert np.abs(shifts).max() == 2 and not np.any(np.all(shifts == 0, axis=1))
    assert len(np.unique(shifts, axis=0)) == 24  # every offset in the 5x5 square but (0, 0) occurs


def test_each_image_is_shifted_by_its_own_offset():
    images = np.random.default_rng(2).uniform(size=(30, 6, 7, 2))
    shifted, shifts = shift_images_randomly(images, max_shift=1, seed=0)
    for image, moved, (dx, dy) in zip(images, shifted, shifts):
        np.testing.assert_array_equal(moved, shift_images(image[None], int(dx), int(dy))[0])


@pytest.mark.parametrize("kwargs, name", [
    ({"max_shift": 0}, "max_shift"), ({"max_shift": 5}, "max_shift"), ({"max_shift": 1.0}, "max_shift"),
    ({"seed": -1}, "seed"), ({"seed": 0.5}, "seed"),
])
def test_random_shifts_reject_bad_arguments_and_echo_them(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        shift_images_randomly(np.ones((3, 5, 5)), **kwargs)


# --- plot_feature_maps and plot_filters ---------------------------------------------------------------------


@pytest.fixture
def figure():
    fig = plt.figure()
    yield fig
    plt.close(fig)


def test_plot_feature_maps_draws_one_panel_per_channel(figure):
    maps = np.arange(5 * 4 * 3, dtype=float).reshape(5, 4, 3)
    axes = plot_feature_maps(maps, n_cols=2, fig=figure)
    assert axes.shape == (2, 2)
    drawn = [ax for ax in axes.flat if ax.images]
    assert len(drawn) == 3 and [ax.get_title() for ax in drawn] == ["0", "1", "2"]
    np.testing.assert_array_equal(drawn[2].images[0].get_array(), maps[:, :, 2])
    assert not axes.flat[3].images


def test_plot_feature_maps_symmetric_scale_centres_zero(figure):
    maps = np.stack([np.array([[-1.0, 3.0]]), np.array([[-4.0, 2.0]])], axis=-1)
    axes = plot_feature_maps(maps, titles=["a", "b"], symmetric=True, fig=figure)
    assert [ax.images[0].get_clim() for ax in axes.flat] == [(-3.0, 3.0), (-4.0, 4.0)]
    assert [ax.get_title() for ax in axes.flat] == ["a", "b"]


def test_plot_feature_maps_rejects_bad_input(figure):
    with pytest.raises(ValueError, match=r"`maps` to be a 3-D array. Received: shape=\(4, 4\)"):
        plot_feature_maps(np.ones((4, 4)), fig=figure)
    with pytest.raises(ValueError, match="`titles` to have 2 entries"):
        plot_feature_maps(np.ones((4, 4, 2)), titles=["only one"], fig=figure)


def test_plot_filters_draws_each_output_channel_of_keras_layout(figure):
    kernel = np.random.default_rng(0).normal(size=(3, 3, 2, 5))
    axes = plot_filters(kernel, input_channel=1, n_cols=5, fig=figure)
    assert axes.shape == (1, 5)
    np.testing.assert_array_equal(axes.flat[4].images[0].get_array(), kernel[:, :, 1, 4])
    low, high = axes.flat[4].images[0].get_clim()
    assert low == -high == -np.abs(kernel[:, :, 1, 4]).max()
    assert axes.flat[0].get_title() == "filter 0"


@pytest.mark.parametrize("kernel, channel, fragment", [
    (np.ones((3, 3, 4)), 0, "`kernel` to be a 4-D array"),
    (np.ones((3, 3, 2, 4)), 2, "`input_channel` to be an integer from 0 to 1. Received: input_channel=2"),
    (np.ones((3, 3, 2, 4)), True, "Received: input_channel=True"),
])
def test_plot_filters_rejects_bad_input(figure, kernel, channel, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        plot_filters(kernel, input_channel=channel, fig=figure)
