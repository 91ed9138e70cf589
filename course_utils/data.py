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


# --- lesson 10 ---
SINE_PERIODS = (24.0, 9.0)
SINE_AMPLITUDES = (1.0, 0.5)
CO2_FREQUENCIES = ("monthly", "weekly")
SENTIMENT_POSITIVE = ("good", "great", "fun", "clever", "moving", "charming", "lovely", "gripping")
SENTIMENT_NEGATIVE = ("boring", "dull", "slow", "silly", "clumsy", "bland", "awful", "tedious")
SENTIMENT_SUBJECTS = ("the film", "the plot", "the cast", "the story", "the ending", "the music", "the acting", "the script")
SENTIMENT_KINDS = ("but", "although", "not", "and")


class TimeSeries(NamedTuple):
    """A dated series: ``years, values = series`` (decimal years, one value per step)."""

    years: np.ndarray
    values: np.ndarray


def _check_series(series, *, name: str = "series") -> np.ndarray:
    """Return `series` as a 1-D numeric array with finite values.

    Raises:
        ValueError: Naming the argument, the shape and dtype received.
    """
    array = np.asarray(series)
    if array.ndim != 1 or array.dtype.kind not in "biuf" or not np.all(np.isfinite(array)):
        raise ValueError(f"Expected `{name}` to be a 1-D numeric array of finite values. Received: shape={array.shape}, dtype={array.dtype}")
    return array


def load_sine_series(*, n_steps: int = 1000, noise: float = 0.1, seed: int = 0) -> np.ndarray:
    """Generate a noisy sum of two sines, a synthetic time series to forecast.

    Introduced in lesson 10. Step t holds
    ``sin(2 pi t / 24 + a) + 0.5 sin(2 pi t / 9 + b) + noise``, with phases
    a and b and Gaussian noise of standard deviation `noise` drawn from `seed`.

    Args:
        n_steps: Length of the series, an integer of at least 4.
        noise: Standard deviation of the noise, a number >= 0.
        seed: Non-negative integer that fixes the phases and the noise.

    Returns:
        A float32 array of shape ``(n_steps,)``.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> load_sine_series(n_steps=500, seed=1).shape
        (500,)
    """
    n_steps = _check_integer("n_steps", n_steps, minimum=4, expected="an integer of at least 4")
    noise = _check_noise(noise)
    rng = np.random.default_rng(_check_seed(seed))
    steps = np.arange(n_steps)
    phases = rng.uniform(0.0, 2.0 * np.pi, size=len(SINE_PERIODS))
    clean = sum(amplitude * np.sin(2.0 * np.pi * steps / period + phase)
                for amplitude, period, phase in zip(SINE_AMPLITUDES, SINE_PERIODS, phases))
    return (clean + rng.normal(scale=noise, size=n_steps)).astype(np.float32)


def load_co2(*, frequency: str = "monthly") -> TimeSeries:
    """Load the Mauna Loa CO₂ series (parts per million) that ships inside statsmodels' wheel.

    Introduced in lesson 10, where a recurrent network forecasts it. The file
    holds weekly means from March 1958 to December 2001, 59 weeks of which are
    missing; they are filled by linear interpolation between their
    neighbours. ``"monthly"`` averages the weeks of each calendar month from
    April 1958 (the first complete month) to December 2001. Nothing is
    downloaded.

    Args:
        frequency: ``"monthly"`` (525 values) or ``"weekly"`` (2,284 values).

    Returns:
        A `TimeSeries`: float64 decimal years (the start of each month, or
        each week's date) and float32 CO₂ concentrations.

    Raises:
        ValueError: If `frequency` is not one of the two.
        ImportError: If statsmodels is not installed (it is in requirements.txt).

    Example:
        >>> years, ppm = load_co2()
        >>> len(ppm), round(float(years[0]), 2)
        (525, 1958.25)
    """
    if not isinstance(frequency, str) or frequency not in CO2_FREQUENCIES:
        raise ValueError(f"Expected `frequency` to be 'monthly' or 'weekly'. Received: frequency={frequency!r}")
    try:
        from statsmodels.datasets import co2  # noqa: PLC0415 (co2.csv inside the wheel, no download)
    except ImportError as error:
        raise ImportError("load_co2 needs statsmodels: pip install -r requirements.txt") from error
    weekly = co2.load_pandas().data["co2"].interpolate(method="linear")
    series = weekly if frequency == "weekly" else weekly.resample("MS").mean().iloc[1:]  # March 1958 has one week only
    dates = series.index
    years = dates.year + (dates.day_of_year.to_numpy() - 1) / np.where(dates.is_leap_year, 366.0, 365.0)
    return TimeSeries(np.asarray(years, dtype=np.float64), series.to_numpy(dtype=np.float32))


