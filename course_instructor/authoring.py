"""Build exercise notebooks from solution notebooks (nbgrader's markers), and the stored public results.

In ``solutions/NN_topic.ipynb`` every answer sits between two marker lines::

    ### BEGIN SOLUTION
    ...the answer...
    ### END SOLUTION

`make_exercise` replaces each region with ``# YOUR CODE HERE`` and
``raise NotImplementedError()`` (in Markdown cells: ``YOUR ANSWER HERE``) at
the markers' indentation, clears outputs and execution counts, keeps cell ids
(batch grading matches answer cells by id), and records the exercise number in
the notebook metadata. `build_exercises` first gives every solution cell its
nbgrader metadata (`course_instructor.nbgrader_cells`: answer, graded check,
read-only), then writes (or, with ``check_only``, compares) every solution's
metadata and every exercise, which carries nbgrader's student metadata; and
`build_expected` the data check cells judge public cases with
(``course_utils/checks/expected/lesson_NN.json``).
"""
from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path

from course_utils.notebooks import InvalidNotebook, read_notebook

from .nbgrader_cells import MetadataError, mark_solution, mark_student

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^[ \t]*### END SOLUTION\s*$")
NOTEBOOK_NAME = re.compile(r"^(?P<exercise>\d{2})_[a-z0-9_]+\.ipynb$")


class MarkerError(ValueError):
    """Unbalanced or nested solution markers; the message names the cell."""


def strip_solutions(source: str, *, cell_type: str, where: str) -> str:
    """Replace every solution region of one cell's source.

    Args:
        source: The cell's source text.
        cell_type: ``"code"`` or ``"markdown"``.
        where: Where the cell is (for error messages), e.g. ``"solutions/01_tensors.ipynb cell 4"``.

    Returns:
        The source with each region replaced by its placeholder.

    Raises:
        MarkerError: If a region is not closed, or an END comes without a BEGIN.
    """
    output, indent = [], None
    for number, line in enumerate(source.splitlines(), start=1):
        begin, end = BEGIN.match(line), END.match(line)
        if begin:
            if indent is not None:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside another solution region")
            indent = begin["indent"]
            output += [f"{indent}YOUR ANSWER HERE"] if cell_type == "markdown" else [f"{indent}# YOUR CODE HERE", f"{indent}raise NotImplementedError()"]
        elif end:
            if indent is None:
                raise MarkerError(f"{where}, line {number}: END SOLUTION without a BEGIN SOLUTION")
            indent = None
        elif indent is None:
            output.append(line)
    if indent is not None:
        raise MarkerError(f"{where}: BEGIN SOLUTION is never closed by END SOLUTION")
    return "\n".join(output)


def exercise_number(path: Path) -> str:
    """The two-digit exercise number from a notebook file name like ``01_tensors.ipynb``.

    Raises:
        ValueError: If the name does not follow ``NN_topic.ipynb``.
    """
    match = NOTEBOOK_NAME.match(Path(path).name)
    if not match:
        raise ValueError(f"Expected a notebook named like '01_tensors.ipynb'. Received: {Path(path).name!r}")
    return match["exercise"]


def make_exercise(solution, *, exercise: str, where: str = "solution"):
    """Return the exercise version of a solution notebook (the input is not changed).

    Args:
        solution: The solution `NotebookNode`.
        exercise: Its two-digit number, stored in ``metadata["course"]``.
        where: A label for error messages (the solution's path).

    Returns:
        A new `NotebookNode` without answers or outputs.

    Raises:
        MarkerError: If a cell's markers are unbalanced.
    """
    notebook = copy.deepcopy(solution)
    for index, cell in enumerate(notebook.cells):
        cell.source = strip_solutions(cell.source, cell_type=cell.cell_type, where=f"{where} cell {index}")
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            for field in ("collapsed", "scrolled"):  # output display state, cleared as nbgrader's ClearOutput does
                cell.metadata.pop(field, None)
        cell.metadata.pop("execution", None)
    notebook.metadata["course"] = {"exercise": exercise, "kind": "exercise"}
    return notebook


def sync_file(path: Path, text: str, *, fresh: bool, exists: bool, check_only: bool, out) -> int:
    """Report on one generated file and, unless `check_only`, (re)write it.

    Args:
        path: The generated file.
        text: What it should hold.
        fresh: Whether it already agrees with `text`.
        exists: Whether it exists.
        check_only: Only report.
        out: Stream for the report line.

    Returns:
        1 when `check_only` found it missing or out of date, else 0.
    """
    shown = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else path
    if fresh:
        print(f"up to date: {shown}", file=out)
        return 0
    if check_only:
        print(f"{'out of date' if exists else 'missing'}: {shown} (run `course build-exercises`)", file=out)
        return 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")
    print(f"{'updated' if exists else 'created'}: {shown}", file=out)
    return 0


def _render(notebook) -> str:
    """Canonical text of a notebook (what `write_notebook` writes)."""
    import nbformat  # noqa: PLC0415

    return nbformat.writes(notebook) + "\n"


