"""`course grade` on a crafted batch: every status, the old tampering tricks, submissions left byte-identical.

(The attacks on the sandbox and on the batch, and a rerun with the same seed, are in test_grade_hostile.py.)"""
import copy
import csv
import hashlib
import json
import subprocess
import sys
import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from course_utils.grading.notebook import is_check_cell

from .conftest import REPO

SOLUTION = nbformat.read(REPO / "solutions" / "01_tensors.ipynb", as_version=4)
EXERCISE = nbformat.read(REPO / "exercises" / "01_tensors.ipynb", as_version=4)
FULL, TASKS = 10, ["01.dense_layer", "01.weighted_sum", "01.standardize", "01.squared_distances"]
SEED = ["--seed", "20261129"]
# Each case is graded in the batch whose limits fit its point, so that no limit depends on the machine's speed:
# - "generous": every case whose point is not a limit. Its limits are about 10 times the work (an exercise-01
#   notebook runs in about 5 s, its slowest cell in under 1 s, in about 300 MB on an idle 2-core machine), so a
#   loaded machine cannot turn a graded notebook into a timeout (a 45 s limit once did, for huge_output).
# - "cell_limit": a cell that never ends is stopped after --cell-timeout, and the rest of the notebook still runs;
#   a notebook over --memory-mb is stopped. The notebook limit stays generous.
# - "notebook_limit": a notebook that ignores the cell time-out is stopped at --notebook-timeout, however slow the
#   machine: a slower machine only reaches the same end later.
BATCHES = {
    "generous": ["--cell-timeout", "120", "--notebook-timeout", "600", "--memory-mb", "2048", "--jobs", "2"],
    "cell_limit": ["--cell-timeout", "8", "--notebook-timeout", "600", "--memory-mb", "1200", "--jobs", "1"],
    "notebook_limit": ["--cell-timeout", "8", "--notebook-timeout", "20", "--memory-mb", "1200", "--jobs", "1"],
}
BATCH_OF = {"endless.ipynb": "cell_limit", "memory_hog.ipynb": "cell_limit", "stubborn.ipynb": "notebook_limit"}


def _answer_cell(notebook, name):
    return next(cell for cell in notebook.cells if cell.cell_type == "code" and f"def {name}(" in cell.source and not is_check_cell(cell))


def _with_answer(base, name, source):
    notebook = copy.deepcopy(base)
    _answer_cell(notebook, name).source = source
    return notebook


