"""Rebuild a submitted notebook from the official exercise template.

Only the learner's answer cells are taken from a submission; every other cell
(set-up, data, check cells) comes from the official template, so deleting,
editing, duplicating or reordering check cells, or redefining `check`,
changes nothing. An answer cell is matched by cell id first, then by its task
marker: the name the template cell defines (``def ink(``).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from .notebook import is_check_cell

ANSWER_PLACEHOLDER = "# YOUR CODE HERE"
DEFINITION = re.compile(r"^(?:def|class)\s+(?P<name>[A-Za-z_]\w*)|^(?P<assigned>[A-Za-z_]\w*)\s*=", re.MULTILINE)


@dataclass(frozen=True)
class Rebuilt:
    """A rebuilt notebook and how each answer cell was found.

    Attributes:
        notebook: The notebook to run: template cells with the learner's answers.
        answers: One ``(marker, how, source)`` per answer cell, ``how`` being
            ``"id"``, ``"name"`` or ``"missing"`` (then the template's stub is used).
    """

    notebook: object
    answers: tuple

    @property
    def matches(self) -> tuple:
        """One readable line per answer cell, e.g. ``"ink: matched by id"``."""
        return tuple(f"{marker}: missing (the template's stub is used)" if how == "missing" else f"{marker}: matched by {how}"
                     for marker, how, _ in self.answers)


def is_answer_cell(cell) -> bool:
    """True for a template code cell where the learner writes an answer."""
    return cell.cell_type == "code" and ANSWER_PLACEHOLDER in cell.source


def task_marker(cell) -> str:
    """The name a cell defines first (``def ink(...)`` -> ``"ink"``), or ``""``."""
    match = DEFINITION.search(cell.source)
    return (match["name"] or match["assigned"]) if match else ""


def _find_answer(template_cell, submission_cells, taken: set):
    """Return ``(cell, how)`` for the submission cell answering `template_cell`, or ``(None, "")``."""
    for index, cell in enumerate(submission_cells):
        if index not in taken and cell.cell_type == "code" and cell.get("id") == template_cell.get("id") and not is_check_cell(cell):
            taken.add(index)
            return cell, "id"
    marker = task_marker(template_cell)
    if marker:
        pattern = re.compile(rf"^(?:def|class)\s+{re.escape(marker)}\b|^{re.escape(marker)}\s*=", re.MULTILINE)
        for index, cell in enumerate(submission_cells):
            if index not in taken and cell.cell_type == "code" and pattern.search(cell.source):
                taken.add(index)
                return cell, "name"
    return None, ""


def rebuild(template, submission) -> Rebuilt:
    """Put the submission's answer cells into a copy of the template, without its check cells.

    Args:
        template: The official exercise notebook (`NotebookNode`).
        submission: The learner's notebook (`NotebookNode`); not modified.

    Returns:
        A `Rebuilt` whose notebook has no outputs and no check cells.
    """
    notebook = copy.deepcopy(template)
    notebook.cells = [cell for cell in notebook.cells if not is_check_cell(cell)]
    answers, taken = [], set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if not is_answer_cell(cell):
            continue
        marker = task_marker(cell) or cell.get("id", "?")
        answer, how = _find_answer(cell, submission.cells, taken)
        if answer is not None:
            cell.source = answer.source
        answers.append((marker, how or "missing", cell.source))
    return Rebuilt(notebook, tuple(answers))

