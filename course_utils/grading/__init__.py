"""Grading: check cells for learners, and the pieces batch grading reuses.

A check has two separable halves:

* `produce.produce` runs the learner's answer on every case, in the learner's
  process, and returns plain outcomes (numbers, arrays, error descriptions);
* `judge.judge_task` judges those plain outcomes against the task definition,
  in any process.

`check` does both at once for a check cell. For whole notebooks, `rebuild`
puts a submission's answer cells into the official exercise template,
`worker` runs it in a fresh kernel in its own process, and `batch` judges the
outcomes and writes the gradebook (`course check`, `validate`, `grade`).
"""
from __future__ import annotations

from .judge import CaseResult, TaskResult, judge_task
from .produce import produce
from .report import CheckFailed, render_task
from .tasks import Case, Task, WrongAnswer, exercise_tasks, get_task

__all__ = ["Case", "CaseResult", "CheckFailed", "Task", "TaskResult", "WrongAnswer", "check", "exercise_tasks", "get_task", "grade_answer", "hint"]


def grade_answer(task_id: str, answer) -> TaskResult:
    """Run and judge an answer without printing anything.

    Args:
        task_id: E.g. ``"01.dense_layer"``.
        answer: The learner's answer (usually a function).

    Returns:
        The `TaskResult`.

    Raises:
        ValueError: If `task_id` is unknown.
    """
    task = get_task(task_id)
    return judge_task(task, produce(task, answer))


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
    result = grade_answer(task_id, answer)
    print(render_task(result))
    if not result.passed:
        from .report import failure_message  # noqa: PLC0415

        raise CheckFailed(failure_message(result))


def hint(task_id: str) -> None:
    """Print the general hint of a task (without running anything).

    Raises:
        ValueError: If `task_id` is unknown.
    """
    task = get_task(task_id)
    print(f"{task.id}: {task.hint}")
