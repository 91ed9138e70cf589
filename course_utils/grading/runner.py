"""Run a notebook's cells, then its answers on the cases it is sent (the learner's process).

    python -I -m course_utils.grading.runner  < request  > result

The request (standard input, `plain.dumps` text) is::

    {"cells": [[cell number, source], ...], "cell_timeout": seconds,
     "tasks": [{"id": "03.softmax", "cases": [{"name": ..., "inputs": (...), "data": {...}}, ...]}, ...]}

The runner executes every code cell in order in one IPython namespace, as
Jupyter's *Run All* would, but goes on after a cell that raises or runs out
of time, and with check cells made neutral (``check()`` does nothing). Then
it looks up each task's answer by name and runs it on the cases it was sent,
reducing each result to plain data (`produce.py`). It writes one result to
the standard output it was started with::

    {"cells": [[cell number, "ErrorName: message"], ...], "outcomes": {task_id: [outcome, ...]}}

Before any notebook code runs, that output is moved to a private descriptor
and the notebook's own prints go to the null device, so what a notebook
prints never mixes with the result. Nothing here judges: the process that
started the runner judges the plain outcomes, with what it alone knows.
"""
from __future__ import annotations

import os
import signal
import sys

from . import CHECK_CELLS_VARIABLE

MAX_MESSAGE = 200


class CellTimeout(BaseException):
    """Raised inside a cell that runs past the cell time limit (a BaseException: ``except Exception`` cannot swallow it)."""


def _take_standard_streams() -> int:
    """Keep the original standard output for the result; send fd 0 from, and fds 1 and 2 to, the null device.

    Returns:
        The private descriptor the result is written to.
    """
    channel = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(null, descriptor)
    os.close(null)
    return channel


def _read_request() -> dict:
    from .plain import loads  # noqa: PLC0415

    return loads(sys.stdin.buffer.read().decode("utf-8"), trusted=True)


def _new_shell():
    """An in-process IPython shell (magics, display) with no history file and no startup files."""
    os.environ.setdefault("IPYTHONDIR", os.path.join(os.environ.get("TMPDIR", "/tmp"), f"course-ipython-{os.getpid()}"))
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415
    from traitlets.config import Config  # noqa: PLC0415

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    return InteractiveShell.instance(config=config)


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0][:MAX_MESSAGE] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + text if text else ''}"


def _alarm(seconds: float, handler) -> None:
    """Start (or, with 0, stop) the cell alarm; without SIGALRM (Windows) only the whole run's limit applies."""
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0 if seconds else 0)


def run_cells(shell, cells: list, cell_timeout: float) -> list:
    """Run each cell in order; return ``[cell number, error]`` for each cell that raised or ran out of time."""

    def on_alarm(signum, frame):  # noqa: ARG001 (signal handler signature)
        raise CellTimeout(f"the cell ran longer than {cell_timeout:g} s and was stopped")

    errors = []
    for number, source in cells:
        _alarm(cell_timeout, on_alarm)
        try:
            outcome = shell.run_cell(source, store_history=False)
        except BaseException as error:  # noqa: BLE001 (a timeout can land outside IPython's own handler)
            outcome, late = None, error
        finally:
            _alarm(0, signal.SIG_DFL)
        error = (outcome.error_before_exec or outcome.error_in_exec) if outcome is not None else late
        if error is not None:
            errors.append([number, _describe(error)])
    return errors


def run_answers(namespace: dict, tasks: list) -> dict:
    """Run each task's answer from `namespace` on the cases sent; return ``{task_id: [outcome, ...]}``."""
    from .produce import missing_answer, produce  # noqa: PLC0415
    from .tasks import Case, get_task  # noqa: PLC0415

    outcomes = {}
    for sent in tasks:
        task = get_task(sent["id"])
        cases = [Case(case["name"], tuple(case["inputs"]), dict(case.get("data", {}))) for case in sent["cases"]]
        answer = namespace.get(task.answer_name, missing := object())
        outcomes[task.id] = missing_answer(task, cases) if answer is missing else produce(task, answer, cases)
    return outcomes


def _write(channel: int, text: str) -> None:
    data = text.encode("utf-8")
    while data:
        data = data[os.write(channel, data):]
    os.close(channel)


def main() -> None:
    """Entry point: read the request, run the notebook and its answers, write the result, exit at once."""
    from .plain import dumps  # noqa: PLC0415

    request = _read_request()
    channel = _take_standard_streams()
    os.environ[CHECK_CELLS_VARIABLE] = "skip"
    os.environ.setdefault("MPLBACKEND", "Agg")
    shell = _new_shell()
    errors = run_cells(shell, list(request["cells"]), float(request.get("cell_timeout", 60)))
    outcomes = run_answers(shell.user_ns, list(request["tasks"]))
    _write(channel, dumps({"cells": errors, "outcomes": outcomes}))
    os._exit(0)  # no atexit hooks, no waiting for threads the notebook started


if __name__ == "__main__":
    main()
