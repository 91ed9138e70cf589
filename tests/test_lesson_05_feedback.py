"""Exercise 05's checks demand what its texts say, and accept every answer they allow (issue 10, item 5).

Each test failed before the change it guards.
"""
import numpy as np
import pytest

from course_instructor.references import lesson_05 as references
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade
from .test_feedback import _task_texts


def _gradient_check_float32(f, grad_f, x):
    return np.float32(references.gradient_check(f, grad_f, x))


def _numerical_gradient_float32(f, x, h=1e-5):
    return references.numerical_gradient(f, x, h).astype(np.float32)


@pytest.mark.parametrize("task_id, answer", [("05.gradient_check", _gradient_check_float32),
                                             ("05.numerical_gradient", _numerical_gradient_float32)])
def test_a_float32_central_difference_fails_with_a_line_that_says_float64(task_id, answer):
    """Before: float32 answers failed some cases with "wrong value" although no text asked for float64."""
    assert "**Work in float64**" in _task_texts("05")[task_id]
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task(task_id), answer, seed)
        assert not any(case.passed for case in result.cases)
        assert all("float32" in case.problem and "work in float64" in case.problem for case in result.cases), result.first_problem()


@pytest.mark.parametrize("step", [1e-4, 1e-7])
def test_a_default_step_other_than_the_texts_fails(step):
    """Before: `numerical_gradient(f, x, h=1e-4)` and `h=1e-7` passed: the only case called without h could not tell."""
    assert "give `h` the default value `1e-5`" in _task_texts("05")["05.numerical_gradient"]

    def numerical_gradient(f, x, h=step):
        return references.numerical_gradient(f, x, h)

    for seed in (None, *HIDDEN_SEEDS, *range(20)):
        result = grade(get_task("05.numerical_gradient"), numerical_gradient, seed)
        failed = [case.name for case in result.cases if not case.passed]
        assert failed and all("default step" in name for name in failed), (seed, failed)


def _tape_softplus_neuron(w, x, b, y):
    import tensorflow as tf

    w = tf.Variable(w, dtype=tf.float32)
    with tf.GradientTape() as tape:
        loss = (tf.nn.softplus(tf.reduce_sum(w * tf.constant(x, tf.float32)) + b) - y) ** 2
    return tape.gradient(loss, w)


@pytest.mark.parametrize("task_id, answer", [("05.softplus_neuron", _tape_softplus_neuron)])
def test_a_float32_gradient_tape_gradient_passes_the_analytic_tasks(task_id, answer):
    """Before: a float32 GradientTape gradient (a tensor) was rejected, although no text asked for float64."""
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task(task_id), answer, seed)
        assert result.passed, (seed, result.first_problem())
