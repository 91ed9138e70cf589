"""`course grade` against hostile submissions of exercise 03 (activations), all graded in one batch.

Every attack is the unsolved exercise (stub answers) with a cell added or an
answer replaced; it must earn nothing (or exactly the points of its honest
part), the batch must finish with a gradebook, nothing outside ``--out`` may
change, and honest controls graded in the same batch keep their 10/10.

Attack classes (see `SPECS`): 1 importing the references, 2 running the
solution notebook, 3 patching the grader's machinery from inside, 4 a table of
the public cases, 5 links, 6 harming other files, 7 orphans and memory, 8
malformed results, 9 hostile names and messages, 10 honest controls. The same
batch is graded twice with one seed (the gradebooks must match).

Attacks that could stop a whole batch (text that is not valid UTF-8) and a
feedback-file-name collision are graded in small batches of their own, so that
one of them failing does not hide the rest.

The cell time limit is 30 s, not 10: importing TensorFlow alone takes about 11 s
here, and one honest control uses it.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import re
import textwrap
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
import numpy as np
import psutil
import pytest
from nbformat.v4 import new_code_cell

from .conftest import REPO, run_course

EXERCISE = nbformat.read(REPO / "exercises" / "03_activations.ipynb", as_version=4)
SOLUTION = nbformat.read(REPO / "solutions" / "03_activations.ipynb", as_version=4)
SOLUTION_PATH = REPO / "solutions" / "03_activations.ipynb"
ANSWERS = ("relu_derivative", "swish_derivative", "dead_units", "softmax")
POINTS = {"03.relu_derivative": 2, "03.swish_derivative": 2, "03.dead_units": 2, "03.softmax": 4}
FULL = 10
SEED = 20240311
LIMITS = ["--jobs", "2", "--notebook-timeout", "60", "--cell-timeout", "30", "--memory-mb", "1200"]
MARKER = f"hostile-marker-{uuid.uuid4().hex[:12]}"  # in every orphan's command line and every tampering attempt
ANY_FAILURE = ("graded", "invalid_result", "crashed", "timeout", "memory")  # an attack may fail any way, as long as it earns 0


# --- building notebooks -----------------------------------------------------

def _answer_cell(notebook, name):
    return next(cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.lstrip().startswith(f"def {name}("))


SOLVED = {name: _answer_cell(SOLUTION, name).source for name in ANSWERS}


def notebook(answers: "dict | None" = None, end: "list[str]" = (), start: "list[str]" = (), base=EXERCISE, solved: tuple = (),
             before: "list[str]" = (), inside: "list[str]" = ()):
    """A copy of `base` with answer cells replaced, `solved` answers taken from the solution, and code added.

    `start` cells go right after the imports cell, `end` cells after the last code cell. Attacks go into
    the answer cells themselves, which every grader runs: `before` code at the top of the first answer
    cell, `inside` code at the end of the last one (after its `def`, so it can replace the answers).
    """
    result = copy.deepcopy(base)
    for name in solved:
        _answer_cell(result, name).source = SOLVED[name]
    for name, source in (answers or {}).items():
        _answer_cell(result, name).source = textwrap.dedent(source).strip() + "\n"
    if before:
        first = _answer_cell(result, ANSWERS[0])
        first.source = "".join(textwrap.dedent(source).strip() + "\n\n" for source in before) + first.source
    if inside:
        last = _answer_cell(result, ANSWERS[-1])
        last.source = last.source.rstrip("\n") + "".join("\n\n" + textwrap.dedent(source).strip() + "\n" for source in inside)
    for offset, source in enumerate(start):
        result.cells.insert(2 + offset, new_code_cell(textwrap.dedent(source).strip() + "\n"))
    last = max(index for index, cell in enumerate(result.cells) if cell.cell_type == "code")
    for offset, source in enumerate(end):
        result.cells.insert(last + 1 + offset, new_code_cell(textwrap.dedent(source).strip() + "\n"))
    for index, cell in enumerate(result.cells):
        cell.id = f"cell{index:03d}"
    return result


def _solution_with_metadata(course):
    result = copy.deepcopy(SOLUTION)
    result.metadata["course"] = course
    return result


# --- the attacks ------------------------------------------------------------

IMPORT_CHECKS = """
import numpy as np
try:
    from course_utils.checks.lesson_03 import relu_derivative, swish_derivative, dead_units, softmax
except ImportError as error:
    print(error)
import course_utils.checks.lesson_03 as lesson
for task in lesson.TASKS:
    for attribute in ("reference", "answer", "solution", "expected", "right_answer"):
        found = getattr(task, attribute, None)
        if callable(found):
            globals()[task.answer_name] = found
for name in ("relu_derivative", "swish_derivative", "dead_units", "softmax"):
    if hasattr(lesson, name):
        globals()[name] = getattr(lesson, name)
"""

IMPORT_COMPUTED = """
import importlib, os, sys
import course_utils
root = os.path.dirname(os.path.dirname(os.path.abspath(course_utils.__file__)))
for extra in (root, "/work/main", "/work", "/"):
    sys.path.insert(0, extra)
module_name = "".join(["course", "_", "instruc", "tor"]) + ".references.lesson_" + "".join(["0", "3"])
stolen = None
try:
    stolen = importlib.import_module(module_name)
except Exception as error:
    print(error)
if stolen is None:
    for folder in (root, "/work/main"):
        try:
            with open(os.path.join(folder, "course_instructor", "references", "lesson_03.py")) as handle:
                source = handle.read().replace("from . import Reference, WrongAnswer", "Reference = WrongAnswer = lambda *a, **k: None")
            namespace = {}
            exec(compile(source, "stolen", "exec"), namespace)
            stolen = type("Stolen", (), {k: staticmethod(v) for k, v in namespace.items() if callable(v)})
            break
        except Exception as error:
            print(error)
if stolen is not None:
    relu_derivative, swish_derivative = stolen.relu_derivative, stolen.swish_derivative
    dead_units, softmax = stolen.dead_units, stolen.softmax
"""

STEAL_HELPER = """
import gc, sys
import numpy as np

