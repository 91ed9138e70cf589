"""Exercise 02's checks reject a sigmoid that overflows and use Keras's weight layout (issue 10, items 3 to 5).

Each test whose docstring starts with "Before:" failed before the change it guards.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

SEEDS = (None, *HIDDEN_SEEDS)


def _overflowed(result) -> bool:
    """True when a failed case's ✗ line says the answer overflowed."""
    return any(not case.passed and case.kind == "overflow" and case.problem.startswith("overflowed") for case in result.cases)


def _lessons_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _sigmoid_masked_both_forms(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


@pytest.mark.parametrize("answer", [_lessons_sigmoid, _sigmoid_masked_both_forms], ids=["lesson's formula", "np.where of both forms"])
def test_a_sigmoid_that_overflows_fails_with_an_overflowed_line(answer):
    """Before: `1 / (1 + np.exp(-z))` passed "a sigmoid that does not overflow" (NumPy's warning was silenced and 1 / inf is 0)."""
    for seed in SEEDS:
        result = grade(get_task("02.sigmoid"), answer, seed)
        assert not result.passed and _overflowed(result), seed


def test_a_neuron_with_the_lessons_sigmoid_fails_with_an_overflowed_line():
    """Before: the neuron passed its "very negative weighted sum" case with a sigmoid that overflows there."""
    result = grade(get_task("02.neuron"), lambda x, w, b: float(_lessons_sigmoid(np.dot(w, x) + b)))
    assert not result.passed and _overflowed(result)


def test_a_keras_sigmoid_passes():
    """`keras.activations.sigmoid` is stable and returns tensors: a right answer to both tasks, which forbid overflow."""
    import keras

    for task_id, answer in [("02.sigmoid", keras.activations.sigmoid),
                            ("02.neuron", lambda x, w, b: keras.activations.sigmoid(keras.ops.dot(w, x) + b))]:
        for seed in SEEDS:
            assert grade(get_task(task_id), answer, seed).passed, (task_id, seed)


def _keras_dense(x, W, b):
    import keras

    layer = keras.layers.Dense(W.shape[1], activation="sigmoid", dtype="float64")
    layer.build((None, W.shape[0]))
    layer.set_weights([W, b])
    return layer(x)


def test_the_dense_layer_uses_keras_weight_layout():
    """Before: W had shape (units, inputs) and the answer was x @ W.T + b; a Keras Dense layer loaded with W failed."""
    task = get_task("02.dense_layer")
    for seed in SEEDS:
        for case in task.cases(seed):
            x, W, b = case.inputs
            assert W.shape == (x.shape[1], b.shape[0]), case.name
        assert grade(task, _keras_dense, seed).passed, seed
        assert not grade(task, lambda x, W, b: 1 / (1 + np.exp(-(x @ W.T + b))), seed).passed, seed


def test_the_forward_pass_uses_keras_weight_layout():
    """Before: W1 and W2 had shape (units, inputs); two Keras Dense layers loaded with them failed."""
    task = get_task("02.forward")
    for seed in SEEDS:
        for case in task.cases(seed):
            x, W1, b1, W2, b2 = case.inputs
            assert W1.shape == (x.shape[1], b1.shape[0]) and W2.shape == (b1.shape[0], b2.shape[0]), case.name
        assert grade(task, lambda x, W1, b1, W2, b2: _keras_dense(_keras_dense(x, W1, b1), W2, b2), seed).passed, seed


def test_the_exercise_text_states_keras_weight_layout():
    """Before: the exercise said "W has shape (units, inputs)", unlike exercise 01, lesson 03 and Keras."""
    text = json.dumps(json.loads((Path(__file__).parents[1] / "solutions" / "02_neuron.ipynb").read_text(encoding="utf-8"))["cells"])
    assert "(units, inputs)" not in text and "(inputs, units)" in text
