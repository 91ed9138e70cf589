"""`course grade`: grade a folder of submitted notebooks into a gradebook.

Each submission is graded by a worker process of its own (see `worker.py`)
with a fresh kernel; this process watches each worker's wall time and memory
(the worker and its kernel together), kills it past a limit, judges the plain
outcomes it reports against the official task definitions, and writes the
gradebook (see `gradebook.py`) under ``--out``.
Submitted files are only ever read.

Learner names: a submission ``alice.ipynb`` belongs to ``alice``; a file named
like the exercise (``alice/01_tensors.ipynb``) belongs to its folder, ``alice``.
A learner may hand in several exercises; a repeated (learner, exercise) pair
becomes ``alice (2)``. Without ``--exercise`` every submission is graded as the
exercise it says it is (metadata, check cells, file name).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..authoring import NOTEBOOK_NAME
from .judge import judge_task
from .plain import loads
from .tasks import exercise_tasks

STATUSES = ("graded", "timeout", "memory", "kernel_died", "invalid_notebook", "wrong_exercise")
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "exercises"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission."""

    notebook_seconds: float = 600.0
    cell_seconds: float = 60.0
    memory_mb: float = 3072.0


@dataclass
class Submission:
    """One submitted notebook and whose it is."""

    learner: str
    path: Path


@dataclass
class Graded:
    """The verdict on one submission."""

    learner: str
    path: Path
    exercise: str | None
    status: str
    reason: str = ""
    tasks: list = field(default_factory=list)  # TaskResult, one per task, in order
    notes: list = field(default_factory=list)

    @property
    def total(self) -> int:
        """Points earned over all tasks."""
        return sum(task.earned for task in self.tasks)


def learner_name(path: Path) -> str:
    """``alice.ipynb`` -> ``alice``; ``alice/01_tensors.ipynb`` -> ``alice``."""
    return path.parent.name if NOTEBOOK_NAME.match(path.name) and path.parent.name else path.stem


def find_submissions(arguments) -> list[Submission]:
    """Expand files and folders into submissions, sorted by path.

    Folders are searched recursively for ``*.ipynb`` (checkpoint folders and
    hidden files are skipped).

    Raises:
        ValueError: If an argument does not exist or nothing was found.
    """
    paths = []
    for argument in map(Path, arguments):
        if argument.is_dir():
            paths += [p for p in sorted(argument.rglob("*.ipynb")) if not any(part.startswith(".") for part in p.relative_to(argument).parts)]
        elif argument.exists():
            paths.append(argument)
        else:
            raise ValueError(f"Expected submission files or folders. Received a path that does not exist: {argument}")
    if not paths:
        raise ValueError(f"Expected at least one .ipynb submission. Received: {', '.join(map(str, arguments))}")
    return [Submission(learner_name(path), path) for path in sorted(dict.fromkeys(paths))]


def template_for(exercise: str, templates: Path) -> Path:
    """The official exercise notebook ``templates/NN_*.ipynb``.

    Raises:
        ValueError: If there is none.
    """
    found = sorted(templates.glob(f"{exercise}_*.ipynb"))
    if not found:
        raise ValueError(f"Expected an exercise notebook {exercise}_*.ipynb in {templates}. Received: none")
    return found[0]


def _tree_rss(process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    import psutil  # noqa: PLC0415

    total = 0
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in family:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def _kill_tree(process) -> None:
    """Kill a process and all its descendants (the kernel included)."""
    import psutil  # noqa: PLC0415

    try:
        family = [*process.children(recursive=True), process]
    except psutil.Error:
        family = [process]
    for member in family:
        try:
            member.kill()
        except psutil.Error:
            pass


def run_worker(submission: Submission, exercise: str, template: Path, limits: Limits) -> dict:
    """Run the worker for one submission under the limits; return its raw result."""
    import psutil  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        result_file = Path(scratch) / "result.json"
        command = [sys.executable, "-m", "course_utils.grading.worker", str(submission.path.resolve()), str(result_file),
                   "--exercise", exercise, "--template", str(template.resolve()), "--cell-timeout", str(limits.cell_seconds)]
        popen = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=scratch, start_new_session=True)
        process, start, stopped = psutil.Process(popen.pid), time.monotonic(), ""
        stderr_chunks = []
        reader = threading.Thread(target=lambda: stderr_chunks.append(popen.stderr.read()), daemon=True)
        reader.start()
        while popen.poll() is None:
            if time.monotonic() - start > limits.notebook_seconds:
                stopped = "timeout"
            elif _tree_rss(process) > limits.memory_mb * 2**20:
                stopped = "memory"
            if stopped:
                _kill_tree(process)
                popen.wait()
                break
            time.sleep(0.1)
        reader.join(timeout=5)
        if stopped == "timeout":
            return {"status": "timeout", "reason": f"the notebook ran longer than {limits.notebook_seconds:g} s"}
        if stopped == "memory":
            return {"status": "memory", "reason": f"the notebook used more than {limits.memory_mb:g} MB of memory"}
        if popen.returncode != 0 or not result_file.is_file():
            last = (b"".join(chunk for chunk in stderr_chunks if chunk).decode(errors="replace").strip().splitlines() or ["no message"])[-1]
            return {"status": "kernel_died", "reason": f"the grading process failed ({last[:200]})"}
        return loads(result_file.read_text(encoding="utf-8"))


