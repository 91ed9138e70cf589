"""What a graded task is: its cases, how an answer is run and judged, its hints.

A task's definition lives in ``course_utils/checks/lesson_NN.py`` (one module
per lesson) as a `Task`. The definition is everything needed to grade: the
inputs tried, how an answer is turned into plain data (`Task.run`), how that
plain data is judged (`Task.judge`), the hints, and the known-wrong answers
that the check must reject (the test suite tries every one).
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

TASK_ID_PATTERN = re.compile(r"^(?P<exercise>\d{2})\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Case:
    """One input the check tries.

    Attributes:
        name: What was tried, in words the learner understands (shown on ✓ and ✗ lines).
        inputs: Positional arguments passed to the learner's function.
        data: Extra data the run or the judge needs but the learner's
            function does not receive (e.g. held-out test images and labels).
        hint: Shown when this case fails; points at the likely mistake.
    """

    name: str
    inputs: tuple = ()
    data: dict = field(default_factory=dict)
    hint: str = ""


@dataclass(frozen=True)
class WrongAnswer:
    """A known-wrong answer that the check must reject.

    Attributes:
        mistake: The mistake it makes, e.g. ``"forgets the bias"``.
        make: Zero-argument function returning the wrong answer (usually a function).
    """

    mistake: str
    make: Callable[[], Any]


@dataclass(frozen=True)
class Task:
    """A graded task of an exercise notebook.

    Attributes:
        id: ``"NN.name"``, e.g. ``"01.dense_layer"``; NN is the exercise number.
        title: One line saying what the learner builds.
        points: Points for passing every case (a task scores all or nothing).
        answer_name: The name the learner's notebook defines (what `check` receives).
        make_cases: Zero-argument function returning the list of `Case` (built
            lazily: cases may need data or random inputs).
        run: ``run(answer, case) -> raw result``: how the answer is exercised on
            a case, in the learner's process (e.g. call it with ``case.inputs``).
        judge: ``judge(case, value) -> problem``: the plain `value` produced for
            `case` is judged; returns None when right, else a short description
            of what is wrong (never the expected answer).
        reference: The reference answer (a solution); the check passes on it.
        hint: General hint shown when the task fails.
        wrong_answers: Known-wrong answers that must fail.
        time_limit: Seconds allowed for running the answer on one case.
        diagnose: Optional ``diagnose(case, value) -> hint``: given the plain
            `value` that `judge` found wrong, name the likely mistake (e.g. from
            which gradients are wrong, or a result that is the expected one
            negated); None falls back to the case's hint. Like `judge`, it
            reads plain data only and never reveals the expected answer.
    """

    id: str
    title: str
    points: int
    answer_name: str
    make_cases: Callable[[], list]
    run: Callable[[Any, Case], Any]
    judge: Callable[[Case, Any], "str | None"]
    reference: Any
    hint: str
    wrong_answers: tuple = ()
    time_limit: float = 10.0
    diagnose: "Callable[[Case, Any], str | None] | None" = None

    @property
    def exercise(self) -> str:
        """The two-digit exercise number, e.g. ``"01"``."""
        return self.id[:2]

    def __post_init__(self):
        if not TASK_ID_PATTERN.match(self.id):
            raise ValueError(f"Expected a task id like '01.dense_layer'. Received: id={self.id!r}")
        if len(self.wrong_answers) < 3:
            raise ValueError(f"Task {self.id} needs at least 3 known-wrong answers. Received: {len(self.wrong_answers)}")


def call_with_inputs(answer, case: Case):
    """Run a function answer: ``answer(*case.inputs)`` (the default `Task.run`)."""
    return answer(*case.inputs)


def exercise_tasks(exercise: str) -> list[Task]:
    """Return the tasks of one exercise notebook, in order.

    Args:
        exercise: Two-digit exercise number, e.g. ``"01"``.

    Returns:
        The `TASKS` list of ``course_utils.checks.lesson_<exercise>``.

    Raises:
        ValueError: If no exercise has that number.
    """
    if not isinstance(exercise, str) or not re.fullmatch(r"\d{2}", exercise):
        raise ValueError(f"Expected a two-digit exercise number like '01'. Received: {exercise!r}")
    try:
        module = importlib.import_module(f"course_utils.checks.lesson_{exercise}")
    except ModuleNotFoundError:
        raise ValueError(f"Expected an exercise that exists. Received: exercise={exercise!r}; known: {', '.join(known_exercises())}") from None
    return list(module.TASKS)


def known_exercises() -> list[str]:
    """Return the exercise numbers that have check definitions, sorted."""
    from importlib import resources  # noqa: PLC0415

    names = (entry.name for entry in resources.files("course_utils.checks").iterdir())
    return sorted(m.group(1) for name in names if (m := re.fullmatch(r"lesson_(\d{2})\.py", name)))


def get_task(task_id: str) -> Task:
    """Look a task up by id.

    Raises:
        ValueError: If the id is malformed or unknown; the message lists the
            tasks of that exercise.
    """
    match = TASK_ID_PATTERN.match(task_id) if isinstance(task_id, str) else None
    if not match:
        raise ValueError(f"Expected a task id like '01.dense_layer'. Received: {task_id!r}")
    tasks = exercise_tasks(match["exercise"])
    for task in tasks:
        if task.id == task_id:
            return task
    raise ValueError(f"Expected one of the tasks {', '.join(t.id for t in tasks)}. Received: {task_id!r}")