def crafted() -> dict:
    """name -> (notebook or raw bytes, expected status, expected total or None)."""
    no_checks = copy.deepcopy(SOLUTION)
    no_checks.cells = [cell for cell in no_checks.cells if not is_check_cell(cell)]

    shuffled = copy.deepcopy(SOLUTION)
    checks = [cell for cell in shuffled.cells if is_check_cell(cell)]
    shuffled.cells = [cell for cell in shuffled.cells if not is_check_cell(cell)][::-1] + checks[::-1] + [copy.deepcopy(c) for c in checks]
    for index, cell in enumerate(shuffled.cells):
        cell.id = f"{cell.id}-{index}" if index >= len(shuffled.cells) - len(checks) else cell.id

    fake_check = copy.deepcopy(EXERCISE)
    fake_check.cells.insert(1, new_code_cell("def check(*args, **kwargs):\n    print('✓ all cases passed: full points')"))
    for cell in fake_check.cells:
        if is_check_cell(cell):
            cell.source = cell.source.replace('check("01.', 'check("01.')  # kept, but with a fake stored output
            cell.outputs = [new_output("stream", name="stdout", text="✓ all cases passed: full points\n")]

    patched = _with_answer(EXERCISE, "weighted_sum", (
        "import course_utils.grading.produce as produce\n"
        "from course_utils.grading.plain import to_plain\n"
        "produce.run_case = lambda task, answer, case: {'case': case.name, 'status': 'ok', 'value': 0.0}\n"
        "import course_utils.grading.judge as judge\n"
        "judge.compare_values = lambda *args, **kwargs: None\n\n"
        "def weighted_sum(x, w, b):\n    return 0.0\n"))

    always_equal = _with_answer(_with_answer(EXERCISE, "weighted_sum", (
        "class Yes:\n    def __eq__(self, other):\n        return True\n    def __float__(self):\n        raise TypeError('no')\n\n"
        "def weighted_sum(x, w, b):\n    return Yes()\n")), "dense", "def dense(x, w, b):\n    return Yes()\n")

    hardcoded = _with_answer(SOLUTION, "weighted_sum", "def weighted_sum(x, w, b):\n    return 5.5  # the notebook's visible example\n")

    new_ids = copy.deepcopy(SOLUTION)
    for index, cell in enumerate(new_ids.cells):
        cell.id = hashlib.sha1(f"{index}:{cell.source}".encode()).hexdigest()[:8]
    new_ids.metadata.pop("course", None)

    endless = _with_answer(SOLUTION, "weighted_sum", (  # the other answers, after it, still count
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)  # ignores interrupts too\nwhile True:\n    pass\n"))

    stubborn = _with_answer(EXERCISE, "weighted_sum", (
        "import signal\nfor name in ('SIGINT', 'SIGALRM'):\n    signal.signal(getattr(signal, name), signal.SIG_IGN)\nwhile True:\n    pass\n"))

    memory_hog = _with_answer(EXERCISE, "dense", "import numpy as np\nimport time\nballast = np.ones(300_000_000)  # 2.4 GB\ntime.sleep(60)\n")

    kernel_exit = _with_answer(EXERCISE, "standardize", "import os\nos._exit(3)\n")

    huge_output = copy.deepcopy(SOLUTION)
    line = {"output_type": "stream", "name": "stdout", "text": "x" * 99 + "\n"}  # plain dicts: new_output validates each (minutes for 60,000)
    huge_output.cells[1].outputs = [nbformat.from_dict(dict(line)) for _ in range(60_000)]

    notes_added = copy.deepcopy(SOLUTION)
    notes_added.cells.insert(3, new_markdown_cell("My notes: I found broadcasting hard."))
    notes_added.cells.insert(5, new_code_cell("scratch = 1 + 1"))

    other = nbformat.read(REPO / "exercises" / "00_welcome.ipynb", as_version=4)
    return {
        "solved.ipynb": (SOLUTION, "graded", FULL),
        "untouched.ipynb": (EXERCISE, "graded", 0),
        "no_checks.ipynb": (no_checks, "graded", FULL),
        "shuffled/01_tensors.ipynb": (shuffled, "graded", FULL),
        "fake_check.ipynb": (fake_check, "graded", 0),
        "patched.ipynb": (patched, "graded", 0),
        "always_equal.ipynb": (always_equal, "graded", 0),
        "hardcoded.ipynb": (hardcoded, "graded", FULL - 2),
        "new_ids.ipynb": (new_ids, "graded", FULL),
        "notes_added.ipynb": (notes_added, "graded", FULL),
        "huge_output.ipynb": (huge_output, "graded", FULL),
        "endless.ipynb": (endless, "graded", FULL - 2),
        "stubborn.ipynb": (stubborn, "timeout", 0),
        "memory_hog.ipynb": (memory_hog, "memory", 0),
        "kernel_exit.ipynb": (kernel_exit, "crashed", 0),
        "not_json.ipynb": (b"{ this is not json", "invalid_notebook", 0),
        "empty.ipynb": (b"", "invalid_notebook", 0),
        "a_list.ipynb": (b"[1, 2, 3]", "invalid_notebook", 0),
        "other_exercise.ipynb": (other, "wrong_exercise", 0),
    }


def _learner(name):
    return name.split("/")[0].removesuffix(".ipynb")


def _grade_concurrently(batches: dict, out) -> dict:
    """Run `course grade` on each batch folder at once (each with its own limits); return {batch: CompletedProcess}."""
    commands = {name: [sys.executable, "-m", "course_utils", "grade", folder, "--out", out / name, "--exercise", "01", *SEED, *BATCHES[name]]
                for name, folder in batches.items()}
    running = {name: subprocess.Popen(list(map(str, command)), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name, command in commands.items()}
    results = {}
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=900)
        results[name] = subprocess.CompletedProcess(commands[name], process.returncode, stdout, stderr)
    return results


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    cases = crafted()
    for name, (content, _, _) in cases.items():
        path = submissions / BATCH_OF.get(name, "generous") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content, indent=1, ensure_ascii=False).encode())
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in submissions.rglob("*")  if p.is_file()}
    out = tmp_path_factory.mktemp("graded")
    started = time.monotonic()
    runs = _grade_concurrently({name: submissions / name for name in BATCHES}, out)
    print(f"\n[crafted batch] {len(cases)} submissions in {len(BATCHES)} concurrent batches: {time.monotonic() - started:.1f} s")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in submissions.rglob("*") if p.is_file()}
    counts = {name: sum(BATCH_OF.get(case, "generous") == name for case in cases) for name in BATCHES}
    return {"cases": cases, "out": out, "runs": runs, "counts": counts, "before": before, "after": after}


