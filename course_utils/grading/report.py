"""Render verdicts for learners: one line per case with hints (check cells), a table per notebook (course check, validate)."""
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
    """Format a task's verdict: a heading, one line per case, at most one hint, a total.

    The text depends only on the verdict, so a right answer prints the same
    text on every run. The expected answer is never shown.
    """
    lines = [f"{result.task_id}: {result.title} [{result.points} point{'s' if result.points != 1 else ''}]"]
    for case in result.cases:
        lines.append(f"  {PASS_MARK} {case.name}" if case.passed else f"  {FAIL_MARK} {case.name}: {case.problem}")
    if result.hint:
        lines.append(f"  hint: {result.hint}")
    passed = sum(case.passed for case in result.cases)
    summary = f"{passed} of {len(result.cases)} cases passed: {result.earned} of {result.points} point{'s' if result.points != 1 else ''}."
    more = f' For another hint, run hint("{result.task_id}").' if result.status not in ("passed", "not started", "not defined") else ""
    lines.append(f"  {summary}" + ("" if result.passed else f" Fix the ✗ cases and run this cell again.{more}"))
    return "\n".join(lines)


def failure_message(result: TaskResult) -> str:
    """The one-line message of the `CheckFailed` raised for a failed task."""
    failed = sum(not case.passed for case in result.cases)
    return f"{result.task_id}: {failed} of {len(result.cases)} cases failed (see the ✗ lines above)"


def format_table(results: list[TaskResult]) -> str:
    """A fixed-width table: task, ✓/✗, points, and each task's status (never its recipe)."""
    width = max([len(result.task_id) for result in results] + [5])
    lines = [f"  {'task':<{width}}  result  points  status"]
    for result in results:
        mark = PASS_MARK if result.passed else FAIL_MARK
        lines.append(f"  {result.task_id:<{width}}  {mark:^6}  {result.earned:>2}/{result.points:<2}   {result.status}")
    earned, total = sum(r.earned for r in results), sum(r.points for r in results)
    lines.append(f"  {'total':<{width}}          {earned:>2}/{total:<2}")
    return "\n".join(lines)


def print_report(graded, *, out) -> None:
    """Print a graded notebook's table (`notebook.Graded`), its notes, each failed task's first problem and one hint, and the errors met while running it."""
    if graded.status != "graded":
        print(f"  not graded: {graded.status}: {graded.reason}", file=out)
    for note in graded.notes:
        if note.startswith("note: "):
            print(f"  {note}", file=out)
    print(format_table(graded.tasks), file=out)
    for result in graded.tasks:
        if not result.passed and result.status not in ("not started", "not defined"):
            print(f"  {result.task_id}: {result.first_problem()}", file=out)
            if result.hint:
                print(f"    hint: {result.hint}", file=out)
    errors = [note for note in graded.notes if note.startswith("cell ")]
    if errors:
        print("Errors while running the notebook:", file=out)
        for note in errors:
            print(f"  {note}", file=out)