def make_windows(series, window: int, *, horizon: int = 1) -> "tuple[np.ndarray, np.ndarray]":
    """Cut a series into overlapping input windows, each with the value `horizon` steps after it as target.

    Introduced in lesson 10. Window i holds ``series[i : i + window]`` and its
    target is ``series[i + window - 1 + horizon]``: with ``horizon=1`` the
    next value, with ``horizon=h`` the value h steps after the window's last.
    Every window whose target lies inside the series is returned, in order.

    Args:
        series: 1-D numeric array of finite values.
        window: Length of each input window, a positive integer.
        horizon: How many steps after the window's last value the target lies, a positive integer.

    Returns:
        ``(windows, targets)`` of shapes ``(n, window)`` and ``(n,)`` with
        ``n = len(series) - window - horizon + 1``, in the series' dtype.

    Raises:
        ValueError: If `series` is not 1-D, or `window` or `horizon` is not a
            positive integer, or the series is too short for one window and its target.

    Example:
        >>> windows, targets = make_windows(np.arange(6.0), 3, horizon=2)
        >>> windows.tolist(), targets.tolist()
        ([[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]], [4.0, 5.0])
    """
    series = _check_series(series)
    window = _check_integer("window", window, minimum=1, expected="a positive integer")
    horizon = _check_integer("horizon", horizon, minimum=1, expected="a positive integer")
    n = len(series) - window - horizon + 1
    if n < 1:
        raise ValueError(f"Expected `series` to hold at least window + horizon = {window + horizon} values. "
                         f"Received: len(series)={len(series)}, window={window}, horizon={horizon}")
    starts = np.arange(n)[:, None]
    return series[starts + np.arange(window)], series[window - 1 + horizon + np.arange(n)]


def _sentiment_pair(rng) -> "tuple[str, list, list]":
    """One pair of sentences with the same words: its kind, the two texts and their labels (1 positive, 0 negative)."""
    kind = SENTIMENT_KINDS[int(rng.integers(len(SENTIMENT_KINDS)))]
    subject = SENTIMENT_SUBJECTS[int(rng.integers(len(SENTIMENT_SUBJECTS)))]
    good = SENTIMENT_POSITIVE[int(rng.integers(len(SENTIMENT_POSITIVE)))]
    bad = SENTIMENT_NEGATIVE[int(rng.integers(len(SENTIMENT_NEGATIVE)))]
    if kind == "but":  # the clause after "but" decides
        return kind, [f"{subject} was {good} but {bad}", f"{subject} was {bad} but {good}"], [0, 1]
    if kind == "although":  # the main clause, before "although", decides
        return kind, [f"{subject} was {good} although {bad}", f"{subject} was {bad} although {good}"], [1, 0]
    if kind == "not":  # "not" turns round the word right after it only
        return kind, [f"{subject} was not {good} , just {bad}", f"{subject} was not {bad} , just {good}"], [0, 1]
    other = rng.permutation(SENTIMENT_POSITIVE if rng.integers(2) else SENTIMENT_NEGATIVE)[:2]
    label = int(other[0] in SENTIMENT_POSITIVE)
    return kind, [f"{subject} was {other[0]} and {other[1]}", f"{subject} was {other[1]} and {other[0]}"], [label, label]