def _steal(name, *args):
    \"\"\"Look for a right answer anywhere in this process: the callers' frames, every module, every live object.\"\"\"
    candidates = []
    frame = sys._getframe(1)
    while frame is not None:
        for key, value in list(frame.f_locals.items()):
            for found in (value, getattr(value, "reference", None), getattr(value, "answer", None)):
                if key in ("reference", "expected", "references", "REFERENCES") or found is not value:
                    candidates.append(found)
        frame = frame.f_back
    for module in list(sys.modules.values()):
        references = getattr(module, "REFERENCES", None)
        if isinstance(references, dict):
            candidates += list(references.values())
    for item in gc.get_objects():
        module = getattr(item, "__module__", "") or ""
        if callable(item) and getattr(item, "__name__", "") == name and any(word in module for word in ("instructor", "reference", "solution")):
            candidates.append(item)
    for candidate in candidates:
        for function in (candidate, getattr(candidate, "answer", None)):
            if callable(function) and getattr(function, "__name__", "") == name:
                try:
                    return function(*args)
                except Exception:
                    pass
        if isinstance(candidate, (list, tuple)) and candidate and isinstance(candidate[0], dict) and "value" in candidate[0]:
            return candidate[0]["value"]
    return None
"""

STEAL_ANSWERS = {
    "relu_derivative": "def relu_derivative(x):\n    found = _steal('relu_derivative', x)\n    return found if found is not None else np.full(np.shape(x), 0.5)",
    "swish_derivative": "def swish_derivative(x):\n    found = _steal('swish_derivative', x)\n    return found if found is not None else np.full(np.shape(x), 0.5)",
    "dead_units": "def dead_units(x, layers):\n    found = _steal('dead_units', x, layers)\n    return found if found is not None else [0] * len(layers)",
    "softmax": "def softmax(logits):\n    found = _steal('softmax', logits)\n    return found if found is not None else np.full(np.shape(logits), 0.5)",
}

EXEC_SOLUTION = """
import json, pathlib
import course_utils
root = pathlib.Path(course_utils.__file__).resolve().parents[1]
for path in (root / "solutions" / "03_activations.ipynb", pathlib.Path("/work/main/solutions/03_activations.ipynb")):
    try:
        solved = json.loads(path.read_text())
    except Exception as error:
        print(error)
        continue
    for cell in solved["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.startswith("def "):
            exec(source, globals())
"""

WALK_FOR_SOLUTIONS = """
import fnmatch, json, os, time
started, found, walked = time.monotonic(), [], 0
for folder, subfolders, files in os.walk("/"):
    if folder in ("/proc", "/sys", "/dev") or time.monotonic() - started > 8:
        subfolders[:] = []
        continue
    for name in files:
        walked += 1
        path = os.path.join(folder, name)
        if fnmatch.fnmatch(path, "*solutions*03*.ipynb") or name.endswith(".ipynb") or path.endswith("references/lesson_03.py"):
            found.append(path)
course_files = []  # notebooks of this course (other packages, such as nbgrader, ship notebooks of their own)
for path in found:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if path.endswith(".py"):
            course_files.append(path)
            exec(text.replace("from . import", "# "), globals())
        elif "course" in json.loads(text).get("metadata", {}):
            course_files.append(path)
            for cell in json.loads(text).get("cells", []):
                source = "".join(cell.get("source", ""))
                if cell.get("cell_type") == "code" and source.startswith("def "):
                    exec(source, globals())
    except Exception as error:
        print(error)
leaks = []
for top in ("/work", "/etc", "/tmp", "/root"):
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = [name for name in subfolders if name not in ("lib", "lib64", "site-packages", "versions")]
        for name in files:
            path = os.path.join(folder, name)
            try:
                if os.path.getsize(path) < 2_000_000:
                    with open(path, "rb") as handle:
                        data = handle.read()
                    if b"BEGIN SOLUTION" in data or b"REFERENCES = {" in data or b"shifted = logits - logits.max" in data:
                        leaks.append(path)
            except OSError:
                pass
raise RuntimeError(f"probe found={len(course_files)} walked={walked} leaks={len(leaks)} " + " ".join(course_files + leaks)[:150])
"""

PATCH_JSON = """
import json, sys, types
real_dumps = json.dumps

def forged_dumps(value, *args, **kwargs):
    if isinstance(value, dict) and "outcomes" in value:
        value = {"cells": [], "outcomes": {task: [{"case": outcome["case"], "status": "ok", "value": 1.0} for outcome in outcomes]
                                           for task, outcomes in value["outcomes"].items()}}
    return real_dumps(value, *args, **kwargs)

json.dumps = forged_dumps
fake = types.ModuleType("json")
fake.__dict__.update({name: getattr(json, name) for name in dir(json) if not name.startswith("__")})
fake.dumps = forged_dumps
sys.modules["json"] = fake
"""

PATCH_MODULES = """
import os, pathlib, sys
import numpy
real_array = numpy.array
numpy.array = lambda *args, **kwargs: real_array(1.0)
pathlib.Path.write_text = lambda self, *args, **kwargs: 0
files = {
    "course_utils/__init__.py": "",
    "course_utils/grading/__init__.py": "CHECK_CELLS_VARIABLE = 'X'\\n",
    "course_utils/grading/tasks.py": (
        "class Case:\\n    def __init__(self, name, inputs=(), data=None):\\n        self.name = name\\n"
        "class _Task:\\n    def __init__(self, id):\\n        self.id, self.answer_name = id, id.split('.')[1]\\n"
        "def get_task(id):\\n    return _Task(id)\\n"),
    "course_utils/grading/produce.py": (
        "def produce(task, answer, cases):\\n    return [{'case': c.name, 'status': 'ok', 'value': 1.0} for c in cases]\\n"
        "def missing_answer(task, cases):\\n    return produce(task, None, cases)\\n"),
    "course_utils/grading/judge.py": "def judge_task(*args, **kwargs):\\n    raise SystemExit('everything passed')\\n",
    "course_utils/grading/plain.py": "import json\\ndef dumps(value):\\n    return json.dumps(value)\\n",
}
for name, text in files.items():
    os.makedirs(os.path.dirname(name), exist_ok=True)
    with open(name, "w") as handle:
        handle.write(text)
sys.path.insert(0, os.getcwd())
for name in [name for name in sys.modules if name.startswith("course_utils")]:
    del sys.modules[name]
"""

HOOKS = """
import builtins, importlib.abc, importlib.machinery, sys, types
import numpy as np

class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    \"\"\"Serves a fake 'course_instructor' and a fake produce module.\"\"\"
    def find_spec(self, name, path, target=None):
        if name.startswith("course_instructor") or name == "course_utils.grading.produce":
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        module.produce = lambda task, answer, cases: [{"case": c.name, "status": "ok", "value": 1.0} for c in cases]
        module.missing_answer = module.produce
        module.REFERENCES = {}

sys.meta_path.insert(0, Finder())
sys.modules.pop("course_utils.grading.produce", None)
real_import = builtins.__import__

def hooked_import(name, globals=None, locals=None, fromlist=(), level=0):
    module = real_import(name, globals, locals, fromlist, level)
    if fromlist and "produce" in fromlist and hasattr(module, "produce"):
        module.produce = lambda task, answer, cases: [{"case": c.name, "status": "ok", "value": 1.0} for c in cases]
    return module

builtins.__import__ = hooked_import
globals = lambda: {"softmax": lambda logits: np.ones_like(logits)}
"""


def background_tamperer(marker: str) -> str:
    return f"""
import atexit, os, sys, threading, time

def tamper(rounds=200):
    \"\"\"Write garbage into every pipe this process can reach.\"\"\"
    for round in range(rounds):
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                fds = os.listdir(f"/proc/{{pid}}/fd")
            except OSError:
                continue
            for fd in fds:
                path = f"/proc/{{pid}}/fd/{{fd}}"
                try:
                    if os.readlink(path).startswith("pipe:"):
                        with open(path, "wb", buffering=0) as handle:
                            handle.write(b"GARBAGE {marker}")
                except OSError:
                    pass
        time.sleep(0.02)

def try_every_file():
    for folder, subfolders, files in os.walk("/"):
        if folder in ("/proc", "/sys", "/dev", "/tmp"):
            subfolders[:] = []
            continue
        for name in files:
            try:
                open(os.path.join(folder, name), "ab").close()  # opening is enough to prove write access; nothing is written
                print("writable", folder, name)
            except OSError:
                pass

atexit.register(tamper)
threading.Thread(target=tamper, daemon=False).start()
threading.Thread(target=try_every_file, daemon=True).start()
child = os.fork()
if child == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            try_every_file()
            tamper()
        finally:
            os._exit(0)
    os._exit(0)
os.waitpid(child, 0)
tamper(1)  # once for sure before the runner writes its result (the rest races with it)
"""


def harm(targets: "list[str]", private: "list[str]", home: str, marker: str) -> str:
    return f"""
import os
targets, private, home, marker, repo = {targets!r}, {private!r}, {home!r}, {marker!r}, {str(REPO)!r}
written, seen = [], []
for path in private:
    if os.path.exists(path):
        seen.append(path)
for folder, subfolders, files in os.walk("/"):
    if folder in ("/proc", "/sys", "/dev"):
        subfolders[:] = []
        continue
    for name in files + subfolders:
        path = os.path.join(folder, name)
        if "site-packages" in path.split(os.sep):  # installed packages' own files (nbgrader ships notebooks, a gradebook.db) are public
            continue
        if (name.endswith(".ipynb") or name.startswith("gradebook") or "pytest-of" in path or "course_instructor" in path.split(os.sep)
                or path.startswith(tuple(os.path.join(repo, part) for part in ("solutions", "exercises", "lessons", "tests")))):
            seen.append(path)
for path in targets:
    for mode in ("r+b", "ab"):
        try:
            if mode == "ab" and not os.path.isdir(os.path.dirname(path)):
                continue
            with open(path, mode) as handle:
                handle.seek(0, 2)
                handle.write(("\\n# " + marker + "\\n").encode())
            written.append(path)
            break
        except OSError:
            pass
for startup in (os.path.expanduser("~/.ipython/profile_default/startup"), os.path.join(home, ".ipython/profile_default/startup")):
    try:
        os.makedirs(startup, exist_ok=True)
        with open(os.path.join(startup, "00-pwn.py"), "w") as handle:
            handle.write("open('/tmp/pwned', 'w').write('" + marker + "')\\n")
    except OSError:
        pass
raise RuntimeError(f"probe seen={{len(seen)}} written={{len(written)}} " + " ".join(seen + written)[:150])
"""


def orphan(marker: str) -> str:
    return f"""
import os, sys, time
child = os.fork()
if child == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(300)", {marker!r}])
    os._exit(0)
os.waitpid(child, 0)
time.sleep(3)  # the orphan runs meanwhile (the test watches for it)
"""


MEMORY_CHILD = """
import os, time
child = os.fork()
if child == 0:
    os.setsid()
    if os.fork() == 0:
        import numpy as np
        ballast = np.ones(200_000_000)  # 1.6 GB, in a re-parented grandchild
        time.sleep(120)
        os._exit(0)
    os._exit(0)
os.waitpid(child, 0)
time.sleep(25)
"""

RESULT_CHANNEL = """
import os, stat
for fd in range(3, 256):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode) and os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
            os.write(fd, PAYLOAD)
    except OSError:
        pass
