"""`course check NOTEBOOK`: score one exercise notebook the way `course grade` does.

The notebook file is only read. Its answer cells are put into the official
exercise template (see `rebuild.py`), which runs in a fresh kernel in a worker
process; a final cell collects plain outcomes for every task, and the judging
happens in this process, from the task definitions. The score never comes
from what the notebook printed.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..notebooks import InvalidNotebook, read_notebook
from .judge import TaskResult
from .report import FAIL_MARK, PASS_MARK
from .tasks import exercise_tasks

CHECK_LINE = re.compile(r"""^check\(\s*["'](?P<task>\d{2}\.[a-z0-9_]+)["']""")
FILE_NAME = re.compile(r"^(?P<exercise>\d{2})_")


def is_check_cell(cell) -> bool:
    """True for a code cell that holds only check calls (and comments or blank lines)."""
    if cell.cell_type != "code":
        return False
    lines = [line.strip() for line in cell.source.splitlines() if line.strip() and not line.strip().startswith("#")]
    return bool(lines) and all(CHECK_LINE.match(line) for line in lines)


def identify_exercise(notebook, path: Path) -> str | None:
    """Which exercise a notebook is: its metadata, else its check cells, else its file name."""
    recorded = notebook.metadata.get("course", {}).get("exercise")
    if isinstance(recorded, str) and re.fullmatch(r"\d{2}", recorded):
        return recorded
    for cell in notebook.cells:
        if is_check_cell(cell):
            return CHECK_LINE.match(cell.source.strip())["task"][:2]
    match = FILE_NAME.match(path.name)
    return match["exercise"] if match else None


def cell_errors(notebook) -> list[str]:
    """One line per learner cell that raised: ``cell N: ErrorName: message``."""
    lines = []
    for index, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = str(output.get("evalue", "")).splitlines()[0][:120] if output.get("evalue") else ""
                lines.append(f"cell {index}: {output.get('ename')}{': ' + message if message else ''}")
    return lines


def format_table(results: list[TaskResult]) -> str:
    """A fixed-width table: task, ✓/✗, points, and the first problem of a failed task."""
    width = max(len(result.task_id) for result in results)
    lines = [f"  {'task':<{width}}  result  points"]
    for result in results:
        mark = PASS_MARK if result.passed else FAIL_MARK
        problem = "" if result.passed else f"   {result.first_problem()}"
        lines.append(f"  {result.task_id:<{width}}  {mark:^6}  {result.earned:>2}/{result.points:<2}{problem}")
    earned, total = sum(r.earned for r in results), sum(r.points for r in results)
    lines.append(f"  {'total':<{width}}          {earned:>2}/{total:<2}")
    return "\n".join(lines)


def load_for_grading(path: Path, *, templates: Path | None = None):
    """Read a notebook and find its exercise and official template.

    Returns:
        ``(exercise, tasks, template_path, None)``, or ``(None, None, None, error)``
        with a one-line error when the file is not an exercise notebook.
    """
    from .batch import DEFAULT_TEMPLATES, template_for  # noqa: PLC0415
    from .worker import read_submission, which_exercise  # noqa: PLC0415

    try:
        notebook = read_submission(Path(path))
    except InvalidNotebook as error:
        return None, None, None, str(error)
    exercise = identify_exercise(notebook, Path(path))
    try:
        tasks = exercise_tasks(exercise) if exercise else None
        template = template_for(exercise, templates or DEFAULT_TEMPLATES) if tasks else None
    except ValueError:
        tasks = None
    if not tasks or which_exercise(notebook, Path(path), read_notebook(template)) != exercise:
        return None, None, None, f"{path}: not an exercise notebook of this course (no known exercise number in its metadata, check cells or name)"
    return exercise, tasks, template, None


def print_report(graded, *, out) -> None:
    """Print a graded notebook's table, the hints of failed tasks, and the errors met while running it."""
    if graded.status != "graded":
        print(f"  not graded: {graded.status}: {graded.reason}", file=out)
    print(format_table(graded.tasks), file=out)
    for result in graded.tasks:
        if not result.passed:
            failed = next(case for case in result.cases if not case.passed)
            print(f"  hint for {result.task_id}: {failed.hint or result.hint}", file=out)
    errors = [note for note in graded.notes if note.startswith("cell ")]
    if errors:
        print("Errors while running the notebook:", file=out)
        for note in errors:
            print(f"  {note}", file=out)


def check_notebook(path: Path, *, cell_timeout: float = 60, out=None) -> int:
    """Score an exercise notebook as `course grade` would, and print the table.

    Args:
        path: The notebook to score (never modified).
        cell_timeout: Seconds allowed per cell.
        out: Stream for the report (default ``sys.stdout``).

    Returns:
        0 when every task passes, 1 when some task fails or the notebook
        could not be run, 2 when the file is not a notebook of a known exercise.
    """
    from .batch import Limits, Submission, judge_result, run_worker  # noqa: PLC0415

    out = out or sys.stdout
    exercise, tasks, template, error = load_for_grading(Path(path))
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Running {path} in a fresh kernel (exercise {exercise}, {len(tasks)} tasks)...", file=out, flush=True)
    submission = Submission("you", Path(path))
    limits = Limits(cell_seconds=cell_timeout)
    graded = judge_result(submission, run_worker(submission, exercise, template, limits), exercise)
    print_report(graded, out=out)
    return 0 if graded.status == "graded" and all(result.passed for result in graded.tasks) else 1
