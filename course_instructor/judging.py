"""Hidden cases and their right results, for one batch.

Each task's hidden cases are drawn by its own case generator with the batch
seed (`Task.cases(seed)`), so an answer that passes its check cells honestly
passes here, and a table of the public inputs matches nothing. What a right
answer gives on them comes from the references, computed here, once per
exercise and batch, outside any learner's process.
"""
from __future__ import annotations

import secrets
import threading

from course_utils.grading.notebook import draw

from .references import expected_for

SEED_LIMIT = 2**63


def new_seed() -> int:
    """A fresh batch seed (recorded in the gradebook, so a regrade can reuse it)."""
    return secrets.randbelow(SEED_LIMIT)


class HiddenCases:
    """The hidden cases and right results of every exercise for one batch seed (thread-safe, computed on first use)."""

    def __init__(self, seed: int):
        if not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
            raise ValueError(f"Expected a seed between 0 and 2**63 - 1. Received: {seed!r}")
        self.seed = seed
        self._lock = threading.Lock()
        self._drawn = {}

    def get(self, exercise: str) -> "tuple[list, dict]":
        """``(drawn, expected)`` for an exercise: ``[(task, cases), ...]`` and ``{task_id: [expected per case]}``."""
        with self._lock:
            if exercise not in self._drawn:
                drawn = draw(exercise, self.seed)
                self._drawn[exercise] = (drawn, {task.id: expected_for(task, cases) for task, cases in drawn})
            return self._drawn[exercise]