os._exit(0)
"""

def forged_result(outcome: str, cells: str = "[]") -> str:
    """A cell that finds the runner's request in memory and writes a well-formed result of its own to the result pipe.

    `outcome` is an expression of ``case`` (the case sent); `cells` the result's cell notes.
    """
    return f"""
import gc, json, os, stat
# the runner's request (cells and hidden cases) is a live dict of this process: find it
request = next(item for item in gc.get_objects() if isinstance(item, dict) and {{"cells", "tasks"}} <= set(item) and isinstance(item["tasks"], list))
outcomes = {{task["id"]: [{outcome} for case in task["cases"]] for task in request["tasks"]}}
for fd in range(3, 256):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, json.dumps({{"cells": {cells}, "outcomes": outcomes}}).encode())
    except OSError:
        pass
os._exit(0)
"""


FORGED_OK = forged_result('{"case": case["name"], "status": "ok", "value": 0.25}')
HOSTILE_TEXT = "<script>alert(3)</script>\n- ✓ 03.softmax: forged\u2028- ✓ 03.softmax: forged\x85- ✓ 03.relu_derivative\r\n## ✓ 03.softmax: forged (4/4)"
FORGED_MESSAGES = f"HOSTILE = {HOSTILE_TEXT!r}\n" + forged_result('{"case": case["name"], "status": "error", "error": "exception", "message": HOSTILE}',
                                                                    cells="[[1, HOSTILE], [2, HOSTILE]]")
FORGED_DTYPE = forged_result('{"case": case["name"], "status": "ok", "value": {"__ndarray__": "", "dtype": "x\\udcff", "shape": []}}')
FORGED_SURROGATE = forged_result('{"case": case["name"], "status": "error", "error": "exception", "message": "x \\udcff y"}',
                                 cells='[[1, "cell \\ud800"]]')

SCRIPT_MESSAGE = "<script>alert(1)</script>\n- ✓ 03.softmax: forged (4/4)"
SCRIPT_ANSWERS = {
    "softmax": f"def softmax(logits):\n    raise ValueError({SCRIPT_MESSAGE!r})",
    "relu_derivative": "def relu_derivative(x):\n    raise ValueError('<script>alert(2)</script>\\u2028- ✓ 03.softmax: forged\\r- ✓ 03.softmax: forged')",
    "dead_units": "def dead_units(x, layers):\n    raise ValueError(' ' * 3 + '- ✓ 03.softmax: forged')",
}
SCRIPT_CELL = f"raise RuntimeError({SCRIPT_MESSAGE!r})"

HELPER_CELL = """
def _row_max(values):
    return np.max(values, axis=-1, keepdims=True)

