"""Exercise 11's feedback fits the evidence: each known mistake is named on hidden cases too (tests/test_checks.py), and the unstable loss is caught by its overflow."""

from course_instructor.references import reference_for
from course_utils.grading.judge import ERROR_HINTS
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

OVERFLOWS = {"computes softplus as the log of one plus an exponential, which overflows"}


def test_a_softplus_that_overflows_fails_with_the_overflow_hint_only_on_large_logits():
    task = get_task("11.gan_losses")
    naive = next(wrong for wrong in reference_for(task).wrong_answers if wrong.mistake in OVERFLOWS).make()
    result = grade(task, naive)
    assert result.hint == ERROR_HINTS["overflow"]
    assert [case.passed for case in result.cases] == [True, False, True, True, True]
    assert "overflowed" in result.cases[1].problem


def test_grid_coverage_threshold_case_separates_at_least_from_more_than():
    """Only the case where a mode holds exactly min_share of the samples tells '>=' from '>'."""
    task = get_task("11.grid_coverage")
    strict = next(wrong for wrong in reference_for(task).wrong_answers if wrong.mistake.startswith("requires more than")).make()
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, strict, seed)
        assert [case.passed for case in result.cases] == [True, True, True, True, False], seed
