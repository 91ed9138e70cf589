"""Exercise 03's softmax rejects shifts that overflow and names a sigmoid as such; Keras answers pass (issue 10, items 4 and 5);
the dead-units cases hold what their names promise (issue 13).

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


def test_keras_answers_pass():
    """Keras answers are right wherever the text allows them (the softmax forbids overflow, Keras's never does)."""
    import keras

    answers = {"03.swish_derivative": lambda x: keras.ops.sigmoid(x) * (1 + x * (1 - keras.ops.sigmoid(x))),
               "03.softmax": keras.activations.softmax}
    for task_id, answer in answers.items():
        for seed in SEEDS:
            assert grade(get_task(task_id), answer, seed).passed, (task_id, seed)


def _dead_cases(seed):
    return {case.name.split(":")[0]: case for case in get_task("03.dead_units").cases(seed)}


def _pre_activations(x, layers):
    """Every layer's pre-activations, ReLU applied between layers."""
    h, out = x, []
    for W, b in layers:
        z = h @ W + b
        out.append(z)
        h = np.maximum(z, 0.0)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_dead_units_cases_hold_what_their_names_promise(seed):
    """A unit alive on exactly one example, one dead only through its bias, one exactly zero, one that only ReLU kills."""
    cases = _dead_cases(seed)
    (z,) = _pre_activations(*cases["a unit alive on one example only"].inputs)
    assert ((z > 0).sum(axis=0) == 1).any()
    x, layers = cases["a unit dead only through its bias"].inputs
    (z,) = _pre_activations(x, layers)
    assert ((z <= 0).all(axis=0) & (x @ layers[0][0] > 0).all(axis=0)).any()
    (z,) = _pre_activations(*cases["a unit whose weights and bias are all zero"].inputs)
    assert (z == 0).all(axis=0).any()
    x, layers = cases["two layers"].inputs
    first, second = _pre_activations(x, layers)
    without_relu = first @ layers[1][0] + layers[1][1]
    assert ((second <= 0).all(axis=0) & (without_relu > 0).any(axis=0)).any()


@pytest.mark.parametrize("seed", SEEDS)
def test_every_pre_activation_keeps_a_margin_that_float32_keeps(seed):
    """No pre-activation lies in (-1e-3, 1e-3) except an exact 0, so float32 answers count the same units."""
    for case in get_task("03.dead_units").cases(seed):
        for z in _pre_activations(*case.inputs):
            assert not ((np.abs(z) < 1e-3) & (z != 0)).any(), case.name
