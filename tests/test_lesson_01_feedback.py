"""Exercise 01's checks demand what the task texts say (issue 10, item 5): each test failed before the change it guards."""
import numpy as np

from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade
from .test_feedback import _task_texts


def test_keras_flatten_passes_and_the_pixels_must_come_back_unchanged():
    """keras.layers.Flatten (float32) used to fail the exact comparison, and the text did not say that float32 is allowed:
    it passes now, float32 rounding is allowed and nothing more, and the text says so."""
    import keras

    task = get_task("01.flatten_images")
    for seed in (None, *HIDDEN_SEEDS):
        assert grade(task, lambda images: keras.layers.Flatten()(images), seed).passed
    assert not grade(task, lambda images: images.reshape(len(images), -1) * (1 + 1e-12)).passed  # float64: exact
    assert not grade(task, lambda images: images.reshape(len(images), -1).astype(np.float32) + np.float32(1e-3)).passed
    assert "float32" in _task_texts("01")["01.flatten_images"]


def test_a_keras_dense_layer_holding_w_and_b_passes_the_dense_task():
    """The task's weights are in Keras's layout, (inputs, units): a Dense layer given them computes the answer.

    Before: the text did not say which layout w has.
    """
    import keras

    def dense(x, w, b):
        layer = keras.layers.Dense(w.shape[1])
        layer.build((None, w.shape[0]))
        layer.set_weights([w, b])
        return layer(x)

    for seed in (None, *HIDDEN_SEEDS):
        assert grade(get_task("01.dense_layer"), dense, seed).passed
    assert "(inputs, units)" in _task_texts("01")["01.dense_layer"]


def test_every_task_text_says_tensors_are_accepted():
    """Before: "returns one number (a Python float)"; tensors and float32, which the checks accept, were not mentioned."""
    for task_id, text in _task_texts("01").items():
        assert "TensorFlow tensor" in text and ("float32" in text or "0-d" in text), task_id


def test_the_standardize_text_names_the_standard_deviation_it_demands():
    """Before: dividing by n - 1 (pandas' default) got the hint "mean and std over axis 0", which it already did."""
    from course_instructor.references import reference_for
    from course_utils.grading.judge import KNOWN_MISTAKE_HINT

    task = get_task("01.standardize")
    sample = next(wrong for wrong in reference_for(task).wrong_answers if "n - 1" in wrong.mistake)
    assert grade(task, sample.make()).hint == f"{KNOWN_MISTAKE_HINT}{sample.mistake}."
    assert "not\n`n - 1`" in _task_texts("01")["01.standardize"] or "not `n - 1`" in _task_texts("01")["01.standardize"]
