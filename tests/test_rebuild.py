"""course_utils.grading.rebuild and batch helpers: answers taken by id or name, everything else from the template."""
import copy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course_utils.grading.batch import Graded, find_submissions, learner_name, unique_names
from course_utils.grading.notebook import is_check_cell
from course_utils.grading.rebuild import is_answer_cell, rebuild, task_marker

TEMPLATE = new_notebook(cells=[
    new_code_cell("from course_utils import check", id="setup"),
    new_code_cell("def ink(images):\n    # YOUR CODE HERE\n    raise NotImplementedError()", id="ink-answer"),
    new_code_cell('check("00.ink", ink)', id="ink-check"),
    new_code_cell("def accuracy(y_true, y_pred):\n    # YOUR CODE HERE\n    raise NotImplementedError()", id="accuracy-answer"),
    new_code_cell('check("00.accuracy", accuracy)', id="accuracy-check"),
])


def test_answers_by_id_then_by_name_and_the_rest_from_the_template():
    submission = copy.deepcopy(TEMPLATE)
    submission.cells[0].source = "check = print  # tampered set-up"
    submission.cells[1].source = "def ink(images):\n    return images.mean(axis=(1, 2))"
    submission.cells[3].id = "renamed"
    submission.cells[3].source = "def accuracy(y_true, y_pred):\n    return 1.0"
    before = nbformat.writes(submission)
    rebuilt = rebuild(TEMPLATE, submission)
    assert nbformat.writes(submission) == before
    sources = [cell.source for cell in rebuilt.notebook.cells]
    assert sources == ["from course_utils import check", submission.cells[1].source, submission.cells[3].source]
    assert rebuilt.matches == ("ink: matched by id", "accuracy: matched by name")
    assert not any(is_check_cell(cell) for cell in rebuilt.notebook.cells)


def test_missing_answer_keeps_the_stub_and_check_cells_never_count_as_answers():
    submission = new_notebook(cells=[new_code_cell('check("00.ink", ink)', id="ink-answer")])
    rebuilt = rebuild(TEMPLATE, submission)
    assert rebuilt.matches[0] == "ink: missing (the template's stub is used)"
    assert "raise NotImplementedError()" in rebuilt.notebook.cells[1].source


def test_each_submission_cell_is_used_once():
    duplicate = "def ink(images):\n    return 0"
    submission = new_notebook(cells=[new_code_cell(duplicate, id="a"), new_code_cell(duplicate, id="b")])
    rebuilt = rebuild(TEMPLATE, submission)
    assert [how for _, how, _ in rebuilt.answers] == ["name", "missing"]


def test_markers_and_answer_cells():
    assert task_marker(TEMPLATE.cells[1]) == "ink"
    assert task_marker(new_code_cell("model = build()")) == "model"
    assert is_answer_cell(TEMPLATE.cells[1]) and not is_answer_cell(TEMPLATE.cells[0])


@pytest.mark.parametrize("path, name", [
    ("subs/alice.ipynb", "alice"), ("subs/bob/01_tensors.ipynb", "bob"), ("subs/carol/my work.ipynb", "my work"),
])
def test_learner_names(path, name):
    assert learner_name(Path(path)) == name


def test_find_submissions_skips_checkpoints_and_rejects_missing(tmp_path):
    (tmp_path / "alice.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "alice-checkpoint.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    assert [s.learner for s in find_submissions([tmp_path])] == ["alice"]
    with pytest.raises(ValueError, match="does not exist"):
        find_submissions([tmp_path / "nope"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="at least one"):
        find_submissions([empty])


def test_repeated_learner_and_exercise_get_numbered():
    graded = [Graded("alice", Path(p), "01", "graded") for p in ("b/alice.ipynb", "a/alice.ipynb")] + [Graded("alice", Path("c/alice.ipynb"), "00", "graded")]
    unique_names(graded)
    assert sorted((g.learner, str(g.path)) for g in graded) == [("alice", "a/alice.ipynb"), ("alice", "c/alice.ipynb"), ("alice (2)", "b/alice.ipynb")]
