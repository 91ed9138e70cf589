"""What a graded task is: how its cases are drawn, how an answer is run and judged, its hints.

A task's definition lives in ``course_utils/checks/lesson_NN.py`` (one module
per lesson) as a `Task`. It is the learner's side of a check and holds no
answer: the cases come from a generator that draws them from a random
generator (``make_cases(rng)``), so the same code gives the public cases of a
check cell (a fixed seed per task) and the hidden cases of `course grade` (a
seed the learner never sees). What a right answer gives on a case comes from
outside the task: stored data for the public cases
(``checks/expected/lesson_NN.json``, written by ``course build-exercises``),
the instructor's references (``course_instructor``) for hidden ones.
"""
from __future__ import annotations

import importlib
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

TASK_ID_PATTERN = re.compile(r"^(?P<exercise>\d{2})\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Case:
    """One input the check tries.

    Attributes:
        name: What was tried, in words the learner understands (shown on ✓ and ✗ lines).
        inputs: Positional arguments passed to the learner's function.
        data: Extra data the task's `run` needs but the learner's function
            does not receive as arguments (e.g. held-out images to predict).
        hint: Shown when this case fails; points at the likely mistake.
        private: Data only the judge reads (e.g. held-out labels); it is
            never sent to the process that runs the learner's code.
    """

    name: str
    inputs: tuple = ()
    data: dict = field(default_factory=dict)
    hint: str = ""
    private: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    """A graded task of an exercise notebook (the learner's side: no reference answer).

    Attributes:
        id: ``"NN.name"``, e.g. ``"01.dense_layer"``; NN is the exercise number.
        title: One line saying what the learner builds.
        points: Points for passing every case (a task scores all or nothing).
        answer_name: The name the learner's notebook defines (what `check` receives).
        make_cases: ``make_cases(rng) -> list[Case]``: draws the cases from a
            NumPy generator. Every case must use `rng` (a fixed input could be
            looked up in a table) and keep what its name and hint promise.
        run: ``run(answer, case) -> raw result``: how the answer is exercised on
            a case, in the learner's process (e.g. call it with ``case.inputs``).
        judge: ``judge(case, value, expected) -> problem``: judges the plain
            `value` produced for `case`; `expected` is the plain data a right
            answer gives there (see `Task.compares`). Returns None when right,
            else a short description of what is wrong (never the expected answer).
        hint: The task's first hint: where to start (``hint(task_id)`` prints it).
        more_hints: Further hints, each more explicit than the last, that
            ``hint(task_id)`` gives one by one on request. No hint holds an
            expected value or the answer's expression.
        time_limit: Seconds allowed for running the answer on one case.
        diagnose: Optional ``diagnose(case, value, expected) -> hint``: names the
            likely mistake from how the value is wrong; None falls back to a
            known mistake the value matches, then to the case's hint.
        compares: True when the judge compares with a right answer's value
            (``expected["value"]``); False when it checks properties only.
        atol: Absolute tolerance of value comparisons (for float64 results;
            float32 results get at least float32's, see `judge.precision_tolerances`).
        rtol: Relative tolerance of value comparisons (likewise).
        forbids_overflow: True for a task about numerical stability: an
            answer during which NumPy overflows fails the case, even when the
            overflow happens not to change its result.
        rubric: Graded thresholds for a task scored by a measure (a held-out
            accuracy): ``((minimum, points), ...)`` with both ascending and the
            last worth all `points`. A case earns the points of the highest
            minimum its score reaches; the task earns the least over its
            cases, and passes when that is all its points. Needs `score`.
        score: With a `rubric`: ``score(case, value, expected) -> float`` (the
            measure, e.g. an accuracy in [0, 1]) or a ``str`` saying why the
            value cannot be scored. Such a task's `judge` is not used.
    """

    id: str
    title: str
    points: int
    answer_name: str
    make_cases: Callable[[Any], list]
    run: Callable[[Any, Case], Any]
    judge: Callable[[Case, Any, dict], "str | None"]
    hint: str
    time_limit: float = 10.0
    diagnose: "Callable[[Case, Any, dict], str | None] | None" = None
    compares: bool = True
    atol: float = 1e-6
    rtol: float = 1e-6
    more_hints: tuple = ()
    forbids_overflow: bool = False
    rubric: tuple = ()
    score: "Callable[[Case, Any, dict], float | str] | None" = None

    @property
    def exercise(self) -> str:
        """The two-digit exercise number, e.g. ``"01"``."""
        return self.id[:2]

    def __post_init__(self):
        if not TASK_ID_PATTERN.match(self.id):
            raise ValueError(f"Expected a task id like '01.dense_layer'. Received: id={self.id!r}")
        if self.rubric or self.score is not None:
            _check_rubric(self)

    def cases(self, seed: "int | None" = None) -> list:
        """Draw this task's cases.

        Args:
            seed: None for the public cases (what check cells try); a batch
                seed for hidden cases.

        Returns:
            The list of `Case`.
        """
        return list(self.make_cases(case_generator(self.id, seed)))


def _check_rubric(task: Task) -> None:
    """Refuse a rubric that is not ``((minimum, points), ...)`` ascending, ending at the task's points, with a `score`.

    Raises:
        ValueError: Naming the task and what was received.
    """
    rubric = task.rubric
    well_formed = bool(rubric) and all(isinstance(step, tuple) and len(step) == 2 for step in rubric)
    minima, points = ([step[0] for step in rubric], [step[1] for step in rubric]) if well_formed else ([], [])
    if not (well_formed and minima == sorted(set(minima)) and points == sorted(set(points)) and points[0] > 0
            and points[-1] == task.points and callable(task.score)):
        raise ValueError(f"Expected {task.id}'s rubric to be ((minimum, points), ...) with both ascending, the last worth "
                         f"its {task.points} points, and a score function. Received: rubric={rubric!r}, score={task.score!r}")


def rubric_points(rubric: tuple, score: float) -> int:
    """The points a score earns under a rubric: those of the highest minimum it reaches (0 below them all)."""
    return max((points for minimum, points in rubric if score >= minimum), default=0)


def case_generator(task_id: str, seed: "int | None" = None):
    """The NumPy generator a task's cases are drawn from.

    Public cases use a fixed stream per task; a batch seed gives another
    stream per task, unrelated to the public one.

    Args:
        task_id: E.g. ``"03.softmax"``.
        seed: None (public cases) or a non-negative batch seed.

    Returns:
        A `numpy.random.Generator`.
    """
    import numpy as np  # noqa: PLC0415

    stream = zlib.crc32(task_id.encode())
    return np.random.default_rng(stream if seed is None else [int(seed), stream, 1])


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
    if exercise not in known_exercises():
        raise ValueError(f"Expected an exercise that exists. Received: exercise={exercise!r}; known: {', '.join(known_exercises())}")
    return list(importlib.import_module(f"course_utils.checks.lesson_{exercise}").TASKS)


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
