"""`course validate NOTEBOOK`: what a learner runs before submitting.

It says which exercise the notebook is, whether every task's answer cell is
there and filled in, whether the notebook runs top to bottom in a fresh
kernel as it is, and the score it would get, judged exactly as `course grade`
judges it. The file is only read.
"""
from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path

from ..notebooks import execute, read_notebook
from .notebook import cell_errors, is_check_cell, load_for_grading, print_report
from .rebuild import rebuild


def answers_present(notebook, template) -> list[str]:
    """One line per answer cell of the template: found (and how) or missing, filled in or still a stub."""
    rebuilt = rebuild(template, notebook)
    lines = []
    for line, (_, how, source) in zip(rebuilt.matches, rebuilt.answers):
        stub = how != "missing" and "raise NotImplementedError()" in source
        lines.append(line + (" (still the stub: replace `raise NotImplementedError()`)" if stub else ""))
    return lines


def runs_top_to_bottom(notebook, *, cell_timeout: float) -> list[str]:
    """Run a copy of the notebook as it is (check cells included); return the errors met."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: PLC0415

    runnable = copy.deepcopy(notebook)
    with tempfile.TemporaryDirectory(prefix="course-validate-") as workdir:
        try:
            execute(runnable, working_dir=workdir, cell_timeout=cell_timeout, allow_errors=True)
        except CellTimeoutError:
            return [f"a cell ran longer than {cell_timeout:g} s"]
        except DeadKernelError:
            return ["the kernel died"]
    checks = {index for index, cell in enumerate(runnable.cells, start=1) if is_check_cell(cell)}
    return [error for error in cell_errors(runnable) if int(error.split(":")[0].split()[1]) not in checks]


def validate_notebook(path: Path, *, cell_timeout: float = 60, out=None) -> int:
    """Report on a notebook before it is submitted.

    Returns:
        0 when the notebook runs without error and every task passes, 1
        otherwise, 2 when the file is not an exercise notebook of this course.
    """
    from .batch import Limits, Submission, judge_result, run_worker  # noqa: PLC0415

    out = out or sys.stdout
    exercise, tasks, template, error = load_for_grading(Path(path))
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    notebook = read_notebook(path)
    print(f"{path}: exercise {exercise}, {len(tasks)} tasks", file=out)
    print("Answer cells:", file=out)
    for line in answers_present(notebook, read_notebook(template)):
        print(f"  {line}", file=out)
    print("Running it top to bottom in a fresh kernel, as it is...", file=out, flush=True)
    errors = runs_top_to_bottom(notebook, cell_timeout=cell_timeout)
    print("  runs without errors" if not errors else "  errors (check cells not counted):", file=out)
    for line in errors:
        print(f"    {line}", file=out)
    print("Score, judged as `course grade` will judge it:", file=out, flush=True)
    submission = Submission("you", Path(path))
    graded = judge_result(submission, run_worker(submission, exercise, template, Limits(cell_seconds=cell_timeout)), exercise)
    print_report(graded, out=out)
    ok = not errors and graded.status == "graded" and all(result.passed for result in graded.tasks)
    return 0 if ok else 1
