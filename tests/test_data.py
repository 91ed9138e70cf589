"""course_utils.data: deterministic, validated, offline."""
import numpy as np
import pytest

from course_utils.data import Split, load_digits


def test_digits_shapes_dtypes_and_ranges():
    split = load_digits()
    assert isinstance(split, Split)
    assert split.x_train.shape == (1347, 64) and split.x_test.shape == (450, 64)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert 0.0 <= split.x_train.min() and split.x_train.max() <= 1.0
    assert set(np.unique(split.y_test)) == set(range(10))


def test_digits_unflattened_and_unscaled():
    split = load_digits(flatten=False, scale=False)
    assert split.x_train.shape[1:] == (8, 8)
    assert split.x_train.max() == 16.0


def test_same_seed_same_split_other_seed_other_split():
    first, again, other = load_digits(seed=3), load_digits(seed=3), load_digits(seed=4)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_train, other.x_train)


def test_split_is_stratified():
    split = load_digits(test_fraction=0.5)
    train_counts, test_counts = np.bincount(split.y_train), np.bincount(split.y_test)
    assert np.all(np.abs(train_counts - test_counts) <= 1)


@pytest.mark.parametrize("kwargs, name", [
    ({"test_fraction": 0}, "test_fraction"), ({"test_fraction": 1.5}, "test_fraction"), ({"test_fraction": "0.2"}, "test_fraction"),
    ({"seed": -1}, "seed"), ({"seed": 1.5}, "seed"), ({"seed": True}, "seed"),
])
def test_invalid_arguments_name_argument_and_value(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_digits(**kwargs)