def load_sentiment(*, n_pairs: int = 1000, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Generate short film reviews in pairs with the same words in a different order, labelled 1 (positive) or 0.

    Introduced in lesson 10: word order decides most labels, so a model that
    reads a sentence as a bag of words cannot get them right. Each pair is
    one of four kinds, drawn with equal chances:

    - "but": ``"the plot was fun but slow"`` is negative, ``"the plot was slow but fun"`` positive;
    - "although": the clause before "although" decides (``"... fun although slow"`` is positive);
    - "not": ``"... was not fun , just slow"`` is negative, ``"... was not slow , just fun"`` positive;
    - "and": two words of the same feeling in either order, both pairs with the same label.

    Words are separated by single spaces (the comma is a word). Whole pairs go
    to the training or the test part, and the two sentences of a pair stay
    next to each other: sentences ``2i`` and ``2i + 1`` of each part form a pair.

    Args:
        n_pairs: Number of pairs (train and test), an integer of at least 4.
        test_fraction: Fraction of the pairs held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the sentences and the split.

    Returns:
        A `Split` of string arrays of sentences and int64 labels.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> x_train, x_test, y_train, y_test = load_sentiment(n_pairs=100, seed=0)
        >>> len(x_train), len(x_test)
        (150, 50)
    """
    n_pairs = _check_integer("n_pairs", n_pairs, minimum=4, expected="an integer of at least 4")
    test_fraction = _check_fraction("test_fraction", test_fraction)
    rng = np.random.default_rng(_check_seed(seed))
    texts, labels = [], []
    for _ in range(n_pairs):
        _, pair_texts, pair_labels = _sentiment_pair(rng)
        texts.append(pair_texts)
        labels.append(pair_labels)
    texts, labels = np.array(texts), np.array(labels, dtype=np.int64)
    n_test = min(max(int(round(test_fraction * n_pairs)), 1), n_pairs - 1)
    order = rng.permutation(n_pairs)
    train, test = order[n_test:], order[:n_test]
    return Split(texts[train].ravel(), texts[test].ravel(), labels[train].ravel(), labels[test].ravel())


# --- lesson 11 ---
class Coverage(NamedTuple):
    """How well samples cover the modes of a ring of Gaussians (see `mode_coverage`)."""

    covered: int
    quality_share: float
    counts: np.ndarray


def _check_ring(modes: int, radius: float) -> "tuple[int, float]":
    """A number of modes (an integer of at least 2) and a radius (a number > 0) (see `_check_integer`)."""
    modes = _check_integer("modes", modes, minimum=2, expected="an integer of at least 2")
    radius = _check_number("radius", radius, allowed=lambda v: v > 0, expected="a number > 0")
    return modes, radius


def _check_std(std: float) -> float:
    """A number > 0 (see `_check_number`)."""
    return _check_number("std", std, allowed=lambda v: v > 0, expected="a number > 0")


def ring_centres(*, modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """The centres of a ring of Gaussians: `modes` points evenly spaced on a circle (lesson 11).

    The first centre lies on the positive x axis; the others follow
    counter-clockwise, every ``2π / modes`` radians.

    Args:
        modes: Number of centres, an integer of at least 2.
        radius: Radius of the circle, a number > 0.

    Returns:
        A float64 array of shape ``(modes, 2)``.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> ring_centres(modes=4, radius=1.0).round(6) + 0.0
        array([[ 1.,  0.],
               [ 0.,  1.],
               [-1.,  0.],
               [ 0., -1.]])
    """
    modes, radius = _check_ring(modes, radius)
    angles = 2.0 * np.pi * np.arange(modes) / modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def load_ring_of_gaussians(*, n_samples: int = 12800, modes: int = 8, radius: float = 2.0, std: float = 0.1,
                           seed: int = 0) -> np.ndarray:
    """Draw points from a ring of Gaussians, the classic test of whether a GAN covers every mode (lesson 11).

    Each point picks one of the `modes` centres of `ring_centres` at random
    (all equally likely) and adds Gaussian noise of standard deviation `std`
    in each direction. A generator that has learned the distribution puts
    its samples near every centre in equal shares; one that has collapsed
    puts them near one or two.

    Args:
        n_samples: Number of points, an integer of at least 1.
        modes: Number of Gaussians, an integer of at least 2.
        radius: Radius of the circle of centres, a number > 0.
        std: Standard deviation of each Gaussian, a number > 0.
        seed: Non-negative integer that fixes the points.

    Returns:
        A float32 array of shape ``(n_samples, 2)``.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> load_ring_of_gaussians(n_samples=5, seed=0).shape
        (5, 2)
    """
    n_samples = _check_integer("n_samples", n_samples, minimum=1, expected="an integer of at least 1")
    centres = ring_centres(modes=modes, radius=radius)
    std, seed = _check_std(std), _check_seed(seed)
    rng = np.random.default_rng(seed)
    chosen = rng.integers(0, len(centres), size=n_samples)
    return (centres[chosen] + rng.normal(scale=std, size=(n_samples, 2))).astype(np.float32)


def mode_coverage(samples, *, modes: int = 8, radius: float = 2.0, std: float = 0.1, quality_radius: float = 3.0,
                  min_share: float = 0.01) -> Coverage:
    """How many modes of a ring of Gaussians the samples cover, and how many samples are of high quality (lesson 11).

    A sample is of **high quality** when it lies within ``quality_radius * std``
    of its nearest centre (for a 2-D Gaussian, 3 standard deviations hold
    98.9% of its points). A mode is **covered** when at least ``min_share`` of
    all the samples are high-quality samples near it. A generator that
    spreads its samples everywhere has few high-quality samples; one that has
    collapsed onto one mode covers one mode, however good its samples.

    Args:
        samples: Array of shape ``(n, 2)``, e.g. a generator's output.
        modes: Number of Gaussians of the ring, an integer of at least 2.
        radius: Radius of the circle of centres, a number > 0.
        std: Standard deviation of each Gaussian, a number > 0.
        quality_radius: Distance that counts as near, in standard deviations, a number > 0.
        min_share: Share of all samples a mode needs to be covered, in (0, 1).

    Returns:
        A `Coverage`: ``covered`` (an int from 0 to `modes`), ``quality_share``
        (a float in [0, 1]) and ``counts``, the number of high-quality samples
        near each centre (int64, shape ``(modes,)``).

    Raises:
        ValueError: If `samples` is not an array of shape ``(n, 2)`` with n >= 1, or an argument is out of range.

    Example:
        >>> result = mode_coverage(load_ring_of_gaussians(n_samples=800, seed=0))
        >>> result.covered, round(result.quality_share, 2)
        (8, 0.99)
    """
    points = np.asarray(samples, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
        raise ValueError(f"Expected `samples` of shape (n, 2) with n >= 1. Received: shape={points.shape}")
    centres = ring_centres(modes=modes, radius=radius)
    std = _check_std(std)
    quality_radius = _check_number("quality_radius", quality_radius, allowed=lambda v: v > 0, expected="a number > 0")
    min_share = _check_fraction("min_share", min_share)
    distances = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=-1)
    nearest, high_quality = distances.argmin(axis=1), distances.min(axis=1) <= quality_radius * std
    counts = np.bincount(nearest[high_quality], minlength=len(centres)).astype(np.int64)
    return Coverage(int(np.sum(counts >= min_share * len(points))), float(high_quality.mean()), counts)


# --- lessons 12 and 13: synthetic scans ---
class Scans(NamedTuple):
    """Synthetic scans split into train and test: images ``(n, size, size, 1)`` float32 in [0, 1], labels
    ``(n,)`` int (1: a lesion), and the lesion masks ``(n, size, size)`` bool (all False without a lesion)."""

    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    masks_train: np.ndarray
    masks_test: np.ndarray


def _smooth_tissue(rng, n: int, size: int, blobs: int = 6) -> np.ndarray:
    """`n` smooth grey backgrounds: a base level plus a few broad Gaussian blobs, brighter or darker."""
    grid = np.arange(size, dtype=float)
    rows, cols = grid[None, :, None], grid[None, None, :]
    images = np.full((n, size, size), 0.35) + rng.uniform(-0.05, 0.05, (n, 1, 1))
    for _ in range(blobs):
        centre = rng.uniform(0, size, (n, 2, 1, 1))
        width = rng.uniform(0.15, 0.35, (n, 1, 1)) * size
        amplitude = rng.uniform(-0.12, 0.12, (n, 1, 1))
        images += amplitude * np.exp(-((rows - centre[:, 0]) ** 2 + (cols - centre[:, 1]) ** 2) / (2 * width ** 2))
    return images


def load_scans(*, n_samples: int = 2000, size: int = 32, lesion_share: float = 0.5, contrast: float = 0.25,
               noise: float = 0.05, test_fraction: float = 0.25, seed: int = 0) -> Scans:
    """Small synthetic grey "scans" of smooth tissue, some with a bright round lesion, with the lesion's mask.

    Each scan is a smooth random background (broad brighter and darker patches) plus Gaussian pixel noise. A
    lesion is a disc of radius 2 to 4 pixels, at least 3 pixels from the border, whose brightness rises by
    `contrast` with a soft edge; its mask holds the pixels within its radius. Pixels are clipped to [0, 1].

    Args:
        n_samples: Number of scans, at least 4.
        size: Height and width in pixels, at least 16.
        lesion_share: Fraction of scans with a lesion, strictly between 0 and 1.
        contrast: Brightness a lesion adds at its centre, a number > 0.
        noise: Standard deviation of the pixel noise, a number >= 0.
        test_fraction: Fraction of scans held out for testing, strictly between 0 and 1.
        seed: Seed of the generator; the same arguments give the same scans.

    Returns:
        A `Scans` tuple: images (n, size, size, 1) float32, labels int64, masks bool, train then test.

    Raises:
        ValueError: When an argument is out of range; the message echoes the value received.
    """
    n_samples = _check_n_samples(n_samples)
    size = _check_integer("size", size, minimum=16, expected="an integer of at least 16")
    lesion_share = _check_fraction("lesion_share", lesion_share)
    contrast = _check_number("contrast", contrast, allowed=lambda v: v > 0, expected="a number > 0")
    noise, test_fraction, seed = _check_noise(noise), _check_fraction("test_fraction", test_fraction), _check_seed(seed)
    rng = np.random.default_rng(seed)
    images = _smooth_tissue(rng, n_samples, size)
    labels = (rng.permutation(n_samples) < round(lesion_share * n_samples)).astype(np.int64)
    grid = np.arange(size, dtype=float)
    masks = np.zeros((n_samples, size, size), dtype=bool)
    for i in np.flatnonzero(labels):
        radius = rng.uniform(2.0, 4.0)
        row, col = rng.uniform(3 + radius, size - 3 - radius, 2)
        distance = np.sqrt((grid[:, None] - row) ** 2 + (grid[None, :] - col) ** 2)
        images[i] += contrast / (1 + np.exp((distance - radius) / 0.5))  # a disc with a soft edge
        masks[i] = distance <= radius
    images = np.clip(images + rng.normal(0.0, noise, images.shape), 0.0, 1.0).astype(np.float32)[..., None]
    n_test = max(1, round(test_fraction * n_samples))
    return Scans(images[n_test:], images[:n_test], labels[n_test:], labels[:n_test], masks[n_test:], masks[:n_test])


# --- lesson 12 ---
BREAST_CANCER_CLASSES = ("benign", "malignant")
TRANSACTION_FEATURES = ("log_amount", "hour", "log_distance", "merchant_risk", "transactions_24h")


class Transactions(NamedTuple):
    """Transactions split three ways: features ``(n, 5)`` float32 (see `TRANSACTION_FEATURES`), labels
    ``(n,)`` int64 (1: fraud), for training, for validation (choosing a threshold) and for testing."""

    x_train: np.ndarray
    x_val: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray
    y_test: np.ndarray


class Interactions(NamedTuple):
    """Observed user–item pairs and the hidden taste groups that generated them (see `load_interactions`)."""

    users: np.ndarray
    items: np.ndarray
    user_groups: np.ndarray
    item_groups: np.ndarray
    popular_items: np.ndarray


def load_breast_cancer(*, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """The Wisconsin breast-cancer table that ships inside scikit-learn, split and standardised (lesson 12).

    569 tumours, 30 measurements of their cell nuclei each (radius, texture,
    ...). The label is 1 for **malignant** (the positive class, what a test
    must find) and 0 for benign: scikit-learn's own coding is the reverse.
    Each feature is standardised with the mean and standard deviation of the
    **training** rows only, so nothing about the test rows leaks into the
    model.

    Args:
        test_fraction: Fraction of rows held out for testing, strictly between 0 and 1.
        seed: Non-negative integer that fixes the shuffle.

    Returns:
        A `Split`: features float32 ``(n, 30)``, labels int64 ``(n,)``.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> split = load_breast_cancer(seed=0)
        >>> split.x_train.shape, split.x_test.shape, int(split.y_train.sum() + split.y_test.sum())
        ((427, 30), (142, 30), 212)
    """
    from sklearn.datasets import load_breast_cancer as _sklearn_breast_cancer  # noqa: PLC0415 (in the wheel, no download)

    test_fraction, seed = _check_fraction("test_fraction", test_fraction), _check_seed(seed)
    table = _sklearn_breast_cancer()
    x, y = table.data.astype(np.float64), (1 - table.target).astype(np.int64)  # scikit-learn: 0 is malignant
    order = np.random.default_rng(seed).permutation(len(y))
    n_test = max(1, round(test_fraction * len(y)))
    test, train = order[:n_test], order[n_test:]
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    scaled = ((x - mean) / std).astype(np.float32)
    return Split(scaled[train], scaled[test], y[train], y[test])


def _transaction_features(rng, n: int, *, log_amount, hour, log_distance, risk, per_day) -> np.ndarray:
    """`n` rows of the five transaction features, each drawn from the distribution given as ``(parameter, ...)``."""
    return np.stack([
        rng.normal(*log_amount, n),
        np.mod(rng.normal(*hour, n), 24.0),
        rng.normal(*log_distance, n),
        rng.beta(*risk, n),
        rng.poisson(per_day, n).astype(float),
    ], axis=1)


def load_transactions(*, n_samples: int = 48000, fraud_share: float = 0.01, validation_fraction: float = 0.25,
                      test_fraction: float = 0.25, seed: int = 0) -> Transactions:
    """Generate card transactions of which about 1% are fraud: an imbalanced table for lesson 12.

    Five features per transaction (`TRANSACTION_FEATURES`): the log of the
    amount, the hour of the day, the log of the distance from the card
    holder's home, the merchant's risk score in [0, 1] and the number of
    transactions on the card in the last 24 hours. Legitimate transactions
    happen mostly by day, near home, a few a day. Fraud comes in two kinds,
    half each: *card testing* (many small payments) and *account takeover*
    (large payments at night, far from home). Each feature alone overlaps
    between fraud and legitimate; together they separate them well, but not
    perfectly.

    Args:
        n_samples: Number of transactions, an integer of at least 100.
        fraud_share: Fraction of fraud, strictly between 0 and 1 (exactly
            ``round(fraud_share * n_samples)`` frauds, at random places).
        validation_fraction: Fraction held out for validation, strictly between 0 and 1.
        test_fraction: Fraction held out for testing, strictly between 0 and 1;
            the two together stay below 1.
        seed: Non-negative integer that fixes the transactions.

    Returns:
        A `Transactions` tuple: training, validation and test features
        (float32, not standardised) and labels (int64, 1 for fraud).

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> data = load_transactions(n_samples=1000, seed=0)
        >>> data.x_train.shape, data.x_val.shape, data.x_test.shape
        ((500, 5), (250, 5), (250, 5))
    """
    n_samples = _check_integer("n_samples", n_samples, minimum=100, expected="an integer of at least 100")
    fraud_share = _check_fraction("fraud_share", fraud_share)
    validation_fraction = _check_fraction("validation_fraction", validation_fraction)
    test_fraction = _check_fraction("test_fraction", test_fraction)
    if validation_fraction + test_fraction >= 1:
        raise ValueError(f"Expected `validation_fraction + test_fraction` to be below 1. "
                         f"Received: validation_fraction={validation_fraction!r}, test_fraction={test_fraction!r}")
    rng = np.random.default_rng(_check_seed(seed))
    labels = (rng.permutation(n_samples) < round(fraud_share * n_samples)).astype(np.int64)
    x = np.empty((n_samples, len(TRANSACTION_FEATURES)))
    legitimate, fraud = np.flatnonzero(labels == 0), np.flatnonzero(labels == 1)
    testing = rng.random(len(fraud)) < 0.5
    x[legitimate] = _transaction_features(rng, len(legitimate), log_amount=(3.5, 1.0), hour=(14.0, 4.5),
                                          log_distance=(1.5, 1.0), risk=(2.0, 5.0), per_day=2.0)
    x[fraud[testing]] = _transaction_features(rng, int(testing.sum()), log_amount=(0.8, 0.5), hour=(14.0, 6.0),
                                              log_distance=(2.5, 1.0), risk=(3.0, 4.0), per_day=10.0)
    x[fraud[~testing]] = _transaction_features(rng, int((~testing).sum()), log_amount=(5.5, 0.7), hour=(3.0, 2.5),
                                               log_distance=(4.5, 0.6), risk=(3.0, 3.0), per_day=3.0)
    n_val, n_test = max(1, round(validation_fraction * n_samples)), max(1, round(test_fraction * n_samples))
    n_train = n_samples - n_val - n_test
    x = x.astype(np.float32)
    train, val = slice(0, n_train), slice(n_train, n_train + n_val)
    test = slice(n_train + n_val, None)
    return Transactions(x[train], x[val], x[test], labels[train], labels[val], labels[test])


def load_interactions(*, n_users: int = 600, n_items: int = 240, n_groups: int = 6, per_user: int = 20,
                      n_popular: int = 12, popular_share: float = 0.25, noise_share: float = 0.05,
                      seed: int = 0) -> Interactions:
    """Generate which items each user interacted with, from hidden taste groups (lesson 12).

    Every user and every item belongs to one of `n_groups` taste groups (equal
    sizes, shuffled). Each user picks `per_user` different items: with
    probability ``popular_share`` among the `n_popular` popular items (which
    belong to groups like the others but appeal to everyone), with
    probability ``noise_share`` any item, otherwise an item of the user's own
    group, the more appealing ones more often (each item has a drawn appeal).
    A recommender sees only the pairs; the groups are kept to check what it
    learned.

    Args:
        n_users: Number of users, an integer of at least 2.
        n_items: Number of items, an integer of at least ``per_user + n_popular``.
        n_groups: Number of taste groups, an integer from 1 to ``min(n_users, n_items)``.
        per_user: Interactions per user, an integer of at least 2.
        n_popular: Number of popular items, an integer from 1 to `n_items`.
        popular_share: Probability of a popular pick, in [0, 1).
        noise_share: Probability of a pick from all items, in [0, 1);
            ``popular_share + noise_share`` stays below 1.
        seed: Non-negative integer that fixes the groups and the picks.

    Returns:
        An `Interactions` tuple: ``users`` and ``items`` (int64, one entry per
        pair, ``n_users * per_user`` pairs sorted by user, then item),
        ``user_groups`` ``(n_users,)``, ``item_groups`` ``(n_items,)`` and
        ``popular_items`` (the popular items' indices, sorted), all int64.

    Raises:
        ValueError: If an argument is out of range.

    Example:
        >>> data = load_interactions(n_users=10, n_items=50, n_groups=2, per_user=5, n_popular=3, seed=0)
        >>> data.users.shape, data.items.shape, data.user_groups.shape, data.item_groups.shape
        ((50,), (50,), (10,), (50,))
    """
    n_users = _check_integer("n_users", n_users, minimum=2, expected="an integer of at least 2")
    per_user = _check_integer("per_user", per_user, minimum=2, expected="an integer of at least 2")
    n_popular = _check_integer("n_popular", n_popular, minimum=1, expected="an integer of at least 1")
    n_items = _check_integer("n_items", n_items, minimum=per_user + n_popular,
                             expected=f"an integer of at least per_user + n_popular ({per_user + n_popular})")
    n_groups = _check_integer("n_groups", n_groups, minimum=1, expected="an integer of at least 1")
    if n_groups > min(n_users, n_items):
        raise ValueError(f"Expected `n_groups` to be at most min(n_users, n_items) ({min(n_users, n_items)}). "
                         f"Received: n_groups={n_groups!r}")
    popular_share = _check_number("popular_share", popular_share, allowed=lambda v: 0 <= v < 1, expected="a number in [0, 1)")
    noise_share = _check_number("noise_share", noise_share, allowed=lambda v: 0 <= v < 1, expected="a number in [0, 1)")
    if popular_share + noise_share >= 1:
        raise ValueError(f"Expected `popular_share + noise_share` to be below 1. "
                         f"Received: popular_share={popular_share!r}, noise_share={noise_share!r}")
    rng = np.random.default_rng(_check_seed(seed))
    user_groups = rng.permutation(np.arange(n_users) % n_groups).astype(np.int64)
    item_groups = rng.permutation(np.arange(n_items) % n_groups).astype(np.int64)
    popular_items = np.sort(rng.choice(n_items, n_popular, replace=False)).astype(np.int64)
    appeal = rng.pareto(1.5, n_items) + 1.0
    popular = np.zeros(n_items)
    popular[popular_items] = 1.0 / n_popular
    items = []
    for group in user_groups:
        own = np.where(item_groups == group, appeal, 0.0)
        chances = (1 - popular_share - noise_share) * own / own.sum() + popular_share * popular + noise_share / n_items
        if np.count_nonzero(chances) < per_user:
            raise ValueError(f"Expected at least per_user items that a user of group {group} can pick (with noise_share 0, only "
                             f"its group's and the popular items). Received: per_user={per_user!r}, "
                             f"{np.count_nonzero(chances)} items, noise_share={noise_share!r}")
        items.append(np.sort(rng.choice(n_items, per_user, replace=False, p=chances / chances.sum())))
    users = np.repeat(np.arange(n_users, dtype=np.int64), per_user)
    return Interactions(users, np.concatenate(items).astype(np.int64), user_groups, item_groups, popular_items)


# --- lesson 13 ---
def _check_scan_images(images) -> np.ndarray:
    """Images as a float array of shape (n, height, width) or (n, height, width, 1)."""
    array = np.asarray(images)
    if array.dtype.kind != "f" or array.ndim not in (3, 4) or (array.ndim == 4 and array.shape[-1] != 1):
        raise ValueError(f"Expected float images of shape (n, height, width) or (n, height, width, 1). "
                         f"Received: dtype={array.dtype}, shape={array.shape}")
    return array


def add_corner_marker(images, marked, *, size: int = 3, value: float = 1.0) -> np.ndarray:
    """Copies of `images` with a bright square in the top-left corner of the marked ones (lesson 13's shortcut).

    A marker that appears on exactly the scans with a lesion is a *shortcut*: a network can reach full accuracy
    by looking at the corner alone, and fail once the marker is gone.

    Args:
        images: Float images ``(n, height, width)`` or ``(n, height, width, 1)``; left unchanged.
        marked: ``(n,)`` booleans: which images get the marker.
        size: The marker's side in pixels, from 1 to the image's smaller side.
        value: The marker's grey level, a number in [0, 1].

    Returns:
        A new array of the same shape and dtype as `images`.

    Raises:
        ValueError: When an argument has the wrong shape, type or range; the message echoes what was received.

    Example:
        >>> add_corner_marker(np.zeros((2, 4, 4)), np.array([True, False]), size=2)[:, :2, :2].sum(axis=(1, 2)).tolist()
        [4.0, 0.0]
    """
    images = _check_scan_images(images)
    marked = np.asarray(marked)
    if marked.dtype != bool or marked.shape != (len(images),):
        raise ValueError(f"Expected `marked` to be {len(images)} booleans, one per image. "
                         f"Received: dtype={marked.dtype}, shape={marked.shape}")
    size = _check_integer("size", size, minimum=1, expected=f"an integer from 1 to {min(images.shape[1:3])}")
    if size > min(images.shape[1:3]):
        raise ValueError(f"Expected `size` to be an integer from 1 to {min(images.shape[1:3])}. Received: size={size!r}")
    value = _check_number("value", value, allowed=lambda v: 0 <= v <= 1, expected="a number in [0, 1]")
    out = images.copy()
    out[marked, :size, :size] = value
    return out


def dilate_masks(masks, *, pixels: int = 1) -> np.ndarray:
    """Grow boolean masks by `pixels` in every direction, diagonals included (a square neighbourhood; lesson 13).

    Args:
        masks: Booleans of shape ``(n, height, width)`` or ``(height, width)``; left unchanged.
        pixels: How far to grow, a non-negative integer (0 returns a copy).

    Returns:
        A new boolean array of the same shape: True where a True pixel of the mask lies within `pixels` rows and
        `pixels` columns.

    Raises:
        ValueError: When `masks` is not a 2-D or 3-D boolean array or `pixels` is not a non-negative integer.

    Example:
        >>> int(dilate_masks(np.pad(np.ones((1, 1), dtype=bool), 2)).sum())  # one pixel of a 5x5 mask grows to 3x3
        9
    """
    masks = np.asarray(masks)
    if masks.dtype != bool or masks.ndim not in (2, 3):
        raise ValueError(f"Expected boolean masks of shape (n, height, width) or (height, width). "
                         f"Received: dtype={masks.dtype}, shape={masks.shape}")
    pixels = _check_integer("pixels", pixels, minimum=0, expected="a non-negative integer")
    out = masks.copy()
    for _ in range(pixels):
        grown = out.copy()
        grown[..., 1:, :] |= out[..., :-1, :]
        grown[..., :-1, :] |= out[..., 1:, :]
        rows = grown.copy()
        rows[..., :, 1:] |= grown[..., :, :-1]
        rows[..., :, :-1] |= grown[..., :, 1:]
        out = rows
    return out


# --- lesson 14 ---
SHIFTED_DIGITS_MARGIN = 2
SENTIMENT_LENGTH = 10
SENTIMENT_PADDING, SENTIMENT_UNKNOWN = "", "[UNK]"


def load_shifted_digits(*, max_shift: int = 2, noise: float = 0.05, test_fraction: float = 0.25, seed: int = 0) -> Split:
    """Digits on a larger canvas, each moved by its own random shift, with pixel noise: lesson 14's capstone images.

    The 8x8 digits of `load_digits` get a blank border `max_shift` pixels wide (`pad_images`), then every image is
    shifted by its own offset of at most `max_shift` pixels in each direction (`shift_images_randomly`, never 0, 0),
    and Gaussian noise of standard deviation `noise` is added, clipped to [0, 1]. Training and test images are
    shifted and noised independently: a model must recognise a digit wherever it sits.

    Args:
        max_shift: Largest shift in either direction, an integer from 1 to 4 (the canvas grows by twice that).
        noise: Standard deviation of the pixel noise, a number >= 0.
        test_fraction: Fraction of the images held out for testing, in (0, 1).
        seed: Non-negative integer that fixes the split, the shifts and the noise.

    Returns:
        A `Split` of float32 images ``(n, 8 + 2·max_shift, 8 + 2·max_shift, 1)`` in [0, 1] and int64 labels 0..9.

    Raises:
        ValueError: If an argument is out of range; the message echoes the value received.

    Example:
        >>> x_train, x_test, y_train, y_test = load_shifted_digits(seed=0)
        >>> x_train.shape, x_test.shape
        ((1347, 12, 12, 1), (450, 12, 12, 1))
    """
    max_shift = _check_integer("max_shift", max_shift, minimum=1, expected="an integer from 1 to 4")
    if max_shift > 4:
        raise ValueError(f"Expected `max_shift` to be an integer from 1 to 4. Received: max_shift={max_shift!r}")
    noise, seed = _check_noise(noise), _check_seed(seed)
    split = load_digits(test_fraction=test_fraction, seed=seed, flatten=False)
    rng = np.random.default_rng([seed, 14])
    parts = []
    for images in (split.x_train, split.x_test):
        shifted, _ = shift_images_randomly(pad_images(images, max_shift), max_shift=max_shift, seed=int(rng.integers(2**31)))
        noisy = np.clip(shifted + rng.normal(0.0, noise, shifted.shape), 0.0, 1.0) if noise else shifted
        parts.append(noisy.astype(np.float32)[..., None])
    return Split(parts[0], parts[1], split.y_train, split.y_test)


def sentiment_vocabulary() -> tuple:
    """Every word of `load_sentiment`'s sentences, in a fixed order, after a padding and an unknown token (lesson 14).

    Index 0 is the padding token ``""`` and index 1 the unknown token ``"[UNK]"``, as in Keras's
    ``TextVectorization``; the words follow. The list is fixed by the code, not learned from data, so a model
    trained on ids from `encode_sentences` can be saved, sent and rebuilt elsewhere with the same meaning of every
    id (a ``TextVectorization`` layer's vocabulary does not travel with a model's architecture and weights).

    Returns:
        A tuple of strings; a word's index in it is its id.

    Example:
        >>> vocabulary = sentiment_vocabulary()
        >>> vocabulary[:4], len(vocabulary)
        (('', '[UNK]', 'the', 'film'), 34)
    """
    nouns = [subject.split()[1] for subject in SENTIMENT_SUBJECTS]
    return (SENTIMENT_PADDING, SENTIMENT_UNKNOWN, "the", *nouns, "was", "but", "although", "not", ",", "just", "and",
            *SENTIMENT_POSITIVE, *SENTIMENT_NEGATIVE)


def encode_sentences(texts, *, length: int = SENTIMENT_LENGTH) -> np.ndarray:
    """Turn sentences into rows of word ids of `sentiment_vocabulary`, padded with 0 at the end (lesson 14).

    Words are the text, lower-cased, split at spaces (the comma is a word of its own in `load_sentiment`);
    a word outside the vocabulary gets id 1; a sentence longer than `length` words is cut after `length`.

    Args:
        texts: A sequence (list or array) of strings.
        length: Number of ids per sentence, a positive integer.

    Returns:
        An int64 array of shape ``(len(texts), length)``.

    Raises:
        ValueError: If `texts` is not a sequence of strings or `length` is not a positive integer.

    Example:
        >>> encode_sentences(["the film was fun", "The plot was superb"], length=6).tolist()
        [[2, 3, 11, 20, 0, 0], [2, 4, 11, 1, 0, 0]]
    """
    length = _check_integer("length", length, minimum=1, expected="a positive integer")
    if isinstance(texts, str) or not all(isinstance(text, (str, np.str_)) for text in np.asarray(texts, dtype=object).ravel()) \
            or np.ndim(texts) != 1:
        raise ValueError(f"Expected `texts` to be a sequence of strings. Received: texts={str(texts)[:80]!r}")
    index = {word: position for position, word in enumerate(sentiment_vocabulary())}
    ids = np.zeros((len(texts), length), dtype=np.int64)
    for row, text in enumerate(texts):
        words = [index.get(word, 1) for word in str(text).lower().split()][:length]
        ids[row, :len(words)] = words
    return ids
