"""Exercise 13's feedback fits the evidence: each known mistake is named on hidden cases too, and the cases separate the mistakes they are drawn for."""
import pytest

from course_instructor.references import reference_for
from course_utils.grading.judge import KNOWN_MISTAKE_HINT
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

TASK_IDS = ["13.model_cost", "13.all_reduce_mean", "13.integrated_gradients", "13.samples_needed"]


@pytest.mark.parametrize("seed", HIDDEN_SEEDS)
@pytest.mark.parametrize("task_id", TASK_IDS)
def test_every_known_mistake_is_named_on_hidden_cases(task_id, seed):
    """The cases are drawn so that no two mistakes agree on every case where one fails, whatever the seed."""
    task = get_task(task_id)
    for wrong in reference_for(task).wrong_answers:
        assert grade(task, wrong.make(), seed).hint == f"{KNOWN_MISTAKE_HINT}{wrong.mistake}.", (task_id, seed, wrong.mistake)


def _wrong(task, start: str):
    return next(wrong for wrong in reference_for(task).wrong_answers if wrong.mistake.startswith(start)).make()


def test_a_plain_mean_of_replica_gradients_passes_only_the_even_split():
    """Only equal replica batches make the plain mean right: the check's first case has them, every other case does not."""
    task = get_task("13.all_reduce_mean")
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, _wrong(task, "takes the plain mean"), seed)
        assert [case.passed for case in result.cases] == [True, False, False, False, True], seed


def test_the_gradient_at_the_image_alone_passes_only_the_linear_model():
    """A linear model's gradient is the same along the whole path; every other case needs the path."""
    task = get_task("13.integrated_gradients")
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, _wrong(task, "takes the gradient at the image only"), seed)
        assert result.cases[0].passed and not any(case.passed for case in result.cases[1:4]), seed


def test_fitting_only_the_end_points_fails_only_on_noisy_curves():
    task = get_task("13.samples_needed")
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, _wrong(task, "draws the line"), seed)
        assert [case.passed for case in result.cases] == [True, False, False, True, False], seed


def test_ignoring_strides_fails_only_where_a_stride_is_two():
    task = get_task("13.model_cost")
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, _wrong(task, "ignores the strides"), seed)
        assert [case.passed for case in result.cases] == [True, True, False, False, True], seed
