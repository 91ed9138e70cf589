"""Judge plain outcomes against a task's definition (can run in any process).

Judging only reads plain data (see `plain.py`): it never calls the learner's
objects. Type and shape are checked first, then values with tolerances.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .tasks import Case, Task

# What a learner most often did when a number comes out as nan or inf.
NON_FINITE_HINT = "nan or inf usually means an overflow (exp of a large number) or a division by zero."


@dataclass(frozen=True)
class CaseResult:
    """The verdict on one case: `problem` and `hint` are empty when it passed."""

    name: str
    passed: bool
    problem: str = ""
    hint: str = ""


@dataclass(frozen=True)
class TaskResult:
    """The verdict on a task: all cases must pass to earn its points."""

    task_id: str
    title: str
    points: int
    cases: tuple
    hint: str

    @property
    def passed(self) -> bool:
        """True when every case passed."""
        return bool(self.cases) and all(case.passed for case in self.cases)

    @property
    def earned(self) -> int:
        """Points earned: all of them, or none."""
        return self.points if self.passed else 0

    def first_problem(self) -> str:
        """The first failing case as ``"<case>: <problem>"``, or ``""``."""
        failed = next((case for case in self.cases if not case.passed), None)
        return f"{failed.name}: {failed.problem}" if failed else ""


def _is_number(value) -> bool:
    """True for plain numbers and 0-d numeric arrays."""
    return isinstance(value, (bool, int, float)) or (isinstance(value, np.ndarray) and value.ndim == 0)


def _index_text(index: tuple) -> str:
    """Format an array index for a message: ``(1, 2)`` or ``3``."""
    return str(index[0]) if len(index) == 1 else str(tuple(int(i) for i in index))


def compare_values(expected, value, *, atol: float = 1e-6, rtol: float = 1e-6) -> "str | None":
    """Compare a plain value with the expected plain value.

    Numbers and arrays are compared with tolerances; dicts (e.g. the
    gradients of every parameter, or a tuple result named by
    `function_task`'s ``returns``) entry by entry.

    Args:
        expected: The reference result (plain data).
        value: The learner's result (plain data).
        atol: Absolute tolerance.
        rtol: Relative tolerance.

    Returns:
        None when they agree; otherwise what is wrong, without revealing
        `expected` beyond its type and shape.
    """
    if isinstance(expected, dict):
        return _compare_dicts(expected, value, atol=atol, rtol=rtol)
    if _is_number(expected):
        if not _is_number(value):
            shape = getattr(value, "shape", None)
            return f"returned {'an array of shape ' + str(shape) if shape is not None else 'a ' + type(value).__name__}; expected a single number"
        expected, value = np.asarray(expected, dtype=float), np.asarray(value, dtype=float)
    else:
        if not isinstance(value, np.ndarray) or value.ndim == 0:
            return f"returned a single {type(value).__name__ if not isinstance(value, np.ndarray) else 'number'}; expected an array of shape {expected.shape}"
        if value.shape != expected.shape:
            return f"returned shape {value.shape}; expected shape {expected.shape}"
    value, expected = value.astype(float), expected.astype(float)
    bad = ~np.isfinite(value) & np.isfinite(expected)
    if bad.any():
        return f"contains nan or inf in {int(bad.sum())} of {value.size} entries"
    error = np.abs(value - expected)
    tolerance = float(np.max(atol + rtol * np.abs(expected)))
    wrong = (error > atol + rtol * np.abs(expected)) | (np.isnan(value) != np.isnan(expected))
    if not wrong.any():
        return None
    if value.ndim == 0:
        return f"wrong value (not within the tolerance {tolerance:.0e})"
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    return f"values differ in {int(wrong.sum())} of {value.size} entries, the first at index {_index_text(first)} (tolerance {tolerance:.0e})"


def _compare_dicts(expected: dict, value, *, atol: float, rtol: float) -> "str | None":
    """Compare dicts of plain values entry by entry (see `compare_values`).

    Returns:
        None when the keys are the same and every entry agrees; otherwise what
        is wrong with the first entry that differs, named by its key.
    """
    if not isinstance(value, dict):
        return f"returned a {type(value).__name__}; expected a dict with keys {sorted(expected)}"
    if sorted(value) != sorted(expected):
        return f"returned a dict with keys {sorted(value)}; expected keys {sorted(expected)}"
    for key in expected:
        if problem := compare_values(expected[key], value[key], atol=atol, rtol=rtol):
            return f"{key}: {problem}"
    return None


def compares_with_expected(case: Case, value, expected: dict, *, atol: float = 1e-6, rtol: float = 1e-6) -> "str | None":
    """The judge of a function task: the value must equal ``expected["value"]`` within the tolerances.

    Args:
        case: The case (unused: the expected value already belongs to it).
        value: The learner's plain result.
        expected: ``{"value": <plain>, "mistakes": [...]}`` for this case.
        atol: Absolute tolerance.
        rtol: Relative tolerance.

    Returns:
        None when right, else what is wrong (see `compare_values`).
    """
    if not isinstance(expected, dict) or "value" not in expected:
        return "the check has no expected result for this case (run `course build-exercises`)"
    return compare_values(expected["value"], value, atol=atol, rtol=rtol)


KNOWN_MISTAKE_HINT = "This is the result you get if your function "


def known_mistake(task: Task, value, expected) -> "str | None":
    """The hint naming the first known mistake whose result equals `value` on this case, or None.

    ``expected["mistakes"]`` holds ``[mistake, plain result]`` pairs: what each
    of the task's known-wrong answers gives on the case (computed by the
    instructor's side, stored as data for public cases).
    """
    for pair in (expected or {}).get("mistakes", []) if isinstance(expected, dict) else []:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and compare_values(pair[1], value, atol=task.atol, rtol=task.rtol) is None:
            return f"{KNOWN_MISTAKE_HINT}{pair[0]}."
    return None


# Hints for failures that say nothing about the maths of the task.
ERROR_HINTS = {
    "timeout": "Look for a loop that never ends, e.g. a while loop whose condition never changes.",
    "mutated_input": "Build new arrays rather than changing the ones you were given: `x = x - m`, not `x -= m`; "
                     "`x[order]` or `rng.permutation(n)`, not `rng.shuffle(x)`; a new dict, not assignments into the old one.",
}


def _hint_for(task: Task, case: Case, outcome: dict, problem: str, expected) -> str:
    """Pick the most specific hint for a failed case: the task's diagnosis, a named known mistake, the case's hint."""
    error = outcome.get("error")
    if error in ERROR_HINTS:
        return ERROR_HINTS[error]
    if error in ("not_implemented", "missing"):
        return task.hint
    if outcome.get("status") == "ok":
        try:
            diagnosis = (task.diagnose(case, outcome.get("value"), expected) if task.diagnose else None) or known_mistake(
                task, outcome.get("value"), expected)
        except Exception:  # noqa: BLE001 (a diagnosis is a courtesy: malformed data falls back to the case's hint)
            diagnosis = None
        if diagnosis:
            return diagnosis
    if case.hint:
        return case.hint
    return NON_FINITE_HINT if "nan or inf" in problem else task.hint


def judge_case(task: Task, case: Case, outcome: dict | None, expected=None) -> CaseResult:
    """Judge one plain outcome (None when the outcome is missing) against what a right answer gives (`expected`)."""
    if not isinstance(outcome, dict) or outcome.get("case") != case.name:
        return CaseResult(case.name, False, "no result was produced for this case", task.hint)
    if outcome.get("status") != "ok":
        problem = str(outcome.get("message", "failed"))[:500]
        return CaseResult(case.name, False, problem, _hint_for(task, case, outcome, problem, expected))
    try:
        problem = task.judge(case, outcome.get("value"), expected)
    except Exception as error:  # noqa: BLE001 (malformed plain data must not crash grading)
        problem = f"the result could not be judged ({type(error).__name__}: {error})"
    if problem is None:
        return CaseResult(case.name, True)
    return CaseResult(case.name, False, problem, _hint_for(task, case, outcome, problem, expected))


def judge_task(task: Task, cases: list, outcomes: list, expected: list) -> TaskResult:
    """Judge the plain outcomes of every case of `task`.

    Args:
        task: The task definition.
        cases: The cases that were run (public or hidden), in order.
        outcomes: Plain outcomes, one per case in order (see `produce.py`).
        expected: What a right answer gives, one entry per case (see
            `Task.judge`); public cases read it from the stored data.

    Returns:
        The `TaskResult`.
    """
    outcomes = list(outcomes)[:len(cases)] + [None] * max(0, len(cases) - len(outcomes))
    expected = list(expected)[:len(cases)] + [None] * max(0, len(cases) - len(expected))
    results = tuple(judge_case(task, case, outcome, want) for case, outcome, want in zip(cases, outcomes, expected))
    return TaskResult(task.id, task.title, task.points, results, task.hint)
