"""Gradebook writing: spreadsheet-safe CSV, inert Markdown, unique bounded feedback names, shards and their merge."""
import csv
import json
from pathlib import Path

import pytest

from course_instructor.batch import in_shard
from course_instructor.gradebook import feedback_names, markdown_text, merge_gradebooks, spreadsheet_safe, write_gradebook
from course_instructor.submissions import Submission, file_stem, find_submissions, unique_names
from course_utils.grading.judge import CaseResult, TaskResult
from course_utils.grading.notebook import Graded


def _graded(learner, path="x.ipynb", exercise="03", status="graded", reason="", problem="values differ"):
    task = TaskResult("03.softmax", "a softmax", 4, (CaseResult("a case", False, problem, "a hint"),), "hint")
    return Graded(learner, Path(path), exercise, status, reason, [task], [])


@pytest.mark.parametrize("value, safe", [("=1+2", "'=1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("\tx", "'\tx"),
                                         ("alice", "alice"), (5, 5)])
def test_spreadsheet_formulas_are_neutralised(value, safe):
    assert spreadsheet_safe(value) == safe


def test_learner_text_is_inert_in_markdown():
    text = markdown_text("<script>alert(1)</script>\n- ✓ 03.softmax: forged [link](x)")
    assert "<script>" not in text and "\n" not in text and "\\[link\\]" in text and not text.startswith("-")


def test_feedback_names_are_unique_bounded_and_stable():
    names = ["李雷", "王芳", "bob", "bob (2)", "bob_2", "Alice", "alice", "x" * 255, "é" * 120, "a/b", "..", ""]
    graded = [_graded(name, f"{index}.ipynb") for index, name in enumerate(names)]
    files = feedback_names(graded)
    assert len({name.casefold() for name in files}) == len(names)
    assert all(len(name.encode()) <= 200 and "/" not in name and not name.startswith(".") for name in files)
    assert files == feedback_names(graded)
    assert file_stem("李雷") == "李雷" and file_stem("bob") == "bob"


def test_repeated_learners_get_the_next_free_number(tmp_path):
    graded = [_graded("bob", "a/bob/03_x.ipynb"), _graded("bob (2)", "b/bob (2).ipynb"), _graded("bob", "c/bob.ipynb")]
    unique_names(graded)
    assert sorted(item.learner for item in graded) == ["bob", "bob (2)", "bob (3)"]


def test_write_gradebook_escapes_and_neutralises(tmp_path):
    graded = [_graded("=HYPERLINK(\"x\")", "=evil.ipynb", problem="raised ValueError: <script>\n- ✓ 03.softmax"), _graded("@me", "@me.ipynb")]
    write_gradebook(graded, tmp_path, seed=5)
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    assert [row["learner"][0] for row in rows] == ["'", "'"] and rows[0]["file"].startswith("'=")
    document = json.loads((tmp_path / "gradebook.json").read_text())
    assert document["seed"] == 5 and document["sandboxed"] is True
    for path in (tmp_path / "feedback").glob("*.md"):
        text = path.read_text()
        assert "<script>" not in text and "\n- ✓ 03.softmax" not in text and "seed 5" in text


def test_symbolic_links_are_refused(tmp_path):
    (tmp_path / "batch").mkdir()
    real = tmp_path / "elsewhere.ipynb"
    real.write_text("{}")
    (tmp_path / "batch" / "alice.ipynb").write_text("{}")
    (tmp_path / "batch" / "mallory.ipynb").symlink_to(real)
    (tmp_path / "batch" / "linked").symlink_to(tmp_path, target_is_directory=True)
    found = {item.learner: item.refused for item in find_submissions([tmp_path / "batch"])}
    assert found["alice"] == "" and "symbolic link" in found["mallory"]
    assert all("symbolic link" in reason for learner, reason in found.items() if learner != "alice")


def test_shards_split_a_batch_exactly_once():
    items = [Submission(f"l{i}", Path(f"batch/l{i}.ipynb")) for i in range(50)]
    shares = [[item.learner for item in items if in_shard(item, (index, 3))] for index in (1, 2, 3)]
    assert sorted(sum(shares, [])) == sorted(item.learner for item in items)
    assert all(shares)


def test_merging_shards_gives_one_gradebook(tmp_path):
    write_gradebook([_graded("alice", "alice.ipynb")], tmp_path / "s1", seed=9, shard=(1, 2))
    write_gradebook([_graded("bob", "bob.ipynb")], tmp_path / "s2", seed=9, shard=(2, 2))
    merge_gradebooks([tmp_path / "s1", tmp_path / "s2"], tmp_path / "all")
    rows = list(csv.DictReader((tmp_path / "all" / "gradebook.csv").open(encoding="utf-8")))
    assert [row["learner"] for row in rows] == ["alice", "bob"]
    assert sorted(p.name for p in (tmp_path / "all" / "feedback").iterdir()) == ["alice.md", "bob.md"]
    write_gradebook([_graded("carol")], tmp_path / "other", seed=10, shard=(2, 2))
    with pytest.raises(ValueError, match="same --seed"):
        merge_gradebooks([tmp_path / "s1", tmp_path / "other"], tmp_path / "bad")
    with pytest.raises(ValueError, match="exactly once"):
        merge_gradebooks([tmp_path / "s1"], tmp_path / "bad")
