"""`course check` on files that are not exercise notebooks: one line, non-zero exit, file unchanged."""
import json

import pytest

from .conftest import run_course


@pytest.mark.parametrize("name, content, fragment", [
    ("empty.ipynb", b"", "the file is empty"),
    ("garbage.ipynb", b"{this is not json", "not a valid Jupyter notebook"),
    ("list.ipynb", b"[1, 2, 3]", "not a valid Jupyter notebook"),
    ("binary.ipynb", b"\xff\xfe\x00\x01", "cannot be read as UTF-8"),
    ("other.ipynb", json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode(), "not recognisable as a notebook"),
])
def test_invalid_input_gets_one_line_and_exit_2(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_course("check", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and fragment in result.stderr
    assert path.read_bytes() == content


def test_missing_file(tmp_path):
    result = run_course("check", tmp_path / "nope.ipynb")
    assert result.returncode == 2 and "not a file" in result.stderr


def test_validate_reports_stubs_errors_and_score(repo):
    result = run_course("validate", repo / "exercises" / "01_tensors.ipynb")
    assert result.returncode == 1
    assert "exercise 01, 4 tasks" in result.stdout and "still the stub" in result.stdout
    assert "not started" in result.stdout and "total" in result.stdout and " 0/10" in result.stdout


def test_validate_passes_a_solved_notebook(repo):
    result = run_course("validate", repo / "solutions" / "01_tensors.ipynb")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Runs top to bottom: yes" in result.stdout and "10/10" in result.stdout and "still the stub" not in result.stdout


def test_validate_rejects_a_non_notebook(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text("nope")
    result = run_course("validate", path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_a_file_named_like_another_exercise_is_graded_as_what_it_is_and_says_so(tmp_path, repo):
    path = tmp_path / "03_activations.ipynb"
    path.write_bytes((repo / "solutions" / "02_neuron.ipynb").read_bytes())
    result = run_course("check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "named like exercise 03, but it is exercise 02's notebook: graded as exercise 02" in result.stdout


def test_validate_numbers_cells_as_in_the_learners_file(tmp_path, repo):
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell

    notebook = nbformat.read(repo / "solutions" / "03_activations.ipynb", as_version=4)
    notebook.cells.insert(3, new_markdown_cell("My notes."))
    notebook.cells.insert(7, new_code_cell("1 / 0"))
    path = tmp_path / "03_activations.ipynb"
    nbformat.write(notebook, path)
    result = run_course("validate", path)
    assert result.returncode == 1 and "cell 8: ZeroDivisionError" in result.stdout, result.stdout


@pytest.mark.parametrize("lesson", sorted(path.name for path in (__import__("pathlib").Path(__file__).parents[1] / "lessons").glob("*.ipynb")))
def test_a_lesson_notebook_is_refused_with_the_exercise_to_check(repo, tmp_path, lesson):
    """Before: `course check lessons/03_activations.ipynb` graded the lesson as exercise 03 (its functions have the answers' names)."""
    copy = tmp_path / lesson
    copy.write_bytes((repo / "lessons" / lesson).read_bytes())
    result = run_course("check", copy)
    assert result.returncode == 2, result.stdout
    assert f"lesson {lesson[:2]}'s notebook, not an exercise" in result.stderr and f"exercises/{lesson}" in result.stderr
