"""Exercise 04's checks accept what its texts allow and its hints teach without telling (issue 10, items 3 and 5); its
logits tasks hold cases where the probability path fails (issue 13).

Each test whose docstring starts with "Before:" failed before the change it guards.
"""
import re

import numpy as np
import pytest

from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade
from .test_feedback import _task_texts

SEEDS = (None, *HIDDEN_SEEDS)

# The Keras class each task's text names as its convention, with the options the text gives it.
KERAS_CLASSES = {"04.categorical_cross_entropy": ("CategoricalCrossentropy", {}),
                 "04.cross_entropy_from_logits": ("SparseCategoricalCrossentropy", {"from_logits": True}),
                 "04.binary_cross_entropy_from_logits": ("BinaryCrossentropy", {"from_logits": True})}


@pytest.mark.parametrize("task_id, name, options", [(task_id, *value) for task_id, value in KERAS_CLASSES.items()])
def test_the_keras_class_the_text_names_is_a_right_answer(task_id, name, options):
    """Before: every Keras class's 0-d tensor was rejected, although the text called the task "the Keras convention"."""
    import keras

    assert f"`keras.losses.{name}(" in _task_texts("04")[task_id], f"{task_id}: the text does not name keras.losses.{name}"
    for seed in SEEDS:
        result = grade(get_task(task_id), lambda y_true, y_pred: getattr(keras.losses, name)(**options)(y_true, y_pred), seed)
        assert result.passed, (seed, result.first_problem())


def test_keras_huber_with_the_given_delta_is_a_right_answer_and_its_default_is_not():
    import keras

    for seed in SEEDS:
        assert grade(get_task("04.huber"), lambda y, p, delta: keras.losses.Huber(delta=delta)(y, p), seed).passed, seed
        assert not grade(get_task("04.huber"), lambda y, p, delta: keras.losses.Huber()(y, p), seed).passed, seed


def _clipped_softmax_path(labels, logits):
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p = exps / exps.sum(axis=-1, keepdims=True)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(labels)), labels], 1e-7, 1 - 1e-7))))


def _clipped_sigmoid_path(y, z):
    e = np.exp(-np.abs(z))
    p = np.clip(np.where(z >= 0, 1 / (1 + e), e / (1 + e)), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@pytest.mark.parametrize("task_id, answer", [("04.cross_entropy_from_logits", _clipped_softmax_path),
                                              ("04.binary_cross_entropy_from_logits", _clipped_sigmoid_path)])
def test_the_clipped_probability_path_fails_only_the_confidently_wrong_cases(task_id, answer):
    """The stable probability path is right wherever the true label's probability is above 1e-7 and wrong elsewhere."""
    for seed in SEEDS:
        result = grade(get_task(task_id), answer, seed)
        failed = [case.name for case in result.cases if not case.passed]
        assert failed and all("wrong" in name for name in failed), (seed, failed)


@pytest.mark.parametrize("task_id", ["04.cross_entropy_from_logits", "04.binary_cross_entropy_from_logits"])
def test_the_logits_tasks_forbid_overflow(task_id):
    assert get_task(task_id).forbids_overflow


def test_no_huber_delta_is_kerass_default():
    for seed in (*SEEDS, 1, 2, 3, 4, 5):
        assert all(case.inputs[2] != 1.0 for case in get_task("04.huber").cases(seed)), seed


@pytest.mark.parametrize("task_id", ["04.cross_entropy_from_logits", "04.binary_cross_entropy_from_logits", "04.huber"])
def test_no_case_hint_holds_a_value_the_case_drew(task_id):
    """A hint never quotes a number drawn for its case (which would give the loss away)."""
    for seed in SEEDS:
        for case in get_task(task_id).cases(seed):
            drawn = set(re.findall(r"\d+\.\d+", case.name)) | {f"{value:g}" for value in np.ravel(case.inputs[1]) if value % 1}
            assert not [number for number in re.findall(r"\d+\.\d+", case.hint) if number in drawn], (case.name, case.hint)
