"""`course check NOTEBOOK`: run an exercise notebook in a fresh kernel and score it.

The notebook file is only read. An in-memory copy runs top to bottom in a
fresh kernel, in a temporary folder, with its check cells left out (they
would only repeat the work); a final cell collects plain outcomes for every
task, and the judging happens here, in this process, from the task
definitions. The score never comes from what the notebook printed.
"""
from __future__ import annotations

import copy
import re
import sys
import tempfile
from pathlib import Path

from ..notebooks import InvalidNotebook, execute, read_notebook
from .collect import collect_cell_source
from .judge import TaskResult, judge_task
from .plain import loads
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


def _cell_errors(notebook) -> list[str]:
    """One line per learner cell that raised: ``cell N: ErrorName: message``."""
    lines = []
    for index, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = str(output.get("evalue", "")).splitlines()[0][:120] if output.get("evalue") else ""
                lines.append(f"cell {index}: {output.get('ename')}{': ' + message if message else ''}")
    return lines


def _progress(done: int, total: int) -> None:
    """Show ``cell done/total`` on one line of stderr, when stderr is a terminal."""
    if sys.stderr.isatty():
        print(f"\r  cell {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)


def run_and_collect(notebook, exercise: str, *, cell_timeout: float) -> tuple[dict, list[str]]:
    """Execute a copy of the notebook without its check cells and collect outcomes.

    Returns:
        ``(outcomes by task id, notes)``: the plain outcomes (empty when the
        run broke down) and lines describing errors met on the way.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: PLC0415
    from nbformat.v4 import new_code_cell  # noqa: PLC0415

    runnable = copy.deepcopy(notebook)
    runnable.cells = [cell for cell in runnable.cells if not is_check_cell(cell)]
    with tempfile.TemporaryDirectory(prefix="course-check-") as workdir:
        outcome_file = Path(workdir) / "outcomes.json"
        runnable.cells.append(new_code_cell(collect_cell_source(exercise, outcome_file)))
        notes = []
        try:
            execute(runnable, working_dir=workdir, cell_timeout=cell_timeout, allow_errors=True, on_cell_done=_progress)
        except CellTimeoutError:
            notes.append(f"a cell ran longer than {cell_timeout:g} s and was stopped")
        except DeadKernelError:
            notes.append("the kernel died (out of memory, or the notebook exited Python)")
        notes = _cell_errors(runnable) + notes
        if not outcome_file.is_file():
            return {}, notes
        return loads(outcome_file.read_text(encoding="utf-8")), notes


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


def check_notebook(path: Path, *, cell_timeout: float = 300, out=None) -> int:
    """Score an exercise notebook and print the table. The file is never modified.

    Args:
        path: The notebook to score.
        cell_timeout: Seconds allowed per cell.
        out: Stream for the report (default ``sys.stdout``).

    Returns:
        0 when every task passes, 1 when some task fails, 2 when the file is
        not a notebook of a known exercise.
    """
    out = out or sys.stdout
    try:
        notebook = read_notebook(path)
    except InvalidNotebook as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    exercise = identify_exercise(notebook, Path(path))
    try:
        tasks = exercise_tasks(exercise) if exercise else None
    except ValueError:
        tasks = None
    if not tasks:
        print(f"error: {path}: not an exercise notebook of this course (no known exercise number in its metadata, check cells or name)", file=sys.stderr)
        return 2
    print(f"Running {path} top to bottom in a fresh kernel (exercise {exercise}, {len(tasks)} tasks)...", file=out, flush=True)
    limit = max(cell_timeout, sum(task.time_limit * len(task.make_cases()) for task in tasks) + 60)
    outcomes, notes = run_and_collect(notebook, exercise, cell_timeout=limit)
    results = [judge_task(task, outcomes.get(task.id, [])) for task in tasks]
    print(format_table(results), file=out)
    for result in results:
        if not result.passed:
            failed = next(case for case in result.cases if not case.passed)
            print(f"  hint for {result.task_id}: {failed.hint or result.hint}", file=out)
    if notes:
        print("Errors while running the notebook:", file=out)
        for note in notes:
            print(f"  {note}", file=out)
    return 0 if all(result.passed for result in results) else 1
