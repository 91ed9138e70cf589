"""What a right answer gives on each public case, stored as data (no answer code ships to learners).

``course_utils/checks/expected/lesson_NN.json`` holds, for each task of
exercise NN and each of its public cases, ``{"value": <plain>, "mistakes":
[[mistake, <plain>], ...]}``: the right result (for tasks that compare values)
and what each known-wrong answer gives there, so a check cell can name the
mistake. ``course build-exercises`` writes these files from the instructor's
references; a test verifies them against the references.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .plain import loads

EXPECTED_DIR = Path(__file__).resolve().parents[1] / "checks" / "expected"


def expected_path(exercise: str) -> Path:
    """The stored file of exercise `exercise`'s public expected results."""
    return EXPECTED_DIR / f"lesson_{exercise}.json"


@functools.lru_cache(maxsize=None)
def _load(exercise: str) -> dict:
    path = expected_path(exercise)
    if not path.is_file():
        return {}
    return loads(path.read_text(encoding="utf-8"), trusted=True)


def public_expected(task) -> list:
    """What a right answer gives on each public case of `task` (one dict per case).

    Args:
        task: A `Task`.

    Returns:
        One ``{"value": ..., "mistakes": [...]}`` per public case; empty dicts
        when nothing is stored (a task that checks properties only).

    Raises:
        ValueError: If the task compares values and its stored data is
            missing or does not match its cases.
    """
    stored = _load(task.exercise).get(task.id)
    if stored is None and not task.compares:
        return [{} for _ in task.cases()]
    if not isinstance(stored, list):
        raise ValueError(f"Expected stored results for {task.id} in {expected_path(task.exercise).name}. Received: none "
                         "(instructors: run `course build-exercises`)")
    return stored
