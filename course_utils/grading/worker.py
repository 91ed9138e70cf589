"""Grade one submission in its own process (started by `batch.py`).

    python -m course_utils.grading.worker SUBMISSION RESULT --exercise NN --template T.ipynb

The worker reads the submission (never writes it), checks that it is a
notebook of the expected exercise, rebuilds it from the official template,
runs it in a fresh kernel in a temporary folder, and writes a JSON result for
the parent: ``{"status", "reason", "exercise", "outcomes", "notes"}``. The
parent judges the outcomes and enforces the wall-clock and memory limits.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..notebooks import InvalidNotebook, execute, read_notebook
from .collect import collect_cell_source
from .notebook import cell_errors, identify_exercise
from .plain import dumps, loads
from .rebuild import is_answer_cell, rebuild

MAX_SUBMISSION_BYTES = 50 * 2**20


def result(status: str, reason: str = "", **extra) -> dict:
    """A worker result (plain data)."""
    return {"status": status, "reason": reason, **extra}


def read_submission(path: Path):
    """Read a submission, refusing files over `MAX_SUBMISSION_BYTES`.

    Raises:
        InvalidNotebook: If it is too large or not a valid notebook.
    """
    size = path.stat().st_size if path.is_file() else 0
    if size > MAX_SUBMISSION_BYTES:
        raise InvalidNotebook(f"{path.name}: {size / 2**20:.0f} MB is over the {MAX_SUBMISSION_BYTES // 2**20} MB limit")
    return read_notebook(path)


def which_exercise(submission, path: Path, template) -> str | None:
    """Identify the submission's exercise; fall back to sharing answer-cell ids with the template."""
    found = identify_exercise(submission, path)
    if found:
        return found
    answer_ids = {cell.get("id") for cell in template.cells if is_answer_cell(cell)}
    if answer_ids & {cell.get("id") for cell in submission.cells}:
        return template.metadata.get("course", {}).get("exercise")
    return None


def collect_time_limit(exercise: str) -> float:
    """Seconds the collecting cell may take: every case's limit, plus a minute to spare."""
    from .tasks import exercise_tasks  # noqa: PLC0415

    return sum(task.time_limit * len(task.make_cases()) for task in exercise_tasks(exercise)) + 60


def grade_in_kernel(rebuilt_notebook, exercise: str, *, cell_timeout: float) -> dict:
    """Run the rebuilt notebook plus the collecting cell; return a worker result."""
    from nbclient.exceptions import DeadKernelError  # noqa: PLC0415
    from nbformat.v4 import new_code_cell  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="course-grade-") as workdir:
        outcome_file = Path(workdir) / "outcomes.json"
        collect_cell = new_code_cell(collect_cell_source(exercise, outcome_file))
        rebuilt_notebook.cells.append(collect_cell)
        collect_limit = collect_time_limit(exercise)
        try:
            execute(rebuilt_notebook, working_dir=workdir, cell_timeout=cell_timeout, allow_errors=True, interrupt_on_timeout=True,
                    timeout_for=lambda cell: collect_limit if cell.source == collect_cell.source else None)
        except DeadKernelError:
            return result("kernel_died", "the kernel died while running the notebook (it exited or crashed)")
        notes = cell_errors(rebuilt_notebook)
        if not outcome_file.is_file():
            return result("kernel_died", "the notebook stopped before its answers could be collected", notes=notes)
        return result("graded", outcomes=loads(outcome_file.read_text(encoding="utf-8")), notes=notes)


def grade_submission(path: Path, *, exercise: str, template_path: Path, cell_timeout: float) -> dict:
    """Everything the worker does for one submission, as a worker result."""
    try:
        submission = read_submission(path)
    except InvalidNotebook as error:
        return result("invalid_notebook", str(error).split(": ", 1)[-1])
    template = read_notebook(template_path)
    found = which_exercise(submission, path, template)
    if found != exercise:
        what = f"exercise {found}'s notebook" if found else "not recognisable as an exercise notebook"
        return result("wrong_exercise", f"{what}; this batch grades exercise {exercise}", exercise=found)
    rebuilt = rebuild(template, submission)
    graded = grade_in_kernel(rebuilt.notebook, exercise, cell_timeout=cell_timeout)
    graded["exercise"] = exercise
    graded["notes"] = list(rebuilt.matches) + graded.get("notes", [])
    return graded


def main(argv=None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(description="Grade one submission (used by `course grade`).")
    parser.add_argument("submission")
    parser.add_argument("result")
    parser.add_argument("--exercise", required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--cell-timeout", type=float, default=60)
    args = parser.parse_args(argv)
    graded = grade_submission(Path(args.submission), exercise=args.exercise, template_path=Path(args.template), cell_timeout=args.cell_timeout)
    Path(args.result).write_text(dumps(graded), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
