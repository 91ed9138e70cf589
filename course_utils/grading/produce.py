"""Produce plain outcomes from a learner's answer (runs in the learner's process).

For each case the answer is run under a time limit, on copies of the inputs.
Whatever happens becomes a plain `outcome` dict that `judge.py` can judge in
another process:

    {"case": name, "status": "ok", "value": <plain data>}
    {"case": name, "status": "error", "error": "<kind>", "message": "<what happened>"}

with the kinds in `ERROR_KINDS`.
"""
from __future__ import annotations

import builtins
import copy
import linecache
import os
import signal
import sys
import threading
import traceback
import warnings
from contextlib import contextmanager

import numpy as np

from .plain import NotPlainData, to_plain
from .tasks import Case, Task

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ERROR_KINDS = ("not_implemented", "exception", "timeout", "wrong_type", "mutated_input", "missing", "overflow")
# Libraries whose first import (seconds) does not count against a case's time limit.
UNTIMED_IMPORTS = frozenset({"tensorflow", "keras", "torch", "jax", "sklearn", "scipy", "pandas", "matplotlib"})


class WrongAnswerType(TypeError):
    """Raised by a task's `run` when the answer is not the kind of object asked for."""


class TimeLimitExceeded(BaseException):
    """Raised inside learner code when a case runs out of time.

    A `BaseException`, so that a learner's ``except Exception:`` cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float):
    """Interrupt the body with `TimeLimitExceeded` after `seconds`.

    Uses SIGALRM, so it works in the main thread on Unix (where Jupyter runs
    cells); elsewhere the body runs without a limit. The alarm repeats every
    half second until the body ends, in case learner code catches the first.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    state = {"active": True}

    def on_alarm(signum, frame):  # noqa: ARG001 (signal handler signature)
        if state["active"]:
            raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def untimed_first_imports():
    """Pause the case's time limit while a library in `UNTIMED_IMPORTS` is imported for the first time.

    An answer that runs ``import tensorflow`` inside its function spends
    seconds on its first case importing, not computing; that time is not
    the answer's. Only ``import`` statements (``builtins.__import__``) are
    watched.
    """
    original = builtins.__import__

    def watched(name, *args, **kwargs):
        top = name.partition(".")[0]
        if top not in UNTIMED_IMPORTS or top in sys.modules or not hasattr(signal, "setitimer"):
            return original(name, *args, **kwargs)
        remaining, interval = signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            return original(name, *args, **kwargs)
        finally:
            if remaining > 0:
                signal.setitimer(signal.ITIMER_REAL, remaining, interval)

    builtins.__import__ = watched
    try:
        yield
    finally:
        builtins.__import__ = original


@contextmanager
def watching_overflow():
    """Record whether NumPy overflowed in the body (NumPy's own overflow warning; nothing is printed).

    Yields:
        A list that holds the first overflow warning's text once one occurred.
    """
    seen: list = []
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn"):
        warnings.simplefilter("ignore")  # the ✗ line reports the consequence (e.g. nan) instead
        warnings.filterwarnings("default", message=".*overflow", category=RuntimeWarning)  # once per place
        yield seen
    seen.extend(str(warning.message) for warning in caught[:1])


def _learner_line(error: BaseException) -> str:
    """Return ``" (your code, line N: <source>)"`` for the deepest learner frame, or ``""``.

    A learner frame is one outside this package and outside installed
    libraries; its file name (a temporary path in Jupyter) is not shown.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        filename = os.path.abspath(frame.filename) if not frame.filename.startswith("<") else frame.filename
        if filename.startswith(_PACKAGE_DIR) or "site-packages" in filename or "/lib/python" in filename:
            continue
        source = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
        return f" (your code, line {frame.lineno}: {source})" if source else f" (your code, line {frame.lineno})"
    return ""


def _error(case: Case, kind: str, message: str) -> dict:
    """Build an error outcome."""
    return {"case": case.name, "status": "error", "error": kind, "message": message}


def _changed(before, after) -> bool:
    """True if a NumPy array, or an array held in a dict (e.g. parameters by name), was modified."""
    if isinstance(before, np.ndarray):
        return not (isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True))
    if isinstance(before, dict):
        return not isinstance(after, dict) or before.keys() != after.keys() or any(_changed(before[key], after[key]) for key in before)
    return False


def _changed_inputs(originals: tuple, copies: tuple) -> list[int]:
    """Return the positions of inputs (arrays or dicts of arrays) that the answer modified in place."""
    return [position for position, (before, after) in enumerate(zip(originals, copies)) if _changed(before, after)]


def run_case(task: Task, answer, case: Case) -> dict:
    """Run `answer` on one case and reduce what happens to a plain outcome.

    Args:
        task: The task definition (its `run` and `time_limit` are used).
        answer: The learner's answer, e.g. their function.
        case: The case to run.

    Returns:
        A plain outcome dict (see the module docstring).
    """
    inputs = copy.deepcopy(case.inputs)
    working_case = Case(case.name, inputs, copy.deepcopy(case.data), case.hint)
    try:
        with watching_overflow() as overflow, time_limit(task.time_limit), untimed_first_imports():
            raw = task.run(answer, working_case)
    except NotImplementedError:
        return _error(case, "not_implemented", "not implemented yet: replace `raise NotImplementedError()` with your code")
    except WrongAnswerType as error:
        return _error(case, "wrong_type", str(error))
    except TimeLimitExceeded:
        return _error(case, "timeout", f"took longer than the {task.time_limit:g} s limit (an endless loop?)")
    except Exception as error:  # noqa: BLE001 (any learner error becomes a ✗ line)
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return _error(case, "exception", f"raised {type(error).__name__}{': ' + message if message else ''}{_learner_line(error)}")
    if overflow and task.forbids_overflow:
        return _error(case, "overflow", f"overflowed (NumPy: {overflow[0]}); this task asks for a computation that never overflows")
    if changed := _changed_inputs(case.inputs, inputs):
        names = ", ".join(f"argument {position + 1}" for position in changed)
        return _error(case, "mutated_input", f"changed its input in place ({names}); work on a copy instead")
    if raw is None:
        return _error(case, "wrong_type", "returned None: is a `return` statement missing?")
    try:
        return {"case": case.name, "status": "ok", "value": to_plain(raw)}
    except NotPlainData as error:
        return _error(case, "wrong_type", f"returned {error}; expected numbers (a number, an array, or what the task names)")


def produce(task: Task, answer, cases: list) -> list[dict]:
    """Run `answer` on every case of `task`.

    Args:
        task: The task (its `run` and `time_limit` are used).
        answer: The learner's answer.
        cases: The cases to run (public or hidden).

    Returns:
        One plain outcome per case, in order.
    """
    outcomes = []
    for case in cases:
        if outcomes and outcomes[-1].get("error") == "timeout":  # don't wait out the same endless loop again
            outcomes.append(_error(case, "timeout", "not run: an earlier case ran out of time"))
        else:
            outcomes.append(run_case(task, answer, case))
    return outcomes


def missing_answer(task: Task, cases: list) -> list[dict]:
    """Outcomes for a notebook that never defined ``task.answer_name``."""
    message = f"`{task.answer_name}` is not defined: run the cell that defines it (and fix any error there)"
    return [_error(case, "missing", message) for case in cases]
