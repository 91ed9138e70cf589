"""Real nbgrader (0.9.6, pinned in requirements.txt) on the course's notebooks.

One nbgrader course in a temporary folder, built once for the module:

- ``nbgrader generate_assignment`` releases every ``solutions/NN_*.ipynb`` (as
  ``course build-exercises`` marked them up): the student versions must equal
  ``exercises/`` cell for cell (sources, ids, nbgrader metadata with its
  checksums, locks), the notebook-level ``course`` metadata being the course's own;
- ``nbgrader autograde`` grades four submissions of exercise 12 (no network is
  trained there, so it is quick), built from the released notebook the way a
  learner fills it in: solved, untouched, half right (a wrong and a missing
  answer), and one whose answer cell redefines ``check``;
- ``course grade`` grades the same files: both tools must agree task by task,
  except where ``course grade`` is meant to differ: nbgrader runs the check
  cells in the learner's kernel and trusts them, so a redefined ``check``
  earns full marks there.
"""
import copy
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course_utils.grading.notebook import is_check_cell

from .conftest import REPO, run_course

EXERCISE = "12_applications"
ASSIGNMENT = "ps1"
POINTS = {"12.classifier_metrics": 2, "12.threshold_for_precision": 3, "12.balanced_class_weights": 2, "12.ndcg_at_k": 3}
WRONG_THRESHOLD = "def threshold_for_precision(y_true, scores, min_precision):\n    return float(np.max(scores))  # the alarm at the top score only\n"
REDEFINED_CHECK = "def check(task_id, answer):\n    print(f'{task_id}: all cases passed')\n"
# What each tool gives, task by task (points per task in POINTS' order).
EXPECTED = {
    "solved": {"nbgrader": [2, 3, 2, 3], "course": [2, 3, 2, 3]},
    "untouched": {"nbgrader": [0, 0, 0, 0], "course": [0, 0, 0, 0]},
    "half_right": {"nbgrader": [2, 0, 2, 0], "course": [2, 0, 2, 0]},
    "trusting": {"nbgrader": [2, 3, 2, 3], "course": [2, 0, 0, 0]},  # redefines check: nbgrader trusts the kernel
}


def timed(seconds: dict, label: str, function, *args, **kwargs):
    """Call `function`, recording its wall time under `label` (printed by the fixture: times are reported, never asserted)."""
    start = time.monotonic()
    result = function(*args, **kwargs)
    seconds[label] = time.monotonic() - start
    return result


def nbgrader(root: Path, *args) -> subprocess.CompletedProcess:
    """Run ``nbgrader`` (this interpreter's) in the course folder; fail the test with its log if it fails."""
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}  # it runs `alembic` by name
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} exited {result.returncode}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    assert "[ERROR]" not in result.stderr and "| ERROR]" not in result.stderr, result.stderr[-3000:]
    return result


def answer_cells(notebook) -> dict:
    """``{task_id: cell}`` of a notebook's answer cells, from their nbgrader ids (``12_ndcg_at_k-answer``)."""
    return {f"12.{cell.metadata['nbgrader']['grade_id'].removesuffix('-answer')[3:]}": cell
            for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")}


def submissions(released, solution) -> dict:
    """The learners' notebooks: the released exercise with some answer cells filled in."""
    solved_sources = {task: cell.source for task, cell in answer_cells(solution).items()}

    def filled(answers: dict):
        notebook = copy.deepcopy(released)
        for task, cell in answer_cells(notebook).items():
            cell.source = answers.get(task, cell.source)
        return notebook

    return {
        "solved": filled(solved_sources),
        "untouched": filled({}),
        "half_right": filled({"12.classifier_metrics": solved_sources["12.classifier_metrics"], "12.threshold_for_precision": WRONG_THRESHOLD,
                              "12.balanced_class_weights": solved_sources["12.balanced_class_weights"]}),
        "trusting": filled({"12.classifier_metrics": solved_sources["12.classifier_metrics"] + "\n\n" + REDEFINED_CHECK}),
    }


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """An nbgrader course: every solution released, exercise 12's submissions autograded and graded by `course grade`."""
    root = tmp_path_factory.mktemp("nbgrader-course")
    (root / "nbgrader_config.py").write_text("\n".join([
        "c = get_config()",
        f"c.CourseDirectory.root = {str(root)!r}",
        "c.CourseDirectory.course_id = 'course'",
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(root / 'gradebook.db')!r}",
        "c.Execute.timeout = 300  # per cell: generous, a loaded machine must not change a score",
        "",
    ]), encoding="utf-8")
    everything = root / "source" / "all"
    everything.mkdir(parents=True)
    for path in sorted((REPO / "solutions").glob("[0-9][0-9]_*.ipynb")):
        shutil.copy(path, everything / path.name)
    (root / "source" / ASSIGNMENT).mkdir()
    shutil.copy(REPO / "solutions" / f"{EXERCISE}.ipynb", root / "source" / ASSIGNMENT)
    seconds = {}
    timed(seconds, "generate_assignment (15 exercises, no database)", nbgrader, root, "generate_assignment", "all", "--no-db")
    timed(seconds, "generate_assignment (exercise 12)", nbgrader, root, "generate_assignment", ASSIGNMENT)  # into the gradebook autograde reads

    released = nbformat.read(root / "release" / ASSIGNMENT / f"{EXERCISE}.ipynb", as_version=4)
    solution = nbformat.read(REPO / "solutions" / f"{EXERCISE}.ipynb", as_version=4)
    learners = submissions(released, solution)
    folder = root / "for_course_grade"
    folder.mkdir()
    for learner, notebook in learners.items():
        submitted = root / "submitted" / learner / ASSIGNMENT
        submitted.mkdir(parents=True)
        nbformat.write(notebook, submitted / f"{EXERCISE}.ipynb")
        nbformat.write(notebook, folder / f"{learner}.ipynb")
    timed(seconds, f"autograde ({len(learners)} submissions)", nbgrader, root, "autograde", ASSIGNMENT)
    graded = timed(seconds, f"course grade ({len(learners)} submissions)", run_course, "grade", folder, "--out", root / "course_grades",
                   "--exercise", "12", "--seed", "14", "--jobs", "2", "--cell-timeout", "300", "--notebook-timeout", "600")
    assert graded.returncode == 0, graded.stderr[-3000:]
    print("\n[nbgrader round trip] " + "; ".join(f"{label}: {value:.1f} s" for label, value in seconds.items()))
    return {"root": root, "learners": learners}


