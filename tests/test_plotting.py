"""course_utils.plotting: each helper draws what it claims, on the axes given, and touches no global state."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import plotting  # noqa: E402


def test_plot_functions_draws_one_curve_per_function(ax):
    lines = plotting.plot_functions({"relu": lambda x: np.maximum(x, 0), "identity": lambda x: x}, x_range=(-2, 2), num=5, ax=ax)
    assert [line.get_label() for line in lines] == ["relu", "identity"]
    np.testing.assert_allclose(lines[0].get_ydata(), [0, 0, 0, 1, 2])
    assert all(line.axes is ax for line in lines)


def test_plot_functions_rejects_wrong_shape_and_bad_range(ax):
    with pytest.raises(ValueError, match="Expected function 'sum' to return shape"):
        plotting.plot_functions({"sum": np.sum}, ax=ax)
    with pytest.raises(ValueError, match="x_range"):
        plotting.plot_functions({"id": lambda x: x}, x_range=(1, 1), ax=ax)


def test_plot_history_draws_train_and_validation(ax):
    history = {"loss": [1.0, 0.5, 0.25], "val_loss": [1.1, 0.7, 0.6]}
    lines = plotting.plot_history(history, ax=ax)
    assert [line.get_label() for line in lines] == ["train loss", "validation loss"]
    np.testing.assert_array_equal(lines[1].get_ydata(), history["val_loss"])
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])
    with pytest.raises(ValueError, match="Expected metric 'accuracy'"):
        plotting.plot_history(history, metrics=("accuracy",), ax=ax)


def test_plot_decision_boundary_colours_by_prediction(ax):
    x = np.array([[-1.0, 0.0], [1.0, 0.0], [-2.0, 1.0], [2.0, -1.0]])
    y = (x[:, 0] > 0).astype(int)
    contour, scatter = plotting.plot_decision_boundary(lambda points: (points[:, 0] > 0).astype(int), x, y, ax=ax, resolution=20)
    assert scatter.get_offsets().shape == (4, 2)
    assert set(np.round(contour.levels, 6)) >= {0.0, 1.0} or len(contour.levels) >= 2
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        plotting.plot_decision_boundary(lambda p: p, np.zeros((3, 3)), np.zeros(3), ax=ax)


def test_plot_image_grid_titles_and_marks_mistakes():
    images = np.arange(5 * 64, dtype=float).reshape(5, 64)
    axes = plotting.plot_image_grid(images, [1, 2, 3, 4, 5], predictions=[1, 2, 0, 4, 5], n_cols=3)
    assert axes.shape == (2, 3)
    titles = [a.get_title() for a in axes.flat]
    assert titles == ["1", "2", "3 (pred 0)", "4", "5", ""]
    assert axes.flat[2].title.get_color() == "red"
    assert axes.flat[0].images[0].get_array().shape == (8, 8)
    plt.close(axes.flat[0].figure)
    with pytest.raises(ValueError, match="Expected `labels` to have 5 entries"):
        plotting.plot_image_grid(images, [1, 2])


def test_plot_confusion_matrix_counts(ax):
    image, matrix = plotting.plot_confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], ax=ax)
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    np.testing.assert_array_equal(image.get_array(), matrix)
    assert sorted(text.get_text() for text in ax.texts) == ["1", "1", "1", "1", "1"]
    with pytest.raises(ValueError, match="equal length"):
        plotting.plot_confusion_matrix([0, 1], [0], ax=ax)


def test_helpers_do_not_change_global_settings(ax):
    before = dict(matplotlib.rcParams)
    plotting.plot_functions({"id": lambda x: x}, ax=ax)
    plotting.plot_confusion_matrix([0, 1], [1, 1], ax=ax)
    assert dict(matplotlib.rcParams) == before


def test_new_figure_only_when_no_axes_given():
    before = plt.get_fignums()
    lines = plotting.plot_functions({"id": lambda x: x})
    assert len(plt.get_fignums()) == len(before) + 1
    plt.close(lines[0].figure)


def test_plot_loss_curves_one_line_per_curve_and_gaps_where_diverged(ax):
    curves = {"lr 0.1": [1.0, 0.5, 0.25], "lr 10": [1.0, 1e6, np.inf, np.nan]}
    lines = plotting.plot_loss_curves(curves, xlabel="epoch", ax=ax)
    assert [line.get_label() for line in lines] == ["lr 0.1", "lr 10"]
    np.testing.assert_array_equal(lines[1].get_ydata()[:2], [1.0, 1e6])
    assert np.isnan(lines[1].get_ydata()[2:]).all()
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    with pytest.raises(ValueError, match="at least one value"):
        plotting.plot_loss_curves({"empty": []}, ax=ax)
    with pytest.raises(ValueError, match=r"1-D array. Received: shape=\(2, 2\)"):
        plotting.plot_loss_curves({"matrix": np.ones((2, 2))}, ax=ax)


def test_plot_loss_surface_draws_contours_and_paths(ax):
    bowl = lambda w, b: (w - 1.0) ** 2 + 4.0 * b ** 2 + 0.1  # noqa: E731
    path = np.array([[-2.0, 1.0], [0.0, 0.5], [1.0, 0.0]])
    contour, lines = plotting.plot_loss_surface(bowl, w_range=(-3, 3), b_range=(-2, 2), paths={"batch": path}, num=21, ax=ax)
    assert contour.levels[0] >= 0.1 and len(contour.levels) == 20
    np.testing.assert_allclose(contour.levels[1] / contour.levels[0], contour.levels[2] / contour.levels[1])  # log-spaced
    assert [line.get_label() for line in lines] == ["batch"]
    np.testing.assert_array_equal(lines[0].get_xydata(), path)
    assert ax.get_xlim() == (-3, 3) and ax.get_xlabel() == "w"


def test_plot_loss_surface_rejects_bad_input(ax):
    bowl = lambda w, b: w ** 2 + b ** 2  # noqa: E731
    with pytest.raises(ValueError, match="w_range"):
        plotting.plot_loss_surface(bowl, w_range=(1, -1), b_range=(-1, 1), ax=ax)
    with pytest.raises(ValueError, match="Expected `loss` to return shape"):
        plotting.plot_loss_surface(lambda w, b: 1.0, w_range=(-1, 1), b_range=(-1, 1), ax=ax)
    with pytest.raises(ValueError, match=r"paths\['sgd'\]. of shape \(k, 2\)"):
        plotting.plot_loss_surface(bowl, w_range=(-1, 1), b_range=(-1, 1), paths={"sgd": np.zeros((3, 3))}, ax=ax)
