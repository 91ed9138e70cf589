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


def _instructor(module: str):
    """Import a module of the instructor's side, or explain that this installation has none."""
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module(f"course_instructor.{module}")
    except ModuleNotFoundError:
        print("error: this command is for instructors; this installation has only the learner's side of the course", file=sys.stderr)
        raise SystemExit(2) from None


def _build_exercises(args) -> int:
    authoring = _instructor("authoring")
    status = authoring.build_exercises(Path(args.solutions), Path(args.exercises), check_only=args.check)
    return max(status, authoring.build_expected(check_only=args.check))


def _check(args) -> int:
    from .grading.notebook import check_notebook  # noqa: PLC0415

    return check_notebook(Path(args.notebook), cell_timeout=args.cell_timeout)


def _shard(text: str) -> tuple:
    """``"2/4"`` -> ``(2, 4)``."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected I/N such as 2/4, received {text!r}") from None
    if not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"expected 1 <= I <= N, received {text!r}")
    return index, count


def _grade(args) -> int:
    batch, gradebook, sandbox, submissions, judging = (_instructor(name) for name in ("batch", "gradebook", "sandbox", "submissions", "judging"))
    from .grading.process import Limits  # noqa: PLC0415

    if args.shard and args.seed is None:
        print("error: --shard needs --seed: every shard of a batch must draw the same hidden cases", file=sys.stderr)
        return 2
    seed = judging.new_seed() if args.seed is None else args.seed
    limits = Limits(notebook_seconds=args.notebook_timeout, cell_seconds=args.cell_timeout, memory_mb=args.memory_mb)
    try:
        found = [item for item in submissions.find_submissions(args.submissions) if batch.in_shard(item, args.shard)]
        what = f"exercise {args.exercise}" if args.exercise else "each as the exercise it says it is"
        where = "sandboxed" if not args.no_sandbox else sandbox.UNSANDBOXED_NOTE
        shard = f", shard {args.shard[0]}/{args.shard[1]}" if args.shard else ""
        print(f"Grading {len(found)} submission(s){shard}, {what}, {args.jobs} at a time, hidden cases seed {seed}, {where}...",
              file=sys.stderr, flush=True)
        graded = batch.grade_all(found, args.exercise, seed=seed, jobs=args.jobs, limits=limits, sandbox=not args.no_sandbox, progress=sys.stderr)
    except (ValueError, sandbox.SandboxUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    written = gradebook.write_gradebook(graded, Path(args.out), seed=seed, sandboxed=not args.no_sandbox, shard=args.shard)
    counts = {}
    for item in graded:
        counts[item.status] = counts.get(item.status, 0) + 1
    print("statuses: " + (", ".join(f"{status} {count}" for status, count in sorted(counts.items())) or "none"))
    print(f"gradebook: {written['csv']} and {written['json']}; feedback: {written['feedback']}/ (seed {seed})")
    return 0


def _reporting_errors(action, report) -> int:
    """Run `action`; print `report(result)` and return 0, or print its ValueError as one line and return 2."""
    try:
        result = action()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report(result))
    return 0


def _merge(args) -> int:
    gradebook = _instructor("gradebook")
    return _reporting_errors(lambda: gradebook.merge_gradebooks([Path(folder) for folder in args.shards], Path(args.out)),
                             lambda written: f"gradebook: {written['csv']} and {written['json']}; feedback: {written['feedback']}/")


def _release(args) -> int:
    release = _instructor("release")
    return _reporting_errors(lambda: release.release(Path(args.out)), lambda written: (
        f"release for learners in {args.out}: {', '.join(path.name for path in written)} (no solutions, no references)"))


def _site(args) -> int:
    site = _instructor("site")
    try:
        report = site.build_site(Path(args.out))
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(site.summary(report))
    return 0


def _lab(args) -> int:
    from .lab import run_lab  # noqa: PLC0415

    return run_lab([argument for argument in args.jupyter_args if argument != "--"])


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

    lab = commands.add_parser("lab", help="open the course in JupyterLab (lesson 00 first; exercises/ reachable; `course` in its terminals)")
    lab.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="passed on to JupyterLab, e.g. -- --no-browser --port 8890")
    lab.set_defaults(run=_lab)

    doctor = commands.add_parser("doctor", help="report Python, TensorFlow, Keras, backend, devices and determinism settings")
    doctor.set_defaults(run=_doctor)

    build = commands.add_parser("build-exercises", help="(authors) write nbgrader's cell metadata into solutions/, regenerate exercises/ "
                                "from them and the stored public results (--check: only report what is out of date)")
    build.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 if a solution's nbgrader metadata or an exercise is missing or out of date")
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
    grade.add_argument("--memory-mb", type=float, default=3072, help="memory per submission, all its processes together (default: 3072)")
    grade.add_argument("--seed", type=int, help="seed of the hidden cases (default: a new random one; it is recorded in the gradebook)")
    grade.add_argument("--shard", type=_shard, help="grade only shard I of N (e.g. 2/4), chosen by a hash of each path; needs --seed")
    grade.add_argument("--no-sandbox", action="store_true", help="run learner code without a sandbox (only where bubblewrap is missing "
                       "and every submission is trusted; every report says so)")
    grade.set_defaults(run=_grade)

    gradebook = commands.add_parser("gradebook", help="(instructors) work on gradebooks: `course gradebook merge SHARD... --out DIR`")
    gradebook_commands = gradebook.add_subparsers(dest="gradebook_command", required=True, metavar="ACTION")
    merge = gradebook_commands.add_parser("merge", help="join the gradebooks of every shard of a batch into one")
    merge.add_argument("shards", nargs="+", help="the --out folders of the shards")
    merge.add_argument("--out", required=True, help="folder for the merged gradebook.csv, gradebook.json and feedback/")
    merge.set_defaults(run=_merge)

    release = commands.add_parser("release", help="(instructors) write what learners get: lessons, exercises, the learner's package")
    release.add_argument("--out", required=True, help="a new or empty folder")
    release.set_defaults(run=_release)

    site = commands.add_parser("site", help="(instructors) build the course as a static web site, offline: lessons with their "
                               "outputs, exercises, search; view it with python -m http.server -d DIR")
    site.add_argument("--out", required=True, help="a new or empty folder, or a site built before (replaced)")
    site.set_defaults(run=_site)

    execute = commands.add_parser("execute", help="(authors) re-run notebooks top to bottom and save their outputs")
    execute.add_argument("notebooks", nargs="+", help="lesson or solution notebooks")
    execute.add_argument("--cell-timeout", type=float, default=120, help="seconds allowed per cell (default: 120)")
    execute.set_defaults(run=_execute)
    return parser


def main(argv=None) -> int:
    """Run the `course` command; returns the exit code.

    TensorFlow's variables are set first (unless the user set them): `grade` and `check` run references and
    rebuild models in this process, and TensorFlow read without them prints log lines among the progress lines.
    """
    from .environment import quiet_tensorflow  # noqa: PLC0415 (NumPy only: `course --help` stays fast)

    quiet_tensorflow()
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
