"""Exercise 14's feedback fits the evidence: the capstone's rubric awards partial points to weak models, its hints name
why a model falls short, the held-out data stays with the judge, and the task texts print the rubric and the budget."""
import pytest

from course_instructor.references import reference_for
from course_utils.checks.lesson_14 import CAPSTONE_HINTS, TRAINING_BUDGET
from course_utils.grading.judge import ERROR_HINTS, KNOWN_MISTAKE_HINT, rubric_text
from course_utils.grading.report import render_task
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade

CAPSTONE = ["14.image_classifier", "14.sentiment_classifier"]


def _wrong(task, start: str):
    return next(wrong for wrong in reference_for(task).wrong_answers if wrong.mistake.startswith(start)).make()


@pytest.mark.parametrize("task_id, weak", [("14.image_classifier", "uses lesson 08's MLP"),
                                           ("14.sentiment_classifier", "averages the word vectors")])
def test_the_rubric_gives_a_weak_model_partial_points_and_says_so(task_id, weak):
    """A deliberately weak model (an MLP on shifted digits, a bag of words on reordered reviews) earns the lowest
    threshold's points, not all and not none, and the check cell shows its score and its points."""
    task = get_task(task_id)
    result = grade(task, _wrong(task, weak))
    lowest, _ = task.rubric[0]
    top, _ = task.rubric[-1]
    score = result.cases[0].score
    assert lowest <= score < top, score
    assert 0 < result.earned < task.points and not result.passed
    text = render_task(result)
    assert f"scored {score:.1%}: {result.earned} of {task.points} points by the rubric" in text
    assert f"{result.earned} of {task.points} points" in text and text.count("hint:") == 1
    assert result.hint == task.cases()[0].hint  # the case's hint: why this kind of model falls short


@pytest.mark.parametrize("task_id, mistake, hint", [
    ("14.image_classifier", "never trains", CAPSTONE_HINTS["untrained"]),
    ("14.image_classifier", "returns the History", ERROR_HINTS["wrong_type"]),
    ("14.sentiment_classifier", "gives one sigmoid output", CAPSTONE_HINTS["one_output"]),
    ("14.sentiment_classifier", "never trains", CAPSTONE_HINTS["untrained"]),
])
def test_a_failing_model_gets_the_hint_for_its_problem(task_id, mistake, hint):
    task = get_task(task_id)
    result = grade(task, _wrong(task, mistake))
    assert result.earned == 0 and result.hint == hint


def test_the_one_sigmoid_output_is_diagnosed_from_the_architecture():
    """One output unit cannot be scored by the largest of two scores: its accuracy is about chance, and the hint says why."""
    task = get_task("14.sentiment_classifier")
    result = grade(task, _wrong(task, "gives one sigmoid output"))
    assert result.cases[0].score < task.rubric[0][0]


def test_a_subclassed_model_is_refused_as_the_task_text_says():
    """The grader rebuilds a model from its architecture: a subclassed keras.Model, which is code, earns nothing."""
    import keras

    class Classifier(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.flat, self.scores = keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")

        def call(self, x):
            return self.scores(self.flat(x))

    def train(x_train, y_train):
        model = Classifier()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train[:64], y_train[:64], epochs=1, verbose=0)
        return model

    result = grade(get_task("14.image_classifier"), train)
    assert result.earned == 0 and not result.passed
    assert "Keras layers" in result.first_problem()


@pytest.mark.parametrize("task_id", CAPSTONE)
def test_held_out_data_is_private_and_drawn_anew(task_id):
    """The held-out inputs and labels reach only the judge; the learner's process gets the training data."""
    import numpy as np

    task = get_task(task_id)
    public, hidden = task.cases()[0], task.cases(HIDDEN_SEEDS[0])[0]
    for case in (public, hidden):
        assert sorted(case.private) == ["x_test", "y_test"] and not case.data
        assert len(case.inputs) == 2 and len(case.inputs[0]) == len(case.inputs[1])
        assert not any(np.shares_memory(case.private["x_test"], item) for item in case.inputs)
    assert not np.array_equal(public.private["y_test"], hidden.private["y_test"])


def test_the_capstone_task_texts_print_the_rubric_and_the_time_budget():
    """What the check applies is what the notebook says: the rubric in words and the seconds allowed."""
    from .test_feedback import _task_texts

    texts = _task_texts("14")
    for task_id in CAPSTONE:
        task = get_task(task_id)
        assert rubric_text(task.rubric) in texts[task_id], task_id
        assert f"{TRAINING_BUDGET:.0f} s" in texts[task_id] and task.time_limit == TRAINING_BUDGET


def test_each_train_step_mistake_is_named_on_hidden_cases():
    task = get_task("14.train_step")
    for seed in HIDDEN_SEEDS:
        for wrong in reference_for(task).wrong_answers:
            assert grade(task, wrong.make(), seed).hint == f"{KNOWN_MISTAKE_HINT}{wrong.mistake}.", (seed, wrong.mistake)
