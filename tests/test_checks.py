"""Every check of every exercise: passes on its reference (public and hidden cases), fails on the stub and on each known-wrong answer.

References and known-wrong answers live on the instructor's side
(`course_instructor.references`); the learner's side only draws cases and
judges against right results given to it (stored data for public cases).
"""
import inspect

import numpy as np
import pytest

from course_instructor.authoring import build_expected
from course_instructor.references import all_tasks_with_references, expected_for
from course_utils.grading.judge import KNOWN_MISTAKE_HINT, judge_task
from course_utils.grading.models import run_classifier
from course_utils.grading.plain import dumps, loads
from course_utils.grading.produce import produce
from course_utils.grading.report import render_task
from course_utils.grading.tasks import exercise_tasks, known_exercises

from .hint_rules import what_the_hint_tells

PAIRS = all_tasks_with_references()
TASKS = [task for task, _ in PAIRS]
WRONG = [(task, wrong) for task, reference in PAIRS for wrong in reference.wrong_answers]
HIDDEN_SEEDS = (11, 2026)
_ids = lambda item: getattr(item, "id", None) or getattr(item, "mistake", "").replace(" ", "-")  # noqa: E731


def grade(task, answer, seed=None):
    """Produce, send through JSON as grading does, then judge: public cases against the stored results, hidden against the references."""
    from course_utils.grading.expected import public_expected

    cases = task.cases(seed)
    expected = public_expected(task) if seed is None else expected_for(task, cases)
    return judge_task(task, cases, loads(dumps(produce(task, answer, cases))), expected)


def test_every_exercise_has_at_least_three_tasks():
    assert known_exercises(), "no exercise has check definitions"
    for exercise in known_exercises():
        assert len(exercise_tasks(exercise)) >= 3, exercise


def test_stored_public_results_agree_with_the_references():
    assert build_expected(check_only=True) == 0


@pytest.mark.parametrize("seed", [None, *HIDDEN_SEEDS])
@pytest.mark.parametrize("task, reference", PAIRS, ids=[task.id for task in TASKS])
def test_reference_answer_passes(task, reference, seed):
    result = grade(task, reference.answer, seed)
    assert result.passed, result.first_problem()
    assert result.earned == task.points


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.id)
def test_unsolved_stub_fails(task):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    result = grade(task, stub)
    assert not result.passed and result.earned == 0
    assert "not implemented yet" in result.first_problem()


def trains_a_model(task) -> bool:
    """True for a task whose answer trains a network (`run_classifier`): each of its cases costs seconds."""
    return task.run is run_classifier


def seeds_for(task, answers: list, seeds: tuple = (None, HIDDEN_SEEDS[0])) -> list:
    """Pair each of a task's answers in other styles (or known-wrong answers) with the seeds it is tried on.

    An answer of a cheap task is tried on every seed of `seeds`. A task that trains a network tries each
    answer on one seed, the public cases and the first hidden seed in turn, so that both are covered by
    the task's answers at a fraction of the training; its reference is tried on every seed.

    Args:
        task: The task.
        answers: Its answers, in order.
        seeds: The seeds for a cheap task (None: the public cases).

    Returns:
        ``[(answer, seed), ...]``.
    """
    if trains_a_model(task):
        return [(answer, (None, HIDDEN_SEEDS[0])[index % 2]) for index, answer in enumerate(answers)]
    return [(answer, seed) for answer in answers for seed in seeds]


WRONG_BY_SEED = [(task, wrong, seed) for task, reference in PAIRS for wrong, seed in seeds_for(task, reference.wrong_answers)]


