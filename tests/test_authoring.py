"""course_utils.authoring: exercises are built from solutions, and the repo's are in sync."""
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_instructor.authoring import MarkerError, build_exercises, exercise_number, make_exercise, strip_solutions

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


def test_build_then_check_round_trip(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")]), solutions / "05_demo.ipynb")
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
