"""The gradebook of a batch: CSV and JSON, and one Markdown feedback file per learner.

Feedback shows each task's ✓/✗ lines and hints, never the hidden inputs or
the solution. Nothing here depends on timings, so a rerun writes the same files.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from .tasks import Task, exercise_tasks


def _all_tasks(graded: list) -> list[Task]:
    """The tasks of every exercise in the batch, by exercise then task order."""
    exercises = sorted({item.exercise for item in graded if item.exercise})
    return [task for exercise in exercises for task in exercise_tasks(exercise)]


def gradebook_rows(graded: list) -> list[dict]:
    """One row per learner and exercise: learner, exercise, file, status, reason, a column per task, total, max.

    A task of another exercise than the row's is left empty.
    """
    columns = [task.id for task in _all_tasks(graded)]
    rows = []
    for item in graded:
        row = {"learner": item.learner, "exercise": item.exercise or "", "file": item.path.name, "status": item.status, "reason": item.reason}
        earned = {result.task_id: result.earned for result in item.tasks}
        row.update({column: earned.get(column, "") for column in columns})
        row.update({"total": item.total, "max": sum(result.points for result in item.tasks)})
        rows.append(row)
    return rows


def feedback_markdown(item) -> str:
    """A learner's feedback: status, then each task's ✓/✗ lines and hints (never inputs or answers)."""
    title = f"Exercise {item.exercise}" if item.exercise else "Submission"
    lines = [f"# {title}: feedback for {item.learner}", "", f"- File: `{item.path.name}`", f"- Status: **{item.status}**"]
    if item.reason:
        lines.append(f"- Reason: {item.reason}")
    lines += [f"- Score: **{item.total} / {sum(result.points for result in item.tasks)}**", ""]
    for result in item.tasks:
        lines += [f"## {'✓' if result.passed else '✗'} {result.task_id}: {result.title} ({result.earned}/{result.points})", ""]
        for case in result.cases:
            lines.append(f"- {'✓' if case.passed else '✗'} {case.name}" + ("" if case.passed else f": {case.problem}"))
            if not case.passed and case.hint:
                lines.append(f"  - hint: {case.hint}")
        lines.append("")
    errors = [note for note in item.notes if note.startswith("cell ")]
    if errors:
        lines += ["## Errors while running your notebook", "", *[f"- {note}" for note in errors], ""]
    return "\n".join(lines)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "learner"


def write_gradebook(graded: list, out: Path) -> dict:
    """Write ``gradebook.csv``, ``gradebook.json`` and ``feedback/<learner>.md`` under `out`.

    With several exercises in the batch, feedback files are ``<learner>_<exercise>.md``.

    Returns:
        The paths written, by kind.
    """
    rows = gradebook_rows(graded)
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["learner"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / "gradebook.csv").write_text(buffer.getvalue(), encoding="utf-8")
    tasks = [{"id": t.id, "title": t.title, "points": t.points} for t in _all_tasks(graded)]
    document = {"tasks": tasks, "learners": rows}
    (out / "gradebook.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    feedback_dir = out / "feedback"
    feedback_dir.mkdir(exist_ok=True)
    several = len({item.exercise for item in graded}) > 1
    for item in graded:
        name = _slug(item.learner) + (f"_{item.exercise or 'unknown'}" if several else "")
        (feedback_dir / f"{name}.md").write_text(feedback_markdown(item) + "\n", encoding="utf-8")
    return {"csv": out / "gradebook.csv", "json": out / "gradebook.json", "feedback": feedback_dir}