def task_points(exercise: str) -> dict:
    """``{task_id: points}`` of an exercise's tasks (from ``course_utils/checks/lesson_NN.py``).

    Raises:
        ValueError: If no exercise has that number.
    """
    from course_utils.grading.tasks import exercise_tasks  # noqa: PLC0415

    return {task.id: task.points for task in exercise_tasks(exercise)}


def build_exercises(solutions_dir: Path, exercises_dir: Path, *, check_only: bool = False, out=None) -> int:
    """Give ``solutions/NN_*.ipynb`` their nbgrader metadata and generate ``exercises/NN_*.ipynb`` from them (or check both).

    A solution file is rewritten only when its cells' nbgrader metadata is
    missing or stale (sources and outputs are never changed).

    Args:
        solutions_dir: Folder of solution notebooks.
        exercises_dir: Folder of exercise notebooks.
        check_only: Change nothing; report solutions whose nbgrader metadata is missing or
            stale, and missing, out-of-date and orphaned exercises.
        out: Stream for the report (default ``sys.stdout``).

    Returns:
        The exit code: 0 when everything is (now) in sync, 1 when `check_only`
        found a difference, 2 when a solution could not be read, has bad markers,
        or has cells that cannot be given nbgrader roles.
    """
    out = out or sys.stdout
    solutions = sorted(Path(solutions_dir).glob("[0-9][0-9]_*.ipynb"))
    if not solutions:
        print(f"error: no solution notebooks (NN_topic.ipynb) in {solutions_dir}", file=out)
        return 2
    problems, errors = 0, 0
    for solution_path in solutions:
        target = Path(exercises_dir) / solution_path.name
        try:
            number = exercise_number(solution_path)
            solution = mark_solution(read_notebook(solution_path), task_points(number), where=str(solution_path))
            exercise = make_exercise(solution, exercise=number, where=str(solution_path))
        except (InvalidNotebook, MarkerError, MetadataError, ValueError) as error:
            print(f"error: {error}", file=out)
            errors += 1
            continue
        mark_student(exercise)
        text = _render(solution)
        current = solution_path.read_text(encoding="utf-8")
        problems += sync_file(solution_path, text, fresh=current == text, exists=True, check_only=check_only, out=out)
        text = _render(exercise)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        problems += sync_file(target, text, fresh=current == text, exists=current is not None, check_only=check_only, out=out)
    known = {path.name for path in solutions}
    for orphan in sorted(Path(exercises_dir).glob("[0-9][0-9]_*.ipynb")):
        if orphan.name not in known:
            print(f"orphan: {orphan} has no solution notebook", file=out)
            problems += 1
    return 2 if errors else (1 if problems else 0)


def _same_expected(stored, computed) -> bool:
    """True when stored public results agree with freshly computed ones (values within 1e-9, the same mistakes)."""
    from course_utils.grading.judge import compare_values  # noqa: PLC0415

    if not isinstance(stored, list) or len(stored) != len(computed):
        return False
    for old, new in zip(stored, computed):
        if sorted(old) != sorted(new) or [m for m, _ in old.get("mistakes", [])] != [m for m, _ in new.get("mistakes", [])]:
            return False
        pairs = [(old["value"], new["value"])] if "value" in new else []
        pairs += [(a, b) for (_, a), (_, b) in zip(old.get("mistakes", []), new.get("mistakes", []))]
        if any(compare_values(b, a, atol=1e-9, rtol=1e-9) is not None for a, b in pairs):
            return False
    return True


def build_expected(*, check_only: bool = False, out=None) -> int:
    """Write (or check) each exercise's stored public results from the references.

    Args:
        check_only: Change nothing; report stored results that are missing or
            disagree with the references.
        out: Stream for the report (default ``sys.stdout``).

    Returns:
        0 when everything is (now) in sync, 1 when `check_only` found a difference.
    """
    from course_utils.environment import quiet_tensorflow  # noqa: PLC0415
    from course_utils.grading.expected import expected_path  # noqa: PLC0415
    from course_utils.grading.plain import dumps, loads  # noqa: PLC0415

    quiet_tensorflow()  # references that train models import TensorFlow: no log lines in the report
    from course_utils.grading.tasks import exercise_tasks, known_exercises  # noqa: PLC0415

    from .references import expected_for  # noqa: PLC0415

    out = out or sys.stdout
    problems = 0
    for exercise in known_exercises():
        path = expected_path(exercise)
        computed = {task.id: expected_for(task, task.cases()) for task in exercise_tasks(exercise) if task.compares}
        stored = loads(path.read_text(encoding="utf-8"), trusted=True) if path.is_file() else None
        fresh = isinstance(stored, dict) and sorted(stored) == sorted(computed) and all(
            _same_expected(stored[task_id], computed[task_id]) for task_id in computed)
        problems += sync_file(path, dumps(computed) + "\n", fresh=fresh, exists=stored is not None, check_only=check_only, out=out)
    return 1 if problems else 0
