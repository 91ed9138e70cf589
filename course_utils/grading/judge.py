"""Judge plain outcomes against a task's definition (can run in any process).

Judging only reads plain data (see `plain.py`): it never calls the learner's
objects. Type and shape are checked first, then values with tolerances.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .tasks import Case, Task, rubric_points

# What a learner most often did when a number comes out as nan or inf.
NON_FINITE_HINT = "nan or inf usually means an overflow (exp of a large number) or a division by zero."


@dataclass(frozen=True)
class CaseResult:
    """The verdict on one case: `problem` is empty when it passed.

    Attributes:
        name: The case's name.
        passed: Whether the answer was right on it.
        problem: What was wrong (never the expected answer).
        kind: ``"wrong"`` for a wrong value, else the error kind of the
            outcome (``"exception"``, ``"timeout"``, ... see `produce.py`),
            or ``"no_result"``.
        score: The measured score of a task with a rubric (see `Task.rubric`), else None.
    """

    name: str
    passed: bool
    problem: str = ""
    kind: str = ""
    score: "float | None" = None


@dataclass(frozen=True)
class TaskResult:
    """The verdict on a task: all cases must pass to earn its points.

    Attributes:
        task_id: E.g. ``"03.softmax"``.
        title: The task's title.
        points: Points for passing every case.
        cases: One `CaseResult` per case.
        hint: The one hint of a failed task ("" when it passed, was not
            started, or no hint applies); see `choose_hint`.
        rubric: The task's graded thresholds, if it has any (see `Task.rubric`).
    """

    task_id: str
    title: str
    points: int
    cases: tuple
    hint: str = ""
    rubric: tuple = ()

    @property
    def passed(self) -> bool:
        """True when every case passed."""
        return bool(self.cases) and all(case.passed for case in self.cases)

    @property
    def earned(self) -> int:
        """Points earned: all of them or none; under a rubric, what the lowest case score earns."""
        if self.passed:
            return self.points
        if self.rubric and self.cases and all(case.score is not None for case in self.cases):
            return min(rubric_points(self.rubric, case.score) for case in self.cases)
        return 0

    @property
    def status(self) -> str:
        """One phrase for a table: ``"passed"``, ``"not started"``, ``"not defined"``, ``"2 of 5 cases wrong"``, ``"raises an error"``, ..."""
        if self.passed:
            return "passed"
        if self.earned:
            return f"{self.earned} of {self.points} points by the rubric"
        failed = [case for case in self.cases if not case.passed]
        kinds = {case.kind for case in failed}
        for kind, phrase in STATUS_PHRASES.items():
            if kind in kinds:
                return phrase
        return f"{len(failed)} of {len(self.cases)} cases wrong"

    def first_problem(self) -> str:
        """The first failing case as ``"<case>: <problem>"``, or ``""``."""
        failed = next((case for case in self.cases if not case.passed), None)
        return f"{failed.name}: {failed.problem}" if failed else ""


# How a table names a failed task's state, the first kind present winning.
STATUS_PHRASES = {"not_implemented": "not started", "missing": "not defined", "no_result": "no result", "exception": "raises an error",
                  "timeout": "runs out of time", "wrong_type": "returns the wrong type", "overflow": "overflows",
                  "mutated_input": "changes its input"}


def _is_number(value) -> bool:
    """True for plain numbers and 0-d numeric arrays."""
    return isinstance(value, (bool, int, float)) or (isinstance(value, np.ndarray) and value.ndim == 0)


def _index_text(index: tuple) -> str:
    """Format an array index for a message: ``(1, 2)`` or ``3``."""
    return str(index[0]) if len(index) == 1 else str(tuple(int(i) for i in index))


def _describe(value) -> str:
    """What a plain value is, for a message: ``"a list of 4 items"``, ``"an array of shape (2, 3)"``, ``"a single number"``."""
    if isinstance(value, list):
        return f"a list or tuple of {len(value)} item{'s' if len(value) != 1 else ''} that is not a regular array"
    if isinstance(value, dict):
        return f"a dict with keys {', '.join(sorted(value)) or '(none)'}"
    if isinstance(value, np.ndarray) and value.ndim:
        return f"an array of shape {value.shape}"
    if _is_number(value):
        return "a single number"
    return f"a {type(value).__name__}"


def precision_tolerances(value, *, atol: float, rtol: float) -> "tuple[float, float] | None":
    """The tolerances a value of this dtype is judged with; None for a dtype too coarse for any task.

    A task's `atol`/`rtol` are for float64. A float32 result (what TensorFlow
    and Keras compute in) cannot be closer than float32's own round-off, so
    its tolerances are at least ``atol=1e-5, rtol=1e-4``; float16 and
    bfloat16 results are refused (no task allows them).
    """
    dtype = value.dtype if isinstance(value, np.ndarray) else np.dtype(float)
    if dtype.kind != "f" or dtype.itemsize >= 8:
        return atol, rtol
    if dtype.itemsize >= 4:
        return max(atol, FLOAT32_ATOL), max(rtol, FLOAT32_RTOL)
    return None


FLOAT32_ATOL, FLOAT32_RTOL = 1e-5, 1e-4


def compare_values(expected, value, *, atol: float = 1e-6, rtol: float = 1e-6) -> "str | None":
    """Compare a plain value with the expected plain value.

    Numbers and arrays are compared with tolerances that follow the value's
    precision (see `precision_tolerances`); dicts (e.g. the gradients of
    every parameter, or a tuple result named by `function_task`'s
    ``returns``) entry by entry.

    Args:
        expected: The reference result (plain data).
        value: The learner's result (plain data).
        atol: Absolute tolerance for float64 results.
        rtol: Relative tolerance for float64 results.

    Returns:
        None when they agree; otherwise what is wrong, without revealing
        `expected` beyond its type and shape.
    """
    if isinstance(expected, dict):
        return _compare_dicts(expected, value, atol=atol, rtol=rtol)
    if _is_number(expected):
        if not _is_number(value):
            return f"returned {_describe(value)}; expected a single number"
    elif not isinstance(value, np.ndarray) or value.ndim == 0:
        return f"returned {_describe(value)}; expected an array of shape {expected.shape}"
    elif value.shape != expected.shape:
        return f"returned shape {value.shape}; expected shape {expected.shape}"
    tolerances = precision_tolerances(value, atol=atol, rtol=rtol)
    if tolerances is None:
        return f"returned {value.dtype} values, too coarse for this task: compute in float32 or float64"
    atol, rtol = tolerances
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    bad = ~np.isfinite(value) & np.isfinite(expected)
    if bad.any():
        return f"contains nan or inf in {int(bad.sum())} of {value.size} entries"
    finite = np.isfinite(expected)  # where a right answer gives inf or nan, only the same inf or nan is right
    limit = atol + rtol * np.abs(np.where(finite, expected, 0.0))
    with np.errstate(invalid="ignore"):  # inf minus the same inf is nan: not an error, and not a warning
        error = np.where(finite, np.abs(value - expected), 0.0)
    same = (value == expected) | (np.isnan(value) & np.isnan(expected))
    tolerance = float(np.max(limit))
    wrong = np.where(finite, error > limit, ~same)
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
    keys = ", ".join(sorted(expected))
    if not isinstance(value, dict):
        tuple_note = " (a tuple or list is read as one array)" if isinstance(value, np.ndarray) and value.ndim else ""
        return f"returned {_describe(value)}{tuple_note}; expected a dict with keys {keys}"
    if sorted(value) != sorted(expected):
        return f"returned a dict with keys {', '.join(sorted(value)) or '(none)'}; expected a dict with keys {keys}"
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


def matching_mistakes(task: Task, value, expected) -> list:
    """The known mistakes whose result equals `value` on this case, in the order they are listed.

    ``expected["mistakes"]`` holds ``[mistake, plain result]`` pairs: what each
    of the task's known-wrong answers gives on the case (computed by the
    instructor's side, stored as data for public cases).
    """
    pairs = expected.get("mistakes", []) if isinstance(expected, dict) else []
    return [pair[0] for pair in pairs if isinstance(pair, (list, tuple)) and len(pair) == 2
            and compare_values(pair[1], value, atol=task.atol, rtol=task.rtol) is None]


def known_mistake(task: Task, values: list) -> "str | None":
    """The hint naming the first known mistake that every ``(value, expected)`` pair matches, or None."""
    common = None
    for value, expected in values:
        found = matching_mistakes(task, value, expected)
        common = found if common is None else [mistake for mistake in common if mistake in found]
    return f"{KNOWN_MISTAKE_HINT}{common[0]}." if common else None


# The hint of a task that fails by an error: it points at the problem, not at the maths.
ERROR_HINTS = {
    "exception": "Run your function on the task's example and read the error: the ✗ line names the line of your code that raised it.",
    "wrong_type": "Look at what your answer returns (print it, its type and its shape) and compare it with what the task text says it returns.",
    "timeout": "Look for a loop that never ends, e.g. a while loop whose condition never changes.",
    "mutated_input": "Build new arrays rather than changing the ones you were given: `x = x - m`, not `x -= m`; "
                     "`x[order]` or `rng.permutation(n)`, not `rng.shuffle(x)`; a new dict, not assignments into the old one.",
    "overflow": "An intermediate result grew past what a float holds before it was used: rearrange the computation "
                "so that no step exponentiates a large positive number.",
    "no_result": "Run every cell of the notebook from the top, then this check again.",
}
# Kinds whose ✗ line already says everything: the task was not started, or its answer is not defined.
SILENT_KINDS = ("not_implemented", "missing")


def _consistent(hints: list) -> "str | None":
    """The hint every entry agrees on (None entries count as disagreement), else None."""
    return hints[0] if hints and hints[0] and all(hint == hints[0] for hint in hints) else None


def _diagnosis(task: Task, case: Case, value, expected) -> "str | None":
    """The task's diagnosis of one wrong value, None when it has none (or it fails on malformed data)."""
    if task.diagnose is None:
        return None
    try:
        return task.diagnose(case, value, expected)
    except Exception:  # noqa: BLE001 (a diagnosis is a courtesy: malformed data falls back to the next rule)
        return None


