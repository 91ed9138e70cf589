"""Exercise 04's checks accept what its texts allow and its hints teach without telling (issue 10, items 3 and 5).

Each test failed before the change it guards.
"""
import re

import numpy as np
import pytest

from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade
from .test_feedback import _task_texts

# The Keras class each task's text names as its convention.
KERAS_CLASSES = {"04.mse": "MeanSquaredError", "04.mae": "MeanAbsoluteError",
                 "04.binary_cross_entropy": "BinaryCrossentropy", "04.categorical_cross_entropy": "CategoricalCrossentropy"}


@pytest.mark.parametrize("task_id, name", KERAS_CLASSES.items())
def test_the_keras_class_the_text_names_is_a_right_answer(task_id, name):
    """Before: `keras.losses.BinaryCrossentropy()` failed the exact 0/1 case (float32 rounds 1 - 1e-7), and every
    Keras class's 0-d tensor was rejected, although the text called the task "the Keras convention"."""
    import keras

    assert f"`keras.losses.{name}()" in _task_texts("04")[task_id], f"{task_id}: the text does not name keras.losses.{name}"
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task(task_id), lambda y_true, y_pred: getattr(keras.losses, name)()(y_true, y_pred), seed)
        assert result.passed, (seed, result.first_problem())


def _bce_float32(y_true, p):
    y, p = np.asarray(y_true, np.float32), np.clip(np.asarray(p, np.float32), np.float32(1e-7), np.float32(1 - 1e-7))
    return -np.mean(y * np.log(p) + (np.float32(1) - y) * np.log(np.float32(1) - p))


def test_a_float32_binary_cross_entropy_passes_the_exact_0_and_1_case():
    """Before: float32 answers failed "predictions of exactly 0 and 1" (a label 0 predicted as exactly 1 costs 15.9
    in float32 and 16.1 in float64, both clipped as the text says)."""
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("04.binary_cross_entropy"), _bce_float32, seed)
        assert result.passed, (seed, result.first_problem())


@pytest.mark.parametrize("task_id", ["04.mse", "04.mae", "04.binary_cross_entropy"])
def test_no_case_hint_holds_a_value_the_case_drew(task_id):
    """Before: the batch-of-one hint gave the expected loss ("the loss here is -ln(0.25)"), and MSE's and MAE's named
    the drawn target and prediction."""
    for seed in (None, *HIDDEN_SEEDS):
        for case in get_task(task_id).cases(seed):
            drawn = set(re.findall(r"\d+\.\d+", case.name)) | {f"{value:g}" for value in np.ravel(case.inputs[1]) if value % 1}
            assert not [number for number in re.findall(r"\d+\.\d+", case.hint) if number in drawn], (case.name, case.hint)
