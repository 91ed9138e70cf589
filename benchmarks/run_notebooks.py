"""Benchmark: run every lesson and solution notebook in a fresh kernel; time and peak memory.

Usage (from the repository root, in the course's environment):

    python benchmarks/run_notebooks.py              # 3 runs each, table to stdout and benchmarks/RESULTS.md
    python benchmarks/run_notebooks.py --runs 1 lessons/00_welcome.ipynb

Wall time covers kernel start, every cell, and shutdown. Peak memory is the
largest resident set size of the kernel process (and its children) sampled
every 50 ms. The median over runs is reported; the machine may be shared, so
single timings mean little. Notebooks are read, never written. Budgets
(COURSE.md): 60 s and 2 GB per notebook on a 2-core CPU.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from course_utils.notebooks import execute, read_notebook  # noqa: E402

TIME_BUDGET_S, MEMORY_BUDGET_MB = 60, 2048


class PeakMemory:
    """Track the peak total RSS of this process's children while active."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        me = psutil.Process(os.getpid())
        while not self._stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def measure(path: Path) -> tuple[float, float]:
    """Run one notebook once; return (wall seconds, peak MB)."""
    notebook = read_notebook(path)
    with tempfile.TemporaryDirectory() as scratch, PeakMemory() as memory:
        start = time.perf_counter()
        execute(notebook, working_dir=path.parent if path.parent.exists() else scratch, cell_timeout=300)
        seconds = time.perf_counter() - start
    return seconds, memory.peak / 2**20


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="default: lessons/*.ipynb and solutions/*.ipynb")
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (default 3); the median is reported")
    parser.add_argument("--output", default=str(REPO / "benchmarks" / "RESULTS.md"), help="Markdown table to write ('' for none)")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.notebooks] or sorted(REPO.glob("lessons/[0-9][0-9]_*.ipynb")) + sorted(REPO.glob("solutions/[0-9][0-9]_*.ipynb"))
    rows, over_budget = [], 0
    for number, path in enumerate(paths, start=1):
        runs = [measure(path) for _ in range(args.runs)]
        seconds, megabytes = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        ok = seconds <= TIME_BUDGET_S and megabytes <= MEMORY_BUDGET_MB
        over_budget += not ok
        name = str(path.resolve().relative_to(REPO)) if path.resolve().is_relative_to(REPO) else path.name
        rows.append((name, seconds, min(r[0] for r in runs), max(r[0] for r in runs), megabytes, ok))
        print(f"[{number}/{len(paths)}] {name}: median {seconds:.1f} s, peak {megabytes:.0f} MB{'' if ok else '  OVER BUDGET'}", flush=True)
    lines = [
        f"Median of {args.runs} run(s) per notebook, fresh kernel each; budget {TIME_BUDGET_S} s and {MEMORY_BUDGET_MB} MB.",
        f"Machine: {os.cpu_count()} CPU cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, Python {sys.version.split()[0]}.",
        "",
        "| notebook | wall time (median) | min–max | peak memory | within budget |",
        "|---|---:|---:|---:|---|",
        *[f"| {n} | {s:.1f} s | {lo:.1f}–{hi:.1f} s | {m:.0f} MB | {'yes' if ok else 'NO'} |" for n, s, lo, hi, m, ok in rows],
        f"| **total** | **{sum(r[1] for r in rows):.1f} s** | | **max {max(r[4] for r in rows):.0f} MB** | |",
    ]
    table = "\n".join(lines)
    print("\n" + table)
    if args.output:
        Path(args.output).write_text("# Notebook benchmark\n\n" + table + "\n", encoding="utf-8")
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