def choose_hint(task: Task, failing: list) -> str:
    """The one hint of a failed task, from the evidence of every failing case.

    The rules, in order:

    1. an error (an exception, a wrong type or None, a timeout, an input
       changed in place, an overflow) gets the hint for that problem and no
       hint about the maths; a task not started or not defined gets none;
    2. a known mistake that every failing case's value matches is named;
    3. the task's diagnosis, when it gives the same hint on every failing case;
    4. the hint of the first failing case (or, without one, a hint about nan
       and inf or the task's general hint).

    Args:
        task: The task.
        failing: ``(case, outcome, problem, expected)`` for each failing case, in order.

    Returns:
        The hint ("" when none applies).
    """
    errors = [_kind(outcome) for _, outcome, _, _ in failing if _kind(outcome) != "wrong"]
    if errors:
        return ERROR_HINTS.get(errors[0], "") if errors[0] not in SILENT_KINDS else ""
    values = [(case, outcome.get("value"), want) for case, outcome, _, want in failing]
    named = known_mistake(task, [(value, want) for _, value, want in values])
    diagnosed = _consistent([_diagnosis(task, case, value, want) for case, value, want in values])
    case, _, problem, _ = failing[0]
    return named or diagnosed or case.hint or (NON_FINITE_HINT if "nan or inf" in problem else task.hint)


