"""Benchmark: `course check` against `jupyter nbconvert --execute` on the same solved notebooks.

`course check` runs a notebook top to bottom in a fresh process and then scores
every task on its public cases; `jupyter nbconvert --to notebook --execute`
runs the same notebook in a fresh kernel and nothing more. The issue's budget:
checking costs at most 1.25 times executing.

Each round times both tools one after the other on the same file, reversing
the order every other round (the machine is shared and noisy); the median of R
rounds is reported, with the ratio of the medians. `course check` must score
full marks, nbconvert must exit 0, or the benchmark fails. Prints a Markdown
table and writes it to benchmarks/CHECK.md.

    python benchmarks/check_vs_nbconvert.py                       # exercises 03 and 00, 5 rounds
    python benchmarks/check_vs_nbconvert.py --rounds 3 solutions/05_gradients.ipynb
"""
from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_NOTEBOOKS = ("solutions/03_activations.ipynb", "solutions/00_welcome.ipynb")
BUDGET = 1.25


class BenchmarkFailed(RuntimeError):
    """A tool failed, or `course check` did not score full marks."""


def timed(command: list, *, cwd: Path) -> float:
    """Run `command` in `cwd`, return its wall time in seconds.

    Raises:
        BenchmarkFailed: If it exits non-zero (its output is in the message).
    """
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchmarkFailed(f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def tools(notebook: Path, scratch: Path) -> dict:
    """The two commands timed on `notebook`: ``{name: argv}``."""
    return {
        "course check": [str(BIN / "course"), "check", str(notebook)],
        "jupyter nbconvert --execute": [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", str(notebook),
                                        "--output-dir", str(scratch), "--output", "executed.ipynb"],
    }


def measure(notebook: Path, rounds: int) -> dict:
    """Time both tools `rounds` times, alternating which goes first.

    Returns:
        ``{name: [seconds, ...]}``.
    """
    with tempfile.TemporaryDirectory(prefix="check-bench-") as scratch:
        commands = tools(notebook, Path(scratch))
        times = {name: [] for name in commands}
        for number in range(rounds):
            order = list(commands) if number % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(timed(commands[name], cwd=notebook.parent))
            print(f"  round {number + 1}/{rounds}: " + ", ".join(f"{name} {times[name][-1]:.2f} s" for name in commands), flush=True)
    return times


def report(results: dict, rounds: int) -> str:
    """The Markdown table of every notebook's medians and ratio."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = ["# `course check` vs `jupyter nbconvert --execute`", "",
             "Written by `python benchmarks/check_vs_nbconvert.py`.", "",
             f"Median of {rounds} rounds, the two tools alternating within each round; {datetime.date.today()}, "
             f"{os.cpu_count()} CPU cores, Python {sys.version.split()[0]}; load average {load:.1f} at the end.", "",
             "| notebook | course check (median, min–max) | nbconvert --execute (median, min–max) | ratio | budget |",
             "|---|---:|---:|---:|---:|"]
    for notebook, times in results.items():
        check, execute = times["course check"], times["jupyter nbconvert --execute"]
        ratio = statistics.median(check) / statistics.median(execute)
        lines.append(f"| `{notebook}` | {statistics.median(check):.2f} s ({min(check):.2f}–{max(check):.2f}) | "
                     f"{statistics.median(execute):.2f} s ({min(execute):.2f}–{max(execute):.2f}) | **{ratio:.2f}** | "
                     f"{'within' if ratio <= BUDGET else 'OVER'} {BUDGET} |")
    return "\n".join(lines) + "\n"


def main(argv: list | None = None) -> int:
    """Run the benchmark; exit 1 when a notebook is over budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", default=list(DEFAULT_NOTEBOOKS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "CHECK.md")
    args = parser.parse_args(argv)
    results = {}
    for name in args.notebooks:
        notebook = (REPO / name).resolve() if not Path(name).is_absolute() else Path(name)
        print(f"{name}:", flush=True)
        results[name] = measure(notebook, args.rounds)
    text = report(results, args.rounds)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    over = [name for name, times in results.items()
            if statistics.median(times["course check"]) > BUDGET * statistics.median(times["jupyter nbconvert --execute"])]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
