"""Plot helpers in scikit-learn's style.

Every function takes ``ax=None`` (or ``fig=None``), creates a figure only when
none is given, returns what it drew, never calls ``plt.show()`` and never
changes global matplotlib settings. Arguments after the data are keyword-only.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np


def _axes(ax):
    """Return `ax`, or the axes of a new figure when `ax` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415 (keep `import course_utils` light)

    _, ax = plt.subplots()
    return ax


def _label_axes(ax, *, xlabel=None, ylabel=None, title=None, legend: bool = False) -> None:
    """Set what is given of the axis labels and the title, and add a legend when asked."""
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if legend:
        ax.legend()
    if title:
        ax.set_title(title)


def _as_array(name: str, value, ndim: int | Sequence[int]) -> np.ndarray:
    """Convert `value` to an array and check its number of dimensions.

    Raises:
        ValueError: Naming `name`, the expected dimensions and the shape received.
    """
    array = np.asarray(value)
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    if array.ndim not in allowed:
        wanted = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"Expected `{name}` to be a {wanted} array. Received: shape={array.shape}")
    return array


def plot_functions(functions: Mapping[str, Callable], *, x_range=(-5.0, 5.0), num: int = 401, ax=None, title=None):
    """Plot one curve per function over an interval (lesson 03: activations).

    Args:
        functions: Mapping from a label to a function that maps a 1-D NumPy
            array to an array of the same shape (e.g. ``{"sigmoid": sigmoid}``).
        x_range: ``(low, high)`` interval of the x axis.
        num: Number of evenly spaced points.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        The list of `Line2D` objects drawn, one per function, in order.

    Raises:
        ValueError: If `x_range` is not increasing or a function returns an
            array of the wrong shape.
    """
    low, high = x_range
    if not low < high:
        raise ValueError(f"Expected `x_range` to be (low, high) with low < high. Received: x_range={x_range!r}")
    ax = _axes(ax)
    x = np.linspace(low, high, num)
    lines = []
    for label, function in functions.items():
        y = np.asarray(function(x))
        if y.shape != x.shape:
            raise ValueError(f"Expected function {label!r} to return shape {x.shape}. Received: shape={y.shape}")
        (line,) = ax.plot(x, y, label=label)
        lines.append(line)
    ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    _label_axes(ax, xlabel="x", title=title, legend=True)
    return lines


def plot_history(history, *, metrics: Sequence[str] = ("loss",), ax=None, title=None):
    """Plot training curves and, when present, their validation curves (lesson 00).

    Args:
        history: A Keras `History` (what ``model.fit`` returns) or a mapping
            from metric name to a list of per-epoch values.
        metrics: Metric names to draw; ``val_<name>`` is drawn dashed when present.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        The list of `Line2D` objects drawn.

    Raises:
        ValueError: If a requested metric is not in the history.
    """
    values = getattr(history, "history", history)
    ax = _axes(ax)
    lines = []
    for metric in metrics:
        if metric not in values:
            raise ValueError(f"Expected metric {metric!r} in the history. Received metrics: {sorted(values)}")
        epochs = np.arange(1, len(values[metric]) + 1)
        (line,) = ax.plot(epochs, values[metric], label=f"train {metric}")
        lines.append(line)
        if f"val_{metric}" in values:
            (val_line,) = ax.plot(epochs, values[f"val_{metric}"], "--", color=line.get_color(), label=f"validation {metric}")
            lines.append(val_line)
    _label_axes(ax, xlabel="epoch", title=title, legend=True)
    return lines


