"""Offline, seeded data sets (see COURSE.md, "Datasets the package provides").

Nothing here downloads anything. Every loader takes a ``seed`` and returns the
same arrays for the same arguments. Later lessons add their sets here.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

DIGITS_IMAGE_SHAPE = (8, 8)
DIGITS_MAX_PIXEL = 16.0
SPIRAL_MAX_RADIUS = 2.0


class Split(NamedTuple):
    """A train/test split: ``x_train, x_test, y_train, y_test = split``."""

    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def _check_integer(name: str, value: int, *, minimum: int, expected: str) -> int:
    """Return `value` as an int if it is an integer (not a bool) of at least `minimum`.

    Args:
        name: The argument's name, for the message.
        value: What the caller passed.
        minimum: The smallest value allowed.
        expected: What is expected, in words, e.g. "a non-negative integer".

    Raises:
        ValueError: Naming the argument, what was expected and the value received.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"Expected `{name}` to be {expected}. Received: {name}={value!r}")
    return int(value)


def _check_number(name: str, value: float, *, allowed: Callable[[float], bool], expected: str) -> float:
    """Return `value` as a float if it is a real number (not a bool) for which `allowed` holds.

    Args:
        name: The argument's name, for the message.
        value: What the caller passed.
        allowed: The range test, e.g. ``lambda v: v >= 0`` (nan fails every test).
        expected: What is expected, in words, e.g. "a number >= 0".

    Raises:
        ValueError: Naming the argument, what was expected and the value received.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not allowed(value):
        raise ValueError(f"Expected `{name}` to be {expected}. Received: {name}={value!r}")
    return float(value)


def _check_fraction(name: str, value: float) -> float:
    """A number strictly between 0 and 1 (see `_check_number`)."""
    return _check_number(name, value, allowed=lambda v: 0 < v < 1, expected="a number strictly between 0 and 1")


def _check_seed(seed: int) -> int:
    """A non-negative integer (see `_check_integer`)."""
    return _check_integer("seed", seed, minimum=0, expected="a non-negative integer")


def _check_n_samples(n_samples: int) -> int:
    """An integer of at least 4 (see `_check_integer`)."""
    return _check_integer("n_samples", n_samples, minimum=4, expected="an integer of at least 4")


def _check_noise(noise: float) -> float:
    """A number >= 0 (see `_check_number`)."""
    return _check_number("noise", noise, allowed=lambda v: v >= 0, expected="a number >= 0")


def load_digits(*, test_fraction: float = 0.25, seed: int = 0, flatten: bool = True, scale: bool = True) -> Split:
    """Load scikit-learn's bundled 1,797 handwritten digits, split train/test.

    Introduced in lesson 00. Each image is 8x8 grey levels from 0 to 16. The
    split is stratified (each digit appears in the same proportion in both
    parts) and depends only on `seed`.

    Args:
        test_fraction: Fraction of the images held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the shuffle.
        flatten: Return images as rows of 64 pixels (``(n, 64)``) instead of
            ``(n, 8, 8)`` matrices.
        scale: Divide pixels by 16 so they lie in [0, 1] (float32);
            otherwise keep the raw grey levels 0..16 (float32).

    Returns:
        A `Split` of float32 images and int64 labels 0..9.

    Raises:
        ValueError: If `test_fraction` or `seed` is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_digits(seed=0)
        >>> x_train.shape, x_test.shape
        ((1347, 64), (450, 64))
    """
    test_fraction = _check_fraction("test_fraction", test_fraction)
    seed = _check_seed(seed)
    from sklearn.datasets import load_digits as sklearn_digits  # noqa: PLC0415 (bundled file, no download)
    from sklearn.model_selection import train_test_split  # noqa: PLC0415

    bunch = sklearn_digits()
    images = bunch.images.astype(np.float32)
    if scale:
        images /= DIGITS_MAX_PIXEL
    if flatten:
        images = images.reshape(len(images), -1)
    labels = bunch.target.astype(np.int64)
    parts = train_test_split(images, labels, test_size=test_fraction, random_state=seed, stratify=labels)
    return Split(*parts)


def load_two_moons(*, n_samples: int = 600, noise: float = 0.2, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Generate scikit-learn's two interleaving half-circles ("two moons"), split train/test.

    Introduced in lesson 03. No straight line separates the two classes, so a
    network needs a non-linear activation to classify them well. The points
    are drawn by `sklearn.datasets.make_moons` (nothing is downloaded); the
    points and the stratified split depend only on the arguments.

    Args:
        n_samples: Total number of points (both classes, train and test), an
            integer of at least 4.
        noise: Standard deviation of the Gaussian noise added to the points,
            a number >= 0.
        test_fraction: Fraction of the points held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the points and the shuffle.

    Returns:
        A `Split` of float32 points of shape ``(n, 2)`` and int64 labels 0 or 1.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_two_moons(seed=0)
        >>> x_train.shape, x_test.shape
        ((450, 2), (150, 2))
    """
    n_samples, noise = _check_n_samples(n_samples), _check_noise(noise)
    test_fraction = _check_fraction("test_fraction", test_fraction)
    seed = _check_seed(seed)
    from sklearn.datasets import make_moons  # noqa: PLC0415 (generated, no download)
    from sklearn.model_selection import train_test_split  # noqa: PLC0415

    points, labels = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    parts = train_test_split(points.astype(np.float32), labels.astype(np.int64), test_size=test_fraction, random_state=seed, stratify=labels)
    return Split(*parts)


