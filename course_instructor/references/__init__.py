"""Reference answers and known-wrong answers, one module per exercise (``lesson_NN.py`` holds ``REFERENCES``).

A task's definition (`course_utils.checks`) says how its cases are drawn and
judged; this side knows what a right answer gives on them. `expected_for`
runs the reference, and each known-wrong answer, on a case and keeps plain
data: that is what check cells read for public cases (stored by
``course build-exercises``) and what `course grade` computes for hidden ones.
"""
from __future__ import annotations

import copy
import importlib
import math
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from course_utils.grading.plain import to_plain
from course_utils.grading.produce import TimeLimitExceeded, time_limit
from course_utils.grading.tasks import Case, Task, exercise_tasks


@dataclass(frozen=True)
class WrongAnswer:
    """A known-wrong answer that the check must reject.

    Attributes:
        mistake: The mistake it makes, a verb phrase completing "if your
            function ...", e.g. ``"forgets the bias"``.
        make: Zero-argument function returning the wrong answer (usually a function).
    """

    mistake: str
    make: Callable[[], Any]


@dataclass(frozen=True)
class RightAnswer:
    """A right answer written in another style than the reference, which the check must accept.

    Attributes:
        style: How it is written, e.g. ``"TensorFlow ops, returns a tensor"``,
            ``"float32"``, ``"a Python loop"``, ``"keras.activations.softmax"``.
        make: Zero-argument function returning the answer (imports happen there).
    """

    style: str
    make: Callable[[], Any]


@dataclass(frozen=True)
class Reference:
    """What the instructor knows about a task: a right answer, right answers in other styles, and the mistakes learners make.

    Attributes:
        answer: The reference answer (what a solved notebook defines).
        wrong_answers: At least three known-wrong answers.
        right_answers: Right answers in other styles than `answer` (at least
            three, one returning a tensor where a number or an array is asked).
    """

    answer: Any
    wrong_answers: tuple = ()
    right_answers: tuple = ()

    def __post_init__(self):
        if len(self.wrong_answers) < 3:
            raise ValueError(f"Expected at least 3 known-wrong answers. Received: {len(self.wrong_answers)}")


def exercise_references(exercise: str) -> dict:
    """The ``REFERENCES`` of one exercise: ``{task_id: Reference}``.

    Raises:
        ValueError: If the exercise has no references module.
    """
    try:
        module = importlib.import_module(f"course_instructor.references.lesson_{exercise}")
    except ModuleNotFoundError:
        raise ValueError(f"Expected references for exercise {exercise!r}. Received: no course_instructor/references/lesson_{exercise}.py") from None
    return dict(module.REFERENCES)


def reference_for(task: Task) -> Reference:
    """The `Reference` of a task.

    Raises:
        ValueError: If the task has none.
    """
    found = exercise_references(task.exercise).get(task.id)
    if found is None:
        raise ValueError(f"Expected a reference for task {task.id}. Received: none in course_instructor/references/lesson_{task.exercise}.py")
    return found


def _plain_result(task: Task, answer, case: Case):
    """Run `answer` on a copy of `case` the way the task runs learners' answers; return plain data."""
    working = Case(case.name, copy.deepcopy(case.inputs), copy.deepcopy(case.data), case.hint)
    with warnings.catch_warnings(), np.errstate(all="ignore"), time_limit(max(task.time_limit, 60.0)):
        warnings.simplefilter("ignore")
        return to_plain(task.run(answer, working))


def expected_for(task: Task, cases: list) -> list:
    """What a right answer and each known-wrong answer give on each case (the task's own `Reference`).

    See `expected_from`.
    """
    return expected_from(task, reference_for(task) if task.compares else None, cases)


def expected_from(task: Task, reference: "Reference | None", cases: list) -> list:
    """What `reference`'s answer and each of its known-wrong answers give on each case.

    Args:
        task: The task.
        reference: Its `Reference` (unused when the task checks properties only).
        cases: Its cases (public or hidden).

    Returns:
        One dict per case: ``{"value": <plain>, "mistakes": [[mistake, <plain>], ...]}``
        for a task that compares values; ``{}`` for one that checks properties
        only. A known-wrong answer that raises on a case is left out there.
    """
    if not task.compares:
        return [{} for _ in cases]
    expected = []
    for case in cases:
        mistakes = []
        for wrong in reference.wrong_answers:
            try:
                mistakes.append([wrong.mistake, _plain_result(task, wrong.make(), case)])
            except (Exception, TimeLimitExceeded):  # noqa: BLE001 (a mistake that raises cannot be recognised by its value)
                continue
        expected.append({"value": _plain_result(task, reference.answer, case), "mistakes": mistakes})
    return expected


def all_tasks_with_references() -> list:
    """Every task of every exercise, with its `Reference`: ``[(task, reference), ...]``."""
    from course_utils.grading.tasks import known_exercises  # noqa: PLC0415

    return [(task, reference_for(task)) for exercise in known_exercises() for task in exercise_tasks(exercise)]


def fit_with_cosine_decay(model, x_train, y_train, *, epochs: int, batch_size: int = 32, initial_rate: float = 0.01):
    """Compile `model` for integer labels with Adam, its rate decaying from `initial_rate` to 0 along a cosine over
    all the steps of `epochs` (lesson 07's schedules, Keras's CosineDecay), fit it quietly and return it.

    The training references of the image tasks use it: the last epochs settle, and the held-out accuracy moves less
    from one split to another than with a constant rate (`benchmarks/reference_margins.py`).

    Args:
        model: An uncompiled Keras model with one softmax output per class.
        x_train: Training inputs.
        y_train: Integer labels.
        epochs: Passes over the training data.
        batch_size: Examples per step.
        initial_rate: Adam's learning rate at the first step.

    Returns:
        The trained model.
    """
    import keras  # noqa: PLC0415

    steps = epochs * math.ceil(len(x_train) / batch_size)
    model.compile(optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(initial_rate, decay_steps=steps)),
                  loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0)
    return model
