"""course_utils.data, lesson 08's sets: the diabetes table and the checkerboard (deterministic, validated, offline)."""

import numpy as np
import pytest

from course_utils.data import DIABETES_FEATURES, Split, checkerboard_labels, load_checkerboard, load_diabetes


def test_loaders_never_touch_the_network(no_network):
    assert len(load_diabetes(seed=5).x_train) == 331
    assert len(load_checkerboard(n_samples=100, seed=5).x_train) == 75


def test_diabetes_shapes_dtypes_and_units():
    split = load_diabetes()
    assert isinstance(split, Split)
    assert split.x_train.shape == (331, 10) and split.x_test.shape == (111, 10)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.float32
    assert len(DIABETES_FEATURES) == 10
    features = np.concatenate([split.x_train, split.x_test])
    assert set(np.unique(features[:, DIABETES_FEATURES.index("sex")])) == {1.0, 2.0}  # original units, not scaled
    assert 18 <= features[:, DIABETES_FEATURES.index("age")].min() and features[:, DIABETES_FEATURES.index("age")].max() <= 80
    targets = np.concatenate([split.y_train, split.y_test])
    assert targets.min() == 25.0 and targets.max() == 346.0


def test_diabetes_split_depends_on_seed_and_fraction():
    first, again, other = load_diabetes(seed=3), load_diabetes(seed=3), load_diabetes(seed=4)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.y_train, other.y_train)
    assert load_diabetes(test_fraction=0.5).x_test.shape == (221, 10)


@pytest.mark.parametrize("kwargs, name", [
    ({"test_fraction": 0}, "test_fraction"), ({"test_fraction": 1.0}, "test_fraction"), ({"test_fraction": "0.2"}, "test_fraction"),
    ({"seed": -1}, "seed"), ({"seed": 2.5}, "seed"), ({"seed": True}, "seed"),
])
def test_diabetes_invalid_arguments_name_argument_and_value(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_diabetes(**kwargs)


def test_checkerboard_labels_follow_the_squares():
    # On a 2x2 board the four quadrants alternate; on a 4x4 board moving one square right or up flips the colour.
    corners = np.array([[-0.5, -0.5], [0.5, -0.5], [-0.5, 0.5], [0.5, 0.5]])
    assert checkerboard_labels(corners, 2).tolist() == [0, 1, 1, 0]
    assert checkerboard_labels(np.array([[-0.9, -0.9], [-0.4, -0.9], [-0.4, -0.4], [0.9, 0.9]]), 4).tolist() == [0, 1, 0, 0]
    assert checkerboard_labels(np.array([[1.0, -1.0], [-1.0, -1.0]]), 3).tolist() == [0, 0]  # edges count in the outer squares


def test_checkerboard_shapes_range_balance_and_labels():
    split = load_checkerboard()
    assert split.x_train.shape == (3000, 2) and split.x_test.shape == (1000, 2)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert np.abs(split.x_train).max() <= 1.0
    assert abs(split.y_train.mean() - 0.5) < 0.05
    for x, y in [(split.x_train, split.y_train), (split.x_test, split.y_test)]:
        np.testing.assert_array_equal(checkerboard_labels(x, 6), y)


def test_checkerboard_cells_and_seed_change_the_data():
    five = load_checkerboard(n_samples=400, cells=5, seed=1)
    np.testing.assert_array_equal(checkerboard_labels(five.x_train, 5), five.y_train)
    assert not np.array_equal(checkerboard_labels(five.x_train, 6), five.y_train)
    first, again, other = load_checkerboard(seed=3), load_checkerboard(seed=3), load_checkerboard(seed=4)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_train, other.x_train)


def test_no_straight_line_separates_the_checkerboard():
    from sklearn.linear_model import LogisticRegression

    x_train, x_test, y_train, y_test = load_checkerboard(cells=5)
    assert LogisticRegression().fit(x_train, y_train).score(x_test, y_test) < 0.6


@pytest.mark.parametrize("kwargs, name", [
    ({"n_samples": 3}, "n_samples"), ({"n_samples": 100.0}, "n_samples"), ({"cells": 1}, "cells"), ({"cells": 2.0}, "cells"),
    ({"cells": True}, "cells"), ({"test_fraction": 1.5}, "test_fraction"), ({"seed": -3}, "seed"),
])
def test_checkerboard_invalid_arguments_name_argument_and_value(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_checkerboard(**kwargs)


@pytest.mark.parametrize("points, cells, fragment", [
    (np.zeros((4, 3)), 2, "shape=(4, 3)"), (np.zeros(2), 2, "shape=(2,)"), (np.zeros((4, 2)), 1, "cells=1"),
])
def test_checkerboard_labels_invalid_arguments_echo_the_value(points, cells, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        checkerboard_labels(points, cells)
