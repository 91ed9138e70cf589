"""Lesson 12's helpers: the breast-cancer split, the transactions and the interactions (seeded, offline, validated), and the plots."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import (TRANSACTION_FEATURES, load_breast_cancer, load_interactions, load_scans,  # noqa: E402
                               load_transactions)
from course_utils.plotting import plot_embedding, plot_precision_recall, plot_scans  # noqa: E402


# --- load_breast_cancer -----------------------------------------------------------------------------------------


def test_breast_cancer_is_offline_seeded_and_malignant_is_positive(no_network):
    split = load_breast_cancer(seed=3)
    assert split.x_train.shape == (427, 30) and split.x_test.shape == (142, 30)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert split.y_train.sum() + split.y_test.sum() == 212  # scikit-learn's table has 212 malignant tumours
    again = load_breast_cancer(seed=3)
    np.testing.assert_array_equal(split.x_test, again.x_test)
    assert not np.array_equal(split.y_test, load_breast_cancer(seed=4).y_test)


def test_breast_cancer_is_standardised_with_the_training_rows_only():
    from sklearn.datasets import load_breast_cancer as sklearn_table

    split = load_breast_cancer(seed=0)
    np.testing.assert_allclose(split.x_train.mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(split.x_train.std(axis=0), 1.0, atol=1e-5)
    assert np.abs(split.x_test.mean(axis=0)).max() > 0.05  # the test rows were not used
    raw = sklearn_table().data
    radius_train = split.x_train[:, 0]  # the mean radius is larger for malignant tumours
    assert radius_train[split.y_train == 1].mean() > radius_train[split.y_train == 0].mean()
    assert raw.shape == (569, 30)


@pytest.mark.parametrize("argument, value", [("test_fraction", 0.0), ("test_fraction", 1.5), ("seed", -1), ("seed", 1.5)])
def test_breast_cancer_arguments_are_validated_and_echoed(argument, value):
    with pytest.raises(ValueError, match=rf"`{argument}`.*Received: {argument}="):
        load_breast_cancer(**{argument: value})


# --- load_transactions --------------------------------------------------------------------------------------------


def test_transactions_are_seeded_offline_and_split_three_ways(no_network):
    data = load_transactions(n_samples=4000, fraud_share=0.01, seed=5)
    assert [len(x) for x in (data.x_train, data.x_val, data.x_test)] == [2000, 1000, 1000]
    assert data.x_train.shape[1] == len(TRANSACTION_FEATURES) and data.x_train.dtype == np.float32
    assert data.y_train.dtype == np.int64 and set(np.unique(data.y_train)) <= {0, 1}
    assert data.y_train.sum() + data.y_val.sum() + data.y_test.sum() == 40  # exactly round(fraud_share * n_samples)
    np.testing.assert_array_equal(data.x_val, load_transactions(n_samples=4000, seed=5).x_val)
    assert not np.array_equal(data.x_val, load_transactions(n_samples=4000, seed=6).x_val)


def test_fraud_differs_from_legitimate_payments_but_overlaps():
    data = load_transactions(n_samples=20000, fraud_share=0.05, seed=0)
    x, y = data.x_train, data.y_train
    features = dict(zip(TRANSACTION_FEATURES, x.T))
    assert features["log_distance"][y == 1].mean() > features["log_distance"][y == 0].mean() + 1.0
    assert features["transactions_24h"][y == 1].mean() > features["transactions_24h"][y == 0].mean() + 2.0
    assert np.all((features["hour"] >= 0) & (features["hour"] < 24))
    assert np.all((features["merchant_risk"] >= 0) & (features["merchant_risk"] <= 1))
    for values in features.values():  # no single feature separates the classes
        fraud, legitimate = values[y == 1], values[y == 0]
        assert fraud.min() < legitimate.max() and legitimate.min() < fraud.max()


@pytest.mark.parametrize("argument, value", [
    ("n_samples", 99), ("n_samples", 1000.0), ("fraud_share", 0.0), ("fraud_share", 1.0), ("validation_fraction", 0.0),
    ("test_fraction", 1.0), ("seed", -2),
])
def test_transaction_arguments_are_validated_and_echoed(argument, value):
    with pytest.raises(ValueError, match=rf"`{argument}`.*Received: {argument}="):
        load_transactions(**{argument: value})


def test_validation_and_test_fractions_must_leave_training_data():
    with pytest.raises(ValueError, match=r"validation_fraction=0\.6, test_fraction=0\.5"):
        load_transactions(validation_fraction=0.6, test_fraction=0.5)


# --- load_interactions ----------------------------------------------------------------------------------------------


def test_interactions_are_seeded_and_shaped(no_network):
    data = load_interactions(n_users=50, n_items=60, n_groups=3, per_user=8, n_popular=5, seed=1)
    assert data.users.shape == data.items.shape == (400,)
    assert data.user_groups.shape == (50,) and data.item_groups.shape == (60,) and data.popular_items.shape == (5,)
    assert all(array.dtype == np.int64 for array in data)
    np.testing.assert_array_equal(data.users, np.repeat(np.arange(50), 8))
    for user in range(50):  # distinct items per user, sorted
        chosen = data.items[data.users == user]
        assert len(np.unique(chosen)) == 8 and np.all(np.diff(chosen) > 0)
    np.testing.assert_array_equal(np.bincount(data.item_groups), [20, 20, 20])
    again = load_interactions(n_users=50, n_items=60, n_groups=3, per_user=8, n_popular=5, seed=1)
    np.testing.assert_array_equal(data.items, again.items)
    assert not np.array_equal(data.items, load_interactions(n_users=50, n_items=60, n_groups=3, per_user=8, n_popular=5, seed=2).items)


def test_users_mostly_choose_their_own_group_and_the_popular_items():
    data = load_interactions(seed=0)
    same_group = data.item_groups[data.items] == data.user_groups[data.users]
    popular = np.isin(data.items, data.popular_items)
    assert same_group.mean() > 0.6  # 70% of the picks from the own group, a few popular and random ones too
    assert popular.mean() > 0.2  # 12 of 240 items take a quarter of the picks
    counts = np.bincount(data.items, minlength=240)
    assert counts[data.popular_items].mean() > 3 * counts.mean()


@pytest.mark.parametrize("argument, value", [
    ("n_users", 1), ("n_items", 25), ("n_groups", 0), ("n_groups", 700), ("per_user", 1), ("n_popular", 0),
    ("popular_share", 1.0), ("noise_share", -0.1), ("seed", -1),
])
def test_interaction_arguments_are_validated_and_echoed(argument, value):
    with pytest.raises(ValueError, match=rf"`{argument}`.*Received: {argument}="):
        load_interactions(**{argument: value})


def test_popular_and_noise_shares_must_leave_room_for_the_groups():
    with pytest.raises(ValueError, match=r"popular_share=0\.6, noise_share=0\.5"):
        load_interactions(popular_share=0.6, noise_share=0.5)


# --- plots --------------------------------------------------------------------------------------------------------


def test_plot_scans_outlines_each_lesion_and_marks_mistakes():
    scans = load_scans(n_samples=40, seed=0)
    images, masks, labels = scans.x_test[:6], scans.masks_test[:6], scans.y_test[:6]
    predictions = labels.copy()
    predictions[0] = 1 - predictions[0]
    fig = plt.figure()
    axes = plot_scans(images, masks, labels=labels, predictions=predictions, n_cols=4, fig=fig)
    assert len(axes) == 6
    assert [len(ax.collections) > 0 for ax in axes] == [bool(mask.any()) for mask in masks]  # a contour per lesion
    assert axes[0].title.get_color() == "red" and axes[1].title.get_color() == "black"
    plt.close(fig)
    with pytest.raises(ValueError, match="masks"):
        plot_scans(images, masks[:, :5])
    with pytest.raises(ValueError, match="n_cols"):
        plot_scans(images, masks, n_cols=0)


def test_plot_precision_recall_draws_curves_points_and_the_baseline():
    fig, ax = plt.subplots()
    lines = plot_precision_recall({"a": ([1.0, 0.5, 0.0], [0.2, 0.6, 1.0]), "b": ([1.0, 0.0], [0.2, 1.0])},
                                  points={"chosen": (0.5, 0.6)}, baseline=0.2, ax=ax)
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), [1.0, 0.5, 0.0])
    assert len(ax.lines) == 4  # two curves, one point, one baseline
    with pytest.raises(ValueError, match="same length"):
        plot_precision_recall({"a": ([1.0, 0.5], [0.2])}, ax=ax)
    plt.close(fig)


def test_plot_embedding_draws_one_collection_per_group():
    fig, ax = plt.subplots()
    drawn = plot_embedding(np.arange(12.0).reshape(6, 2), np.array([0, 1, 2, 0, 1, 2]), ax=ax, group_name="taste group")
    assert len(drawn) == 3 and [len(d.get_offsets()) for d in drawn] == [2, 2, 2]
    assert ax.get_legend().get_texts()[0].get_text() == "taste group 0"
    with pytest.raises(ValueError, match="shape"):
        plot_embedding(np.zeros((3, 3)), np.zeros(3), ax=ax)
    plt.close(fig)


def test_too_few_items_to_pick_from_without_noise_is_an_error_that_names_the_arguments():
    with pytest.raises(ValueError, match=r"per_user=10.*noise_share=0\.0"):
        load_interactions(n_users=10, n_items=40, n_groups=8, per_user=10, n_popular=2, noise_share=0.0)