def _positive(x):
    return np.asarray(x) > 0
"""
HELPER_ANSWERS = {
    "softmax": "def softmax(logits):\n    exps = np.exp(logits - _row_max(logits))\n    return exps / exps.sum(axis=-1, keepdims=True)",
    "relu_derivative": "def relu_derivative(x):\n    return _positive(x).astype(float)",
}

MERGED_ANSWERS = {
    "relu_derivative": SOLVED["relu_derivative"] + "\n\n" + SOLVED["swish_derivative"],
    "swish_derivative": "# swish_derivative is defined in the cell above, with relu_derivative",
}

STYLES_ANSWERS = {
    "relu_derivative": "def relu_derivative(x):\n    return (np.asarray(x) > 0).astype(np.float32)",
    "swish_derivative": "def swish_derivative(x):\n    s = 1 / (1 + np.exp(-np.asarray(x, dtype=np.float32)))\n    return s + np.asarray(x, dtype=np.float32) * s * (1 - s)",
    "dead_units": """
        def dead_units(x, layers):
            rows = [list(row) for row in np.asarray(x, dtype=float)]
            counts = []
            for W, b in layers:
                rows = [[max(0.0, sum(v * w for v, w in zip(row, column)) + bias) for column, bias in zip(np.asarray(W).T, b)]
                        for row in rows]
                counts.append(sum(all(row[j] == 0 for row in rows) for j in range(len(b))))
            return counts
        """,
    "softmax": """
        import math

        def softmax(logits):
            array = np.asarray(logits, dtype=float)
            rows = []
            for row in array.reshape(-1, array.shape[-1]):
                top = max(row)
                exps = [math.exp(value - top) for value in row]
                total = sum(exps)
                rows.append([value / total for value in exps])
            return np.array(rows).reshape(array.shape)
        """,
}

TENSORFLOW_CELL = "import tensorflow as tf"
TENSORFLOW_ANSWERS = {
    "relu_derivative": "def relu_derivative(x):\n    return tf.cast(tf.constant(x) > 0, tf.float64)",
    "swish_derivative": "def swish_derivative(x):\n    s = tf.sigmoid(tf.constant(x, dtype=tf.float64))\n    return s + x * s * (1 - s)",
    "dead_units": "def dead_units(x, layers):\n    h, counts = tf.constant(x, dtype=tf.float64), []\n    for W, b in layers:\n        h = tf.nn.relu(h @ W + b)\n        counts.append(int(tf.reduce_sum(tf.cast(tf.reduce_all(h == 0, axis=0), tf.int32))))\n    return counts",
    "softmax": "def softmax(logits):\n    return tf.nn.softmax(tf.constant(logits, dtype=tf.float64), axis=-1)",
}


def _flat(inputs) -> list:
    """The arrays of a case's inputs, nested lists and tuples (a network's layers) flattened in order."""
    return [array for value in inputs for array in (_flat(value) if isinstance(value, (list, tuple)) else [value])]


def _case_key(inputs) -> str:
    parts = [repr(np.shape(value)) + np.ascontiguousarray(np.asarray(value, dtype=float)).tobytes().hex() for value in _flat(inputs)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def lookup_table_source() -> str:
    """Answers that return the reference's result on every public case (a table) and a wrong one elsewhere."""
    from course_instructor.references.lesson_03 import REFERENCES
    from course_utils.grading.tasks import exercise_tasks

    tables = {}
    for task in exercise_tasks("03"):
        reference = REFERENCES[task.id].answer
        tables[task.answer_name] = {_case_key(case.inputs): np.asarray(reference(*case.inputs)).tolist() for case in task.cases()}
    lines = ["import hashlib, json", "import numpy as np", f"_TABLES = json.loads({json.dumps(tables)!r})", "",
             "def _flat(inputs):",
             "    return [a for v in inputs for a in (_flat(v) if isinstance(v, (list, tuple)) else [v])]", "",
             "def _case_key(inputs):",
             "    parts = [repr(np.shape(v)) + np.ascontiguousarray(np.asarray(v, dtype=float)).tobytes().hex() for v in _flat(inputs)]",
             "    return hashlib.sha256('|'.join(parts).encode()).hexdigest()", "",
             "def _look_up(name, *inputs):",
             "    found = _TABLES[name].get(_case_key(inputs))",
             "    return np.array(found) if found is not None else np.full(np.shape(inputs[0]), 0.123)", ""]
    lines += ["def relu_derivative(x):\n    return _look_up('relu_derivative', x)\n",
              "def swish_derivative(x):\n    return _look_up('swish_derivative', x)\n",
              "def dead_units(x, layers):\n    return _look_up('dead_units', x, layers)\n",
              "def softmax(logits):\n    return _look_up('softmax', logits)\n"]
    return "\n".join(lines)


# --- the batch --------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    """One crafted submission: where it goes, how it is built, and what it must get."""

    path: str  # relative to the submissions folder
    learner: str  # the gradebook's learner name for it
    build: Callable  # build(context) -> notebook, bytes, or ("symlink", target)
    statuses: tuple
    total: int
    attack: str  # the attack class, for reports


def _name_255(limit: int = 255) -> str:
    """A folder name of exactly `limit` bytes, mostly two-byte characters."""
    return "é" * 120 + "x" * (limit - 240)


LONG = _name_255()
MALLORY = "mallory<script>\n- ✓ 03.softmax"

