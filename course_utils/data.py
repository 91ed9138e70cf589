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


# --- lesson 09 ---
PHOTOGRAPH_SIZE = 512


def _check_images(images, *, name: str = "images") -> np.ndarray:
    """Return `images` as an array of shape ``(n, height, width)`` or ``(n, height, width, channels)``.

    Raises:
        ValueError: Naming the argument and the shape received.
    """
    array = np.asarray(images)
    if array.ndim not in (3, 4) or array.dtype.kind not in "biuf":
        raise ValueError(f"Expected `{name}` to be a numeric array of shape (n, height, width) or (n, height, width, channels). "
                         f"Received: shape={array.shape}, dtype={array.dtype}")
    return array


def load_photograph(*, size: int = PHOTOGRAPH_SIZE) -> np.ndarray:
    """Load scikit-image's bundled "camera" photograph (a cameraman on a lawn), grey levels in [0, 1].

    Introduced in lesson 09, where edge filters are applied to it. The picture
    is the 512x512 PNG file inside scikit-image's wheel: nothing is
    downloaded. A smaller `size` averages square blocks of pixels.

    Args:
        size: Side of the returned image in pixels, a divisor of 512
            (512, 256, 128, ...).

    Returns:
        A float32 array of shape ``(size, size)``, 0 for black and 1 for white.

    Raises:
        ValueError: If `size` does not divide 512.
        ImportError: If scikit-image is not installed (it is in requirements.txt).

    Example:
        >>> load_photograph(size=128).shape
        (128, 128)
    """
    size = _check_integer("size", size, minimum=1, expected="a positive integer")
    if PHOTOGRAPH_SIZE % size:
        raise ValueError(f"Expected `size` to divide {PHOTOGRAPH_SIZE} (512, 256, 128, ...). Received: size={size!r}")
    try:
        from skimage import data as skimage_data  # noqa: PLC0415 (a file inside the wheel, no download)
    except ImportError as error:
        raise ImportError("load_photograph needs scikit-image: pip install -r requirements.txt") from error
    photo = skimage_data.camera().astype(np.float32) / 255.0
    block = PHOTOGRAPH_SIZE // size
    return photo.reshape(size, block, size, block).mean(axis=(1, 3), dtype=np.float64).astype(np.float32)


def pad_images(images, margin: int) -> np.ndarray:
    """Surround every image with a border of zeros `margin` pixels wide (lesson 09).

    Digits fill their 8x8 box; on a larger blank canvas they can be shifted
    without losing ink (see `shift_images`).

    Args:
        images: Array of shape ``(n, height, width)`` or ``(n, height, width, channels)``.
        margin: Width of the border, a non-negative integer.

    Returns:
        A new array of the same dtype, shape ``(n, height + 2·margin, width + 2·margin[, channels])``.

    Raises:
        ValueError: If `images` has another number of dimensions or `margin` is not a non-negative integer.

    Example:
        >>> pad_images(np.ones((1, 2, 2)), 1)[0]
        array([[0., 0., 0., 0.],
               [0., 1., 1., 0.],
               [0., 1., 1., 0.],
               [0., 0., 0., 0.]])
    """
    images = _check_images(images)
    margin = _check_integer("margin", margin, minimum=0, expected="a non-negative integer")
    widths = [(0, 0), (margin, margin), (margin, margin)] + [(0, 0)] * (images.ndim - 3)
    return np.pad(images, widths)


