"""Exercise 01's checks demand what the task texts say (issue 10, item 5): each test failed before the change it guards."""
import numpy as np

from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade
from .test_feedback import _task_texts


def test_the_weighted_sum_reads_inputs_of_any_shape_and_a_matrix_product_fails():
    """Issue 13: the task applies a neuron to a layout the lesson did not show (images, colour images); the lesson's
    flat `x @ w + b` is not a weighted sum of two images, and the text warns about it."""
    task = get_task("01.weighted_sum")
    for seed in (None, *HIDDEN_SEEDS):
        shapes = [case.inputs[0].shape for case in task.cases(seed)]
        assert any(len(shape) == 3 for shape in shapes) and any(len(shape) == 2 and shape[0] != shape[1] for shape in shapes)
        assert grade(task, lambda x, w, b: float(np.sum(x * w) + b), seed).passed
        assert not grade(task, lambda x, w, b: float(np.sum(x @ w) + b), seed).passed
    assert "x @ w" in _task_texts("01")["01.weighted_sum"]


def test_squared_distances_rejects_distances_and_accepts_the_expansion_in_float32():
    """The task asks for squared distances, shape (n, m): the square root fails, the fast expansion passes even in float32."""
    task = get_task("01.squared_distances")

    def expansion_float32(a, b):
        a, b = a.astype(np.float32), b.astype(np.float32)
        return (a * a).sum(axis=1)[:, None] + (b * b).sum(axis=1)[None, :] - 2 * a @ b.T

    for seed in (None, *HIDDEN_SEEDS):
        assert grade(task, expansion_float32, seed).passed, seed
        assert not grade(task, lambda a, b: np.sqrt(((a[:, None] - b[None]) ** 2).sum(-1)), seed).passed


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
