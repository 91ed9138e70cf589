"""The gradebook of a batch: CSV and JSON, one Markdown feedback file per submission, and merging shards.

Feedback shows each task's ✓/✗ lines and hints, never the hidden inputs or
the solution. Text that came from a submission (names, file names, error
messages) is escaped in Markdown, and CSV cells that a spreadsheet would run
as a formula are neutralised (OWASP's rule: a leading ``'``). Nothing here
depends on timings, so a rerun with the same seed writes the same files.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from course_utils.grading.notebook import clean_text
from course_utils.grading.tasks import exercise_tasks

from .submissions import file_stem

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GRADEBOOK_VERSION = 1


def _all_tasks(exercises) -> list:
    """The tasks of every exercise in the batch, by exercise then task order."""
    return [task for exercise in sorted(set(exercises) - {None, ""}) for task in exercise_tasks(exercise)]


def gradebook_rows(graded: list) -> list[dict]:
    """One row per submission: learner, exercise, file, status, reason, a column per task, total, max.

    A task of another exercise than the row's is left empty.
    """
    columns = [task.id for task in _all_tasks(item.exercise for item in graded)]
    rows = []
    for item in graded:
        row = {"learner": clean_text(item.learner, 300), "exercise": item.exercise or "", "file": clean_text(item.path.name, 300),
               "status": item.status, "reason": clean_text(item.reason, 500)}
        earned = {result.task_id: result.earned for result in item.tasks}
        row.update({column: earned.get(column, "") for column in columns})
        row.update({"total": item.total, "max": item.max_points})
        rows.append(row)
    return rows


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet will not run: text starting with ``= + - @``, a tab or a CR gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def markdown_text(text) -> str:
    """Learner text made inert in Markdown: one line, HTML escaped, Markdown punctuation backslash-escaped."""
    one_line = " ".join(clean_text(text, 5_000).split())
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~>])", r"\\\1", html.escape(one_line, quote=False))


def feedback_markdown(item, *, seed: int, sandboxed: bool) -> str:
    """A submission's feedback: status, then each task's ✓/✗ lines and hints (never inputs or answers)."""
    from .sandbox import UNSANDBOXED_NOTE  # noqa: PLC0415

    title = f"Exercise {item.exercise}" if item.exercise else "Submission"
    lines = [f"# {title}: feedback for {markdown_text(item.learner)}", "", f"- File: {markdown_text(item.path.name)}",
             f"- Status: **{item.status}**"]
    if item.reason:
        lines.append(f"- Reason: {markdown_text(item.reason)}")
    lines += [f"- Score: **{item.total} / {item.max_points}**", f"- Graded on hidden cases drawn with seed {seed}"]
    if not sandboxed:
        lines.append(f"- Note: {UNSANDBOXED_NOTE}")
    lines += [f"- Note: {markdown_text(note.removeprefix('note: '))}" for note in item.notes if note.startswith("note: ")]
    lines.append("")
    for result in item.tasks:
        lines += [f"## {'✓' if result.passed else '✗'} {result.task_id}: {markdown_text(result.title)} ({result.earned}/{result.points})", ""]
        for case in result.cases:
            lines.append(f"- {'✓' if case.passed else '✗'} {markdown_text(case.name)}" + ("" if case.passed else f": {markdown_text(case.problem)}"))
        if result.hint:
            lines.append(f"- hint: {markdown_text(result.hint)}")
        lines.append("")
    errors = [note for note in item.notes if note.startswith("cell ")]
    if errors:
        lines += ["## Errors while running your notebook", "", *[f"- {markdown_text(note)}" for note in errors], ""]
    return "\n".join(lines)


def feedback_names(graded: list) -> list[str]:
    """One feedback file name per submission: unique (also ignoring case), bounded, stable across runs.

    Names that clash (ignoring case) are all re-made from the learner, the
    exercise and the file, with a counter, until no two are alike.
    """
    several = len({item.exercise for item in graded if item.exercise}) > 1
    stems = [file_stem(item.learner) + (f"_{item.exercise or 'unknown'}" if several else "") for item in graded]
    for attempt in range(1, 100):
        folded = [stem.casefold() for stem in stems]
        clashing = {index for index, stem in enumerate(folded) if folded.count(stem) > 1}
        if not clashing:
            break
        for index in clashing:
            item = graded[index]
            stems[index] = file_stem(f"{item.learner}\0{item.exercise}\0{item.path.as_posix()}\0{attempt}")
    return [f"{stem}.md" for stem in stems]


def _write_csv(rows: list[dict], path: Path) -> None:
    fields = list(rows[0]) if rows else ["learner", "exercise", "file", "status", "reason", "total", "max"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="backslashreplace")


def write_gradebook(graded: list, out: Path, *, seed: int, sandboxed: bool = True, shard: "tuple[int, int] | None" = None) -> dict:
    """Write ``gradebook.csv``, ``gradebook.json`` and ``feedback/<learner>.md`` under `out`.

    With several exercises in the batch, feedback files are ``<learner>_<exercise>.md``.

    Args:
        graded: The verdicts.
        out: The output folder (created).
        seed: The batch seed (recorded, so a regrade can reproduce the hidden cases).
        sandboxed: Whether learner code ran sandboxed (recorded, and said in every feedback file otherwise).
        shard: ``(index, count)`` when this is one shard of a batch.

    Returns:
        The paths written, by kind.
    """
    out = Path(out)
    rows = gradebook_rows(graded)
    names = feedback_names(graded)
    out.mkdir(parents=True, exist_ok=True)
    feedback_dir = out / "feedback"
    feedback_dir.mkdir(exist_ok=True)
    for item, name, row in zip(graded, names, rows):
        row["feedback"] = f"feedback/{name}"
        (feedback_dir / name).write_text(feedback_markdown(item, seed=seed, sandboxed=sandboxed) + "\n", encoding="utf-8", errors="backslashreplace")
    _write_csv(rows, out / "gradebook.csv")
    document = {"version": GRADEBOOK_VERSION, "seed": seed, "sandboxed": sandboxed, "shard": list(shard) if shard else None,
                "tasks": [{"id": t.id, "title": t.title, "points": t.points} for t in _all_tasks(item.exercise for item in graded)],
                "learners": rows}
    (out / "gradebook.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8", errors="backslashreplace")
    return {"csv": out / "gradebook.csv", "json": out / "gradebook.json", "feedback": feedback_dir}


def _read_shard(folder: Path) -> dict:
    """Read one shard's ``gradebook.json``.

    Raises:
        ValueError: If it is missing or not a gradebook this course wrote.
    """
    path = Path(folder) / "gradebook.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"Expected a gradebook.json written by `course grade` in {folder}. Received: {type(error).__name__}") from None
    if not isinstance(document, dict) or document.get("version") != GRADEBOOK_VERSION or not isinstance(document.get("learners"), list):
        raise ValueError(f"Expected a gradebook.json written by `course grade` in {folder}. Received: another format")
    return document


def merge_gradebooks(folders: list, out: Path) -> dict:
    """`course gradebook merge`: join shard gradebooks (same seed) into one, feedback files included.

    Args:
        folders: The shards' ``--out`` folders.
        out: Where the merged gradebook goes.

    Returns:
        The paths written, by kind.

    Raises:
        ValueError: If a shard is unreadable, the seeds or sandbox settings
            differ, a shard is missing or repeated, or two shards hold the same feedback file.
    """
    documents = [_read_shard(folder) for folder in folders]
    if len({document.get("seed") for document in documents}) != 1 or len({document.get("sandboxed") for document in documents}) != 1:
        raise ValueError("Expected shards of one batch (the same --seed and sandbox setting). Received: shards that differ")
    shards = [tuple(document["shard"]) if document.get("shard") else None for document in documents]
    counts = {shard[1] for shard in shards if shard}
    if None in shards or len(counts) != 1 or sorted(index for index, _ in shards) != list(range(1, counts.pop() + 1)):
        raise ValueError(f"Expected every shard 1/N ... N/N exactly once. Received: {', '.join(f'{s[0]}/{s[1]}' if s else 'unsharded' for s in shards)}")
    rows, tasks, feedback = [], {}, {}
    for folder, document in zip(folders, documents):
        rows += document["learners"]
        tasks.update({task["id"]: task for task in document.get("tasks", [])})
        for row in document["learners"]:
            name = Path(str(row.get("feedback", ""))).name
            if name in feedback:
                raise ValueError(f"Expected each feedback file in one shard only. Received: {name} twice")
            feedback[name] = Path(folder) / "feedback" / name
    known = [task.id for task in _all_tasks(row.get("exercise") for row in rows)]
    columns = [column for column in known if column in tasks] + sorted(set(tasks) - set(known))
    base = ["learner", "exercise", "file", "status", "reason"]
    rows = sorted(({**{key: row.get(key, "") for key in base}, **{column: row.get(column, "") for column in columns},
                    "total": row.get("total", 0), "max": row.get("max", 0), "feedback": row.get("feedback", "")} for row in rows),
                  key=lambda row: (row["exercise"] or "~", row["learner"], row["file"]))
    out = Path(out)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    for name, source in feedback.items():
        (out / "feedback" / name).write_bytes(source.read_bytes())
    _write_csv(rows, out / "gradebook.csv")
    document = {"version": GRADEBOOK_VERSION, "seed": documents[0]["seed"], "sandboxed": documents[0]["sandboxed"], "shard": None,
                "tasks": [tasks[column] for column in columns], "learners": rows}
    (out / "gradebook.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"csv": out / "gradebook.csv", "json": out / "gradebook.json", "feedback": out / "feedback"}
