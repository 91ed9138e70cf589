"""Shorthands for the common kinds of task, so a lesson's checks read as data."""
from __future__ import annotations

from typing import Callable

from .judge import matches_reference
from .produce import WrongAnswerType
from .tasks import Case, Task, WrongAnswer, call_with_inputs


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


def _named(function: Callable, names: tuple[str, ...]) -> Callable:
    """Wrap `function` so that its tuple result comes back as a dict of named elements."""

    def named(*args):
        return name_results(function(*args), names)

    named.__name__ = function.__name__
    return named


def _run_named(names: tuple[str, ...]) -> Callable:
    """A `Task.run` that calls the answer with the case's inputs and names its tuple result."""

    def run(answer, case: Case):
        return name_results(answer(*case.inputs), names)

    return run


def function_task(id: str, title: str, points: int, *, reference: Callable, cases: Callable[[], list], hint: str,
                  wrong_answers: tuple[WrongAnswer, ...], atol: float = 1e-6, rtol: float = 1e-6, time_limit: float = 10.0,
                  returns: tuple[str, ...] | None = None, diagnose: Callable | None = None) -> Task:  # noqa: A002 (the task's id)
    """A task whose answer is a function judged against a reference function.

    The learner's function must have the reference's name (``answer_name``)
    and signature; each case calls it with ``case.inputs`` and compares the
    result with the reference's, type and shape first, then values. A
    function that returns several arrays (a tuple) is judged element by
    element when `returns` names them; the feedback then names the element.

    Args:
        id: ``"NN.name"``.
        title: What the learner builds, in one line.
        points: Points for passing every case.
        reference: The reference solution; its ``__name__`` is the name the notebook defines.
        cases: Zero-argument function returning the `Case` list.
        hint: General hint.
        wrong_answers: At least three known-wrong answers.
        atol: Absolute tolerance.
        rtol: Relative tolerance.
        time_limit: Seconds per case.
        returns: Names of the elements of a tuple result, e.g.
            ``("grad_x", "grad_w", "grad_b")``; None for a single value.
        diagnose: Optional ``diagnose(case, value) -> hint`` (see `Task`).

    Returns:
        The `Task`.
    """
    run, expected = (call_with_inputs, reference) if returns is None else (_run_named(returns), _named(reference, returns))
    return Task(id=id, title=title, points=points, answer_name=reference.__name__, make_cases=cases, run=run,
                judge=matches_reference(expected, atol=atol, rtol=rtol), reference=reference, hint=hint,
                wrong_answers=tuple(wrong_answers), time_limit=time_limit, diagnose=diagnose)