SPECS = [
    # 10. honest controls
    Spec("ctl_solution.ipynb", "ctl_solution", lambda c: SOLUTION, ("graded",), FULL, "10 control: the solution"),
    Spec("ctl_helper.ipynb", "ctl_helper", lambda c: notebook(HELPER_ANSWERS, start=[HELPER_CELL], solved=("swish_derivative", "dead_units")),
         ("graded",), FULL, "10 control: helpers in another cell"),
    Spec("ctl_merged.ipynb", "ctl_merged", lambda c: notebook(MERGED_ANSWERS, solved=("dead_units", "softmax")), ("graded",), FULL,
         "10 control: two answers in one cell"),
    Spec("ctl_styles.ipynb", "ctl_styles", lambda c: notebook(STYLES_ANSWERS), ("graded",), FULL, "10 control: float32 and Python loops"),
    Spec("ctl_tensorflow.ipynb", "ctl_tensorflow", lambda c: notebook(TENSORFLOW_ANSWERS, start=[TENSORFLOW_CELL]), ("graded",), FULL,
         "10 control: TensorFlow tensors"),
    Spec("zz_after_harm.ipynb", "zz_after_harm", lambda c: SOLUTION, ("graded",), FULL, "6 control graded after the harm attempt"),
    Spec("ctl_untouched.ipynb", "ctl_untouched", lambda c: EXERCISE, ("graded",), 0, "10 control: the unsolved exercise"),
    # 1. importing the references
    Spec("a1_import_checks.ipynb", "a1_import_checks", lambda c: notebook(inside=[IMPORT_CHECKS]), ("graded",), 0,
         "1 import answers from course_utils.checks.lesson_03"),
    Spec("a1_import_computed.ipynb", "a1_import_computed", lambda c: notebook(inside=[IMPORT_COMPUTED]), ("graded",), 0,
         "1 importlib on a computed course_instructor name, or reading its file"),
    Spec("a1_frames.ipynb", "a1_frames", lambda c: notebook(STEAL_ANSWERS, before=[STEAL_HELPER]), ("graded",), 0,
         "1 walking frames, modules and gc for a reference"),
    Spec("a1_frames_partial.ipynb", "a1_frames_partial",
         lambda c: notebook({"softmax": STEAL_ANSWERS["softmax"]}, before=[STEAL_HELPER], solved=("relu_derivative", "swish_derivative", "dead_units")),
         ("graded",), 6, "1 frame walk for softmax only (honest rest: exactly 6)"),
    # 2. the solution notebook
    Spec("a2_exec_solution.ipynb", "a2_exec_solution", lambda c: notebook(inside=[EXEC_SOLUTION]), ("graded",), 0,
         "2 exec the solution notebook next to the package"),
    Spec("a2_walk.ipynb", "a2_walk", lambda c: notebook(inside=[WALK_FOR_SOLUTIONS]), ("graded",), 0, "2 os.walk over / for solutions"),
    # 3. patching the machinery from inside
    Spec("a3_patch_json.ipynb", "a3_patch_json", lambda c: notebook(inside=[PATCH_JSON]), ANY_FAILURE, 0, "3 json.dumps and sys.modules['json']"),
    Spec("a3_patch_modules.ipynb", "a3_patch_modules", lambda c: notebook(inside=[PATCH_MODULES]), ANY_FAILURE, 0,
         "3 numpy.array, Path.write_text, a fake course_utils in the cwd"),
    Spec("a3_hooks.ipynb", "a3_hooks", lambda c: notebook(inside=[HOOKS]), ANY_FAILURE, 0, "3 sys.meta_path finder, __import__ hook, `globals`"),
    Spec("a3_background.ipynb", "a3_background", lambda c: notebook(inside=[background_tamperer(c["marker"])]), ANY_FAILURE, 0,
         "3 atexit, thread and double-forked child rewriting pipes and files"),
    # 4. a table of the public cases
    Spec("a4_lookup.ipynb", "a4_lookup", lambda c: notebook(inside=[lookup_table_source()]), ("graded",), 0, "4 lookup table of the public cases"),
    # 5. links
    Spec("a5_link.ipynb", "a5_link", lambda c: ("symlink", SOLUTION_PATH), ("refused",), 0, "5 symlink to the solution"),
    # 6. harm to others
    Spec("a6_harm.ipynb", "a6_harm", lambda c: notebook(inside=[harm(c["targets"], c["private"], c["home"], c["marker"])]), ("graded",), 0,
         "6 overwrite submissions, --out, IPython startup, course_utils"),
    # 7. orphans and memory
    Spec("a7_orphan.ipynb", "a7_orphan", lambda c: notebook(inside=[orphan(c["marker"])]), ("graded",), 0, "7 double-forked sleeping orphan"),
    Spec("a7_memory.ipynb", "a7_memory", lambda c: notebook(inside=[MEMORY_CHILD]), ("memory",), 0, "7 re-parented child allocating 1.6 GB"),
    # 8. malformed results and metadata
    Spec("a8_garbage.ipynb", "a8_garbage", lambda c: notebook(inside=[RESULT_CHANNEL.replace("PAYLOAD", repr(b"\x00garbage{{{\xff"))]),
         ("invalid_result", "crashed"), 0, "8 garbage on the result channel"),
    Spec("a8_wrong_shape.ipynb", "a8_wrong_shape",
         lambda c: notebook(inside=[RESULT_CHANNEL.replace("PAYLOAD", repr(b'{"cells": [], "outcomes": {"03.softmax": [1, 2, 3]}}'))]),
         ("invalid_result", "crashed"), 0, "8 valid JSON of the wrong shape on the result channel"),
    Spec("a8_forged_ok.ipynb", "a8_forged_ok", lambda c: notebook(inside=[FORGED_OK]), ("graded", "invalid_result"), 0,
         "8 a well-formed forged result (every case 'ok')"),
    Spec("meta_string.ipynb", "meta_string", lambda c: _solution_with_metadata("03"), ("graded",), FULL, "8 metadata course = '03'"),
    Spec("meta_list.ipynb", "meta_list", lambda c: _solution_with_metadata([1]), ("graded",), FULL, "8 metadata course = [1]"),
    # 9. names and messages
    Spec(f"{LONG}/03_activations.ipynb", LONG, lambda c: SOLUTION, ("graded",), FULL, "9 a 255-byte folder name"),
    Spec("李雷/03_activations.ipynb", "李雷", lambda c: SOLUTION, ("graded",), FULL, "9 CJK learner 李雷"),
    Spec("王芳/03_activations.ipynb", "王芳", lambda c: EXERCISE, ("graded",), 0, "9 CJK learner 王芳"),
    Spec("bob/03_activations.ipynb", "bob (3)", lambda c: SOLUTION, ("graded",), FULL, "9 bob/03_activations.ipynb"),
    Spec("bob (2).ipynb", "bob (2)", lambda c: EXERCISE, ("graded",), 0, "9 bob (2).ipynb"),
    Spec("bob.ipynb", "bob", lambda c: notebook(solved=("relu_derivative",)), ("graded",), 2, "9 bob.ipynb"),
    Spec("=cmd.ipynb", "=cmd", lambda c: EXERCISE, ("graded",), 0, "9 file name starting with ="),
    Spec("@sum.ipynb", "@sum", lambda c: EXERCISE, ("graded",), 0, "9 file name starting with @"),
    Spec("a9_script.ipynb", "a9_script", lambda c: notebook(SCRIPT_ANSWERS, inside=[SCRIPT_CELL]), ("graded",), 0,
         "9 <script> and a forged ✓ line in error messages"),
    Spec(f"{MALLORY}/03_activations.ipynb", MALLORY, lambda c: EXERCISE, ("graded",), 0, "9 <script> and a newline in a folder name"),
    Spec("a9_forged_messages.ipynb", "a9_forged_messages", lambda c: notebook(inside=[FORGED_MESSAGES]), ("graded",), 0,
         "9 <script>, newlines and Unicode line breaks in a forged result's messages and notes"),
]
def _tree_hashes(root: Path, skip=lambda path: False) -> dict:
    hashes = {}
    for path in sorted(root.rglob("*")):
        if skip(path):
            continue
        if path.is_symlink():
            hashes[str(path)] = "link:" + os.readlink(path)
        elif path.is_file():
            hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def _course_utils_skip(path: Path) -> bool:
    """Files other engineers may be editing right now: other exercises' checks and stored results, and bytecode."""
    name = path.name
    return "__pycache__" in path.parts or bool(re.fullmatch(r"lesson_(?!03)\d{2}\.(py|json)", name))