def plot_loss_curves(curves: Mapping[str, Sequence[float]], *, xlabel: str = "step", log_scale: bool = True, ax=None, title=None):
    """Plot several loss curves on one axes, e.g. one per learning rate (lesson 06; lesson 07 compares many).

    Curves may have different lengths; a curve that diverges to inf or nan
    simply stops where its values stop being finite.

    Args:
        curves: Mapping from a label to a 1-D sequence of losses, one per step
            (or epoch).
        xlabel: Label of the x axis (what one value is: "step", "epoch", ...).
        log_scale: Use a logarithmic y axis, where a loss that shrinks by the
            same factor each step is a straight line.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        The list of `Line2D` objects drawn, one per curve, in order.

    Raises:
        ValueError: If a curve is not 1-D or is empty.
    """
    ax = _axes(ax)
    lines = []
    for label, values in curves.items():
        values = _as_array(f"curves[{label!r}]", values, 1).astype(float)
        if not len(values):
            raise ValueError(f"Expected `curves[{label!r}]` to hold at least one value. Received: an empty sequence")
        (line,) = ax.plot(np.arange(len(values)), np.where(np.isfinite(values), values, np.nan), label=label)
        lines.append(line)
    if log_scale:
        ax.set_yscale("log")
    _label_axes(ax, xlabel=xlabel, ylabel="loss", title=title, legend=True)
    return lines


def plot_loss_surface(loss: Callable, *, w_range, b_range, paths: Mapping[str, object] | None = None, num: int = 101,
                      levels: int = 20, axis_labels=("w", "b"), ax=None, title=None):
    """Draw the contours of a loss of two parameters and optimisation paths on them (lesson 07).

    Contour levels are spaced logarithmically when the loss is positive, so
    the valley floor near the minimum is visible as well as the steep walls.

    Args:
        loss: Vectorised function ``loss(w, b)`` that maps two arrays of the
            same shape (a grid of parameter values) to an array of losses of
            that shape.
        w_range: ``(low, high)`` interval of the first parameter (x axis).
        b_range: ``(low, high)`` interval of the second parameter (y axis).
        paths: Optional mapping from a label to a ``(k, 2)`` array of the
            parameter values visited, first to last; each is drawn as a line
            with a marker at every step.
        num: Grid points per axis.
        levels: Number of contour levels.
        axis_labels: Names of the two parameters.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        ``(contour, lines)``: the `QuadContourSet` and one `Line2D` per path.

    Raises:
        ValueError: If a range is not increasing, `loss` returns the wrong
            shape, or a path is not ``(k, 2)``.
    """
    for name, (low, high) in (("w_range", w_range), ("b_range", b_range)):
        if not low < high:
            raise ValueError(f"Expected `{name}` to be (low, high) with low < high. Received: {name}={(low, high)!r}")
    grid_w, grid_b = np.meshgrid(np.linspace(*w_range, num), np.linspace(*b_range, num))
    values = np.asarray(loss(grid_w, grid_b), dtype=float)
    if values.shape != grid_w.shape:
        raise ValueError(f"Expected `loss` to return shape {grid_w.shape} for parameter grids of that shape. Received: shape={values.shape}")
    paths = {label: _as_array(f"paths[{label!r}]", path, 2) for label, path in (paths or {}).items()}
    for label, path in paths.items():
        if path.shape[1] != 2:
            raise ValueError(f"Expected `paths[{label!r}]` of shape (k, 2). Received: shape={path.shape}")
    ax = _axes(ax)
    low, high = values.min(), values.max()
    contour_levels = np.geomspace(low, high, levels) if low > 0 else np.linspace(low, high, levels)
    contour = ax.contour(grid_w, grid_b, values, levels=contour_levels, cmap="viridis", linewidths=0.8)
    lines = []
    for label, path in paths.items():
        (line,) = ax.plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1, label=label)
        ax.plot(path[-1, 0], path[-1, 1], "o", color=line.get_color(), markersize=6)
        lines.append(line)
    ax.set_xlim(w_range)
    ax.set_ylim(b_range)
    _label_axes(ax, xlabel=axis_labels[0], ylabel=axis_labels[1], title=title, legend=bool(lines))
    return contour, lines


