"""The grading sandbox, probed from inside: what a submission can see, write, reach and leave behind."""
import sys

import pytest

from course_instructor import sandbox
from course_utils.grading.notebook import read_result
from course_utils.grading.plain import dumps
from course_utils.grading.process import Limits

from .conftest import REPO, missing_system_tool


def _sandbox_or_skip():
    try:
        sandbox.check_sandbox()
    except sandbox.SandboxUnavailable as error:
        missing_system_tool(str(error))


def run_cells(cells, *, limits=Limits(notebook_seconds=60, cell_seconds=20, memory_mb=1500)):
    """Run code cells in the sandbox with no task; return (status, the cells' errors)."""
    _sandbox_or_skip()
    request = dumps({"cells": [[number, source] for number, source in enumerate(cells, start=1)], "cell_timeout": limits.cell_seconds,
                     "tasks": []})
    run = sandbox.run_submission(request, limits=limits)
    return run.status, (read_result(run.payload, [])[0] if run.status == "finished" else run.reason)


PROBES = {
    "references are not importable": "import importlib\ntry:\n    importlib.import_module('course_instructor.references.lesson_03')\nexcept ImportError:\n    pass\nelse:\n    raise AssertionError('imported')",
    "the repository is not visible": f"import os\nassert not os.path.exists({str(REPO / 'solutions')!r})\nassert not os.path.exists({str(REPO / 'tests')!r})\nassert not os.path.exists({str(REPO / 'course_instructor' / 'references')!r})",
    "the learner's package is read-only": "import course_utils, pathlib\np = pathlib.Path(course_utils.__file__).parent / 'checks' / 'lesson_03.py'\ntry:\n    p.open('a').write('x')\nexcept OSError:\n    pass\nelse:\n    raise AssertionError('wrote')",
    "no network": "import socket\ns = socket.socket()\ns.settimeout(2)\ntry:\n    s.connect(('127.0.0.1', 22))\nexcept OSError:\n    pass\nelse:\n    raise AssertionError('connected')",
    "home and working folder are private": "import os\nassert os.environ['HOME'] == '/tmp/home' and os.getcwd() == '/tmp/work'\nassert not os.path.exists('/root/.bashrc')\nopen('/tmp/home/x', 'w').write('ok')",
    "an unprivileged user in its own PID namespace": "import os\nassert os.getuid() == 65534\nassert max(int(p) for p in os.listdir('/proc') if p.isdigit()) < 50",
    "check cells are neutral": "from course_utils import check\nassert check('03.softmax', None) is None",
}


@pytest.mark.parametrize("name", PROBES)
def test_the_sandbox_holds(name):
    status, errors = run_cells([PROBES[name]])
    assert status == "finished" and errors == [], errors


def test_a_child_that_briefly_shares_the_notebooks_memory_is_not_stopped_for_memory():
    """Before: a fork counted the parent's memory twice until the child started its program or ended.

    `import tensorflow` starts `uname -p` so; on a loaded machine a right TensorFlow notebook was stopped for
    memory (1200 MB limit, about 750 MB used). Here 600 MB of ballast is shared with a child for 50 ms.
    """
    brief_fork = ("import os, time, numpy as np\n"
                  "ballast = np.ones(75_000_000)\n"
                  "for _ in range(5):\n    pid = os.fork()\n    if pid == 0:\n        time.sleep(0.05)\n        os._exit(0)\n"
                  "    os.waitpid(pid, 0)\n    time.sleep(0.1)\n")
    status, errors = run_cells([brief_fork], limits=Limits(notebook_seconds=60, cell_seconds=50, memory_mb=1000))
    assert status == "finished" and errors == [], errors


def test_every_process_dies_with_the_sandbox_and_memory_counts_them_all():
    import psutil

    marker = "course-sandbox-orphan-marker"
    orphan = ("import os, time, numpy as np\n"
              "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              f"        os.environ['MARK'] = {marker!r}\n        ballast = np.ones(200_000_000)\n        time.sleep(300)\n    os._exit(0)\n"
              "time.sleep(30)\n")
    status, reason = run_cells([orphan], limits=Limits(notebook_seconds=60, cell_seconds=50, memory_mb=1200))
    assert status == "memory", reason
    survivors = []
    for process in psutil.process_iter(["environ"]):
        try:
            if (process.info.get("environ") or {}).get("MARK") == marker:
                survivors.append(process.pid)
        except psutil.Error:
            continue
    assert not survivors


def test_a_cell_that_runs_too_long_is_stopped_and_the_run_goes_on():
    status, errors = run_cells(["while True:\n    pass", "x = 1"], limits=Limits(notebook_seconds=60, cell_seconds=1, memory_mb=1500))
    assert status == "finished" and len(errors) == 1 and "longer than 1 s" in errors[0]


def test_without_bubblewrap_grading_refuses_and_says_how_to_go_on(monkeypatch):
    sandbox.check_sandbox.cache_clear()
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="--no-sandbox"):
            sandbox.check_sandbox()
    finally:
        sandbox.check_sandbox.cache_clear()


def test_the_unsandboxed_mode_runs_the_same_way():
    request = dumps({"cells": [[1, "x = 2"]], "cell_timeout": 5, "tasks": []})
    run = sandbox.run_submission(request, limits=Limits(notebook_seconds=60), sandbox=False)
    assert run.status == "finished" and read_result(run.payload, []) == ([], {})
    assert sys.executable


def test_the_private_tmp_is_mounted_before_the_folders_it_could_hide():
    """A clone (and its venv) under /tmp stays visible: bubblewrap mounts in order, so /tmp's tmpfs must come first."""
    command = sandbox.bubblewrap_command()
    tmp = next(index for index, word in enumerate(command) if word == "--tmpfs" and command[index + 1] == "/tmp")
    binds = [index for index, word in enumerate(command) if word == "--ro-bind"]
    assert binds and tmp < min(binds)
    assert [command[index + 1] for index in binds] == [str(folder) for folder in sandbox.visible_folders()]
