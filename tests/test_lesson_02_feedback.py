"""Exercise 02's checks reject a sigmoid that overflows and use Keras's weight layout (issue 10, items 3 to 5; issue 13).

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


def test_a_log_sigmoid_that_overflows_or_rounds_to_zero_fails():
    """Issue 13: the log of the lesson's sigmoid overflows (an overflowed line); the log of a safe sigmoid gives -inf."""
    for seed in SEEDS:
        result = grade(get_task("02.log_sigmoid"), lambda z: np.log(_lessons_sigmoid(z)), seed)
        assert not result.passed and _overflowed(result), seed

    def log_of_safe_sigmoid(z):
        e = np.exp(-np.abs(z))
        return np.log(np.where(z >= 0, 1 / (1 + e), e / (1 + e)))

    for seed in SEEDS:
        assert not grade(get_task("02.log_sigmoid"), log_of_safe_sigmoid, seed).passed, seed


def test_keras_sigmoid_and_log_sigmoid_pass():
    """`keras.activations.sigmoid` and `keras.ops.log_sigmoid` are stable and return tensors: right answers to tasks that forbid overflow."""
    import keras

    for task_id, answer in [("02.sigmoid", keras.activations.sigmoid), ("02.log_sigmoid", keras.ops.log_sigmoid)]:
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


def test_the_collapsed_layer_uses_keras_weight_layout_and_equals_a_keras_stack():
    """Issue 13: every layer of the stack is in Keras's layout, and so is the collapsed W: a Keras stack of linear Dense
    layers, probed with zeros and the identity, passes; keeping only the last layer fails."""
    import keras

    def keras_stack(layers):
        inputs = layers[0][0].shape[0]
        model = keras.Sequential([keras.Input(shape=(inputs,))] + [keras.layers.Dense(W.shape[1], dtype="float64") for W, _ in layers])
        for layer, (W, b) in zip(model.layers, layers):
            layer.set_weights([W, b])
        b = model(np.zeros((1, inputs)))[0]
        return model(np.eye(inputs)) - b, b

    task = get_task("02.collapse")
    for seed in SEEDS:
        for case in task.cases(seed):
            (layers,) = case.inputs
            assert all(W.shape[0] == b_before.shape[0] for (W, _), (_, b_before) in zip(layers[1:], layers)), case.name
        assert grade(task, keras_stack, seed).passed, seed
        assert not grade(task, lambda layers: (layers[-1][0], layers[-1][1]), seed).passed, seed


def test_the_exercise_text_states_keras_weight_layout():
    """Before: the exercise said "W has shape (units, inputs)", unlike exercise 01, lesson 03 and Keras."""
    text = json.dumps(json.loads((Path(__file__).parents[1] / "solutions" / "02_neuron.ipynb").read_text(encoding="utf-8"))["cells"])
    assert "(units, inputs)" not in text and "(inputs, units)" in text
