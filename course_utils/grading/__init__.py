"""Grading, the learner's side: check cells, and running a notebook's answers.

A check has two separable halves:

* `produce.produce` runs the learner's answer on every case, in the learner's
  process, and returns plain outcomes (numbers, arrays, error descriptions);
* `judge.judge_task` judges those plain outcomes in any process, against what
  a right answer gives on each case.

`check` does both at once in a check cell, on the task's public cases and
the right results stored as data (`expected.py`); no answer code ships with
this package. `runner` runs a whole notebook's cells and then its answers on
cases it is sent (by `course check`, or by the instructor's sandboxed
`course grade`, which judges hidden cases outside the learner's process).
"""
from __future__ import annotations

import os

from .expected import public_expected
from .judge import CaseResult, TaskResult, judge_task
from .produce import produce
from .report import CheckFailed, render_task
from .tasks import Case, Task, exercise_tasks, get_task

__all__ = ["Case", "CaseResult", "CheckFailed", "Task", "TaskResult", "check", "exercise_tasks", "get_task", "grade_answer", "hint"]

# Set to "skip" by the notebook runner: check cells do nothing there (answers are run and judged afterwards).
CHECK_CELLS_VARIABLE = "COURSE_CHECK_CELLS"


def grade_answer(task_id: str, answer) -> TaskResult:
    """Run and judge an answer on the task's public cases, without printing anything.

    Args:
        task_id: E.g. ``"01.dense_layer"``.
        answer: The learner's answer (usually a function).

    Returns:
        The `TaskResult`.

    Raises:
        ValueError: If `task_id` is unknown.
    """
    task = get_task(task_id)
    cases = task.cases()
    return judge_task(task, cases, produce(task, answer, cases), public_expected(task))


def check(task_id: str, answer) -> None:
    """Check an answer in a notebook: print ✓/✗ per case, raise if any failed.

    Introduced in lesson 00 ("how the course works").

    Args:
        task_id: The task, e.g. ``"01.dense_layer"`` (the exercise notebook gives it).
        answer: What the task asks for, e.g. your function.

    Raises:
        CheckFailed: (an `AssertionError`) if any case failed.
        ValueError: If `task_id` is unknown.
    """
    if os.environ.get(CHECK_CELLS_VARIABLE) == "skip":
        return
    result = grade_answer(task_id, answer)
    print(render_task(result))
    if not result.passed:
        from .report import failure_message  # noqa: PLC0415

        raise CheckFailed(failure_message(result))


_HINTS_GIVEN: dict = {}


def hint(task_id: str) -> None:
    """Print a task's next hint: the first call gives where to start, each further call a more explicit one.

    No hint holds an expected value or the answer's expression. After the
    last hint, the last one is printed again.

    Raises:
        ValueError: If `task_id` is unknown.
    """
    task = get_task(task_id)
    hints = (task.hint, *task.more_hints)
    level = min(_HINTS_GIVEN.get(task.id, 0), len(hints) - 1)
    _HINTS_GIVEN[task.id] = level + 1
    last = " (the last hint: lesson " + task.exercise + " works through the same idea)" if level == len(hints) - 1 and len(hints) > 1 else ""
    print(f"{task.id}, hint {level + 1} of {len(hints)}{last}: {hints[level]}")