def plot_decision_boundary(predict: Callable, x, y, *, ax=None, resolution: int = 200, padding: float = 0.5, title=None):
    """Colour the plane by a classifier's prediction and scatter the points (lesson 03).

    Args:
        predict: Function mapping an ``(m, 2)`` array to ``m`` class labels,
            or to an ``(m, k)`` array of scores (the arg-max is taken).
        x: ``(n, 2)`` array of points.
        y: ``(n,)`` array of integer labels.
        ax: Axes to draw on; a new figure is made when None.
        resolution: Grid points per axis.
        padding: Margin around the points, in data units.
        title: Optional axes title.

    Returns:
        ``(contour, scatter)``: the filled `QuadContourSet` and the `PathCollection`.

    Raises:
        ValueError: If `x` is not ``(n, 2)`` or `y` does not have ``n`` labels.
    """
    x = _as_array("x", x, 2)
    y = _as_array("y", y, 1)
    if x.shape[1] != 2 or len(y) != len(x):
        raise ValueError(f"Expected `x` of shape (n, 2) and `y` of shape (n,). Received: x.shape={x.shape}, y.shape={y.shape}")
    ax = _axes(ax)
    low, high = x.min(axis=0) - padding, x.max(axis=0) + padding
    grid_x, grid_y = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    scores = np.asarray(predict(np.c_[grid_x.ravel(), grid_y.ravel()]))
    labels = scores.argmax(axis=1) if scores.ndim == 2 and scores.shape[1] > 1 else (scores.reshape(-1) > 0.5) if scores.dtype.kind == "f" else scores
    contour = ax.contourf(grid_x, grid_y, np.asarray(labels, dtype=float).reshape(grid_x.shape), alpha=0.3, cmap="coolwarm")
    scatter = ax.scatter(x[:, 0], x[:, 1], c=y, s=12, cmap="coolwarm", edgecolors="k", linewidths=0.3)
    _label_axes(ax, title=title)
    return contour, scatter


