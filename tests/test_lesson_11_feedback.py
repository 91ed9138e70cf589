"""Exercise 11's feedback fits the evidence: each known mistake is named on hidden cases too, and the unstable loss is caught by its overflow."""
import pytest

from course_instructor.references import reference_for
from course_utils.grading.judge import ERROR_HINTS, KNOWN_MISTAKE_HINT
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

TASK_IDS = ["11.gan_losses", "11.optimal_discriminator", "11.jensen_shannon", "11.grid_coverage"]
OVERFLOWS = {"computes softplus as the log of one plus an exponential, which overflows"}


@pytest.mark.parametrize("seed", HIDDEN_SEEDS)
@pytest.mark.parametrize("task_id", TASK_IDS)
def test_every_known_mistake_is_named_on_hidden_cases(task_id, seed):
    """The cases are drawn so that no two mistakes agree on every case where one fails, whatever the seed."""
    task = get_task(task_id)
    for wrong in reference_for(task).wrong_answers:
        if wrong.mistake in OVERFLOWS:
            continue
        assert grade(task, wrong.make(), seed).hint == f"{KNOWN_MISTAKE_HINT}{wrong.mistake}.", (task_id, seed, wrong.mistake)


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
