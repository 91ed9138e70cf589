"""course_instructor.authoring: exercises are built from solutions, solutions carry nbgrader's metadata, and the repo's are in sync."""
import io
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_instructor.authoring import MarkerError, build_exercises, exercise_number, make_exercise, strip_solutions
from course_instructor.nbgrader_cells import MetadataError, cell_roles

from .conftest import run_course


def test_code_region_is_replaced_at_its_indentation():
    source = "def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n    ### END SOLUTION\n\nprint(f)"
    assert strip_solutions(source, cell_type="code", where="t") == (
        "def f(x):\n    \"\"\"Doc.\"\"\"\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nprint(f)")


def test_several_regions_and_markdown():
    source = "a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\nc = 3\n### BEGIN SOLUTION\nd = 4\n### END SOLUTION"
    assert strip_solutions(source, cell_type="code", where="t").count("raise NotImplementedError()") == 2
    assert strip_solutions("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", cell_type="markdown", where="t") == "Why?\nYOUR ANSWER HERE"


@pytest.mark.parametrize("source, fragment", [
    ("### BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n### END SOLUTION", "line 2: END SOLUTION without a BEGIN"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "line 2: BEGIN SOLUTION inside"),
])
def test_unbalanced_markers_name_the_place(source, fragment):
    with pytest.raises(MarkerError, match=fragment):
        strip_solutions(source, cell_type="code", where="solutions/01_x.ipynb cell 3")


def test_make_exercise_clears_outputs_keeps_ids_and_leaves_the_solution_alone():
    code = new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION", execution_count=3,
                         outputs=[new_output("stream", name="stdout", text="1\n")])
    solution = new_notebook(cells=[new_markdown_cell("# Exercise"), code])
    before = nbformat.writes(solution)
    exercise = make_exercise(solution, exercise="07")
    assert nbformat.writes(solution) == before
    assert [cell.id for cell in exercise.cells] == [cell.id for cell in solution.cells]
    assert exercise.cells[1].outputs == [] and exercise.cells[1].execution_count is None
    assert "return 1" not in exercise.cells[1].source
    assert exercise.metadata["course"] == {"exercise": "07", "kind": "exercise"}


def test_exercise_number_from_file_name():
    assert exercise_number("solutions/03_activations.ipynb") == "03"
    with pytest.raises(ValueError, match="named like"):
        exercise_number("solutions/activations.ipynb")


def _demo_solution():
    """A small solution of exercise 05: text, an answer, an example, the answer's check."""
    return new_notebook(cells=[new_markdown_cell("# Exercise 05"),
                               new_code_cell("def central_difference(f, x, h):\n    ### BEGIN SOLUTION\n    return 0.0\n    ### END SOLUTION"),
                               new_code_cell("print(central_difference(abs, 1.0, 0.1))"),
                               new_code_cell('check("05.numerical_gradient", central_difference)')])


def test_build_then_check_round_trip(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    nbformat.write(_demo_solution(), solutions / "05_demo.ipynb")
    assert build_exercises(solutions, exercises, check_only=True) == 1  # missing
    assert build_exercises(solutions, exercises) == 0
    assert build_exercises(solutions, exercises, check_only=True) == 0
    (exercises / "05_demo.ipynb").write_text((exercises / "05_demo.ipynb").read_text().replace("YOUR CODE HERE", "edited"))
    assert build_exercises(solutions, exercises, check_only=True) == 1  # out of date
    (exercises / "06_orphan.ipynb").write_text("{}")
    assert build_exercises(solutions, exercises) == 1  # orphan reported


def test_repository_exercises_are_in_sync_with_solutions(repo):
    result = run_course("build-exercises", "--check", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_cell_gets_its_nbgrader_role_and_the_check_its_tasks_points():
    roles = cell_roles(_demo_solution(), {"05.numerical_gradient": 2})
    assert [(role["solution"], role["grade"], role["locked"]) for role in roles] == [
        (False, False, True), (True, False, False), (False, False, True), (False, True, True)]
    assert roles[1]["grade_id"] == "05_numerical_gradient-answer" and roles[3]["grade_id"] == "05_numerical_gradient"
    assert roles[3]["points"] == 2 and all(role["schema_version"] == 3 for role in roles)
    assert len({role["grade_id"] for role in roles}) == 4


@pytest.mark.parametrize("change, fragment", [
    (lambda nb: nb.cells.pop(), "expected a check cell after this answer cell"),
    (lambda nb: nb.cells.append(new_markdown_cell("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION")), "code cells only"),
    (lambda nb: setattr(nb.cells[3], "source", 'check("05.chain_rule", central_difference)'), "one of this exercise's tasks"),
    (lambda nb: nb.cells.append(new_code_cell('check("05.numerical_gradient", central_difference)')), "one check cell per task"),
])
def test_cells_that_cannot_get_an_nbgrader_role_are_named(change, fragment):
    solution = _demo_solution()
    change(solution)
    with pytest.raises(MetadataError, match=fragment):
        cell_roles(solution, {"05.numerical_gradient": 2}, where="solutions/05_demo.ipynb")


def test_check_fails_when_a_solutions_nbgrader_metadata_is_missing_or_stale(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    path = solutions / "05_demo.ipynb"
    nbformat.write(_demo_solution(), path)
    report = io.StringIO()
    assert build_exercises(solutions, exercises, check_only=True, out=report) == 1
    assert "out of date: " in report.getvalue() and "05_demo.ipynb" in report.getvalue().splitlines()[0]
    assert build_exercises(solutions, exercises) == 0
    written = json.loads(path.read_text())
    assert [cell["metadata"]["nbgrader"]["grade_id"] for cell in written["cells"]][1:] == [
        "05_numerical_gradient-answer", f"cell-{written['cells'][2]['id']}", "05_numerical_gradient"]
    assert build_exercises(solutions, exercises, check_only=True) == 0
    rewrite = lambda document: path.write_text(nbformat.writes(nbformat.from_dict(document)) + "\n")  # as build-exercises writes
    rewrite(written)
    assert build_exercises(solutions, exercises, check_only=True) == 0
    written["cells"][3]["metadata"]["nbgrader"]["points"] = 5  # stale: the task is worth 2
    rewrite(written)
    report = io.StringIO()
    assert build_exercises(solutions, exercises, check_only=True, out=report) == 1
    assert f"out of date: {path}" in report.getvalue()
    written["cells"][3]["metadata"]["nbgrader"]["points"] = 2
    del written["cells"][1]["metadata"]["nbgrader"]  # missing
    rewrite(written)
    assert build_exercises(solutions, exercises, check_only=True) == 1
    assert build_exercises(solutions, exercises) == 0 and build_exercises(solutions, exercises, check_only=True) == 0
