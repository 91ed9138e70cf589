"""Benchmark: batch grading vs plain execution of the same notebooks.

Copies one solved exercise notebook N times, then in the same run
(1) grades the copies with ``course grade --jobs J`` (each in its own worker
process and fresh kernel, judged outside), and (2) executes the same copies
one by one with ``jupyter nbconvert --execute``. Prints both wall times and
their ratio; repeats R times and reports medians.

    python benchmarks/grade_vs_nbconvert.py                      # 20 copies of solutions/01_tensors.ipynb, --jobs 2, 3 rounds
    python benchmarks/grade_vs_nbconvert.py --notebook solutions/00_welcome.ipynb --rounds 1
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    """Run a command (failing loudly) and return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default=str(REPO / "solutions" / "01_tensors.ipynb"))
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    grading, plain = [], []
    with tempfile.TemporaryDirectory(prefix="grade-bench-") as scratch:
        submissions = Path(scratch) / "submissions"
        submissions.mkdir()
        for index in range(args.copies):
            shutil.copy(args.notebook, submissions / f"learner{index:02d}.ipynb")
        for round_number in range(1, args.rounds + 1):
            out = Path(scratch) / f"graded{round_number}"
            grading.append(timed([str(BIN / "course"), "grade", str(submissions), "--out", str(out), "--jobs", str(args.jobs)]))
            executed = Path(scratch) / f"executed{round_number}"
            start = time.perf_counter()
            for path in sorted(submissions.glob("*.ipynb")):
                subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(executed), str(path)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            plain.append(time.perf_counter() - start)
            print(f"round {round_number}: course grade --jobs {args.jobs}: {grading[-1]:.1f} s; nbconvert --execute one by one: {plain[-1]:.1f} s", flush=True)
    grade_median, plain_median = statistics.median(grading), statistics.median(plain)
    print(f"\n{args.copies} copies of {Path(args.notebook).name}, median of {args.rounds} round(s):")
    print(f"  course grade --jobs {args.jobs}:           {grade_median:.1f} s")
    print(f"  jupyter nbconvert --execute, serial: {plain_median:.1f} s")
    print(f"  ratio grade / nbconvert:             {grade_median / plain_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
