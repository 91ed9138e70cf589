"""`course grade`: grade a batch of submitted notebooks into a gradebook.

For each submission this process reads the file (bounded, never written),
says which exercise it is, sends its code cells and the batch's hidden cases
into a sandbox of its own (`sandbox.py`), and judges the plain results that
come back against the references (`judging.py`). Every failure of one
submission becomes its status and reason; the batch always finishes.

Learner names: a submission ``alice.ipynb`` belongs to ``alice``; a file named
like the exercise (``alice/01_tensors.ipynb``) belongs to its folder, ``alice``.
A repeated (learner, exercise) pair becomes ``alice (2)``. Without
``--exercise`` every submission is graded as the exercise it says it is
(metadata, check calls, file name).
"""
from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course_utils.grading.judge import judge_task
from course_utils.grading.notebook import (Graded, InvalidResult, code_cells, name_mismatch, read_result, read_submission, request_for,
                                          which_exercise)
from course_utils.grading.process import Limits
from course_utils.notebooks import InvalidNotebook

from .judging import HiddenCases
from .sandbox import run_submission
from .submissions import Submission, unique_names


def in_shard(submission: Submission, shard: "tuple[int, int] | None") -> bool:
    """True when a submission belongs to shard ``(index, count)`` (1-based), by a hash of its path inside the batch folder.

    The same on every machine and from every working folder, so N jobs given
    the same folder split it exactly.
    """
    if shard is None:
        return True
    index, count = shard
    digest = hashlib.sha256(submission.key.encode("utf-8", errors="surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def _graded(submission: Submission, exercise, status: str, reason: str, hidden: "HiddenCases | None" = None, notes=()) -> Graded:
    """A verdict with no points: every task of the exercise (if known) failed with no result."""
    tasks = [judge_task(task, cases, [], []) for task, cases in hidden.get(exercise)[0]] if exercise and hidden else []
    return Graded(submission.learner, submission.path, exercise, status, reason, tasks, list(notes))


def grade_submission(submission: Submission, hidden: HiddenCases, *, exercise: "str | None", limits: Limits, sandbox: bool) -> Graded:
    """Grade one submission: read, identify, run sandboxed, validate the result, judge.

    Returns:
        Its `Graded` verdict; never raises for anything the submission does.
    """
    if submission.refused:
        return _graded(submission, exercise, "refused", submission.refused, hidden)
    try:
        notebook = read_submission(submission.path)
    except InvalidNotebook as error:
        return _graded(submission, exercise, "invalid_notebook", str(error).split(": ", 1)[-1], hidden)
    found, reason = which_exercise(notebook, submission.path, exercise)
    if found is None:
        return _graded(submission, exercise, "wrong_exercise", reason, hidden)
    drawn, expected = hidden.get(found)
    request = request_for(code_cells(notebook), drawn, cell_timeout=limits.cell_seconds)
    del notebook
    run = run_submission(request, limits=limits, sandbox=sandbox)
    if run.status != "finished":
        return _graded(submission, found, run.status, run.reason, hidden)
    try:
        notes, outcomes = read_result(run.payload, drawn)
    except InvalidResult as error:
        return _graded(submission, found, "invalid_result", f"the notebook's process reported something malformed: {error}", hidden)
    results = [judge_task(task, cases, outcomes[task.id], expected[task.id]) for task, cases in drawn]
    return Graded(submission.learner, submission.path, found, "graded", "", results, name_mismatch(submission.path, found) + notes)


def printable(text, limit: int = 80) -> str:
    """Learner text made safe for a terminal: control characters (escape sequences) shown as ``?``, at most `limit` characters."""
    text = "".join(character if character.isprintable() else "?" for character in str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _progress_line(done: int, total: int, failed: int, graded: Graded) -> str:
    width = 20
    bar = "#" * (width * done // total) + "." * (width - width * done // total)
    what = f"{graded.total}/{graded.max_points}" if graded.status == "graded" else f"{graded.status.upper()}: {printable(graded.reason, 160)}"
    return f"[{bar}] {done}/{total} done, {failed} not graded | {printable(graded.learner)} ({printable(graded.path.name)}): {what}"


def grade_all(submissions: list[Submission], exercise: "str | None" = None, *, seed: int, jobs: int = 2, limits: Limits = Limits(),
              sandbox: bool = True, progress=None) -> list[Graded]:
    """Grade every submission, `jobs` at a time.

    Args:
        submissions: What to grade (see `submissions.find_submissions`).
        exercise: The exercise every submission must be (others get
            ``wrong_exercise``); None grades each as the exercise it claims.
        seed: The batch seed the hidden cases are drawn with.
        jobs: Submissions graded at once.
        limits: Time and memory limits per submission.
        sandbox: False only for ``--no-sandbox``.
        progress: Stream for progress lines (default: none).

    Returns:
        One `Graded` per submission, sorted by exercise and learner name.

    Raises:
        ValueError: If `exercise` is not an exercise of this course.
        SandboxUnavailable: If `sandbox` is True and no sandbox can be made.
    """
    from .sandbox import check_sandbox  # noqa: PLC0415

    hidden = HiddenCases(seed)
    if exercise:
        hidden.get(exercise)
    if sandbox:
        check_sandbox()
    lock, counters = threading.Lock(), {"done": 0, "failed": 0}

    def grade_one(submission: Submission) -> Graded:
        try:
            graded = grade_submission(submission, hidden, exercise=exercise, limits=limits, sandbox=sandbox)
        except Exception as error:  # noqa: BLE001 (one submission never stops the batch)
            graded = _graded(submission, exercise, "grader_error", f"the grader failed on this file ({type(error).__name__}: {str(error)[:200]})",
                             hidden)
        with lock:
            counters["done"] += 1
            counters["failed"] += graded.status != "graded"
            if progress is not None:
                print(_progress_line(counters["done"], len(submissions), counters["failed"], graded), file=progress, flush=True)
        return graded

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        graded = list(pool.map(grade_one, submissions))
    unique_names(graded)
    return sorted(graded, key=lambda g: (g.exercise or "~", g.learner, str(g.path)))
