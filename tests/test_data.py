"""course_utils.data: deterministic, validated, offline."""
import numpy as np
import pytest

from course_utils.data import Split, load_digits, load_spirals, load_two_moons


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


def test_two_moons_shapes_dtypes_and_labels():
    split = load_two_moons()
    assert isinstance(split, Split)
    assert split.x_train.shape == (450, 2) and split.x_test.shape == (150, 2)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert set(np.unique(split.y_train)) == {0, 1} and set(np.unique(split.y_test)) == {0, 1}
    assert np.all(np.abs(np.bincount(split.y_test) - len(split.y_test) / 2) <= 1)


def test_two_moons_arguments_change_the_data():
    small = load_two_moons(n_samples=100, test_fraction=0.5)
    assert small.x_train.shape == (50, 2) and small.x_test.shape == (50, 2)
    clean = load_two_moons(noise=0.0)
    radius = np.linalg.norm(clean.x_train - np.where(clean.y_train[:, None] == 0, [0.0, 0.0], [1.0, 0.5]), axis=1)
    np.testing.assert_allclose(radius, 1.0, atol=1e-5)


@pytest.mark.parametrize("load", [load_two_moons, load_spirals], ids=lambda load: load.__name__)
def test_same_seed_same_split_other_seed_other_split(load):
    first, again, other = load(seed=3), load(seed=3), load(seed=4)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_train, other.x_train)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_samples": 3}, "n_samples"), ({"n_samples": 100.0}, "n_samples"), ({"n_samples": True}, "n_samples"),
    ({"noise": -0.1}, "noise"), ({"noise": "0.2"}, "noise"), ({"noise": float("nan")}, "noise"),
    ({"test_fraction": 0}, "test_fraction"), ({"test_fraction": 1.0}, "test_fraction"),
    ({"seed": -1}, "seed"), ({"seed": 0.5}, "seed"),
])
def test_two_moons_invalid_arguments_name_argument_and_value(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_two_moons(**kwargs)


def test_spirals_shapes_dtypes_balance_and_radius():
    split = load_spirals()
    assert split.x_train.shape == (450, 2) and split.x_test.shape == (150, 2)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert np.bincount(split.y_train).tolist() == [225, 225]
    clean = load_spirals(noise=0.0)
    assert np.linalg.norm(clean.x_train, axis=1).max() <= 2.0 + 1e-5


def test_spiral_arms_are_half_a_turn_apart():
    clean = load_spirals(noise=0.0, n_samples=200)
    points = np.concatenate([clean.x_train, clean.x_test])
    labels = np.concatenate([clean.y_train, clean.y_test])
    radius = np.linalg.norm(points, axis=1)
    angle = np.arctan2(points[:, 1], points[:, 0])
    # On arm c the angle is 2π·turns·r/2 + c·π (mod 2π): rotate arm 1 back by π and both arms follow one curve.
    unwound = np.angle(np.exp(1j * (angle - labels * np.pi - 2 * np.pi * 1.5 * radius / 2.0)))
    np.testing.assert_allclose(unwound, 0.0, atol=1e-4)


def test_no_straight_line_separates_the_spirals():
    from sklearn.linear_model import LogisticRegression

    x_train, x_test, y_train, y_test = load_spirals()
    assert LogisticRegression().fit(x_train, y_train).score(x_test, y_test) < 0.75


@pytest.mark.parametrize("kwargs, name", [
    ({"n_samples": 3}, "n_samples"), ({"n_samples": 101}, "n_samples"), ({"n_samples": 100.0}, "n_samples"),
    ({"noise": -1}, "noise"), ({"turns": 0}, "turns"), ({"turns": "2"}, "turns"),
    ({"test_fraction": 1.0}, "test_fraction"), ({"seed": -2}, "seed"),
])
def test_spirals_invalid_arguments_name_argument_and_value(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_spirals(**kwargs)


def test_the_no_network_fixture_refuses_connections(no_network):
    """The loaders' offline tests mean something: under the fixture, opening a connection fails the test."""
    import socket

    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.getaddrinfo("example.org", 80)
