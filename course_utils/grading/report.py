"""Render verdicts for learners: one line per case, hints on failure."""
from __future__ import annotations

from .judge import TaskResult

PASS_MARK, FAIL_MARK = "✓", "✗"


class CheckFailed(AssertionError):
    """Raised by a check cell when a task fails, so Run All stops there.

    In Jupyter it shows as one line instead of a traceback: the ✗ lines
    printed above it already say what went wrong.
    """

    def _render_traceback_(self):  # IPython calls this instead of printing a traceback
        return [f"CheckFailed: {self}"]


def render_task(result: TaskResult) -> str:
    """Format a task's verdict: a heading, one line per case, the hints, a total.

    The text depends only on the verdict, so a right answer prints the same
    text on every run. The expected answer is never shown.
    """
    lines = [f"{result.task_id}: {result.title} [{result.points} point{'s' if result.points != 1 else ''}]"]
    hints = []
    for case in result.cases:
        if case.passed:
            lines.append(f"  {PASS_MARK} {case.name}")
            continue
        lines.append(f"  {FAIL_MARK} {case.name}: {case.problem}")
        if case.hint and case.hint not in hints:
            hints.append(case.hint)
            lines.append(f"      hint: {case.hint}")
    passed = sum(case.passed for case in result.cases)
    summary = f"{passed} of {len(result.cases)} cases passed: {result.earned} of {result.points} point{'s' if result.points != 1 else ''}."
    lines.append(f"  {summary}" + ("" if result.passed else " Fix the ✗ cases and run this cell again."))
    return "\n".join(lines)


def failure_message(result: TaskResult) -> str:
    """The one-line message of the `CheckFailed` raised for a failed task."""
    failed = sum(not case.passed for case in result.cases)
    return f"{result.task_id}: {failed} of {len(result.cases)} cases failed (see the ✗ lines above)"
