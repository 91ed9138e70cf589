"""The `course` command (also ``python -m course_utils``).

Subcommands import what they need when they run, so ``course --help`` stays
fast and never imports TensorFlow.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _doctor(args) -> int:
    from .environment import doctor  # noqa: PLC0415

    doctor()
    return 0


def _build_exercises(args) -> int:
    from .authoring import build_exercises  # noqa: PLC0415

    return build_exercises(Path(args.solutions), Path(args.exercises), check_only=args.check)


def _check(args) -> int:
    from .grading.notebook import check_notebook  # noqa: PLC0415

    return check_notebook(Path(args.notebook), cell_timeout=args.cell_timeout)


def _grade(args) -> int:
    from .grading.batch import DEFAULT_TEMPLATES, Limits, find_submissions, grade_all  # noqa: PLC0415
    from .grading.gradebook import write_gradebook  # noqa: PLC0415

    templates = Path(args.exercises) if args.exercises else DEFAULT_TEMPLATES
    limits = Limits(notebook_seconds=args.notebook_timeout, cell_seconds=args.cell_timeout, memory_mb=args.memory_mb)
    try:
        submissions = find_submissions(args.submissions)
        what = f"exercise {args.exercise}" if args.exercise else "each as the exercise it says it is"
        print(f"Grading {len(submissions)} submission(s), {what}, {args.jobs} at a time...", file=sys.stderr, flush=True)
        graded = grade_all(submissions, args.exercise, templates=templates, jobs=args.jobs, limits=limits, progress=sys.stderr)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    written = write_gradebook(graded, Path(args.out))
    counts = {}
    for item in graded:
        counts[item.status] = counts.get(item.status, 0) + 1
    print("statuses: " + ", ".join(f"{status} {count}" for status, count in sorted(counts.items())))
    print(f"gradebook: {written['csv']} and {written['json']}; feedback: {written['feedback']}/")
    return 0


def _validate(args) -> int:
    from .grading.validate import validate_notebook  # noqa: PLC0415

    return validate_notebook(Path(args.notebook), cell_timeout=args.cell_timeout)


def _execute(args) -> int:
    from .notebooks import InvalidNotebook, execute, read_notebook, strip_execution_metadata, write_notebook  # noqa: PLC0415

    status = 0
    for path in map(Path, args.notebooks):
        try:
            notebook = read_notebook(path)
        except InvalidNotebook as error:
            print(f"error: {error}", file=sys.stderr)
            status = 2
            continue
        print(f"executing {path} ...", flush=True)
        execute(notebook, working_dir=path.parent.resolve(), cell_timeout=args.cell_timeout)
        strip_execution_metadata(notebook)
        write_notebook(notebook, path)
    return status


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `course` command."""
    parser = argparse.ArgumentParser(prog="course", description="Tools of the offline deep-learning course.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    doctor = commands.add_parser("doctor", help="report Python, TensorFlow, Keras, backend, devices and determinism settings")
    doctor.set_defaults(run=_doctor)

    build = commands.add_parser("build-exercises", help="regenerate exercises/ from solutions/ (--check: only report what is out of date)")
    build.add_argument("--check", action="store_true", help="change nothing; exit 1 if an exercise is missing or out of date")
    build.add_argument("--solutions", default="solutions", help="folder of solution notebooks (default: solutions)")
    build.add_argument("--exercises", default="exercises", help="folder of exercise notebooks (default: exercises)")
    build.set_defaults(run=_build_exercises)

    check = commands.add_parser("check", help="run an exercise notebook in a fresh kernel and score every task")
    check.add_argument("notebook", help="path to a filled-in exercise notebook (it is never modified)")
    check.add_argument("--cell-timeout", type=float, default=60, help="seconds allowed per cell (default: 60)")
    check.set_defaults(run=_check)

    validate = commands.add_parser("validate", help="(learners) before submitting: which exercise, every task present, runs top to bottom, the score")
    validate.add_argument("notebook", help="your filled-in exercise notebook (it is never modified)")
    validate.add_argument("--cell-timeout", type=float, default=60, help="seconds allowed per cell (default: 60)")
    validate.set_defaults(run=_validate)

    cores = os.cpu_count() or 1
    grade = commands.add_parser("grade", help="(instructors) grade submitted notebooks into a gradebook and feedback files")
    grade.add_argument("submissions", nargs="+", help="submitted .ipynb files and folders of them (never modified)")
    grade.add_argument("--out", required=True, help="folder for gradebook.csv, gradebook.json and feedback/ (the only place written)")
    grade.add_argument("--exercise", help="the exercise every submission must be, e.g. 01 (default: grade each as the exercise it says it is)")
    grade.add_argument("--jobs", type=int, default=cores, help=f"submissions graded at once (default: the number of cores, {cores})")
    grade.add_argument("--notebook-timeout", type=float, default=600, help="seconds per submission (default: 600)")
    grade.add_argument("--cell-timeout", type=float, default=60, help="seconds per cell; a cell over it is interrupted (default: 60)")
    grade.add_argument("--memory-mb", type=float, default=3072, help="memory per submission, kernel included (default: 3072)")
    grade.add_argument("--exercises", help="folder of official exercise notebooks (default: this course's exercises/)")
    grade.set_defaults(run=_grade)

    execute = commands.add_parser("execute", help="(authors) re-run notebooks top to bottom and save their outputs")
    execute.add_argument("notebooks", nargs="+", help="lesson or solution notebooks")
    execute.add_argument("--cell-timeout", type=float, default=120, help="seconds allowed per cell (default: 120)")
    execute.set_defaults(run=_execute)
    return parser


def main(argv=None) -> int:
    """Run the `course` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