def nbgrader_scores(root: Path) -> dict:
    """``{learner: {task_id: score}}`` from nbgrader's gradebook (one grade per check cell)."""
    from nbgrader.api import Gradebook  # noqa: PLC0415

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "course") as gradebook:
        scores = {}
        for learner in EXPECTED:
            notebook = gradebook.find_submission_notebook(EXERCISE, ASSIGNMENT, learner)
            scores[learner] = {grade.name: grade.score for grade in notebook.grades}
        return scores


def course_scores(root: Path) -> dict:
    """``{learner: row}`` of `course grade`'s gradebook.csv."""
    with open(root / "course_grades" / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["learner"]: row for row in csv.DictReader(handle)}


def test_generate_assignment_releases_exactly_the_exercises(course):
    released = course["root"] / "release" / "all"
    exercises = sorted((REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(path.name for path in released.glob("*.ipynb")) == [path.name for path in exercises]
    for path in exercises:
        ours, theirs = nbformat.read(path, as_version=4), nbformat.read(released / path.name, as_version=4)
        assert {**theirs.metadata, "course": ours.metadata["course"]} == ours.metadata, path.name
        assert len(ours.cells) == len(theirs.cells), path.name
        for index, (mine, nbgraders) in enumerate(zip(ours.cells, theirs.cells)):
            assert mine == nbgraders, f"{path.name} cell {index} differs from nbgrader's student version"


def test_every_check_cell_is_a_graded_cell_worth_its_tasks_points(course):
    released = nbformat.read(course["root"] / "release" / ASSIGNMENT / f"{EXERCISE}.ipynb", as_version=4)
    graded = {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"]["points"] for cell in released.cells if is_check_cell(cell)}
    assert graded == {task.replace(".", "_"): points for task, points in POINTS.items()}
    assert all(cell.metadata["nbgrader"]["locked"] for cell in released.cells if not cell.metadata["nbgrader"]["solution"])


def test_autograde_and_course_grade_give_the_scores_each_is_meant_to(course):
    theirs, ours = nbgrader_scores(course["root"]), course_scores(course["root"])
    got = {learner: {"nbgrader": [theirs[learner][task.replace(".", "_")] for task in POINTS],
                     "course": [float(ours[learner][task]) for task in POINTS]} for learner in EXPECTED}
    assert {learner: row["status"] for learner, row in ours.items()} == {learner: "graded" for learner in EXPECTED}
    assert got == {learner: {tool: [float(points) for points in scores] for tool, scores in tools.items()} for learner, tools in EXPECTED.items()}


def test_they_agree_on_every_submission_that_does_not_redefine_check(course):
    theirs, ours = nbgrader_scores(course["root"]), course_scores(course["root"])
    for learner in ("solved", "untouched", "half_right"):
        assert sum(theirs[learner].values()) == float(ours[learner]["total"]), learner
