"""nbgrader's cell metadata (schema version 3, as nbgrader 0.9.6 reads and writes it) for solutions and exercises.

nbgrader only grades cells that say what they are in ``metadata["nbgrader"]``.
`mark_solution` gives every cell of a solution notebook its role:

- an **answer cell** (a code cell with ``### BEGIN SOLUTION``) is a solution
  cell, ``grade_id`` ``<NN>_<task>-answer``, editable;
- a **check cell** (``check("NN.task", answer)`` alone) is a graded, locked
  test cell worth the task's points, ``grade_id`` ``<NN>_<task>`` (nbgrader's
  ids allow no dots);
- **every other cell** (text, set-up, examples) is read-only,
  ``grade_id`` ``cell-<the cell's id>``.

`mark_student` then adds what ``nbgrader generate_assignment`` adds to the
student version after clearing the answers (its ``LockCells`` and
``ComputeChecksums`` steps): cells that may not be deleted or edited, and each
cell's checksum and type. So ``exercises/`` is, cell for cell, what nbgrader
releases from ``solutions/`` (``tests/test_nbgrader.py`` runs the real nbgrader
to keep it so); the only difference is the notebook-level ``course`` metadata
that the course's own tools read.
"""
from __future__ import annotations

import copy
import hashlib
import re

from course_utils.grading.notebook import CHECK_LINE, is_check_cell

SCHEMA_VERSION = 3
BEGIN_MARKER = "### BEGIN SOLUTION"


class MetadataError(ValueError):
    """A solution notebook whose cells cannot be given nbgrader roles; the message names the cell."""


def grade_id(task_id: str) -> str:
    """nbgrader's id for a task's check cell: ``"12.ndcg_at_k"`` becomes ``"12_ndcg_at_k"`` (ids allow ``[A-Za-z0-9_-]`` only)."""
    return task_id.replace(".", "_")


def _checked_task(cell, *, where: str) -> str:
    """The one task id a check cell checks.

    Raises:
        MetadataError: If the cell checks several tasks.
    """
    tasks = {match["task"] for line in cell.source.splitlines() if (match := CHECK_LINE.match(line.strip()))}
    if len(tasks) != 1:
        raise MetadataError(f"{where}: expected a check cell to check one task. Received: {', '.join(sorted(tasks))}")
    return tasks.pop()


def _next_check(cells, start: int, *, where: str) -> str:
    """The task of the first check cell at or after `start`.

    Raises:
        MetadataError: If no check cell follows.
    """
    for index in range(start, len(cells)):
        if is_check_cell(cells[index]):
            return _checked_task(cells[index], where=f"{where} cell {index}")
    raise MetadataError(f"{where} cell {start - 1}: expected a check cell after this answer cell. Received: none")


def cell_roles(notebook, points: dict, *, where: str = "solution") -> list[dict]:
    """The nbgrader metadata of each cell of a solution notebook, in order.

    Args:
        notebook: The solution `NotebookNode`.
        points: ``{task_id: points}`` of the exercise's tasks.
        where: A label for error messages (the solution's path).

    Returns:
        One ``metadata["nbgrader"]`` dict per cell (see the module docstring).

    Raises:
        MetadataError: If a markdown cell holds an answer (nbgrader grades those by hand only), an
            answer cell has no check cell after it, a check cell checks an unknown task or several,
            two cells share a task, or a cell has no id.
    """
    roles, answers, seen = [], {}, set()
    for index, cell in enumerate(notebook.cells):
        here = f"{where} cell {index}"
        if BEGIN_MARKER in cell.source and cell.cell_type != "code":
            raise MetadataError(f"{here}: expected answers in code cells only (nbgrader grades a {cell.cell_type} answer by hand). "
                                f"Received: a {cell.cell_type} cell with {BEGIN_MARKER}")
        if BEGIN_MARKER in cell.source:
            task = _next_check(notebook.cells, index + 1, where=where)
            answers[task] = answers.get(task, 0) + 1
            suffix = "" if answers[task] == 1 else f"-{answers[task]}"
            roles.append({"grade": False, "grade_id": f"{grade_id(task)}-answer{suffix}", "locked": False, "solution": True})
        elif is_check_cell(cell):
            task = _checked_task(cell, where=here)
            if task not in points:
                raise MetadataError(f"{here}: expected a check of one of this exercise's tasks ({', '.join(points)}). Received: {task!r}")
            if task in seen:
                raise MetadataError(f"{here}: expected one check cell per task. Received: a second check cell for {task!r}")
            seen.add(task)
            roles.append({"grade": True, "grade_id": grade_id(task), "locked": True, "points": points[task], "solution": False})
        else:
            if not re.fullmatch(r"[A-Za-z0-9_-]+", str(cell.get("id") or "")):
                raise MetadataError(f"{here}: expected a cell id of letters, digits, '-' and '_' (nbformat 4.5). Received: {cell.get('id')!r}")
            roles.append({"grade": False, "grade_id": f"cell-{cell.id}", "locked": True, "solution": False})
    return [{**role, "schema_version": SCHEMA_VERSION} for role in roles]


def mark_solution(solution, points: dict, *, where: str = "solution"):
    """Return a copy of a solution notebook whose cells carry their nbgrader metadata (replacing any stale one).

    Args:
        solution: The solution `NotebookNode` (not changed).
        points: ``{task_id: points}`` of the exercise's tasks.
        where: A label for error messages.

    Returns:
        A new `NotebookNode`, equal to `solution` but for ``metadata["nbgrader"]`` of each cell.

    Raises:
        MetadataError: See `cell_roles`.
    """
    marked = copy.deepcopy(solution)
    for cell, role in zip(marked.cells, cell_roles(marked, points, where=where)):
        cell.metadata["nbgrader"] = role
    return marked


def checksum(cell) -> str:
    """nbgrader's checksum of a cell (``nbgrader.utils.compute_checksum``): MD5 of its source, type, role, id and points."""
    meta = cell.metadata["nbgrader"]
    digest = hashlib.md5()  # noqa: S324 (nbgrader's format, not a security measure)
    for part in (cell.source, cell.cell_type, str(meta["grade"]), str(meta["solution"]), str(meta["locked"]), meta["grade_id"]):
        digest.update(part.encode("utf-8"))
    if meta["grade"]:
        digest.update(str(float(meta["points"])).encode("utf-8"))
    return digest.hexdigest()


def mark_student(exercise) -> None:
    """Add, in place, what nbgrader's student version carries: locks, each cell's checksum and type.

    Args:
        exercise: An exercise `NotebookNode` whose cells carry `cell_roles` metadata and whose
            answers are already cleared (checksums are of the cleared cells, as nbgrader computes them).
    """
    for cell in exercise.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        if meta["solution"]:
            cell.metadata["deletable"] = False  # nbgrader's LockCells: an answer cell stays, and stays editable
        elif meta["grade"] or meta["locked"]:
            cell.metadata["deletable"] = False
            cell.metadata["editable"] = False
        meta["checksum"] = checksum(cell)
        meta["cell_type"] = cell.cell_type
