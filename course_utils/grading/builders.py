"""Shorthands for the common kinds of task, so a lesson's checks read as data."""
from __future__ import annotations

import functools
from typing import Callable

from .judge import compares_with_expected
from .produce import WrongAnswerType
from .tasks import Case, Task, call_with_inputs


def name_results(result, names: tuple[str, ...]) -> dict:
    """Turn a tuple result such as ``(grad_w, grad_b)`` into ``{"grad_w": ..., "grad_b": ...}``.

    Args:
        result: What a function returned.
        names: One name per expected element, in order.

    Returns:
        A dict from each name to its element.

    Raises:
        WrongAnswerType: If `result` is not a tuple or list of ``len(names)`` elements.
    """
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        received = f"a {type(result).__name__} of {len(result)} elements" if isinstance(result, (tuple, list)) else f"a {type(result).__name__}"
        raise WrongAnswerType(f"returned {received}; expected a tuple of {len(names)}: ({', '.join(names)})")
    return dict(zip(names, result))


def _run_named(names: tuple[str, ...]) -> Callable:
    """A `Task.run` that calls the answer with the case's inputs and names its tuple result."""

    def run(answer, case: Case):
        return name_results(answer(*case.inputs), names)

    return run


def function_task(id: str, title: str, points: int, *, answer_name: str, cases: Callable, hint: str, atol: float = 1e-6,  # noqa: A002
                  rtol: float = 1e-6, time_limit: float = 10.0, returns: tuple[str, ...] | None = None,
                  diagnose: Callable | None = None, run: Callable | None = None, more_hints: tuple = (),
                  forbids_overflow: bool = False) -> Task:
    """A task whose answer is a function whose result must equal a right answer's.

    The learner's function is called as ``answer_name(*case.inputs)`` on each
    case; its result is compared with what a right answer gives there, type
    and shape first, then values. A function that returns several arrays (a
    tuple) is judged element by element when `returns` names them; the
    feedback then names the element.

    Args:
        id: ``"NN.name"``.
        title: What the learner builds, in one line.
        points: Points for passing every case.
        answer_name: The name of the function the notebook defines.
        cases: ``cases(rng) -> list[Case]``.
        hint: The task's first hint (see `Task.hint`).
        atol: Absolute tolerance.
        rtol: Relative tolerance.
        time_limit: Seconds per case.
        returns: Names of the elements of a tuple result, e.g.
            ``("grad_x", "grad_w", "grad_b")``; None for a single value.
        diagnose: Optional ``diagnose(case, value, expected) -> hint`` (see
            `Task`); it comes first, then a hint naming the known mistake the
            value matches, then the case's hint.
        run: Optional ``run(answer, case)`` for answers that are not called
            with the case's inputs as they are (exercise 05 builds the function
            f to differentiate from a plain description); default
            ``answer(*case.inputs)``, tuple results named by `returns`.
        more_hints: Further, more explicit hints (see `Task.more_hints`).
        forbids_overflow: Fail a case where NumPy overflows (see `Task.forbids_overflow`).

    Returns:
        The `Task`.
    """
    run = run or (call_with_inputs if returns is None else _run_named(tuple(returns)))
    judge = functools.partial(compares_with_expected, atol=atol, rtol=rtol)
    return Task(id=id, title=title, points=points, answer_name=answer_name, make_cases=cases, run=run, judge=judge, hint=hint,
                time_limit=time_limit, diagnose=diagnose, compares=True, atol=atol, rtol=rtol, more_hints=tuple(more_hints),
                forbids_overflow=forbids_overflow)
