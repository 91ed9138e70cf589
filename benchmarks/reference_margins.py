"""Benchmark: how far above its pass mark each training task's reference answer lands, over many hidden-case seeds.

A task that trains a network (``Task.run is run_classifier``) draws a new split
of its data for every seed `course grade` picks, and its held-out accuracy moves
with the split. The test suite tries each reference on three fixed seeds; this
script tries it on many, so that a reference which clears its pass mark on
those three but not on one split in fifty is seen before an instructor's
gradebook shows it.

Usage (from the repository root, in the course's environment):

    python benchmarks/reference_margins.py                       # seeds 1-40, every training task, to MARGINS.md
    python benchmarks/reference_margins.py --seeds 100 --output '' 09.small_cnn
    python benchmarks/reference_margins.py --styles --seeds 20 --output ''      # the right answers in other styles too

For each task it prints, per seed, the held-out accuracy and the points the
grader gave, then the minimum, 5th percentile, median and maximum accuracy
against the pass mark (the accuracy that earns the task's full points), and the
seeds that did not earn full points; the summary table goes to
benchmarks/MARGINS.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from course_instructor.references import all_tasks_with_references, expected_for  # noqa: E402
from course_utils.checks.lesson_00 import PIXEL_NETWORK_FLOOR  # noqa: E402
from course_utils.checks.lesson_08 import COMPACT_FLOOR  # noqa: E402
from course_utils.checks.lesson_09 import SMALL_CNN_FLOOR  # noqa: E402
from course_utils.grading.judge import judge_task  # noqa: E402
from course_utils.grading.models import held_out_accuracy, run_classifier  # noqa: E402
from course_utils.grading.plain import dumps, loads  # noqa: E402
from course_utils.grading.produce import produce  # noqa: E402

# The accuracy that earns full points, for tasks without a rubric (their judge's floor).
FLOORS = {"00.pixel_network": PIXEL_NETWORK_FLOOR, "08.compact_network": COMPACT_FLOOR, "09.small_cnn": SMALL_CNN_FLOOR}


def pass_mark(task) -> float:
    """The held-out accuracy that earns `task`'s full points: its rubric's top threshold, or its judge's floor.

    Raises:
        KeyError: If the task has neither a rubric nor a floor listed in `FLOORS`.
    """
    if task.rubric:
        return max(threshold for threshold, _ in task.rubric)
    return FLOORS[task.id]


def grade_once(task, answer, seed: int) -> tuple:
    """Grade `answer` on `task`'s hidden cases of `seed` as `course grade` does (produce, JSON, judge).

    Returns:
        ``(accuracy of the first case, points earned, seconds)``.
    """
    cases = task.cases(seed)
    start = time.perf_counter()
    outcomes = loads(dumps(produce(task, answer, cases)))
    seconds = time.perf_counter() - start
    result = judge_task(task, cases, outcomes, expected_for(task, cases))
    value = outcomes[0].get("value") if outcomes[0].get("status") == "ok" else None
    accuracy = held_out_accuracy(cases[0], value) if value is not None else float("nan")
    return (accuracy if isinstance(accuracy, float) else float("nan")), result.earned, seconds


def margins(task, answer, seeds: int, label: str = "") -> dict:
    """Grade `answer` on `task`'s hidden cases of seeds 1..`seeds`, printing each run; summarise its accuracies.

    Args:
        task: A task that trains a network.
        answer: The training function to grade.
        seeds: How many seeds, 1..`seeds`.
        label: What the answer is, after the task id in the table ("" for the reference).

    Returns:
        A row of the summary table: task, seeds, pass mark, min, p5, median, max, short (seeds without full
        points) and median seconds of one training.
    """
    name, runs = f"{task.id} ({label})" if label else task.id, []
    for seed in range(1, seeds + 1):
        accuracy, earned, seconds = grade_once(task, answer, seed)
        runs.append((seed, accuracy, earned, seconds))
        print(f"{name} seed {seed:3d}: {accuracy:.2%}, {earned}/{task.points} points, {seconds:.1f} s", flush=True)
    accuracies = sorted(accuracy for _, accuracy, _, _ in runs)
    return {"task": name, "seeds": seeds, "mark": pass_mark(task), "min": accuracies[0],
            "p5": accuracies[len(accuracies) // 20], "median": statistics.median(accuracies), "max": accuracies[-1],
            "short": [seed for seed, _, earned, _ in runs if earned < task.points],
            "seconds": statistics.median(seconds for *_, seconds in runs)}


def table(rows: list) -> str:
    """The summary rows as a Markdown table."""
    lines = ["| task | seeds | pass mark | min | 5th percentile | median | max | seeds short of full points | training (median) |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|"]
    for row in rows:
        short = ", ".join(map(str, row["short"])) or "none"
        lines.append(f"| {row['task']} | {row['seeds']} | {row['mark']:.0%} | {row['min']:.1%} | {row['p5']:.1%} | "
                     f"{row['median']:.1%} | {row['max']:.1%} | {short} | {row['seconds']:.1f} s |")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Grade each training task's reference (and with --styles its right answers in other styles) on seeds 1..N, print
    its accuracies and write the summary table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="*", help="task ids (default: every task that trains a network)")
    parser.add_argument("--seeds", type=int, default=40, help="number of hidden-case seeds, 1..N (default 40)")
    parser.add_argument("--styles", action="store_true", help="grade each right answer in another style too")
    parser.add_argument("--output", default=str(REPO / "benchmarks" / "MARGINS.md"), help="Markdown table to write ('' for none)")
    args = parser.parse_args(argv)
    pairs = [(task, reference) for task, reference in all_tasks_with_references()
             if task.run is run_classifier and (not args.tasks or task.id in args.tasks)]
    if not pairs:
        print(f"error: no training task among {args.tasks}", file=sys.stderr)
        return 2
    answers = [(task, reference.answer, "") for task, reference in pairs]
    if args.styles:
        answers += [(task, right.make(), right.style) for task, reference in pairs for right in reference.right_answers]
    summary = table([margins(task, answer, args.seeds, label) for task, answer, label in answers])
    print(summary)
    if args.output:
        Path(args.output).write_text(f"# Reference answers against their pass marks\n\nWritten by `python benchmarks/reference_margins.py "
                                     f"--seeds {args.seeds}{' --styles' if args.styles else ''}` on {time.strftime('%Y-%m-%d')}: the "
                                     f"accuracy of each training task's reference{' and right answers in other styles' if args.styles else ''} "
                                     f"on the held-out data of hidden-case seeds 1 to {args.seeds}.\n\n{summary}\n",
                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
