"""Lesson 11's helpers: the ring of Gaussians (seeded, offline, validated), the mode-coverage metric and the sample plot."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import load_ring_of_gaussians, mode_coverage, ring_centres  # noqa: E402
from course_utils.plotting import plot_gan_samples  # noqa: E402


# --- ring_centres and load_ring_of_gaussians ----------------------------------------------------------------------


def test_centres_lie_evenly_on_the_circle():
    centres = ring_centres(modes=8, radius=2.0)
    assert centres.shape == (8, 2) and centres.dtype == np.float64
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 2.0)
    np.testing.assert_allclose(centres[0], [2.0, 0.0], atol=1e-12)
    angles = np.unwrap(np.arctan2(centres[:, 1], centres[:, 0]))
    np.testing.assert_allclose(np.diff(angles), 2 * np.pi / 8)


def test_ring_is_seeded_offline_and_float32(no_network):
    points = load_ring_of_gaussians(n_samples=500, seed=3)
    assert points.shape == (500, 2) and points.dtype == np.float32
    np.testing.assert_array_equal(points, load_ring_of_gaussians(n_samples=500, seed=3))
    assert not np.array_equal(points, load_ring_of_gaussians(n_samples=500, seed=4))


def test_ring_points_gather_around_every_centre_with_the_given_std():
    modes, radius, std = 6, 3.0, 0.2
    points = load_ring_of_gaussians(n_samples=6000, modes=modes, radius=radius, std=std, seed=0).astype(np.float64)
    centres = ring_centres(modes=modes, radius=radius)
    nearest = np.linalg.norm(points[:, None] - centres[None], axis=-1).argmin(axis=1)
    counts = np.bincount(nearest, minlength=modes)
    assert counts.min() > 0.8 * 1000 and counts.max() < 1.2 * 1000  # about equal shares
    offsets = points - centres[nearest]
    np.testing.assert_allclose(offsets.std(axis=0), std, rtol=0.05)
    np.testing.assert_allclose(offsets.mean(axis=0), 0.0, atol=0.02)


@pytest.mark.parametrize("argument, value", [
    ("n_samples", 0), ("n_samples", 2.5), ("n_samples", True), ("modes", 1), ("modes", "8"), ("radius", 0.0),
    ("radius", -1.0), ("std", 0.0), ("std", float("nan")), ("seed", -1),
])
def test_ring_arguments_are_validated_and_echoed(argument, value):
    with pytest.raises(ValueError, match=rf"`{argument}`.*Received: {argument}="):
        load_ring_of_gaussians(**{argument: value})


# --- mode_coverage ------------------------------------------------------------------------------------------------


def test_real_data_covers_every_mode_with_high_quality():
    score = mode_coverage(load_ring_of_gaussians(n_samples=2000, seed=0))
    assert score.covered == 8 and score.quality_share > 0.97
    assert score.counts.shape == (8,) and score.counts.dtype == np.int64 and score.counts.sum() <= 2000


def test_a_collapsed_generator_covers_one_mode_and_noise_has_low_quality():
    centres = ring_centres()
    one_mode = centres[3] + np.random.default_rng(0).normal(scale=0.05, size=(1000, 2))
    collapsed = mode_coverage(one_mode)
    assert collapsed.covered == 1 and collapsed.quality_share == 1.0 and collapsed.counts[3] == 1000
    noise = mode_coverage(np.random.default_rng(1).uniform(-3, 3, size=(1000, 2)))
    assert noise.quality_share < 0.15


def test_coverage_counts_only_high_quality_samples_against_all_samples():
    centres = ring_centres(modes=4, radius=1.0)
    # mode 0: 3 samples at its centre; mode 1: 5 samples at 0.5 (beyond 3 x 0.1); 92 samples at the origin (far from all)
    samples = np.concatenate([np.repeat(centres[:1], 3, axis=0), np.repeat(centres[1:2] * 1.5, 5, axis=0), np.zeros((92, 2))])
    score = mode_coverage(samples, modes=4, radius=1.0, std=0.1, min_share=0.03)
    assert score.counts.tolist() == [3, 0, 0, 0] and score.quality_share == pytest.approx(0.03)
    assert score.covered == 1  # exactly min_share of all samples is enough
    assert mode_coverage(samples, modes=4, radius=1.0, std=0.1, min_share=0.04).covered == 0


@pytest.mark.parametrize("samples", [np.zeros((5, 3)), np.zeros(4), np.zeros((0, 2))])
def test_coverage_refuses_samples_that_are_not_points(samples):
    with pytest.raises(ValueError, match=r"`samples` of shape \(n, 2\).*Received: shape="):
        mode_coverage(samples)


@pytest.mark.parametrize("argument, value", [("quality_radius", 0.0), ("min_share", 1.0), ("min_share", 0.0), ("std", -0.1)])
def test_coverage_arguments_are_validated(argument, value):
    with pytest.raises(ValueError, match=rf"`{argument}`.*Received: {argument}="):
        mode_coverage(np.zeros((3, 2)), **{argument: value})


# --- plot_gan_samples ---------------------------------------------------------------------------------------------


def test_plot_draws_samples_real_points_and_one_circle_per_centre():
    fig, ax = plt.subplots()
    samples, real = np.random.default_rng(0).normal(size=(50, 2)), load_ring_of_gaussians(n_samples=80)
    drawn = plot_gan_samples(samples, real=real, centres=ring_centres(), radius=0.3, ax=ax, title="t")
    assert drawn.get_offsets().shape == (50, 2) and len(ax.collections) == 2 and len(ax.patches) == 8
    assert ax.get_xlim() == (-3.0, 3.0) and ax.get_title() == "t"
    plt.close(fig)


@pytest.mark.parametrize("kwargs, fragment", [
    ({"samples": np.zeros((5, 3))}, "samples"), ({"samples": np.zeros((5, 2)), "centres": np.zeros((2, 2))}, "radius"),
    ({"samples": np.zeros((5, 2)), "limit": 0}, "limit"),
])
def test_plot_refuses_bad_arguments(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        plot_gan_samples(**kwargs)
    plt.close("all")
