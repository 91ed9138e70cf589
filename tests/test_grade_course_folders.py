"""`course grade` on the course's own folders: solutions get full marks, exercises zero."""
import csv

import pytest

from .conftest import REPO, plain_shell_environment, run_course


@pytest.mark.parametrize("folder, full_marks", [("solutions", True), ("exercises", False)])
def test_grading_the_course_folders(tmp_path, folder, full_marks):
    """Without --exercise each notebook is graded as the exercise it is: solutions full, exercises zero.

    From a plain shell (no TensorFlow variables set): the references and the judge import TensorFlow in
    `course grade`'s own process, and its log lines must not mix with the progress lines.
    One notebook at a time (speed only): both folders start first, next to the suite's other workers, and
    with ``--jobs 2`` five TensorFlow processes shared the 2 cores; ``--jobs 1`` cost 4-5% less CPU for the
    same wall time (folders and five heavy lessons, 285 and 306 against 299 and 320 CPU-s). Grading two at a
    time is tested in `test_grade.py`, `test_grade_hostile.py`, `test_grade_shards.py` and `test_nbgrader.py`.
    The hidden cases' seed is a new one each run, as by default: a training task's solution must earn its points
    on any split of the data, which `benchmarks/reference_margins.py` measures over many seeds (MARGINS.md).
    """
    result = run_course("grade", REPO / folder, "--out", tmp_path, "--jobs", "1", env=plain_shell_environment())
    assert result.returncode == 0, result.stderr[-2000:]
    assert all(line.startswith(("Grading ", "[")) for line in result.stderr.splitlines()), result.stderr[-3000:]  # progress lines only
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    exercises = sorted(path.name[:2] for path in (REPO / "solutions").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(row["exercise"] for row in rows) == exercises
    for row in rows:
        assert row["learner"] == folder and row["status"] == "graded"
        feedback = tmp_path / "feedback" / f"{folder}_{row['exercise']}.md"  # the seed and each task's problem, if it fails
        assert row["total"] == (row["max"] if full_marks else "0"), feedback.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "feedback").glob("*.md")) == [f"{folder}_{exercise}.md" for exercise in exercises]