def load_spirals(*, n_samples: int = 600, noise: float = 0.2, turns: float = 1.5, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Generate two interleaved spiral arms, one per class, split train/test.

    Introduced in lesson 06. Each arm winds `turns` times around the origin,
    the second rotated half a turn from the first, so the classes wrap around
    each other: no straight line, and no single bend, separates them. Radii
    run from 0 to 2, so the points lie roughly in [-2, 2]². The points and
    the stratified split depend only on the arguments.

    Args:
        n_samples: Total number of points (both classes, train and test), an
            even integer of at least 4 (half per arm).
        noise: Standard deviation of the Gaussian noise added to the points,
            in units of a tenth of the largest radius, a number >= 0.
        turns: How many times each arm winds around the origin, a number > 0.
        test_fraction: Fraction of the points held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the points and the shuffle.

    Returns:
        A `Split` of float32 points of shape ``(n, 2)`` and int64 labels 0 or 1.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_spirals(seed=0)
        >>> x_train.shape, x_test.shape
        ((450, 2), (150, 2))
    """
    n_samples, noise = _check_n_samples(n_samples), _check_noise(noise)
    if n_samples % 2:
        raise ValueError(f"Expected `n_samples` to be even (half per arm). Received: n_samples={n_samples!r}")
    turns = _check_number("turns", turns, allowed=lambda v: v > 0, expected="a number > 0")
    test_fraction = _check_fraction("test_fraction", test_fraction)
    seed = _check_seed(seed)
    from sklearn.model_selection import train_test_split  # noqa: PLC0415

    rng = np.random.default_rng(seed)
    per_arm = n_samples // 2
    position = np.sqrt(rng.uniform(size=(2, per_arm)))  # sqrt: as many points far out on an arm as near the centre
    angle = 2.0 * np.pi * turns * position + np.array([[0.0], [np.pi]])
    radius = SPIRAL_MAX_RADIUS * position
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=-1).reshape(-1, 2)
    points += rng.normal(scale=0.1 * SPIRAL_MAX_RADIUS * noise, size=points.shape)
    labels = np.repeat(np.arange(2), per_arm)
    parts = train_test_split(points.astype(np.float32), labels.astype(np.int64), test_size=test_fraction, random_state=seed, stratify=labels)
    return Split(*parts)
