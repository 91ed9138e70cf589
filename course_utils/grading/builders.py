"""Shorthands for the common kinds of task, so a lesson's checks read as data."""
from __future__ import annotations

import copy
import warnings
from typing import Callable

import numpy as np

from .judge import compare_values, matches_reference
from .plain import to_plain
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


KNOWN_MISTAKE_HINT = "This is the result you get if your function "


def known_mistake(wrong_answers: tuple[WrongAnswer, ...], *, named: Callable[[Callable], Callable], atol: float, rtol: float):
    """Build a `Task.diagnose` that names the known mistake whose result the learner's value equals.

    On a failed case, each known-wrong answer (the course's own code, never
    the learner's) runs on a fresh copy of the case's inputs; when its result
    agrees with the learner's value within the task's tolerances, the hint
    names that mistake. Answers that raise, or that agree with nothing, leave
    the choice to the case's hint.

    Args:
        wrong_answers: The task's `WrongAnswer`s.
        named: Turns a function into what the task judges (e.g. names its tuple elements).
        atol: Absolute tolerance, as for the reference.
        rtol: Relative tolerance, as for the reference.

    Returns:
        ``diagnose(case, value) -> hint or None``.
    """

    def diagnose(case: Case, value):
        for wrong in wrong_answers:
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    result = to_plain(named(wrong.make())(*copy.deepcopy(case.inputs)))
            except Exception:  # noqa: BLE001 (a mistake that raises cannot be recognised by its value)
                continue
            if compare_values(result, value, atol=atol, rtol=rtol) is None:
                return f"{KNOWN_MISTAKE_HINT}{wrong.mistake}."
        return None

    return diagnose


def _first_diagnosis(*diagnoses: Callable | None) -> Callable:
    """Combine diagnoses: the first one that names a hint wins."""

    def diagnose(case: Case, value):
        for function in diagnoses:
            if function is not None and (hint := function(case, value)):
                return hint
        return None

    return diagnose


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
        diagnose: Optional ``diagnose(case, value) -> hint`` (see `Task`); it
            comes first, then a hint naming the known mistake the value
            matches (`known_mistake`), then the case's hint.

    Returns:
        The `Task`.
    """
    run = call_with_inputs if returns is None else _run_named(returns)
    named = (lambda function: function) if returns is None else (lambda function: _named(function, returns))
    wrong_answers = tuple(wrong_answers)
    recognise = known_mistake(wrong_answers, named=named, atol=atol, rtol=rtol)
    return Task(id=id, title=title, points=points, answer_name=reference.__name__, make_cases=cases, run=run,
                judge=matches_reference(named(reference), atol=atol, rtol=rtol), reference=reference, hint=hint,
                wrong_answers=wrong_answers, time_limit=time_limit, diagnose=_first_diagnosis(diagnose, recognise))