def plot_image_grid(images, labels=None, *, predictions=None, n_cols: int = 8, image_shape=None, fig=None, cmap="gray_r"):
    """Show images in a grid, titled with their labels (lessons 00, 01).

    A title reads ``"3"`` for a label, or ``"3 (pred 5)"`` in red when a
    prediction is given and differs from the label.

    Args:
        images: ``(n, h, w)`` array, or ``(n, h*w)`` with `image_shape` given
            (square images are reshaped automatically).
        labels: Optional ``(n,)`` labels shown as titles.
        predictions: Optional ``(n,)`` predicted labels.
        n_cols: Images per row.
        image_shape: ``(h, w)`` to reshape flat rows into.
        fig: Figure to draw on; a new one is made when None.
        cmap: Colour map name.

    Returns:
        A 2-D NumPy array of the `Axes`, ``(rows, n_cols)``.

    Raises:
        ValueError: If the images cannot be shaped into ``(n, h, w)`` or the
            labels or predictions do not have ``n`` entries.
    """
    images = _as_array("images", images, (2, 3))
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        image_shape = image_shape or ((side, side) if side * side == images.shape[1] else None)
        if image_shape is None:
            raise ValueError(f"Expected square flat images or `image_shape`. Received: images.shape={images.shape}")
        images = images.reshape(len(images), *image_shape)
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values is not None and len(values) != len(images):
            raise ValueError(f"Expected `{name}` to have {len(images)} entries. Received: {len(values)}")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    n_rows = max(1, -(-len(images) // n_cols))
    fig = fig or plt.figure(figsize=(1.1 * n_cols, 1.2 * n_rows))
    axes = np.asarray(fig.subplots(n_rows, n_cols, squeeze=False))
    for index, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if index >= len(images):
            continue
        ax.imshow(images[index], cmap=cmap)
        if labels is not None:
            wrong = predictions is not None and predictions[index] != labels[index]
            text = f"{labels[index]} (pred {predictions[index]})" if wrong else f"{labels[index]}"
            ax.set_title(text, fontsize=8, color="red" if wrong else "black")
    return axes


def plot_confusion_matrix(y_true, y_pred, *, n_classes: int | None = None, ax=None, title=None):
    """Draw the confusion matrix with a count in each cell (lesson 00).

    Args:
        y_true: ``(n,)`` integer labels.
        y_pred: ``(n,)`` integer predictions.
        n_classes: Number of classes; by default one more than the largest label.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        ``(image, matrix)``: the `AxesImage` and the ``(k, k)`` count matrix,
        rows are true labels and columns predictions.

    Raises:
        ValueError: If the inputs are not 1-D of equal length, or hold labels
            outside ``0..n_classes-1``.
    """
    y_true = _as_array("y_true", y_true, 1).astype(int)
    y_pred = _as_array("y_pred", y_pred, 1).astype(int)
    if len(y_true) != len(y_pred):
        raise ValueError(f"Expected `y_true` and `y_pred` of equal length. Received: {len(y_true)} and {len(y_pred)}")
    n_classes = n_classes or int(max(y_true.max(initial=0), y_pred.max(initial=0)) + 1)
    if min(y_true.min(initial=0), y_pred.min(initial=0)) < 0 or max(y_true.max(initial=0), y_pred.max(initial=0)) >= n_classes:
        raise ValueError(f"Expected labels in 0..{n_classes - 1}. Received labels outside that range")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    ax = _axes(ax)
    image = ax.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        if count:
            ax.text(col, row, str(count), ha="center", va="center", fontsize=7,
                    color="white" if count > matrix.max() / 2 else "black")
    ax.set_xticks(range(n_classes))
    ax.set_yticks(range(n_classes))
    _label_axes(ax, xlabel="predicted", ylabel="true", title=title)
    return image, matrix


# --- lesson 09 ---
def plot_feature_maps(maps, *, titles=None, n_cols: int = 8, symmetric: bool = False, cmap=None, panel_size: float = 1.2, fig=None):
    """Show the channels of one image's feature maps side by side, each with its own colour scale (lesson 09).

    Args:
        maps: ``(height, width, channels)`` array, channels last as Keras
            stores them (e.g. one image's output of a ``Conv2D`` layer).
        titles: Optional sequence of one title per channel; by default the
            channel's number.
        n_cols: Panels per row.
        symmetric: Centre each panel's colour scale on 0 (``-m..m`` with ``m``
            the largest absolute value), for signed values such as weights or
            edge responses; then `cmap` defaults to a diverging map.
        cmap: Colour map name; default ``"RdBu_r"`` when `symmetric`, else ``"viridis"``.
        panel_size: Width and height of one panel, in inches.
        fig: Figure to draw on; a new one is made when None.

    Returns:
        A 2-D NumPy array of the `Axes`, ``(rows, n_cols)``; panels past the
        last channel are left blank.

    Raises:
        ValueError: If `maps` is not 3-D, or `titles` does not have one entry per channel.
    """
    maps = _as_array("maps", maps, 3)
    n_channels = maps.shape[2]
    if titles is not None and len(titles) != n_channels:
        raise ValueError(f"Expected `titles` to have {n_channels} entries, one per channel. Received: {len(titles)}")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    n_cols = max(1, min(n_cols, n_channels))
    n_rows = -(-n_channels // n_cols)
    fig = fig or plt.figure(figsize=(panel_size * n_cols, (panel_size + 0.2) * n_rows))
    axes = np.asarray(fig.subplots(n_rows, n_cols, squeeze=False))
    cmap = cmap or ("RdBu_r" if symmetric else "viridis")
    for index, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if index >= n_channels:
            continue
        channel = np.asarray(maps[:, :, index], dtype=float)
        limit = float(np.abs(channel).max()) or 1.0
        ax.imshow(channel, cmap=cmap, **({"vmin": -limit, "vmax": limit} if symmetric else {}))
        ax.set_title(str(titles[index]) if titles is not None else str(index), fontsize=8)
    return axes


def plot_filters(kernel, *, input_channel: int = 0, n_cols: int = 8, panel_size: float = 1.0, fig=None):
    """Show a convolution kernel's filters, one panel per output channel, blue negative and red positive (lesson 09).

    Args:
        kernel: ``(kernel_height, kernel_width, in_channels, out_channels)``
            array, Keras's layout (``layer.get_weights()[0]`` of a ``Conv2D``).
        input_channel: Which input channel's weights to draw.
        n_cols: Panels per row.
        panel_size: Width and height of one panel, in inches.
        fig: Figure to draw on; a new one is made when None.

    Returns:
        A 2-D NumPy array of the `Axes` (see `plot_feature_maps`).

    Raises:
        ValueError: If `kernel` is not 4-D or `input_channel` is out of range.
    """
    kernel = _as_array("kernel", kernel, 4)
    if isinstance(input_channel, bool) or not isinstance(input_channel, (int, np.integer)) or not 0 <= input_channel < kernel.shape[2]:
        raise ValueError(f"Expected `input_channel` to be an integer from 0 to {kernel.shape[2] - 1}. Received: input_channel={input_channel!r}")
    titles = [f"filter {index}" for index in range(kernel.shape[3])]
    return plot_feature_maps(kernel[:, :, input_channel, :], titles=titles, n_cols=n_cols, symmetric=True, panel_size=panel_size, fig=fig)


# --- lesson 10 ---
def plot_forecast(truth, forecasts: Mapping[str, object], *, x=None, ax=None, xlabel: str = "step", ylabel: str = "value", title=None):
    """Plot a series' true values and one or more forecasts of the same steps on one axes (lesson 10).

    Args:
        truth: 1-D array of the true values.
        forecasts: Mapping from a label (e.g. ``"GRU"``, ``"repeat last value"``)
            to a 1-D array of forecasts, one per value of `truth`.
        x: Optional 1-D array of positions (e.g. years), one per value; by
            default 0, 1, 2, ...
        ax: Axes to draw on; a new figure is made when None.
        xlabel: Label of the x axis.
        ylabel: Label of the y axis.
        title: Optional axes title.

    Returns:
        The list of `Line2D` objects drawn: the truth first, then each forecast in order.

    Raises:
        ValueError: If an array is not 1-D or its length differs from `truth`'s.
    """
    truth = _as_array("truth", truth, 1)
    x = np.arange(len(truth)) if x is None else _as_array("x", x, 1)
    if len(x) != len(truth):
        raise ValueError(f"Expected `x` to have {len(truth)} values, one per value of `truth`. Received: {len(x)}")
    ax = _axes(ax)
    lines = ax.plot(x, truth, color="black", linewidth=2.0, alpha=0.35, label="truth")
    for label, values in forecasts.items():
        values = _as_array(f"forecasts[{label!r}]", values, 1)
        if len(values) != len(truth):
            raise ValueError(f"Expected `forecasts[{label!r}]` to have {len(truth)} values, one per value of `truth`. Received: {len(values)}")
        lines += ax.plot(x, values, linewidth=1.2, label=label)
    _label_axes(ax, xlabel=xlabel, ylabel=ylabel, title=title, legend=True)
    return lines


def plot_gradient_norms(norms: Mapping[str, object], *, ax=None, title=None, styles: Mapping[str, str] | None = None):
    """Plot, for each recurrent layer, the gradient norm reaching the input k steps back, on a log scale (lesson 10).

    Args:
        norms: Mapping from a label (e.g. ``"SimpleRNN"``) to a 1-D array whose
            entry k is the gradient's norm with respect to the input k steps
            before the last one (k = 0 is the last step).
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.
        styles: Optional mapping from a label to a matplotlib line style
            (``"--"`` for dashed); labels not in it are drawn solid.

    Returns:
        The list of `Line2D` objects drawn, one per label, in order.

    Raises:
        ValueError: If a curve is not 1-D, is empty, or has a value that is not positive.
    """
    ax = _axes(ax)
    lines = []
    for label, values in norms.items():
        values = _as_array(f"norms[{label!r}]", values, 1).astype(float)
        if not len(values) or not np.all(values > 0):
            raise ValueError(f"Expected `norms[{label!r}]` to hold positive values. Received: {len(values)} values, smallest {values.min() if len(values) else None}")
        (line,) = ax.plot(np.arange(len(values)), values, linestyle=(styles or {}).get(label, "-"), label=label)
        lines.append(line)
    ax.set_yscale("log")
    _label_axes(ax, xlabel="steps back from the last input (k)", ylabel="gradient norm", title=title, legend=True)
    return lines


# --- lesson 11 ---
def plot_gan_samples(samples, *, real=None, centres=None, radius: float | None = None, limit: float = 3.0, ax=None, title=None):
    """Scatter a generator's 2-D samples over the real data, with a circle around each mode (lesson 11).

    Args:
        samples: ``(n, 2)`` array of generated points, drawn in colour.
        real: Optional ``(m, 2)`` array of real points, drawn in light grey underneath.
        centres: Optional ``(k, 2)`` array of the modes' centres, each drawn as a
            dashed circle of radius `radius`.
        radius: Radius of the circles, e.g. 3 standard deviations (what counts
            as a high-quality sample); required when `centres` is given.
        limit: The axes show ``[-limit, limit]`` in both directions (the same
            frame in every panel of a grid), a number > 0.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        The `PathCollection` of the generated samples.

    Raises:
        ValueError: If an array does not have shape ``(n, 2)``, `centres` comes
            without a `radius`, or `limit` is not > 0.
    """
    samples = _as_array("samples", samples, 2)
    for name, array in (("samples", samples), ("real", real), ("centres", centres)):
        if array is not None and np.asarray(array).shape[-1:] != (2,):
            raise ValueError(f"Expected `{name}` of shape (n, 2). Received: shape={np.asarray(array).shape}")
    if centres is not None and (radius is None or not radius > 0):
        raise ValueError(f"Expected a `radius` > 0 for the circles around `centres`. Received: radius={radius!r}")
    if isinstance(limit, bool) or not isinstance(limit, (int, float, np.integer, np.floating)) or not limit > 0:
        raise ValueError(f"Expected `limit` to be a number > 0. Received: limit={limit!r}")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    ax = _axes(ax)
    if real is not None:
        real = _as_array("real", real, 2)
        ax.scatter(real[:, 0], real[:, 1], s=2, color="0.8", label="real")
    drawn = ax.scatter(samples[:, 0], samples[:, 1], s=2, color="C3", alpha=0.5, label="generated")
    if centres is not None:
        for centre in _as_array("centres", centres, 2):
            ax.add_patch(plt.Circle(tuple(centre), radius, fill=False, linestyle="--", linewidth=0.8, color="k"))
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    _label_axes(ax, title=title)
    return drawn


# --- lessons 12 and 13 ---
def _scans_with(images, **same_shape) -> "tuple[np.ndarray, dict]":
    """Grey scans as ``(n, h, w)`` and each named ``(n, h, w)`` array, checked to have the scans' shape.

    Raises:
        ValueError: Naming the array whose shape differs, and its shape.
    """
    images = _as_array("images", images, (3, 4))
    images = images[..., 0] if images.ndim == 4 else images
    arrays = {name: _as_array(name, array, 3) for name, array in same_shape.items()}
    for name, array in arrays.items():
        if array.shape != images.shape:
            raise ValueError(f"Expected `{name}` of the images' shape {images.shape}. Received: shape={array.shape}")
    return images, arrays


def _outline(ax, mask, color: str) -> None:
    """Draw the outline of a boolean mask on `ax` (nothing when the mask is empty)."""
    if mask.any():
        ax.contour(mask.astype(float), levels=[0.5], colors=color, linewidths=0.8)


def plot_scans(images, masks, *, labels=None, predictions=None, n_cols: int = 6, panel_size: float = 1.6, fig=None):
    """Show scans in a grid with each lesion's mask outlined in red (lesson 12).

    Args:
        images: ``(n, h, w)`` or ``(n, h, w, 1)`` array of grey scans.
        masks: ``(n, h, w)`` boolean array, True on the lesion (all False without one).
        labels: Optional ``(n,)`` true labels (1: lesion), shown in each title.
        predictions: Optional ``(n,)`` predicted labels; a wrong one is titled in red.
        n_cols: Panels per row, an integer of at least 1.
        panel_size: Width and height of one panel in inches.
        fig: Figure to draw on; a new one is made when None.

    Returns:
        The array of axes, one per scan.

    Raises:
        ValueError: If the shapes do not match or `n_cols` is not a positive integer.
    """
    images, masks = _scans_with(images, masks=masks)
    masks = masks["masks"]
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values is not None and np.shape(values) != (len(images),):
            raise ValueError(f"Expected `{name}` of shape ({len(images)},). Received: shape={np.shape(values)}")
    if isinstance(n_cols, bool) or not isinstance(n_cols, (int, np.integer)) or n_cols < 1:
        raise ValueError(f"Expected `n_cols` to be an integer of at least 1. Received: n_cols={n_cols!r}")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    n_rows = -(-len(images) // n_cols)
    if fig is None:
        fig = plt.figure(figsize=(panel_size * n_cols, panel_size * n_rows))
    axes = np.atleast_1d(fig.subplots(n_rows, n_cols, squeeze=False).ravel())
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i >= len(images):
            continue
        ax.imshow(images[i], cmap="gray", vmin=0.0, vmax=1.0)
        _outline(ax, masks[i], "red")
        if labels is not None:
            title = "lesion" if labels[i] else "no lesion"
            wrong = predictions is not None and predictions[i] != labels[i]
            ax.set_title(title + (" (missed)" if wrong and labels[i] else " (false alarm)" if wrong else ""),
                         fontsize=8, color="red" if wrong else "black")
    return axes[:len(images)]


def plot_precision_recall(curves: Mapping[str, object], *, points: Mapping[str, object] | None = None, baseline: float | None = None,
                          ax=None, title=None):
    """Draw precision–recall curves, recall on x and precision on y (lesson 12).

    Args:
        curves: ``{name: (recall, precision)}``, two 1-D arrays of the same length
            each, e.g. from `sklearn.metrics.precision_recall_curve` (which
            returns precision first: swap them).
        points: Optional ``{name: (recall, precision)}`` single operating points,
            drawn as markers (e.g. each model at its chosen threshold).
        baseline: Optional share of positives: the precision of random guessing,
            drawn as a dotted horizontal line.
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        The list of curve lines, in the order of `curves`.

    Raises:
        ValueError: If a curve's two arrays are not 1-D arrays of the same length.
    """
    ax = _axes(ax)
    lines = []
    for name, (recall, precision) in curves.items():
        recall, precision = _as_array(f"{name} recall", recall, 1), _as_array(f"{name} precision", precision, 1)
        if recall.shape != precision.shape:
            raise ValueError(f"Expected recall and precision of the same length for {name!r}. "
                             f"Received: shapes {recall.shape} and {precision.shape}")
        (line,) = ax.step(recall, precision, where="post", label=name)
        lines.append(line)
    for index, (name, (recall, precision)) in enumerate((points or {}).items()):
        ax.plot([recall], [precision], marker="o", linestyle="none", color=f"C{index}", markeredgecolor="k", label=name)
    if baseline is not None:
        ax.axhline(baseline, linestyle=":", color="0.5", label="random guessing")
    ax.set_xlim(0.0, 1.02)
    ax.set_ylim(0.0, 1.02)
    _label_axes(ax, xlabel="recall (share of fraud caught)", ylabel="precision (share of alarms that are fraud)", title=title, legend=True)
    return lines


def plot_embedding(points, groups, *, ax=None, title=None, group_name: str = "group"):
    """Scatter 2-D points (e.g. a projection of learned embeddings), one colour per group (lesson 12).

    Args:
        points: ``(n, 2)`` array.
        groups: ``(n,)`` integer group of each point (e.g. the generator's hidden groups).
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.
        group_name: Word used in the legend, e.g. ``"taste group"``.

    Returns:
        The list of `PathCollection`s, one per group in increasing order.

    Raises:
        ValueError: If `points` is not ``(n, 2)`` or `groups` not ``(n,)``.
    """
    points = _as_array("points", points, 2)
    groups = _as_array("groups", groups, 1)
    if points.shape[1] != 2 or len(groups) != len(points):
        raise ValueError(f"Expected `points` of shape (n, 2) and `groups` of shape (n,). "
                         f"Received: shapes {points.shape} and {groups.shape}")
    ax = _axes(ax)
    drawn = [ax.scatter(points[groups == group, 0], points[groups == group, 1], s=12, label=f"{group_name} {group}")
             for group in np.unique(groups)]
    _label_axes(ax, title=title, legend=True)
    return drawn


def plot_saliency_maps(images, saliency, masks, *, titles=None, panel_size: float = 1.6, fig=None):
    """Show scans (top row) above their saliency maps (bottom row), the lesion's mask outlined on both (lesson 13).

    Args:
        images: ``(n, h, w)`` or ``(n, h, w, 1)`` array of grey scans.
        saliency: ``(n, h, w)`` array of non-negative saliency values (drawn with each map's own scale).
        masks: ``(n, h, w)`` boolean array, True on the lesion.
        titles: Optional ``n`` strings, one above each scan.
        panel_size: Width and height of one panel in inches.
        fig: Figure to draw on; a new one is made when None.

    Returns:
        The ``(2, n)`` array of axes: scans, then saliency maps.

    Raises:
        ValueError: If the shapes do not match or `titles` does not have ``n`` entries.
    """
    images, arrays = _scans_with(images, saliency=saliency, masks=masks)
    saliency, masks = arrays["saliency"], arrays["masks"]
    if titles is not None and len(titles) != len(images):
        raise ValueError(f"Expected `titles` to have {len(images)} entries. Received: {len(titles)}")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    if fig is None:
        fig = plt.figure(figsize=(panel_size * len(images), 2 * panel_size))
    axes = np.asarray(fig.subplots(2, len(images), squeeze=False))
    for i in range(len(images)):
        axes[0, i].imshow(images[i], cmap="gray", vmin=0.0, vmax=1.0)
        axes[1, i].imshow(saliency[i], cmap="hot")
        for ax in axes[:, i]:
            ax.axis("off")
            _outline(ax, masks[i], "cyan")
        if titles is not None:
            axes[0, i].set_title(str(titles[i]), fontsize=8)
    return axes


def plot_computation_graph(nodes: Mapping[str, tuple], edges: Sequence[tuple], *, ax=None, title=None):
    """Draw a computation graph: one box per node, a solid arrow forward along each edge and a dashed one back (lessons 05, 06).

    Args:
        nodes: Mapping from a node's name to ``(x, y, text)``: its position in
            plot coordinates and the text of its box (e.g. its formula, its
            forward value and the gradient of the loss with respect to it).
        edges: ``(source, target)``, ``(source, target, label)`` or
            ``(source, target, label, backward)`` tuples: the forward pass goes
            from source to target; the label (e.g. the local derivative) is
            written under the edge; ``backward=False`` draws no backward arrow
            (an input that needs no gradient).
        ax: Axes to draw on; a new figure is made when None.
        title: Optional axes title.

    Returns:
        ``(boxes, arrows)``: a dict of the boxes' `Text` artists by node name,
        and the list of arrow annotations, forward then (when drawn) backward for each edge.

    Raises:
        ValueError: If an edge names a node that `nodes` does not hold.
    """
    for edge in edges:
        missing = [name for name in edge[:2] if name not in nodes]
        if missing:
            raise ValueError(f"Expected every edge to join two nodes of `nodes`. Received: edge {edge[:2]!r}, unknown {missing!r}")
    ax = _axes(ax)
    boxes = {name: ax.text(x, y, text, ha="center", va="center", fontsize=9,
                           bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "0.3"})
             for name, (x, y, text) in nodes.items()}
    arrows = []
    for edge in edges:
        source, target = edge[:2]
        (x0, y0), (x1, y1) = nodes[source][:2], nodes[target][:2]
        box0, box1 = boxes[source].get_bbox_patch(), boxes[target].get_bbox_patch()
        backward = edge[3] if len(edge) > 3 else True
        arrows.append(ax.annotate("", xy=(x1, y1 + 0.12), xytext=(x0, y0 + 0.12), arrowprops={
            "arrowstyle": "-|>", "color": "k", "patchA": box0, "patchB": box1, "shrinkA": 2, "shrinkB": 2}))
        if backward:
            arrows.append(ax.annotate("", xy=(x0, y0 - 0.12), xytext=(x1, y1 - 0.12), arrowprops={
                "arrowstyle": "-|>", "color": "tab:red", "linestyle": "--", "patchA": box1, "patchB": box0, "shrinkA": 2, "shrinkB": 2}))
        if len(edge) > 2 and edge[2]:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 - 0.3, edge[2], ha="center", va="top", fontsize=8, color="tab:red")
    xs, ys = [x for x, _, _ in nodes.values()], [y for _, y, _ in nodes.values()]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 1.0, max(ys) + 0.8)
    ax.set_axis_off()
    _label_axes(ax, title=title)
    return boxes, arrows
