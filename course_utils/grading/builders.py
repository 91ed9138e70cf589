"""Shorthands for the common kinds of task, so a lesson's checks read as data."""
from __future__ import annotations

from typing import Callable

from .judge import matches_reference
from .tasks import Task, WrongAnswer, call_with_inputs


def function_task(id: str, title: str, points: int, *, reference: Callable, cases: Callable[[], list], hint: str,
                  wrong_answers: tuple[WrongAnswer, ...], atol: float = 1e-6, rtol: float = 1e-6, time_limit: float = 10.0) -> Task:  # noqa: A002 (the task's id)
    """A task whose answer is a function judged against a reference function.

    The learner's function must have the reference's name (``answer_name``)
    and signature; each case calls it with ``case.inputs`` and compares the
    result with the reference's, type and shape first, then values.

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

    Returns:
        The `Task`.
    """
    return Task(id=id, title=title, points=points, answer_name=reference.__name__, make_cases=cases, run=call_with_inputs,
                judge=matches_reference(reference, atol=atol, rtol=rtol), reference=reference, hint=hint,
                wrong_answers=tuple(wrong_answers), time_limit=time_limit)
