"""Every check of every exercise: passes on its reference, fails on the stub and on each known-wrong answer."""
import pytest

from course_utils.grading.builders import KNOWN_MISTAKE_HINT
from course_utils.grading.judge import judge_task
from course_utils.grading.plain import dumps, loads
from course_utils.grading.produce import produce
from course_utils.grading.tasks import exercise_tasks, known_exercises

TASKS = [task for exercise in known_exercises() for task in exercise_tasks(exercise)]
WRONG = [(task, wrong) for task in TASKS for wrong in task.wrong_answers]


def grade(task, answer):
    """Produce, send through JSON as batch grading will, then judge."""
    return judge_task(task, loads(dumps(produce(task, answer))))


def test_every_exercise_has_at_least_three_tasks():
    assert known_exercises(), "no exercise has check definitions"
    for exercise in known_exercises():
        assert len(exercise_tasks(exercise)) >= 3, exercise


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.id)
def test_reference_answer_passes(task):
    result = grade(task, task.reference)
    assert result.passed, result.first_problem()
    assert result.earned == task.points


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.id)
def test_unsolved_stub_fails(task):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    result = grade(task, stub)
    assert not result.passed and result.earned == 0
    assert "not implemented yet" in result.first_problem()


@pytest.mark.parametrize("task, wrong", WRONG, ids=lambda item: getattr(item, "id", None) or getattr(item, "mistake", "").replace(" ", "-"))
def test_known_wrong_answer_fails_with_a_hint(task, wrong):
    result = grade(task, wrong.make())
    assert not result.passed, f"{task.id} accepted a known-wrong answer: {wrong.mistake}"
    failed = [case for case in result.cases if not case.passed]
    assert all(case.problem and case.hint for case in failed)


def test_task_ids_are_unique_and_match_their_exercise():
    ids = [task.id for task in TASKS]
    assert len(ids) == len(set(ids))
    for exercise in known_exercises():
        assert all(task.exercise == exercise for task in exercise_tasks(exercise))


def test_backward_pass_feedback_names_each_mistake():
    """06.backward diagnoses its known-wrong answers from which gradients are wrong, and how."""
    from course_utils.checks.lesson_06 import BACKWARD_HINTS
    from course_utils.grading.tasks import get_task

    task = get_task("06.backward")
    expected = {"differentiates the sum, not the mean (no 1/n)": "mean", "forgets tanh's derivative 1 - h²": "hidden",
                "has a sign error: y - p": "sign", "multiplies by the sigmoid's slope p(1 - p) again": "output",
                "names the gradients dW1, db1, dW2, db2": "keys", "does not sum the bias gradients over the batch": "bias"}
    assert sorted(expected) == sorted(wrong.mistake for wrong in task.wrong_answers)
    for wrong in task.wrong_answers:
        hints = {case.hint for case in grade(task, wrong.make()).cases if not case.passed}
        assert hints == {BACKWARD_HINTS[expected[wrong.mistake]]}, (wrong.mistake, hints)


def test_minibatch_feedback_names_each_mistake():
    """07.minibatches picks its hint from the kind of problem found, whichever case shows it."""
    from course_utils.checks.lesson_07 import MINIBATCH_HINTS
    from course_utils.grading.judge import ERROR_HINTS
    from course_utils.grading.tasks import get_task

    task = get_task("07.minibatches")
    expected = {"drops the last partial batch (n // batch_size batches)": "dropped",
                "stops early: range(0, n - batch_size, batch_size)": "dropped",
                "does not shuffle": "unshuffled", "shuffles x and y with two different permutations": "pairs",
                "draws samples with replacement (rng.integers)": "repeated", "yields overlapping windows (step 1)": "repeated",
                "ignores rng and uses a generator with a fixed seed": "same_order",
                "ignores rng and shuffles with np.random": "not_from_rng", "shuffles the caller's x and y in place": None}
    assert sorted(expected) == sorted(wrong.mistake for wrong in task.wrong_answers)
    for wrong in task.wrong_answers:
        hints = {case.hint for case in grade(task, wrong.make()).cases if not case.passed}
        want = MINIBATCH_HINTS[expected[wrong.mistake]] if expected[wrong.mistake] else ERROR_HINTS["mutated_input"]
        assert want in hints, wrong.mistake
        assert not hints & (set(MINIBATCH_HINTS.values()) - {want}), (wrong.mistake, hints)


EXPLICITLY_DIAGNOSED = {"06.backward", "07.minibatches"}  # tested above, hint per kind of problem
# Known-wrong answers that, on every case where they fail, give the same value as an earlier-listed sibling mistake.
SAME_VALUE_AS = {("04.mae", "takes the absolute value of the mean error"): "forgets the absolute value"}


@pytest.mark.parametrize("task, wrong", [(t, w) for t, w in WRONG if t.id not in EXPLICITLY_DIAGNOSED and t.run.__name__ != "run_classifier"],
                         ids=lambda item: getattr(item, "id", None) or getattr(item, "mistake", "").replace(" ", "-"))
def test_a_known_mistake_that_returns_a_wrong_value_is_named_in_the_hint(task, wrong):
    """Where a known-wrong answer returns a value (no exception, no input changed), its feedback names a known mistake."""
    outcomes = loads(dumps(produce(task, wrong.make())))
    result = judge_task(task, outcomes)
    wrong_values = [case for case, outcome in zip(result.cases, outcomes) if not case.passed and outcome["status"] == "ok"]
    if not wrong_values:
        pytest.skip("fails by an exception or an input changed in place, which have hints of their own")
    named = [case.hint for case in wrong_values if case.hint.startswith(KNOWN_MISTAKE_HINT)]
    assert named, f"{task.id}: {wrong.mistake}: no hint names a mistake"
    mistake = SAME_VALUE_AS.get((task.id, wrong.mistake), wrong.mistake)
    assert f"{KNOWN_MISTAKE_HINT}{mistake}." in named, named


def test_every_mistake_reads_as_what_the_function_does():
    """Feedback says "... if your function <mistake>.", so each mistake is a verb phrase ("forgets the bias")."""
    for task, wrong in WRONG:
        first = wrong.mistake.split()[0].rstrip(":")
        assert first.endswith("s") or first in {"never", "only"}, f"{task.id}: {wrong.mistake!r}"
