"""Benchmark: `course grade` against nbgrader's autograde on the same submissions.

Copies one solved exercise notebook N times as the submissions of N students,
then in each round times, one after the other on those same files:

- ``nbgrader autograde`` (nbgrader in its own virtual environment, never in the
  course's; it runs every notebook serially in a fresh kernel of the course's
  Python, so both tools execute learner code with the same interpreter);
- ``course grade --jobs 1`` (sandboxed, the default);
- ``course grade --jobs J`` (sandboxed);
- ``course grade --jobs 1 --no-sandbox`` (what the sandbox costs).

The order is reversed every other round, so that neither tool always runs first
on a shared, noisy machine; the median of R rounds is reported. Every run must
end with every submission graded full marks (nbgrader's gradebook is read with
``nbgrader export``, the course's from gradebook.csv), otherwise the benchmark
fails. Prints a Markdown table and writes it to benchmarks/GRADING.md.

The solutions carry nbgrader's cell metadata (written by ``course build-exercises``:
answer cells, graded check cells worth their task's points, read-only cells), so a
solution is used as it is: ``nbgrader generate_assignment`` releases it, and the
solved notebook is what each student "submits" (and what `course grade` gets).

    python benchmarks/grade_vs_nbgrader.py              # 10 copies of solutions/03_activations.ipynb, 3 rounds
    python benchmarks/grade_vs_nbgrader.py --rounds 1 --nbgrader-venv /tmp/nbgrader-venv
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NBGRADER_VERSION = "0.9.6"
ASSIGNMENT = "ps1"
KERNEL_NAME = "course-python"
DEFAULT_VENV = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "course-benchmarks" / f"nbgrader-{NBGRADER_VERSION}"


class BenchmarkFailed(RuntimeError):
    """A tool failed, or did not grade every submission full marks."""


def run(command: list, *, log: Path, cwd: Path | None = None, env: dict | None = None) -> float:
    """Run a command with its output sent to a log file; fail loudly.

    Args:
        command: The command and its arguments.
        log: File that receives the command's standard output and error.
        cwd: Working folder (default: this process's).
        env: Environment (default: this process's).

    Returns:
        The command's wall time in seconds.

    Raises:
        BenchmarkFailed: If the command exits non-zero (the end of its log is quoted).
    """
    with open(log, "w", encoding="utf-8") as stream:
        start = time.perf_counter()
        code = subprocess.run([str(part) for part in command], cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT).returncode
        seconds = time.perf_counter() - start
    if code:
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)[-30:])
        raise BenchmarkFailed(f"{' '.join(map(str, command))} exited {code}; end of {log}:\n{tail}")
    return seconds


def ensure_nbgrader(venv: Path | None) -> Path:
    """Return the ``nbgrader`` executable of a virtual environment, creating the default one if missing.

    Args:
        venv: An existing environment with nbgrader, or None for the cache folder's
            (created there with nbgrader and NumPy on first use, never in the course's environment).

    Returns:
        The path of its ``nbgrader`` command.
    """
    folder = venv or DEFAULT_VENV
    nbgrader = folder / "bin" / "nbgrader"
    if venv is None and not nbgrader.exists():
        print(f"creating {folder} with nbgrader=={NBGRADER_VERSION} and numpy (once; --nbgrader-venv to use another)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "--quiet", f"nbgrader=={NBGRADER_VERSION}", "numpy"], check=True)
    if not nbgrader.exists():
        raise BenchmarkFailed(f"no nbgrader in {folder}: install it there with `{folder}/bin/pip install nbgrader=={NBGRADER_VERSION} numpy`")
    return nbgrader


def nbgrader_version(nbgrader: Path) -> str:
    """The version of nbgrader installed beside an ``nbgrader`` command."""
    python = nbgrader.parent / "python"
    return subprocess.run([str(python), "-c", "import nbgrader; print(nbgrader.__version__)"],
                          check=True, capture_output=True, text=True).stdout.strip()


def with_nbgrader_metadata(notebook: dict) -> dict:
    """Return the notebook, after making sure it carries nbgrader's metadata.

    Raises:
        BenchmarkFailed: If it has no nbgrader solution cell or no graded cell (run ``course build-exercises``).
    """
    roles = [cell.get("metadata", {}).get("nbgrader", {}) for cell in notebook["cells"]]
    if not any(role.get("solution") for role in roles) or not any(role.get("grade") for role in roles):
        raise BenchmarkFailed("the notebook has no nbgrader solution or graded cell: run `course build-exercises` to write them")
    return notebook


def write_course(root: Path, notebook: dict, name: str, students: list[str], nbgrader: Path) -> dict:
    """Lay out an nbgrader course: config, kernel, source, released assignment and submissions.

    Args:
        root: An empty folder for the course.
        notebook: The marked-up solved notebook.
        name: The notebook's file name, e.g. ``03_activations.ipynb``.
        students: Student ids; each submits a copy of ``notebook``.
        nbgrader: The ``nbgrader`` command.

    Returns:
        The environment to run nbgrader in: its kernel ``course-python`` is this
        Python (the course's, with TensorFlow and course_utils), found through JUPYTER_PATH,
        and nbgrader's environment leads PATH (nbgrader runs ``alembic`` by name).
    """
    kernel = root / "jupyter" / "kernels" / KERNEL_NAME
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (course)", "language": "python"}), encoding="utf-8")
    (root / "nbgrader_config.py").write_text("\n".join([
        "c = get_config()",
        f"c.CourseDirectory.root = {str(root)!r}",
        "c.CourseDirectory.course_id = 'benchmark'",
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(root / 'gradebook.db')!r}",
        f"c.Execute.kernel_name = {KERNEL_NAME!r}",
        "c.Execute.timeout = 300",
        "",
    ]), encoding="utf-8")
    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    for folder in [root / "source" / ASSIGNMENT] + [root / "submitted" / student / ASSIGNMENT for student in students]:
        folder.mkdir(parents=True)
        (folder / name).write_text(text, encoding="utf-8")
    (root / "release").mkdir()
    return {**os.environ, "JUPYTER_PATH": str(root / "jupyter"), "PATH": os.pathsep.join([str(nbgrader.parent), os.environ.get("PATH", "")])}


def nbgrader_scores(nbgrader: Path, root: Path, env: dict, log: Path) -> dict:
    """Read nbgrader's gradebook through ``nbgrader export``.

    Args:
        nbgrader: The ``nbgrader`` command.
        root: The course folder.
        env: nbgrader's environment.
        log: File for the command's output.

    Returns:
        ``{student: (score, max_score)}`` for assignment ps1.
    """
    grades = root / "grades.csv"
    run([nbgrader, "export", "--to", grades], cwd=root, env=env, log=log)
    with open(grades, newline="", encoding="utf-8") as stream:
        return {row["student_id"]: (float(row["score"]), float(row["max_score"])) for row in csv.DictReader(stream) if row["assignment"] == ASSIGNMENT}


def course_scores(out: Path) -> dict:
    """Read a `course grade` gradebook.

    Returns:
        ``{learner: (status, total, max)}`` from ``out/gradebook.csv``.
    """
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as stream:
        return {row["learner"]: (row["status"], row["total"], row["max"]) for row in csv.DictReader(stream)}


def expect_full_marks(tool: str, scores: dict, students: list[str]) -> None:
    """Fail unless every student was graded full marks.

    Args:
        tool: Name of the tool, for the message.
        scores: ``{student: (..., score, max)}`` with the last two numbers (as text or numbers).
        students: Who must be there.

    Raises:
        BenchmarkFailed: If a student is missing or short of full marks (or max is 0).
    """
    wrong = {student: scores.get(student) for student in students
             if student not in scores or float(scores[student][-1]) <= 0 or float(scores[student][-2]) != float(scores[student][-1])}
    if wrong or len(scores) != len(students):
        raise BenchmarkFailed(f"{tool} did not grade all {len(students)} submissions full marks: {wrong or scores}")


def time_nbgrader(nbgrader: Path, root: Path, env: dict, students: list[str], log: Path) -> float:
    """Time one ``nbgrader autograde ps1 --force`` of every submission and check its grades.

    Returns:
        Wall time in seconds.
    """
    seconds = run([nbgrader, "autograde", ASSIGNMENT, "--force"], cwd=root, env=env, log=log)
    expect_full_marks("nbgrader autograde", nbgrader_scores(nbgrader, root, env, log.with_suffix(".export.log")), students)
    return seconds


def time_course(submissions: Path, out: Path, jobs: int, sandbox: bool, students: list[str], log: Path) -> float:
    """Time one ``course grade`` of every submission and check its gradebook.

    Args:
        submissions: Folder of the submitted notebooks.
        out: A new folder for the gradebook.
        jobs: ``--jobs``.
        sandbox: False to add ``--no-sandbox``.
        students: The learners expected in the gradebook.
        log: File for the command's output.

    Returns:
        Wall time in seconds.
    """
    command = [sys.executable, "-m", "course_utils", "grade", submissions, "--out", out, "--seed", "1", "--jobs", str(jobs)]
    seconds = run(command + ([] if sandbox else ["--no-sandbox"]), cwd=REPO, log=log)
    scores = course_scores(out)
    not_graded = {learner: row for learner, row in scores.items() if row[0] != "graded"}
    if not_graded:
        raise BenchmarkFailed(f"course grade --jobs {jobs}: not graded: {not_graded} (see {log})")
    expect_full_marks(f"course grade --jobs {jobs}", scores, students)
    return seconds


def table(results: dict, args, versions: dict, load: float) -> str:
    """The Markdown report of the medians.

    Args:
        results: ``{label: [seconds per round]}``, nbgrader's first, then course grade at
            --jobs 1, --jobs J, and --jobs 1 --no-sandbox.
        args: The parsed command line.
        versions: ``{"nbgrader": ..., "python": ...}``.
        load: The machine's 1-minute load average when the benchmark started (other users' work shows there).

    Returns:
        Markdown text: a header, the table, and the ratios.
    """
    labels = list(results)
    median = {label: statistics.median(times) for label, times in results.items()}
    nbgrader, serial, parallel, unsandboxed = (median[label] for label in labels)
    lines = [
        f"{args.copies} copies of `{Path(args.notebook).name}` (solved), median of {args.rounds} round(s), the tools alternating within each round; "
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} CPU cores, nbgrader {versions['nbgrader']} (own environment), "
        f"course Python {versions['python']} (both tools run the notebooks with it); load average {load:.1f} at the start.",
        "",
        "| grader | wall time (median) | min–max | per notebook |",
        "|---|---:|---:|---:|",
        *[f"| {label} | {median[label]:.1f} s | {min(times):.1f}–{max(times):.1f} s | {median[label] / args.copies:.2f} s |"
          for label, times in results.items()],
        "",
        f"- course grade --jobs 1 (sandboxed) / nbgrader autograde: **{serial / nbgrader:.2f}** (goal: at most 1)",
        f"- speed-up from --jobs {args.jobs} over --jobs 1: **{serial / parallel:.2f}×** on {os.cpu_count()} cores",
        f"- cost of the sandbox at --jobs 1: {serial - unsandboxed:+.1f} s in all, {(serial - unsandboxed) / args.copies:+.2f} s per notebook",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default=str(REPO / "solutions" / "03_activations.ipynb"), help="a solved exercise notebook")
    parser.add_argument("--copies", type=int, default=10, help="submissions, one per student (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the parallel course grade run (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3); the median is reported")
    parser.add_argument("--nbgrader-venv", type=Path, help=f"virtual environment with nbgrader (default: {DEFAULT_VENV}, created if missing)")
    parser.add_argument("--output", default=str(REPO / "benchmarks" / "GRADING.md"), help="Markdown file to write ('' for none)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (courses, gradebooks, logs) and print its path")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    nbgrader = ensure_nbgrader(args.nbgrader_venv)
    versions = {"nbgrader": nbgrader_version(nbgrader), "python": sys.version.split()[0]}
    students = [f"student_{index:02d}" for index in range(1, args.copies + 1)]
    notebook = with_nbgrader_metadata(json.loads(Path(args.notebook).read_text(encoding="utf-8")))
    name = Path(args.notebook).name
    scratch = Path(tempfile.mkdtemp(prefix="grade-vs-nbgrader-"))
    try:
        root, logs, submissions = scratch / "course", scratch / "logs", scratch / "submissions"
        logs.mkdir()
        env = write_course(root, notebook, name, students, nbgrader)
        submissions.mkdir()
        for student in students:
            shutil.copy(root / "submitted" / student / ASSIGNMENT / name, submissions / f"{student}.ipynb")
        run([nbgrader, "generate_assignment", ASSIGNMENT, "--force"], cwd=root, env=env, log=logs / "generate_assignment.log")
        labels = {"nbgrader": "nbgrader autograde (serial, fresh kernel each)", "serial": "course grade --jobs 1 (sandboxed)",
                  "parallel": f"course grade --jobs {args.jobs} (sandboxed)", "unsandboxed": "course grade --jobs 1 --no-sandbox"}
        results = {label: [] for label in labels.values()}
        for round_number in range(1, args.rounds + 1):
            timers = {
                "nbgrader": lambda tag: time_nbgrader(nbgrader, root, env, students, logs / f"{tag}.log"),
                "serial": lambda tag: time_course(submissions, scratch / tag, 1, True, students, logs / f"{tag}.log"),
                "parallel": lambda tag: time_course(submissions, scratch / tag, args.jobs, True, students, logs / f"{tag}.log"),
                "unsandboxed": lambda tag: time_course(submissions, scratch / tag, 1, False, students, logs / f"{tag}.log"),
            }
            order = list(timers) if round_number % 2 else list(reversed(timers))
            for key in order:
                results[labels[key]].append(timers[key](f"{key}{round_number}"))
            print(f"round {round_number}: " + "; ".join(f"{labels[key]}: {results[labels[key]][-1]:.1f} s" for key in order), flush=True)
    except BenchmarkFailed as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"scratch folder kept: {scratch}", file=sys.stderr)
        return 1
    if args.keep:
        print(f"scratch folder kept: {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    report = table(results, args, versions, load)
    print("\n" + report)
    if args.output:
        Path(args.output).write_text("# Grading benchmark: `course grade` vs nbgrader autograde\n\n"
                                     "Written by `python benchmarks/grade_vs_nbgrader.py`.\n\n" + report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