@pytest.mark.parametrize("task, wrong, seed", WRONG_BY_SEED, ids=[f"{task.id}-{_ids(wrong)}-{seed}" for task, wrong, seed in WRONG_BY_SEED])
def test_known_wrong_answer_fails_with_a_hint(task, wrong, seed):
    result = grade(task, wrong.make(), seed)
    assert not result.passed, f"{task.id} accepted a known-wrong answer: {wrong.mistake}"
    failed = [case for case in result.cases if not case.passed]
    assert all(case.problem for case in failed)
    assert result.hint, f"{task.id}: {wrong.mistake}: no hint"
    assert render_task(result).count("hint:") == 1
    assert not what_the_hint_tells(result.hint), f"{task.id}: {wrong.mistake}: the hint holds {what_the_hint_tells(result.hint)}: {result.hint!r}"


@pytest.mark.parametrize("task", TASKS, ids=lambda task: task.id)
def test_every_case_is_drawn_anew_for_hidden_grading(task):
    """A table of inputs seen before matches nothing: each hidden case's inputs differ from the public ones and across seeds."""
    public, first, second = task.cases(), task.cases(HIDDEN_SEEDS[0]), task.cases(HIDDEN_SEEDS[1])
    assert [case.name for case in public] == [case.name for case in first] or len(public) == len(first)
    for index, (a, b, c) in enumerate(zip(public, first, second)):
        texts = [dumps(case.inputs) for case in (a, b, c)]
        assert len(set(texts)) == 3, f"{task.id}: case {index} ({a.name}) has the same inputs for different seeds"


@pytest.mark.parametrize("task", [task for task in TASKS if task.compares], ids=lambda task: task.id)
def test_the_learners_side_holds_no_answer(task):
    """No function of the learner's checks module passes the task: the answers stay on the instructor's side."""
    module = inspect.getmodule(task.make_cases)
    for name, function in inspect.getmembers(module, inspect.isfunction):
        try:
            parameters = inspect.signature(function).parameters
        except (TypeError, ValueError):
            continue
        if len(parameters) == len(task.cases()[0].inputs):
            assert not grade(task, function).passed, f"{module.__name__}.{name} answers {task.id}"


def test_backward_pass_feedback_names_each_mistake():
    """06.backward diagnoses its known-wrong answers from which gradients are wrong, and how."""
    from course_instructor.references import reference_for
    from course_utils.checks.lesson_06 import BACKWARD_HINTS
    from course_utils.grading.tasks import get_task

    task = get_task("06.backward")
    expected = {"differentiates the sum, not the mean (no 1/n)": "mean", "forgets ReLU's derivative": "hidden",
                "uses tanh's slope instead of ReLU's": "hidden",
                "has a sign error: y - p": "sign", "multiplies by the sigmoid's slope p(1 - p) again": "output",
                "names the gradients dW1, db1, dW2, db2, dW3, db3": "keys", "does not sum the bias gradients over the batch": "bias",
                "computes W1's gradient with the product in the wrong order": "first_weights", "divides by n twice": "mean_twice"}
    wrong_answers = reference_for(task).wrong_answers
    assert sorted(expected) == sorted(wrong.mistake for wrong in wrong_answers)
    for wrong in wrong_answers:  # a known mistake is named first; the diagnosis explains the rest
        hint = grade(task, wrong.make()).hint
        assert hint in (BACKWARD_HINTS[expected[wrong.mistake]], f"{KNOWN_MISTAKE_HINT}{wrong.mistake}."), (wrong.mistake, hint)


def test_minibatch_feedback_names_each_mistake():
    """07.minibatches picks its hint from the kind of problem found, whichever case shows it."""
    from course_instructor.references import reference_for
    from course_utils.checks.lesson_07 import MINIBATCH_HINTS
    from course_utils.grading.judge import ERROR_HINTS
    from course_utils.grading.tasks import get_task

    task = get_task("07.minibatches")
    expected = {"drops the last, smaller batch": "dropped",
                "stops one step early and leaves the last samples out": "dropped",
                "does not shuffle": "unshuffled", "shuffles x and y with two different permutations": "pairs",
                "draws samples with replacement (rng.integers)": "repeated", "yields overlapping windows (step 1)": "repeated",
                "ignores rng and uses a generator with a fixed seed": "same_order",
                "ignores rng and shuffles with NumPy's global generator": "not_from_rng", "shuffles the caller's x and y in place": None}
    wrong_answers = reference_for(task).wrong_answers
    assert sorted(expected) == sorted(wrong.mistake for wrong in wrong_answers)
    for wrong in wrong_answers:
        want = MINIBATCH_HINTS[expected[wrong.mistake]] if expected[wrong.mistake] else ERROR_HINTS["mutated_input"]
        assert grade(task, wrong.make()).hint == want, wrong.mistake


