"""`course check` on the real notebooks: full marks for solutions, zero for untouched exercises."""
import hashlib

import pytest

from .conftest import REPO, plain_shell_environment, run_course

SOLUTIONS = sorted((REPO / "solutions").glob("[0-9][0-9]_*.ipynb"))
# `course check` is run here on three exercises that train no model, one from each part of the course.
# That every solution scores full marks and every exercise zero is tested for all of them by
# `test_grade_course_folders.py` (the same runner, graded in the sandbox) and, cell by cell, by nbval
# on the solutions' stored check outputs; the model path of `course check` is tested below on exercise 00.
CHECKED = [path for path in SOLUTIONS if path.name[:2] in ("01", "06", "12")]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("solution", CHECKED, ids=lambda path: path.stem)
def test_solution_gets_full_marks_and_exercise_gets_zero(solution):
    exercise = REPO / "exercises" / solution.name
    before = (_digest(solution), _digest(exercise))

    solved = run_course("check", solution)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    total = solved.stdout.strip().splitlines()[-1].split()
    assert total[0] == "total" and total[1].split("/")[0] == total[1].split("/")[1]
    assert "✗" not in solved.stdout

    untouched = run_course("check", exercise)
    assert untouched.returncode == 1, untouched.stdout + untouched.stderr
    assert "✓" not in untouched.stdout.split("result  points", 1)[1].split("total")[0]
    total_line = next(line for line in untouched.stdout.splitlines() if line.strip().startswith("total"))
    assert total_line.split()[1].startswith("0/")

    assert (_digest(solution), _digest(exercise)) == before, "course check modified a notebook"


def test_there_are_solutions_to_check():
    assert len(SOLUTIONS) >= 15 and len(CHECKED) == 3


def test_a_model_task_prints_no_tensorflow_log_lines_from_a_plain_shell():
    """The judge rebuilds models with Keras in `course check`'s own process: TensorFlow's oneDNN and C++ log lines stay off the learner's screen."""
    done = run_course("check", REPO / "solutions" / "00_welcome.ipynb", env=plain_shell_environment())
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == "", done.stderr