def _rows(out):
    """Every learner's gradebook row, from the batches' gradebook.csv files."""
    rows = {}
    for name in BATCHES:
        with open(out / name / "gradebook.csv", newline="", encoding="utf-8") as handle:
            rows.update({row["learner"]: row for row in csv.DictReader(handle)})
    return rows


def _feedback(out, learner):
    return next(path for name in BATCHES for path in [out / name / "feedback" / f"{learner}.md"] if path.is_file()).read_text()


def test_batch_completes(batch):
    assert sum(batch["counts"].values()) == 19 and all(batch["counts"].values())
    for name, run in batch["runs"].items():
        assert run.returncode == 0, f"{name}: {run.stderr[-3000:]}"
        assert f"{batch['counts'][name]}/{batch['counts'][name]} done" in run.stderr, run.stderr[-3000:]


def test_every_submission_gets_the_expected_status_and_total(batch):
    rows = _rows(batch["out"])
    assert set(rows) == {_learner(name) for name in batch["cases"]}
    problems = []
    for name, (_, status, total) in batch["cases"].items():
        row = rows[_learner(name)]
        if (row["status"], int(row["total"])) != (status, total):
            problems.append(f"{name}: got {row['status']} {row['total']} ({row['reason']}), expected {status} {total}")
    assert not problems, "\n".join(problems)


def test_every_row_has_a_column_per_task_and_a_reason_when_not_graded(batch):
    for row in _rows(batch["out"]).values():
        assert all(task in row for task in TASKS) and row["max"] == str(FULL)
        assert (row["status"] == "graded") == (row["reason"] == "")


def test_submissions_are_byte_identical_and_nothing_else_was_written(batch):
    assert batch["before"] == batch["after"]


def test_feedback_has_results_and_hints_but_no_answers(batch):
    feedback = [path for name in BATCHES for path in (batch["out"] / name / "feedback").glob("*.md")]
    assert len(feedback) == len(batch["cases"])
    hardcoded = _feedback(batch["out"], "hardcoded")
    assert "✗ 01.weighted_sum" in hardcoded and "hint:" in hardcoded and "✓ 01.dense_layer" in hardcoded
    solution_lines = [line.strip() for cell in SOLUTION.cells for line in cell.source.splitlines()
                      if cell.cell_type == "code" and line.strip().startswith("return")]
    for path in feedback:
        text = path.read_text()
        assert not any(line in text for line in solution_lines), path.name
    assert "longer than 8 s" in _feedback(batch["out"], "endless")