def shift_images(images, dx: int, dy: int) -> np.ndarray:
    """Shift every image `dx` pixels to the right and `dy` pixels down, filling with zeros (lesson 09).

    What is shifted past an edge is lost; the pixels uncovered on the other
    side are 0 (blank). Negative values shift left or up.

    Args:
        images: Array of shape ``(n, height, width)`` or ``(n, height, width, channels)``.
        dx: Columns to shift right (negative: left), an integer with ``|dx| < width``.
        dy: Rows to shift down (negative: up), an integer with ``|dy| < height``.

    Returns:
        A new array of the same shape and dtype.

    Raises:
        ValueError: If `images` has another number of dimensions, or `dx` or `dy`
            is not an integer smaller in size than the images.

    Example:
        >>> shift_images(np.array([[[1, 2], [3, 4]]]), 1, 0)[0]
        array([[0, 1],
               [0, 3]])
    """
    images = _check_images(images)
    height, width = images.shape[1:3]
    dx = _check_integer("dx", dx, minimum=-(width - 1), expected=f"an integer from {-(width - 1)} to {width - 1}")
    dy = _check_integer("dy", dy, minimum=-(height - 1), expected=f"an integer from {-(height - 1)} to {height - 1}")
    if dx >= width or dy >= height:
        name, value, size = ("dx", dx, width) if dx >= width else ("dy", dy, height)
        raise ValueError(f"Expected `{name}` to be an integer from {-(size - 1)} to {size - 1}. Received: {name}={value!r}")
    shifted = np.zeros_like(images)
    rows_to, rows_from = slice(max(dy, 0), height + min(dy, 0)), slice(max(-dy, 0), height - max(dy, 0))
    cols_to, cols_from = slice(max(dx, 0), width + min(dx, 0)), slice(max(-dx, 0), width - max(dx, 0))
    shifted[:, rows_to, cols_to] = images[:, rows_from, cols_from]
    return shifted


def shift_images_randomly(images, *, max_shift: int = 2, seed: int = 0) -> "tuple[np.ndarray, np.ndarray]":
    """Shift each image by its own random offset of at most `max_shift` pixels in each direction (lesson 09).

    Each image gets a shift ``(dx, dy)`` drawn uniformly from the integers
    ``-max_shift..max_shift`` in each direction, never ``(0, 0)``; see
    `shift_images` for the meaning of dx and dy.

    Args:
        images: Array of shape ``(n, height, width)`` or ``(n, height, width, channels)``.
        max_shift: Largest shift in either direction, a positive integer
            smaller than the images' height and width.
        seed: Non-negative integer that fixes the shifts.

    Returns:
        ``(shifted, shifts)``: the shifted images (a new array of the same
        shape and dtype) and an int64 array ``(n, 2)`` of each image's ``(dx, dy)``.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> shifted, shifts = shift_images_randomly(np.ones((5, 8, 8)), max_shift=1, seed=0)
        >>> shifted.shape, shifts.shape, int(np.abs(shifts).max())
        ((5, 8, 8), (5, 2), 1)
    """
    images = _check_images(images)
    max_shift = _check_integer("max_shift", max_shift, minimum=1, expected="a positive integer")
    if max_shift >= min(images.shape[1:3]):
        raise ValueError(f"Expected `max_shift` to be smaller than the images' height and width {images.shape[1:3]}. "
                         f"Received: max_shift={max_shift!r}")
    rng = np.random.default_rng(_check_seed(seed))
    offsets = np.array([(dx, dy) for dy in range(-max_shift, max_shift + 1) for dx in range(-max_shift, max_shift + 1)
                        if (dx, dy) != (0, 0)], dtype=np.int64)
    shifts = offsets[rng.integers(0, len(offsets), size=len(images))]
    shifted = np.zeros_like(images)
    for dx, dy in np.unique(shifts, axis=0):
        chosen = np.all(shifts == (dx, dy), axis=1)
        shifted[chosen] = shift_images(images[chosen], int(dx), int(dy))
    return shifted, shifts


# --- lesson 08 ---
DIABETES_FEATURES = ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")
CHECKERBOARD_HALF_WIDTH = 1.0


