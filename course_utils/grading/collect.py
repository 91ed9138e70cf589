"""Collect plain outcomes inside a notebook kernel (the produce half of grading).

`course check` appends one cell to the learner's notebook that calls
`collect_outcomes`; it looks up each task's answer by name in the notebook's
namespace, produces plain outcomes and writes them as JSON for the judge,
which runs in the `course` process.
"""
from __future__ import annotations

from pathlib import Path

from .plain import dumps
from .produce import missing_answer, produce
from .tasks import exercise_tasks

_MISSING = object()


def collect_outcomes(exercise: str, namespace: dict, path) -> None:
    """Produce every task's outcomes from `namespace` and write them to `path` as JSON.

    Args:
        exercise: Two-digit exercise number.
        namespace: The notebook's globals.
        path: Where to write ``{task_id: [outcome, ...]}``.
    """
    outcomes = {}
    for task in exercise_tasks(exercise):
        answer = namespace.get(task.answer_name, _MISSING)
        outcomes[task.id] = missing_answer(task) if answer is _MISSING else produce(task, answer)
    Path(path).write_text(dumps(outcomes), encoding="utf-8")


def collect_cell_source(exercise: str, path) -> str:
    """The source of the cell appended to a notebook to collect its outcomes.

    It first drops every loaded `course_utils` module, so that a notebook that
    monkey-patched the package (say, to make `produce` report the reference's
    values) is graded by a fresh copy read from disk.
    """
    return (
        "import sys as __course_sys\n"
        "for __course_name in [n for n in __course_sys.modules if n == 'course_utils' or n.startswith('course_utils.')]:\n"
        "    del __course_sys.modules[__course_name]\n"
        "from course_utils.grading.collect import collect_outcomes as __course_collect\n"
        f"__course_collect({exercise!r}, globals(), {str(path)!r})"
    )
