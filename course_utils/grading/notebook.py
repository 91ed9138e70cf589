"""A whole exercise notebook: which exercise it is, its cells, and turning a run of it into a verdict.

Shared by `course check` / `course validate` (here: a learner scoring their
own notebook on the public cases, judged against the stored right results)
and the instructor's `course grade` (hidden cases, sandboxed, judged against
the references). Both run the notebook as its author wrote it, every code cell
in order with check cells neutral, then call each answer on the cases sent
(`runner.py`). What comes back is untrusted data: `read_result` accepts only
the shapes the protocol allows.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..notebooks import InvalidNotebook
from .judge import TaskResult, judge_task
from .plain import dumps, loads
from .produce import ERROR_KINDS
from .report import print_report
from .tasks import exercise_tasks, known_exercises

CHECK_LINE = re.compile(r"""^check\(\s*["'](?P<task>\d{2}\.[a-z0-9_]+)["']""")
FILE_NAME = re.compile(r"^(?P<exercise>\d{2})_")
MAX_SUBMISSION_BYTES = 50 * 2**20
STATUSES = ("graded", "timeout", "memory", "crashed", "invalid_notebook", "wrong_exercise", "invalid_result", "refused", "grader_error")


def clean_text(text, limit: int = 2_000) -> str:
    """Text from a notebook or a file name made safe to write anywhere: valid UTF-8 (stray surrogates escaped), at most `limit` characters."""
    text = str(text).encode("utf-8", errors="backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit - 1] + "…"


class InvalidResult(ValueError):
    """What came back from a notebook's process is not what the protocol allows; the message says what."""


@dataclass
class Graded:
    """The verdict on one notebook.

    Attributes:
        learner: Whose it is.
        path: The submitted file.
        exercise: The exercise it was graded as, or None.
        status: One of `STATUSES`.
        reason: One line saying why, when the status is not ``graded``.
        tasks: One `TaskResult` per task, in order.
        notes: Lines about the run, e.g. ``"cell 4: NameError: ..."``.
    """

    learner: str
    path: Path
    exercise: str | None
    status: str
    reason: str = ""
    tasks: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def total(self) -> int:
        """Points earned over all tasks."""
        return sum(task.earned for task in self.tasks)

    @property
    def max_points(self) -> int:
        """Points the exercise is worth."""
        return sum(task.points for task in self.tasks)


def is_check_cell(cell) -> bool:
    """True for a code cell that holds only check calls (and comments or blank lines)."""
    if cell.get("cell_type") != "code":
        return False
    lines = [line.strip() for line in str(cell.get("source", "")).splitlines() if line.strip() and not line.strip().startswith("#")]
    return bool(lines) and all(CHECK_LINE.match(line) for line in lines)


def identify_exercise(notebook, path: Path) -> str | None:
    """Which exercise a notebook says it is: its metadata, else its check calls, else its file name.

    Malformed metadata (``"course": "03"``, a list, ...) is ignored, never an error.
    """
    course = notebook.get("metadata", {}).get("course")
    recorded = course.get("exercise") if isinstance(course, dict) else None
    if isinstance(recorded, str) and re.fullmatch(r"\d{2}", recorded):
        return recorded
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            for line in str(cell.get("source", "")).splitlines():
                if match := CHECK_LINE.match(line.strip()):
                    return match["task"][:2]
    match = FILE_NAME.match(Path(path).name)
    return match["exercise"] if match else None


class _Node(dict):
    """A notebook or a cell read as plain JSON, with attribute access like nbformat's nodes (``cell.source``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _text(source) -> str:
    """A cell's source: a string, or a list of strings joined (both allowed by the format)."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    raise ValueError("a cell's source is neither text nor a list of lines")


def parse_notebook(text: str, name: str):
    """Parse notebook text (format 4) into nodes with the parts grading reads: metadata, and each cell's type and source.

    Only what grading needs is checked (nbformat's full schema is not: importing
    it costs a second per process, and outputs are never read).

    Raises:
        InvalidNotebook: If it is empty, not JSON or not a notebook of format 4.
    """
    import json  # noqa: PLC0415

    if not text.strip():
        raise InvalidNotebook(f"{name}: the file is empty")
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("nbformat") != 4 or not isinstance(document.get("cells"), list):
            raise ValueError("not a notebook of format 4 (no 'nbformat': 4 and 'cells' list)")
        metadata = document.get("metadata", {})
        if not isinstance(metadata, dict):
            raise ValueError("its metadata is not an object")
        cells = []
        for cell in document["cells"]:
            if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
                raise ValueError("a cell is not a code, markdown or raw cell")
            cells.append(_Node(cell_type=cell["cell_type"], source=_text(cell.get("source", "")), id=str(cell.get("id", ""))))
    except ValueError as error:
        raise InvalidNotebook(f"{name}: not a valid Jupyter notebook ({str(error)[:200]})") from None
    return _Node(metadata=metadata, cells=cells)


def read_submission(path: Path):
    """Read a submitted notebook, refusing one over `MAX_SUBMISSION_BYTES` before reading it.

    Raises:
        InvalidNotebook: If it is too large, a link, unreadable or not a notebook.
    """
    path = Path(path)
    if path.is_symlink():
        raise InvalidNotebook(f"{path.name}: a symbolic link, not a notebook file")
    if not path.is_file():
        raise InvalidNotebook(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_SUBMISSION_BYTES:
        raise InvalidNotebook(f"{path.name}: {size / 2**20:.0f} MB is over the {MAX_SUBMISSION_BYTES // 2**20} MB limit")
    try:
        text = path.read_bytes()[:MAX_SUBMISSION_BYTES + 1].decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidNotebook(f"{path}: cannot be read as UTF-8 text ({type(error).__name__})") from None
    return parse_notebook(text, str(path))


def code_cells(notebook) -> list:
    """``[cell number, source]`` of every code cell, in order, numbered as in the notebook (1 = its first cell).

    Check cells are included: the runner makes them neutral.
    """
    return [[number, str(cell.source)] for number, cell in enumerate(notebook.cells, start=1) if cell.cell_type == "code"]


def definition(name: str) -> "re.Pattern":
    """A line that defines `name`: ``def name(``, ``class name``, or ``name = ...``."""
    return re.compile(rf"^(?:def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*=", re.MULTILINE)


def _defined_answers(notebook, exercise: str) -> int:
    """How many of an exercise's answers the notebook defines (see `definition`)."""
    sources = "\n".join(str(cell.get("source", "")) for cell in notebook.get("cells", []) if cell.get("cell_type") == "code")
    return sum(bool(definition(task.answer_name).search(sources)) for task in exercise_tasks(exercise))


def _lesson_number(notebook) -> "str | None":
    """The lesson number a notebook's metadata gives (``"course": {"kind": "lesson", "lesson": "03"}``), else None."""
    course = notebook.get("metadata", {}).get("course")
    if isinstance(course, dict) and course.get("kind") == "lesson":
        lesson = course.get("lesson")
        return lesson if isinstance(lesson, str) and re.fullmatch(r"\d{2}", lesson) else "??"
    return None


def which_exercise(notebook, path: Path, expected: str | None = None) -> "tuple[str | None, str]":
    """``(exercise, "")`` for a notebook of a known exercise, else ``(None, reason)``.

    What the notebook says it is comes first (metadata, check calls, file
    name); a notebook that says nothing is recognised by the answers it
    defines (at least half of one exercise's).

    Args:
        notebook: The notebook.
        path: Its file (the name is a last resort).
        expected: The exercise it must be, or None for any known one.
    """
    if lesson := _lesson_number(notebook):
        exercise_file = Path(path).name if FILE_NAME.match(Path(path).name) else f"{lesson}_*.ipynb"
        return None, f"lesson {lesson}'s notebook, not an exercise: check the exercise, exercises/{exercise_file}"
    found = identify_exercise(notebook, path)
    if found is None or found not in known_exercises():
        counts = {exercise: _defined_answers(notebook, exercise) for exercise in known_exercises()}
        best = max(counts, key=lambda exercise: (counts[exercise], exercise == expected), default=None)
        found = best if best and 2 * counts[best] >= len(exercise_tasks(best)) else None
    if found is None:
        return None, "not recognisable as a notebook of one of this course's exercises"
    if expected is not None and found != expected:
        return None, f"exercise {found}'s notebook; this batch grades exercise {expected}"
    return found, ""


def name_mismatch(path: Path, exercise: str) -> list[str]:
    """``["note: ..."]`` when the file is named like another exercise than the one it is, else ``[]``."""
    match = FILE_NAME.match(Path(path).name)
    if match and match["exercise"] != exercise:
        return [f"note: the file is named like exercise {match['exercise']}, but it is exercise {exercise}'s notebook: graded as exercise {exercise}"]
    return []


def draw(exercise: str, seed: "int | None" = None) -> list:
    """The cases each task of an exercise is tried on: ``[(task, cases), ...]`` (public with seed None)."""
    return [(task, task.cases(seed)) for task in exercise_tasks(exercise)]


def request_for(cells: list, drawn: list, *, cell_timeout: float) -> str:
    """The runner's request: the notebook's cells and each task's cases, without what only the judge may read."""
    tasks = [{"id": task.id, "cases": [{"name": case.name, "inputs": case.inputs, "data": case.data} for case in cases]} for task, cases in drawn]
    return dumps({"cells": list(cells), "cell_timeout": float(cell_timeout), "tasks": tasks})


def _check_plain(value, depth: int = 0) -> None:
    """Raise `InvalidResult` unless `value` is plain data as `to_plain` makes it."""
    if value is None or isinstance(value, (bool, int, float, str)) or (isinstance(value, np.ndarray) and value.dtype.kind in "biuf"):
        if isinstance(value, str) and len(value) > 2**20:
            raise InvalidResult("a string over a million characters")
        return
    if isinstance(value, (dict, list)) and depth < 8 and len(value) <= 1_000:
        for item in (value.values() if isinstance(value, dict) else value):
            _check_plain(item, depth + 1)
        return
    raise InvalidResult(f"a value of type {type(value).__name__} where plain data was expected")


def _check_outcome(outcome, case) -> dict:
    if not isinstance(outcome, dict) or outcome.get("case") != case.name:
        raise InvalidResult(f"an outcome that is not case {case.name!r}'s")
    if outcome.get("status") == "ok" and set(outcome) == {"case", "status", "value"}:
        _check_plain(outcome["value"])
        if isinstance(outcome["value"], str):
            outcome["value"] = clean_text(outcome["value"], 10_000)
    elif not (outcome.get("status") == "error" and set(outcome) == {"case", "status", "error", "message"}
              and outcome["error"] in ERROR_KINDS and isinstance(outcome["message"], str) and len(outcome["message"]) <= 2_000):
        raise InvalidResult(f"a malformed outcome for case {case.name!r}")
    if outcome["status"] == "error":
        outcome["message"] = clean_text(outcome["message"])
    return outcome


def read_result(payload: str, drawn: list) -> "tuple[list[str], dict]":
    """Validate what a notebook's process reported: ``(notes, {task_id: [outcome, ...]})``.

    Args:
        payload: The text the runner wrote (untrusted).
        drawn: The ``(task, cases)`` it was sent.

    Returns:
        One note per cell that raised, and the outcomes of every task, case by case.

    Raises:
        InvalidResult: If anything is not exactly what the protocol allows.
    """
    try:
        result = loads(payload)
    except ValueError as error:
        raise InvalidResult(str(error)) from None
    if not isinstance(result, dict) or set(result) != {"cells", "outcomes"} or not isinstance(result["outcomes"], dict):
        raise InvalidResult("not an object with exactly 'cells' and 'outcomes'")
    cells = result["cells"]
    if not isinstance(cells, list) or len(cells) > 10_000 or not all(
            isinstance(item, list) and len(item) == 2 and type(item[0]) is int and isinstance(item[1], str) for item in cells):
        raise InvalidResult("'cells' is not a list of [cell number, error] pairs")
    outcomes = {}
    for task, cases in drawn:
        sent = result["outcomes"].get(task.id)
        if not isinstance(sent, list) or len(sent) != len(cases):
            raise InvalidResult(f"no list of {len(cases)} outcomes for task {task.id}")
        outcomes[task.id] = [_check_outcome(outcome, case) for outcome, case in zip(sent, cases)]
    return [f"cell {number}: {clean_text(error, 300)}" for number, error in cells], outcomes


def judge_run(drawn: list, outcomes: dict, expected: dict) -> list[TaskResult]:
    """Judge every task's outcomes against what a right answer gives (``expected[task_id]``, one entry per case)."""
    return [judge_task(task, cases, outcomes.get(task.id, []), expected[task.id]) for task, cases in drawn]


def open_exercise(path: Path) -> "tuple":
    """Read a notebook and say which exercise it is: ``(notebook, exercise, "")`` or ``(None, None, reason)``."""
    try:
        notebook = read_submission(Path(path))
    except InvalidNotebook as error:
        return None, None, str(error).split(": ", 1)[-1]
    exercise, reason = which_exercise(notebook, Path(path))
    return (notebook, exercise, "") if exercise else (None, None, reason)


def run_public(path: Path, notebook, exercise: str, *, cell_timeout: float = 60) -> Graded:
    """Run a notebook in a fresh process on the public cases and judge it with the stored right results.

    This is a learner scoring their own notebook: it runs with their
    permissions, like Jupyter. Instructors grade with `course grade`.

    Args:
        path: The notebook's file (the run starts in its folder).
        notebook: The notebook, as `open_exercise` read it.
        exercise: Its exercise.
        cell_timeout: Seconds allowed per cell.

    Returns:
        The `Graded` verdict.
    """
    import tempfile  # noqa: PLC0415

    from .expected import public_expected  # noqa: PLC0415
    from .process import Limits, run_notebook_process  # noqa: PLC0415

    drawn = draw(exercise)
    empty = [judge_task(task, cases, [], []) for task, cases in drawn]
    limits = Limits(cell_seconds=cell_timeout)
    with tempfile.TemporaryDirectory(prefix="course-check-") as scratch:
        env = {**os.environ, "MPLBACKEND": "Agg", "IPYTHONDIR": os.path.join(scratch, "ipython")}
        run = run_notebook_process(request_for(code_cells(notebook), drawn, cell_timeout=limits.cell_seconds), limits=limits,
                                   cwd=Path(path).resolve().parent, env=env)
    if run.status != "finished":
        return Graded("you", Path(path), exercise, run.status, run.reason, empty)
    try:
        notes, outcomes = read_result(run.payload, drawn)
    except InvalidResult as error:
        return Graded("you", Path(path), exercise, "invalid_result", str(error), empty)
    expected = {task.id: public_expected(task) for task, _ in drawn}
    return Graded("you", Path(path), exercise, "graded", "", judge_run(drawn, outcomes, expected), name_mismatch(path, exercise) + notes)


def check_notebook(path: Path, *, cell_timeout: float = 60, out=None) -> int:
    """`course check`: score an exercise notebook on the public cases and print the table.

    Args:
        path: The notebook to score (never modified).
        cell_timeout: Seconds allowed per cell.
        out: Stream for the report (default ``sys.stdout``).

    Returns:
        0 when every task passes, 1 when some task fails or the notebook
        could not be run, 2 when the file is not a notebook of a known exercise.
    """
    out = out or sys.stdout
    notebook, exercise, reason = open_exercise(Path(path))
    if exercise is None:
        print(f"error: {path}: {reason}", file=sys.stderr)
        return 2
    print(f"Running {path} in a fresh process (exercise {exercise}, {len(exercise_tasks(exercise))} tasks)...", file=out, flush=True)
    graded = run_public(Path(path), notebook, exercise, cell_timeout=cell_timeout)
    print_report(graded, out=out)
    return 0 if graded.status == "graded" and all(result.passed for result in graded.tasks) else 1
