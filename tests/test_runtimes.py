"""The runtimes the course quotes are the benchmark's: the README's lesson table and each lesson's "Runs in" line.

`benchmarks/run_notebooks.py` writes `benchmarks/RESULTS.md`: each notebook's median time over several runs in a
fresh kernel. After a re-run the medians are copied, rounded to whole seconds, into the README's "CPU runtime"
column and into each lesson's ``**Runs in:** about N s`` line. Neither is an output, so nbval never compares them
and the prose-numbers test skips them; without this test both would drift silently from the measurement.
"""
import re

import pytest

from course_instructor.prose_numbers import load_notebook
from course_instructor.site import read_lesson_table

from .conftest import REPO

RESULT_ROW = re.compile(r"^\| lessons/(?P<stem>\d\d_\w+)\.ipynb \| (?P<median>\d+(?:\.\d+)?) s \|", re.M)
RUNS_IN = re.compile(r"\*\*Runs in:\*\* about (?P<seconds>\d+) s\b")
LESSONS = sorted(path.stem for path in (REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))


def benchmark_medians() -> dict:
    """``{lesson stem: median seconds}`` from `benchmarks/RESULTS.md`."""
    text = (REPO / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    return {match["stem"]: float(match["median"]) for match in RESULT_ROW.finditer(text)}


def whole_seconds(median: float) -> int:
    """A median rounded to whole seconds, halves up (as a reader rounds 24.5 s)."""
    return int(median + 0.5)


def stale_quotes(quoted: dict, medians: dict) -> dict:
    """Return the quotes that are not their lesson's median in whole seconds.

    Args:
        quoted: ``{lesson stem: "25 s"}``, as the README's table gives them.
        medians: ``{lesson stem: 25.2}``, as `benchmark_medians` gives them.

    Returns:
        ``{lesson stem: (quoted, what the benchmark gives)}``; empty when every quote is right.
    """
    wanted = {stem: f"{whole_seconds(median)} s" for stem, median in medians.items()}
    return {stem: (runtime, wanted.get(stem)) for stem, runtime in quoted.items() if runtime != wanted.get(stem)}


def test_the_benchmark_measured_every_lesson():
    assert sorted(benchmark_medians()) == LESSONS


def test_the_readme_quotes_each_lessons_median_time():
    medians = benchmark_medians()
    quoted = {row.path.removeprefix("lessons/").removesuffix(".ipynb"): row.runtime for row in read_lesson_table(REPO / "README.md")}
    assert sorted(quoted) == LESSONS
    wrong = stale_quotes(quoted, medians)
    assert not wrong, f"README runtime (quoted, benchmark median): {wrong}"


def runs_in_quote(stem: str) -> "str | None":
    """A lesson's ``**Runs in:** about N s`` line as ``"N s"``, or None when its first cell has none."""
    source = load_notebook(REPO / "lessons" / f"{stem}.ipynb")["cells"][0]["source"]
    match = RUNS_IN.search(source if isinstance(source, str) else "".join(source))
    return f"{match['seconds']} s" if match else None


@pytest.mark.parametrize("stem", LESSONS)
def test_each_lessons_runs_in_line_quotes_its_median_time(stem):
    wrong = stale_quotes({stem: runs_in_quote(stem)}, benchmark_medians())
    assert not wrong, f"'**Runs in:** about N s' (quoted, benchmark median): {wrong}"


def test_a_quote_one_second_off_is_caught():
    medians = {"00_welcome": 25.2, "13_limits": 30.5}
    assert stale_quotes({"00_welcome": "25 s", "13_limits": "31 s"}, medians) == {}
    assert stale_quotes({"00_welcome": "26 s", "13_limits": "31 s"}, medians) == {"00_welcome": ("26 s", "25 s")}
    assert stale_quotes({"14_frameworks": "32 s"}, medians) == {"14_frameworks": ("32 s", None)}
