"""`course validate NOTEBOOK`: what a learner runs before submitting.

It says which exercise the notebook is, whether every task's answer is
defined and filled in, whether the notebook runs top to bottom without an
error (check cells aside), and the score on the public cases, from one run in
a fresh process, exactly the run `course check` makes. The file is only read.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .notebook import definition, open_exercise, run_public
from .report import print_report
from .tasks import exercise_tasks

STUB = "raise NotImplementedError()"


def answers_present(notebook, exercise: str) -> list[str]:
    """One line per task: the cell that defines its answer, or that none does, and whether it is still the stub."""
    lines = []
    for task in exercise_tasks(exercise):
        defines = definition(task.answer_name)
        found = [(number, cell) for number, cell in enumerate(notebook.cells, start=1) if cell.cell_type == "code" and defines.search(cell.source)]
        if not found:
            lines.append(f"{task.id}: `{task.answer_name}` is not defined in any cell")
            continue
        number, cell = found[-1]
        stub = " (still the stub: replace `raise NotImplementedError()`)" if STUB in cell.source else ""
        lines.append(f"{task.id}: `{task.answer_name}` defined in cell {number}{stub}")
    return lines


def validate_notebook(path: Path, *, cell_timeout: float = 60, out=None) -> int:
    """Report on a notebook before it is submitted.

    Returns:
        0 when the notebook runs without error and every task passes, 1
        otherwise, 2 when the file is not an exercise notebook of this course.
    """
    out = out or sys.stdout
    notebook, exercise, reason = open_exercise(Path(path))
    if exercise is None:
        print(f"error: {path}: {reason}", file=sys.stderr)
        return 2
    print(f"{path}: exercise {exercise}, {len(exercise_tasks(exercise))} tasks", file=out)
    print("Answers:", file=out)
    for line in answers_present(notebook, exercise):
        print(f"  {line}", file=out)
    print("Running it top to bottom in a fresh process (check cells aside)...", file=out, flush=True)
    graded = run_public(Path(path), notebook, exercise, cell_timeout=cell_timeout)
    errors = [note for note in graded.notes if note.startswith("cell ")]
    print("Runs top to bottom: " + ("yes, without errors" if not errors and graded.status == "graded" else
                                    "no (see the errors below the score; cell numbers as in your notebook)"), file=out)
    print("Score on the public cases (your instructor grades on hidden ones, drawn the same way):", file=out)
    print_report(graded, out=out)
    ok = not errors and graded.status == "graded" and all(result.passed for result in graded.tasks)
    return 0 if ok else 1
