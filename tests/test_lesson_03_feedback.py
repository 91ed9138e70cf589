"""Exercise 03's softmax rejects shifts that overflow and names a sigmoid as such; Keras answers pass (issue 10, items 4 and 5).

Each test whose docstring starts with "Before:" failed before the change it guards.
"""
import numpy as np
import pytest

from course_utils.grading.judge import KNOWN_MISTAKE_HINT
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

SEEDS = (None, *HIDDEN_SEEDS)


def _softmax_shifted_by(statistic):
    def softmax(logits):
        exps = np.exp(logits - statistic(logits, axis=-1, keepdims=True))
        return exps / exps.sum(axis=-1, keepdims=True)

    return softmax


@pytest.mark.parametrize("statistic", [np.min, np.mean], ids=["row minimum", "row mean"])
def test_a_softmax_shifted_by_another_statistic_than_the_maximum_fails(statistic):
    """Before: subtracting each row's minimum or mean passed "any finite logits" (no row spread wider than about 3)."""
    for seed in SEEDS:
        result = grade(get_task("03.softmax"), _softmax_shifted_by(statistic), seed)
        assert not result.passed, seed
        assert any(case.kind == "overflow" for case in result.cases), seed


def test_some_case_has_a_row_too_wide_for_any_shift_but_the_maximum():
    """Before: no row of any case spread wider than about 3."""
    for seed in SEEDS:
        spreads = [np.ptp(np.atleast_2d(case.inputs[0]), axis=-1).max() for case in get_task("03.softmax").cases(seed)]
        assert max(spreads) > 1800, seed


def test_a_sigmoid_in_place_of_a_softmax_is_named():
    """Before: a sigmoid was told it "normalises over the wrong axis (axis 0)"."""
    def sigmoid(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    for seed in SEEDS:
        result = grade(get_task("03.softmax"), sigmoid, seed)
        assert result.hint == f"{KNOWN_MISTAKE_HINT}applies a sigmoid to each logit instead of a softmax.", (seed, result.hint)


def test_the_softmax_forbids_overflow():
    """Before: an overflow whose result happened to be right went unnoticed."""
    assert get_task("03.softmax").forbids_overflow


def test_keras_activations_pass():
    """`keras.activations.*` are right answers wherever the text allows them (the softmax forbids overflow, Keras's never does)."""
    import keras

    answers = {"03.leaky_relu": lambda x, alpha: keras.activations.leaky_relu(x, negative_slope=alpha),
               "03.softmax": keras.activations.softmax}
    for task_id, answer in answers.items():
        for seed in SEEDS:
            assert grade(get_task(task_id), answer, seed).passed, (task_id, seed)


def test_keras_default_negative_slope_is_never_drawn():
    """A leaky ReLU that keeps Keras's default slope 0.2 (or the common 0.01) must fail on every case it could."""
    for seed in (*SEEDS, 1, 2, 3, 4, 5):
        assert not {case.inputs[1] for case in get_task("03.leaky_relu").cases(seed)} & {0.01, 0.2}, seed
