"""One grade: an honest notebook written in the learner's own way scores the same in its check cells, `course check` and `course grade`."""
import copy
import csv

import nbformat
from nbformat.v4 import new_code_cell

from course_utils.grading.notebook import is_check_cell
from course_utils.notebooks import execute

from .conftest import REPO, run_course

SOLUTION = nbformat.read(REPO / "solutions" / "03_activations.ipynb", as_version=4)


def _defining(notebook, name):
    return next(index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code" and f"def {name}(" in cell.source)


def learners_own_way():
    """Solution 03 rewritten: a helper in a cell of its own, two answers merged in one cell, check cells where they were."""
    notebook = copy.deepcopy(SOLUTION)
    for cell in notebook.cells:
        cell.pop("outputs", None) if cell.cell_type != "code" else cell.update(outputs=[], execution_count=None)
    notebook.cells[_defining(notebook, "softmax")].source = (
        "def softmax(logits):\n    exps = np.exp(shift_by_row_max(logits))\n    return exps / exps.sum(axis=-1, keepdims=True)")
    notebook.cells.insert(_defining(notebook, "softmax"), new_code_cell(
        "def shift_by_row_max(z):\n    z = np.asarray(z, dtype=float)\n    return z - z.max(axis=-1, keepdims=True)"))
    originals = [_defining(notebook, name) for name in ("swish_derivative", "dead_units")]
    merged = _defining(notebook, "relu_derivative")
    notebook.cells[merged].source = ("def relu_derivative(x):\n    return np.where(np.asarray(x) > 0, 1.0, 0.0)\n\n"
                                     "def swish_derivative(x):\n    s = 0.5 * (1 + np.tanh(x / 2))\n    return s * (1 + x * (1 - s))\n\n"
                                     "def dead_units(x, layers):\n    counts = []\n    for W, b in layers:\n"
                                     "        x = np.maximum(x @ W + b, 0)\n        counts.append(int((x.max(axis=0) == 0).sum()))\n"
                                     "    return counts")
    for index in sorted(originals, reverse=True):
        del notebook.cells[index]
    return notebook


def test_helper_cells_and_merged_answers_get_one_grade(tmp_path):
    notebook = learners_own_way()
    assert sum(is_check_cell(cell) for cell in notebook.cells) == 4
    executed = execute(copy.deepcopy(notebook), working_dir=tmp_path, cell_timeout=60)  # raises if a check cell fails
    check_text = "".join(output.get("text", "") for cell in executed.cells if is_check_cell(cell) for output in cell.outputs)
    assert check_text.count("cases passed: ") == 4 and "✗" not in check_text

    path = tmp_path / "batch" / "lin" / "03_activations.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    checked = run_course("check", path)
    assert checked.returncode == 0 and "total" in checked.stdout and "10/10" in checked.stdout, checked.stdout + checked.stderr

    graded = run_course("grade", tmp_path / "batch", "--out", tmp_path / "out", "--seed", "77", "--jobs", "1")
    assert graded.returncode == 0, graded.stderr
    row = next(csv.DictReader((tmp_path / "out" / "gradebook.csv").open(encoding="utf-8")))
    assert (row["learner"], row["status"], row["total"], row["max"]) == ("lin", "graded", "10", "10"), row
