"""Exercise 09's feedback fits the evidence: each known mistake is named on hidden cases too (tests/test_checks.py), and the model task says why a model fails."""
import numpy as np

from course_instructor.references import reference_for
from course_utils.checks.lesson_09 import SMALL_CNN_BUDGET, SMALL_CNN_HINTS
from course_utils.grading.judge import ERROR_HINTS
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade


def test_small_cnn_feedback_names_each_problem():
    """09.small_cnn reads the returned model: no Conv2D, over the budget, never trained, or not a model at all."""
    task = get_task("09.small_cnn")
    expected = {"exceeds the parameter budget (the lesson's network)": SMALL_CNN_HINTS["budget"],
                "has no convolution layer": SMALL_CNN_HINTS["no_conv"],
                "never trains the network": SMALL_CNN_HINTS["untrained"],
                "returns the History from fit instead of the model": ERROR_HINTS["wrong_type"]}
    wrong_answers = reference_for(task).wrong_answers
    assert sorted(expected) == sorted(wrong.mistake for wrong in wrong_answers)
    for wrong in wrong_answers:
        result = grade(task, wrong.make())
        assert result.hint == expected[wrong.mistake], wrong.mistake
    over_budget = grade(task, next(w for w in wrong_answers if "budget" in w.mistake).make())
    assert f"at most {SMALL_CNN_BUDGET:,} are allowed" in over_budget.first_problem()


def test_conv2d_that_flips_the_kernel_passes_only_for_symmetric_kernels():
    """The flipped-kernel mistake is caught on every case: all kernels are drawn at random, none symmetric."""
    task = get_task("09.conv2d")
    flipped = next(w for w in reference_for(task).wrong_answers if "flips" in w.mistake).make()
    result = grade(task, flipped)
    assert not any(case.passed for case in result.cases)


def test_stack_shapes_accepts_a_list_of_lists_of_numpy_integers():
    """The task text allows a list of tuples; NumPy integers inside it are numbers too."""
    from course_instructor.references.lesson_09 import stack_shapes

    def as_lists(input_shape, layers):
        return [[np.int64(value) for value in row] for row in stack_shapes(input_shape, layers)]

    for seed in (None, *HIDDEN_SEEDS):
        assert grade(get_task("09.stack_shapes"), as_lists, seed).passed