def _kind(outcome) -> str:
    """A failed outcome's kind (see `CaseResult.kind`)."""
    if not isinstance(outcome, dict):
        return "no_result"
    return "wrong" if outcome.get("status") == "ok" else str(outcome.get("error") or "no_result")


def judge_case(task: Task, case: Case, outcome: dict | None, expected=None) -> CaseResult:
    """Judge one plain outcome (None when the outcome is missing) against what a right answer gives (`expected`)."""
    if not isinstance(outcome, dict) or outcome.get("case") != case.name:
        return CaseResult(case.name, False, "no result was produced for this case", "no_result")
    if outcome.get("status") != "ok":
        return CaseResult(case.name, False, str(outcome.get("message", "failed"))[:500], _kind(outcome))
    try:
        if task.rubric:
            return _judge_by_rubric(task, case, outcome.get("value"), expected)
        problem = task.judge(case, outcome.get("value"), expected)
    except Exception as error:  # noqa: BLE001 (malformed plain data must not crash grading)
        problem = f"the result could not be judged ({type(error).__name__}: {error})"
    return CaseResult(case.name, True) if problem is None else CaseResult(case.name, False, problem, "wrong")


def _judge_by_rubric(task: Task, case: Case, value, expected) -> CaseResult:
    """Score one value of a task with a rubric: it passes at the top threshold; below, the problem says what it earns."""
    score = task.score(case, value, expected)
    if isinstance(score, str):
        return CaseResult(case.name, False, score, "wrong")
    score = float(score)
    earned = rubric_points(task.rubric, score)
    if earned == task.points:
        return CaseResult(case.name, True, score=score)
    return CaseResult(case.name, False, f"scored {score:.1%}: {earned} of {task.points} points by the rubric "
                                        f"({rubric_text(task.rubric)})", "wrong", score)


def rubric_text(rubric: tuple) -> str:
    """A rubric in words: ``"at least 80%: 4 points, 90%: 7 points, 95%: 10 points"``."""
    return "at least " + ", ".join(f"{minimum:.0%}: {points} point{'s' if points != 1 else ''}" for minimum, points in rubric)


def judge_task(task: Task, cases: list, outcomes: list, expected: list) -> TaskResult:
    """Judge the plain outcomes of every case of `task`, and choose the failed task's one hint.

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
    failing = [(case, outcome if isinstance(outcome, dict) and outcome.get("case") == case.name else None, result.problem, want)
               for case, outcome, want, result in zip(cases, outcomes, expected, results) if not result.passed]
    return TaskResult(task.id, task.title, task.points, results, choose_hint(task, failing) if failing else "", task.rubric)
