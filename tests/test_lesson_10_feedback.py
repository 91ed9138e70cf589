"""Exercise 10's feedback fits the evidence: each known mistake is named on hidden cases too (tests/test_checks.py), and the cases separate them."""
import numpy as np

from course_instructor.references import reference_for
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade


def test_lstm_without_forget_gate_passes_only_from_a_state_of_zeros():
    """Forgetting the forget gate changes nothing while the cell state is 0: the other cases start from a drawn state."""
    task = get_task("10.lstm_step")
    wrong = next(w for w in reference_for(task).wrong_answers if "forget gate" in w.mistake).make()
    result = grade(task, wrong)
    assert [case.passed for case in result.cases] == [True, False, False, False, False]


def test_bidirectional_keeps_the_forward_units_first_even_for_one_step():
    """With a single step both directions read the same input, but their weights differ: the order of the units shows."""
    task = get_task("10.bidirectional")
    swapped = next(w for w in reference_for(task).wrong_answers if "before the forward" in w.mistake).make()
    assert not any(case.passed for case in grade(task, swapped).cases)


def test_seasonal_naive_accepts_a_list_of_floats():
    """The task asks for an array (n,); a plain list of the right numbers is the same value."""
    from course_instructor.references.lesson_10 import seasonal_naive

    def as_list(windows, horizon, season):
        return [float(value) for value in seasonal_naive(windows, horizon, season)]

    for seed in (None, *HIDDEN_SEEDS):
        assert grade(get_task("10.seasonal_naive"), as_list, seed).passed


def test_multi_step_windows_rejects_targets_of_the_wrong_shape():
    """One target per window is still a column: returning it flat fails the single-target case only."""
    from course_instructor.references.lesson_10 import multi_step_windows

    def flat_single(series, window, horizon, steps):
        windows, targets = multi_step_windows(series, window, horizon, steps)
        return windows, targets.ravel() if steps == 1 else targets

    result = grade(get_task("10.multi_step_windows"), flat_single)
    assert [case.passed for case in result.cases] == [True, True, False, True]
    assert np.all([case.passed for case in grade(get_task("10.multi_step_windows"), multi_step_windows).cases])