def load_diabetes(*, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Load scikit-learn's bundled diabetes table (442 patients), split train/test.

    Introduced in lesson 08, for regression. Each row holds 10 measurements
    taken at a first visit, in their original units (`DIABETES_FEATURES`:
    age in years, sex coded 1 or 2, body-mass index, mean blood pressure and
    six blood-serum values); the target is a measure of how far the disease
    progressed one year later (25 to 346). The table is a file inside
    scikit-learn's wheel: nothing is downloaded. The split depends only on
    `seed`.

    Args:
        test_fraction: Fraction of the patients held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the shuffle.

    Returns:
        A `Split` of float32 features ``(n, 10)`` and float32 targets ``(n,)``.

    Raises:
        ValueError: If `test_fraction` or `seed` is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_diabetes(seed=0)
        >>> x_train.shape, x_test.shape
        ((331, 10), (111, 10))
    """
    test_fraction = _check_fraction("test_fraction", test_fraction)
    seed = _check_seed(seed)
    from sklearn.datasets import load_diabetes as sklearn_diabetes  # noqa: PLC0415 (bundled file, no download)
    from sklearn.model_selection import train_test_split  # noqa: PLC0415

    bunch = sklearn_diabetes(scaled=False)
    parts = train_test_split(bunch.data.astype(np.float32), bunch.target.astype(np.float32), test_size=test_fraction, random_state=seed)
    return Split(*parts)


def checkerboard_labels(points, cells: int) -> np.ndarray:
    """The colour (0 or 1) of the checkerboard square each point falls in (lesson 08).

    The square [-1, 1]² is cut into ``cells`` x ``cells`` equal squares,
    coloured alternately like a chessboard: the label is the parity of the
    sum of the column and row numbers. Points on or beyond the edge count in
    the outermost squares.

    Args:
        points: Array of shape ``(n, 2)``.
        cells: Squares along each side, an integer of at least 2.

    Returns:
        An int64 array of shape ``(n,)`` with values 0 and 1.

    Raises:
        ValueError: If `points` is not ``(n, 2)`` or `cells` is out of range.

    Example:
        >>> checkerboard_labels(np.array([[-0.9, -0.9], [0.1, -0.9], [0.1, 0.1]]), cells=2).tolist()
        [0, 1, 0]
    """
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"Expected `points` of shape (n, 2). Received: shape={points.shape}")
    cells = _check_integer("cells", cells, minimum=2, expected="an integer of at least 2")
    width = 2 * CHECKERBOARD_HALF_WIDTH / cells
    index = np.clip(np.floor((points + CHECKERBOARD_HALF_WIDTH) / width), 0, cells - 1).astype(np.int64)
    return index.sum(axis=1) % 2


def load_checkerboard(*, n_samples: int = 4000, cells: int = 6, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Generate points spread evenly over a checkerboard, labelled by the colour of their square, split train/test.

    Introduced in lesson 08 to measure what depth buys. The label is a
    composition of simple pieces: which column a point is in, which row,
    and whether the two numbers have the same parity (see
    `checkerboard_labels`); networks with several layers can build such
    compositions with far fewer parameters than one wide layer. The points
    are uniform on [-1, 1]²; they and the stratified split depend only on the
    arguments.

    Args:
        n_samples: Total number of points (train and test), an integer of at least 4.
        cells: Squares along each side of the board, an integer of at least 2.
        test_fraction: Fraction of the points held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the points and the shuffle.

    Returns:
        A `Split` of float32 points of shape ``(n, 2)`` and int64 labels 0 or 1.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_checkerboard(seed=0)
        >>> x_train.shape, x_test.shape
        ((3000, 2), (1000, 2))
    """
    n_samples = _check_n_samples(n_samples)
    cells = _check_integer("cells", cells, minimum=2, expected="an integer of at least 2")
    test_fraction = _check_fraction("test_fraction", test_fraction)
    seed = _check_seed(seed)
    from sklearn.model_selection import train_test_split  # noqa: PLC0415

    rng = np.random.default_rng(seed)
    points = rng.uniform(-CHECKERBOARD_HALF_WIDTH, CHECKERBOARD_HALF_WIDTH, size=(n_samples, 2)).astype(np.float32)
    labels = checkerboard_labels(points, cells)  # from the float32 points the caller gets
    parts = train_test_split(points, labels, test_size=test_fraction, random_state=seed, stratify=labels)
    return Split(*parts)