def judge_result(submission: Submission, raw: dict, exercise: str | None) -> Graded:
    """Turn a worker's raw result into a `Graded`, judging outcomes here with the official definitions."""
    status = raw.get("status") if raw.get("status") in STATUSES else "kernel_died"
    outcomes = raw.get("outcomes") if isinstance(raw.get("outcomes"), dict) else {}
    tasks = exercise_tasks(exercise) if exercise else []
    results = [judge_task(task, outcomes.get(task.id, []) if status == "graded" else []) for task in tasks]
    return Graded(submission.learner, submission.path, exercise, status, str(raw.get("reason", "")), results, list(raw.get("notes", [])))


def _progress_line(done: int, total: int, failed: int, graded: Graded) -> str:
    width = 20
    bar = "#" * (width * done // total) + "." * (width - width * done // total)
    max_points = sum(task.points for task in exercise_tasks(graded.exercise)) if graded.exercise else 0
    what = f"{graded.total}/{max_points}" if graded.status == "graded" else f"{graded.status.upper()}: {graded.reason}"
    return f"[{bar}] {done}/{total} done, {failed} not graded | {graded.learner} ({graded.path.name}): {what}"


def _expected_exercise(submission: Submission, exercise: str | None, templates: Path) -> tuple:
    """``(exercise, raw result or None)``: what to grade a submission as, or why it cannot be graded."""
    from ..notebooks import InvalidNotebook, read_notebook  # noqa: PLC0415
    from .worker import read_submission, result, which_exercise  # noqa: PLC0415

    if exercise:
        return exercise, None
    try:
        notebook = read_submission(submission.path)
    except InvalidNotebook as error:
        return None, result("invalid_notebook", str(error).split(": ", 1)[-1])
    for template in sorted(templates.glob("[0-9][0-9]_*.ipynb")):
        claimed = which_exercise(notebook, submission.path, read_notebook(template))
        if claimed and claimed == template.name[:2]:
            return claimed, None
    return None, result("wrong_exercise", "not recognisable as a notebook of one of this course's exercises")


def unique_names(graded: list[Graded]) -> None:
    """Make (learner, exercise) pairs unique in place: a repeat becomes ``alice (2)``, in path order."""
    seen = {}
    for item in sorted(graded, key=lambda g: str(g.path)):
        key = (item.learner, item.exercise)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item.learner = f"{item.learner} ({seen[key]})"


def grade_all(submissions: list[Submission], exercise: str | None = None, *, templates: Path = DEFAULT_TEMPLATES, jobs: int = 2,
              limits: Limits = Limits(), progress=None) -> list[Graded]:
    """Grade every submission, `jobs` at a time.

    Args:
        submissions: What to grade (see `find_submissions`).
        exercise: The exercise every submission must be (others get
            ``wrong_exercise``); None grades each as the exercise it claims.
        templates: Folder of official exercise notebooks.
        jobs: Submissions graded at once.
        limits: Time and memory limits per submission.
        progress: Stream for progress lines (default: none).

    Returns:
        One `Graded` per submission, sorted by exercise and learner name.

    Raises:
        ValueError: If `exercise` has no template or no check definitions.
    """
    if exercise:
        exercise_tasks(exercise)
        template_for(exercise, templates)
    lock, counters = threading.Lock(), {"done": 0, "failed": 0}

    def grade_one(submission: Submission) -> Graded:
        expected, early = _expected_exercise(submission, exercise, templates)
        raw = early or run_worker(submission, expected, template_for(expected, templates), limits)
        graded = judge_result(submission, raw, expected if raw.get("status") == "graded" or exercise else None)
        with lock:
            counters["done"] += 1
            counters["failed"] += graded.status != "graded"
            if progress is not None:
                print(_progress_line(counters["done"], len(submissions), counters["failed"], graded), file=progress, flush=True)
        return graded

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        graded = list(pool.map(grade_one, submissions))
    unique_names(graded)
    return sorted(graded, key=lambda g: (g.exercise or "~", g.learner))