def test_task_ids_are_unique_and_match_their_exercise():
    ids = [task.id for task in TASKS]
    assert len(ids) == len(set(ids))
    for exercise in known_exercises():
        assert all(task.exercise == exercise for task in exercise_tasks(exercise))


EXPLICITLY_DIAGNOSED = {"06.backward", "07.minibatches"}  # tested above, hint per kind of problem
# Tasks whose cases are drawn so that no two known mistakes agree on every case where one fails, whatever the seed:
# their mistakes are named on hidden cases too, not only on the public ones.
NAMED_ON_HIDDEN_CASES = {"01.dense_layer", "01.weighted_sum", "01.standardize", "01.squared_distances",
                         "02.sigmoid", "02.dense_layer", "02.collapse", "02.log_sigmoid", "09.conv2d", "09.stack_shapes", "09.max_pool_backward",
                         "10.lstm_step", "10.bidirectional", "10.multi_step_windows", "10.seasonal_naive",
                         "11.gan_losses", "11.optimal_discriminator", "11.jensen_shannon", "11.grid_coverage",
                         "12.classifier_metrics", "12.threshold_for_precision", "12.balanced_class_weights", "12.ndcg_at_k",
                         "13.model_cost", "13.all_reduce_mean", "13.integrated_gradients", "13.samples_needed",
                         "03.swish_derivative", "03.dead_units",
                         "04.cross_entropy_from_logits", "04.binary_cross_entropy_from_logits", "04.huber",
                         "05.gradient_check", "05.softplus_neuron", "06.input_gradient", "07.largest_stable_rate", "07.cosine_decay"}
NAMED = [(t, w, seed) for t, w in WRONG if t.id not in EXPLICITLY_DIAGNOSED and t.compares
         for seed in ((None, *HIDDEN_SEEDS) if t.id in NAMED_ON_HIDDEN_CASES else (None,))]


def test_every_task_promised_to_name_its_mistakes_on_hidden_cases_exists():
    assert NAMED_ON_HIDDEN_CASES <= {task.id for task in TASKS}


@pytest.mark.parametrize("task, wrong, seed", NAMED, ids=lambda item: _ids(item) if item is not None and not isinstance(item, int) else str(item))
def test_a_known_mistake_that_returns_a_wrong_value_is_named_in_the_hint(task, wrong, seed):
    """Where a known-wrong answer returns a value (no exception, no input changed), its feedback names a known mistake."""
    from course_utils.grading.expected import public_expected

    cases = task.cases(seed)
    outcomes = loads(dumps(produce(task, wrong.make(), cases)))
    result = judge_task(task, cases, outcomes, public_expected(task) if seed is None else expected_for(task, cases))
    failing = [outcome for case, outcome in zip(result.cases, outcomes) if not case.passed]
    if any(outcome["status"] != "ok" for outcome in failing):
        pytest.skip("fails by an exception or an input changed in place, which have hints of their own")
    assert result.hint == f"{KNOWN_MISTAKE_HINT}{wrong.mistake}.", result.hint


def test_every_mistake_reads_as_what_the_function_does():
    """Feedback says "... if your function <mistake>.", so each mistake is a verb phrase ("forgets the bias")."""
    for task, wrong in WRONG:
        first = wrong.mistake.split()[0].rstrip(":")
        assert first.endswith("s") or first in {"never", "only"}, f"{task.id}: {wrong.mistake!r}"