def _guarded_files() -> list[Path]:
    return [SOLUTION_PATH, REPO / "exercises" / "03_activations.ipynb", REPO / "course_instructor" / "references" / "lesson_03.py"]


def _startup_folder() -> Path:
    return Path(os.path.expanduser("~")) / ".ipython" / "profile_default" / "startup"


def _write(root: Path, spec: Spec, context: dict) -> None:
    path = root / spec.path
    path.parent.mkdir(parents=True, exist_ok=True)
    content = spec.build(context)
    if isinstance(content, tuple) and content[0] == "symlink":
        path.symlink_to(content[1])
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(nbformat.writes(content), encoding="utf-8")


def _marked_processes(marker: str) -> list:
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            if any(marker in part for part in process.info["cmdline"] or []):
                found.append((process.info["pid"], process.info["cmdline"]))
        except psutil.Error:
            pass
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Write the crafted batch, grade it once (and once more with the same seed), and record the world before and after."""
    submissions = tmp_path_factory.mktemp("hostile-submissions")
    out_root = tmp_path_factory.mktemp("hostile-graded")
    out = out_root / "first"
    # the harm attempt knows every real path it would like to reach
    real_files = [str(submissions / spec.path) for spec in SPECS if spec.path != "a6_harm.ipynb"]
    private = [str(submissions), str(out_root), str(REPO / "course_instructor"), str(REPO / "solutions"), str(REPO / "exercises"),
               str(REPO / "lessons"), os.path.expanduser("~/.ipython")]
    targets = real_files + [str(out / "gradebook.csv"), str(out / "pwned.txt"), str(out_root / "pwned.txt"), str(submissions / "pwned.ipynb"),
                            str(REPO / "course_utils" / "checks" / "lesson_03.py"), str(REPO / "course_utils" / "pwned.py"),
                            str(REPO / "course_instructor" / "pwned.py"), str(_startup_folder() / "00-pwn.py")]
    context = {"marker": MARKER, "targets": targets, "private": private, "home": os.path.expanduser("~")}
    for spec in SPECS:
        _write(submissions, spec, context)
    (submissions / "a5_dirlink").symlink_to(REPO / "solutions", target_is_directory=True)  # a linked folder holding 03_activations.ipynb

    startup = _startup_folder()
    before = {"submissions": _tree_hashes(submissions), "course_utils": _tree_hashes(REPO / "course_utils", _course_utils_skip),
              "guarded": {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in _guarded_files()},
              "startup": sorted(os.listdir(startup)) if startup.is_dir() else None}
    watching, seen_running = threading.Event(), []

    def watch():  # proves the orphan really ran (else "none left" would prove nothing)
        while not watching.is_set():
            seen_running.extend(_marked_processes(MARKER))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.monotonic()
    first = run_course("grade", submissions, "--out", out, "--seed", SEED, "--exercise", "03", *LIMITS, timeout=400)
    first_seconds = time.monotonic() - started
    orphans = _marked_processes(MARKER)
    watching.set()
    watcher.join()
    after = {"submissions": _tree_hashes(submissions), "course_utils": _tree_hashes(REPO / "course_utils", _course_utils_skip),
             "guarded": {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in _guarded_files()},
             "startup": sorted(os.listdir(startup)) if startup.is_dir() else None}
    started = time.monotonic()
    second = run_course("grade", submissions, "--out", out_root / "second", "--seed", SEED, "--exercise", "03", *LIMITS, timeout=400)
    second_seconds = time.monotonic() - started
    print(f"\n[hostile batch] first run {first_seconds:.1f} s, rerun {second_seconds:.1f} s, {len(SPECS)} submissions")
    return {"submissions": submissions, "out": out, "second_out": out_root / "second", "first": first, "second": second,
            "before": before, "after": after, "orphans": orphans, "seen_running": seen_running, "seconds": (first_seconds, second_seconds),
            "out_root": out_root}


def _document(folder: Path) -> dict:
    return json.loads((folder / "gradebook.json").read_text(encoding="utf-8"))


def _rows(folder: Path) -> dict:
    return {row["learner"]: row for row in _document(folder)["learners"]}


def _feedback(batch, learner: str) -> str:
    row = _rows(batch["out"])[learner]
    return (batch["out"] / row["feedback"]).read_text(encoding="utf-8")


# --- the batch as a whole ---------------------------------------------------

def test_the_batch_completes_and_writes_a_gradebook(batch):
    first = batch["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    assert (batch["out"] / "gradebook.csv").is_file() and (batch["out"] / "gradebook.json").is_file()


def test_nothing_is_printed_as_a_traceback(batch):
    for run in ("first", "second"):
        assert "Traceback (most recent call last)" not in batch[run].stderr, batch[run].stderr[-3000:]
        assert "Traceback (most recent call last)" not in batch[run].stdout


def test_every_submission_has_one_row(batch):
    rows = _document(batch["out"])["learners"]
    learners = [row["learner"] for row in rows]
    assert len(learners) == len(set(learners)), learners
    expected = {spec.learner for spec in SPECS}
    assert expected <= set(learners), sorted(expected - set(learners))
    extra = set(learners) - expected
    assert extra <= {"a5_dirlink"}, extra  # a linked folder may be listed (refused) or skipped


def test_every_row_has_a_status_and_a_reason_when_not_graded(batch):
    from course_utils.grading.notebook import STATUSES

    for row in _document(batch["out"])["learners"]:
        assert row["status"] in STATUSES, row
        assert (row["status"] == "graded") == (row["reason"] == ""), row
        assert all(task in row for task in POINTS), row
        if row["exercise"] == "03":
            assert row["max"] == FULL, row


@pytest.mark.parametrize("spec", SPECS, ids=[spec.path.encode("ascii", "backslashreplace").decode()[:40] for spec in SPECS])
def test_submission_gets_what_it_deserves(batch, spec):
    row = _rows(batch["out"])[spec.learner]
    detail = f"{spec.attack}: got {row['status']} {row['total']}/{row['max']} ({row['reason']}); expected {spec.statuses} {spec.total}"
    assert row["status"] in spec.statuses and row["total"] == spec.total, detail + "\n" + _feedback(batch, spec.learner)[:3000]
    earned = sum(row[task] for task in POINTS if isinstance(row[task], int))
    assert earned == spec.total, detail


def test_a_rerun_with_the_same_seed_gives_the_same_gradebook(batch):
    assert batch["second"].returncode == 0, batch["second"].stderr[-3000:]
    first, second = batch["out"], batch["second_out"]
    first_text, second_text = (first / "gradebook.csv").read_text(encoding="utf-8"), (second / "gradebook.csv").read_text(encoding="utf-8")
    assert first_text == second_text, "\n".join(set(first_text.splitlines()) ^ set(second_text.splitlines()))
    assert _document(first) == _document(second)
    assert sorted(path.name for path in (first / "feedback").iterdir()) == sorted(path.name for path in (second / "feedback").iterdir())


# --- 1, 2, 4: no way to the answers -------------------------------------------

def test_the_lookup_table_is_a_real_attack():
    """The table answers do pass every public case (so 0 in the batch means the hidden cases caught them)."""
    from course_instructor.references.lesson_03 import REFERENCES
    from course_utils.grading.tasks import exercise_tasks

    namespace = {}
    exec(compile(lookup_table_source(), "table", "exec"), namespace)
    for task in exercise_tasks("03"):
        answer, reference = namespace[task.answer_name], REFERENCES[task.id].answer
        for case in task.cases():
            np.testing.assert_allclose(answer(*case.inputs), reference(*case.inputs), atol=1e-12)
        hidden = task.cases(SEED)
        assert any(not np.allclose(answer(*case.inputs), reference(*case.inputs)) for case in hidden), task.id


def test_the_solution_walk_found_nothing(batch):
    feedback = _feedback(batch, "a2_walk")
    assert re.search(r"probe found=0 walked=[1-9]\d* leaks=0", feedback), feedback[-1500:]


def test_the_frame_walk_gets_exactly_the_honest_points(batch):
    row = _rows(batch["out"])["a1_frames_partial"]
    assert [row[task] for task in POINTS] == [2, 2, 2, 0], row


# --- 5: links ---------------------------------------------------------------

def test_a_linked_submission_is_refused_with_a_reason(batch):
    row = _rows(batch["out"])["a5_link"]
    assert row["status"] == "refused" and "link" in row["reason"] and row["total"] == 0, row


def test_a_linked_folder_earns_nothing(batch):
    row = _rows(batch["out"]).get("a5_dirlink")
    assert row is None or (row["status"] == "refused" and row["total"] == 0), row


# --- 6: harm to others --------------------------------------------------------

def test_the_harm_attempt_saw_nothing_private_and_wrote_nothing(batch):
    feedback = _feedback(batch, "a6_harm")
    assert "probe seen=0 written=0" in feedback, feedback[-2000:]


def test_submissions_are_byte_identical(batch):
    before, after = batch["before"]["submissions"], batch["after"]["submissions"]
    changed = sorted(set(before) ^ set(after) | {path for path in before if before[path] != after.get(path)})
    assert not changed, changed


def test_course_files_are_byte_identical(batch):
    before, after = batch["before"], batch["after"]
    changed = sorted(set(before["course_utils"]) ^ set(after["course_utils"])
                     | {path for path in before["course_utils"] if before["course_utils"][path] != after["course_utils"].get(path)})
    assert not changed, changed
    assert before["guarded"] == after["guarded"]


def test_no_file_anywhere_in_the_course_carries_the_marker(batch):
    marked = []
    for root in (REPO / "course_utils", REPO / "course_instructor", REPO / "solutions", batch["submissions"]):
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 5_000_000 and MARKER.encode() in path.read_bytes():
                if path.suffix != ".ipynb" or path.parent != batch["submissions"]:  # the attacks' own sources hold it
                    marked.append(str(path))
    assert not marked, marked


def test_no_ipython_startup_file_was_added(batch):
    assert batch["before"]["startup"] == batch["after"]["startup"]


def test_the_out_folder_holds_only_the_gradebook(batch):
    out = batch["out"]
    assert sorted(path.name for path in out.iterdir()) == ["feedback", "gradebook.csv", "gradebook.json"]
    assert all(path.suffix == ".md" for path in (out / "feedback").iterdir())
    assert not any((batch["out_root"] / name).exists() for name in ("pwned.txt",))
    assert not Path("/tmp/pwned").exists() or MARKER not in Path("/tmp/pwned").read_text(errors="replace")


# --- 7: orphans and memory ----------------------------------------------------

def test_no_orphan_survives_the_batch(batch):
    assert batch["seen_running"], "the orphan never ran: the attack proves nothing"
    assert not batch["orphans"], batch["orphans"]
    assert not _marked_processes(MARKER)


def test_a_memory_hog_in_a_grandchild_is_stopped_for_memory(batch):
    row = _rows(batch["out"])["a7_memory"]
    assert row["status"] == "memory" and "MB" in row["reason"], row


# --- 8: malformed results -----------------------------------------------------

@pytest.mark.parametrize("learner", ["a8_garbage", "a8_wrong_shape"])
def test_a_malformed_result_is_reported_not_raised(batch, learner):
    row = _rows(batch["out"])[learner]
    assert row["status"] in ("invalid_result", "crashed") and row["reason"], row


# --- 9: names and messages ----------------------------------------------------

def test_distinct_learners_get_distinct_feedback_files(batch):
    rows = _document(batch["out"])["learners"]
    names = [row["feedback"] for row in rows]
    assert len(names) == len(set(names)) and len({name.casefold() for name in names}) == len(names)
    for row in rows:
        path = batch["out"] / row["feedback"]
        assert path.is_file() and len(path.name.encode()) <= 255, row["feedback"]
        assert f"Score: **{row['total']} / {row['max']}**" in path.read_text(encoding="utf-8"), row["learner"]


def test_cjk_learners_are_kept_apart(batch):
    rows = _rows(batch["out"])
    assert (rows["李雷"]["total"], rows["王芳"]["total"]) == (FULL, 0)
    assert rows["李雷"]["feedback"] != rows["王芳"]["feedback"]
    assert "李雷" in _feedback(batch, "李雷") and "王芳" in _feedback(batch, "王芳")


def test_bob_and_bob_2_are_both_present(batch):
    rows = _rows(batch["out"])
    bobs = {learner: row for learner, row in rows.items() if learner.startswith("bob")}
    assert sorted(bobs) == ["bob", "bob (2)", "bob (3)"], sorted(bobs)
    assert {(row["file"], row["total"]) for row in bobs.values()} == {("03_activations.ipynb", FULL), ("bob (2).ipynb", 0), ("bob.ipynb", 2)}
    assert len({row["feedback"] for row in bobs.values()}) == 3


def test_a_255_byte_folder_name_is_graded(batch):
    assert len(LONG.encode()) == 255
    row = _rows(batch["out"])[LONG]
    assert row["total"] == FULL and (batch["out"] / row["feedback"]).is_file(), row["feedback"]


def test_csv_cells_that_look_like_formulas_are_neutralised(batch):
    with open(batch["out"] / "gradebook.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)
    learners = {row["learner"]: row for row in rows}
    assert learners["'=cmd"]["file"] == "'=cmd.ipynb" and learners["'@sum"]["file"] == "'@sum.ipynb"


def test_feedback_holds_no_script_and_no_forged_line(batch):
    for path in (batch["out"] / "feedback").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text.lower(), path.name
        forged = [line for line in text.splitlines() if line.lstrip().startswith(("- ✓ 03.", "## ✓ 03.softmax"))]
        row = next(row for row in _document(batch["out"])["learners"] if row["feedback"] == f"feedback/{path.name}")
        honest = ["## ✓ 03.softmax: a numerically stable softmax over the last axis (4/4)"] if row["03.softmax"] == 4 else []
        assert forged == honest, (path.name, forged)
    assert "&lt;script&gt;alert\\(1\\)" in _feedback(batch, "a9_script")  # the messages did reach the feedback, escaped
    assert "&lt;script&gt;alert\\(3\\)" in _feedback(batch, "a9_forged_messages")


# --- the text-encoding batch ----------------------------------------------------

SURROGATE_CELL = "raise ValueError('bad \\udcff text from the learner')"
SURROGATE_ANSWERS = {"softmax": "def softmax(logits):\n    raise ValueError('lone surrogate \\ud800 in a message')"}


ENCODING_ATTACKS = {  # name -> (file name as bytes, notebook): each graded next to an honest control, in a batch of its own
    "surrogates_in_messages": (b"surrogates.ipynb", lambda: notebook(SURROGATE_ANSWERS, inside=[SURROGATE_CELL])),
    "forged_surrogates": (b"forged_surrogate.ipynb", lambda: notebook(inside=[FORGED_SURROGATE])),
    "forged_dtype_error_quoted_in_reason": (b"forged_dtype.ipynb", lambda: notebook(inside=[FORGED_DTYPE])),
    "non_utf8_file_name": (b"latin1-\xe9t\xe9.ipynb", lambda: EXERCISE),
}


@pytest.mark.parametrize("attack", list(ENCODING_ATTACKS))
def test_text_a_learner_controls_never_stops_the_batch(tmp_path, attack):
    """Lone surrogates (in an exception message, in a forged result's notes and messages, in an error the grader quotes)
    and a file name that is not UTF-8: each is a learner's doing and must not cost the batch its gradebook."""
    file_name, build = ENCODING_ATTACKS[attack]
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    (submissions / "control.ipynb").write_text(nbformat.writes(SOLUTION), encoding="utf-8")
    with open(os.fsencode(submissions) + b"/" + file_name, "wb") as handle:
        handle.write(nbformat.writes(build()).encode("utf-8"))
    run = run_course("grade", submissions, "--out", tmp_path / "out", "--seed", SEED, "--exercise", "03", *LIMITS, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-1500:]
    rows = _rows(tmp_path / "out")
    assert len(rows) == 2 and rows["control"]["total"] == FULL, rows
    assert all(row["total"] == 0 for learner, row in rows.items() if learner != "control")


# --- feedback file names that collide ---------------------------------------------

@pytest.fixture(scope="module")
def collision_batch(tmp_path_factory):
    """``Bob.ipynb`` and ``bob.ipynb`` differ only in case, so both get a path-hashed feedback name; a third learner's
    folder is named exactly like one of those (knowing the grader's path is enough to compute it)."""
    from course_instructor.submissions import file_stem

    submissions = tmp_path_factory.mktemp("hostile-collision")
    (submissions / "Bob.ipynb").write_text(nbformat.writes(EXERCISE), encoding="utf-8")
    (submissions / "bob.ipynb").write_text(nbformat.writes(EXERCISE), encoding="utf-8")
    squatter = file_stem(f"Bob\0" + "03" + f"\0{submissions.as_posix()}/Bob.ipynb")
    (submissions / squatter).mkdir()
    (submissions / squatter / "03_activations.ipynb").write_text(nbformat.writes(SOLUTION), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-collision-graded") / "out"
    run = run_course("grade", submissions, "--out", out, "--seed", SEED, "--exercise", "03", *LIMITS, timeout=300)
    return {"run": run, "out": out, "squatter": squatter}


def test_a_learner_cannot_take_another_learners_feedback_file(collision_batch):
    assert collision_batch["run"].returncode == 0, collision_batch["run"].stderr[-2000:]
    rows = _rows(collision_batch["out"])
    assert sorted(rows) == sorted(["Bob", "bob", collision_batch["squatter"]])
    names = [row["feedback"] for row in rows.values()]
    assert len({name.casefold() for name in names}) == 3, names
    for row in rows.values():
        text = (collision_batch["out"] / row["feedback"]).read_text(encoding="utf-8")
        assert f"Score: **{row['total']} / 10**" in text, (row["learner"], row["feedback"])
