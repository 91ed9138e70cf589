"""course_utils: the helper library of the offline deep-learning course.

Importing it does nothing else: no seeding, no plot settings, and no
TensorFlow import (the helpers that need TensorFlow import it when called).

Modules, one concern each:

* `environment`: `setup_notebook`, `doctor` (lesson 00)
* `data`: offline, seeded data sets (`load_digits`, ...)
* `plotting`: plot helpers that take ``ax=None`` and return what they drew
* `grading`: `check` cells, `course check` / `course validate`, and the
  notebook runner that batch grading runs inside its sandbox
* `checks`: each exercise's task definitions (cases, judges, hints; no answers)

This is the learner's side of the course: everything here may be handed to
learners and runs inside the grading sandbox. The instructor's side
(references, batch grading, authoring) is the separate `course_instructor`.
"""
from .data import Split, load_digits, load_spirals, load_two_moons
from .environment import doctor, setup_notebook
from .grading import check, hint
from .plotting import (plot_confusion_matrix, plot_decision_boundary, plot_functions, plot_history, plot_image_grid, plot_loss_curves,
                       plot_loss_surface)

__all__ = [
    "Split",
    "check",
    "doctor",
    "hint",
    "load_digits",
    "load_spirals",
    "load_two_moons",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_functions",
    "plot_history",
    "plot_image_grid",
    "plot_loss_curves",
    "plot_loss_surface",
    "setup_notebook",
]
__version__ = "0.1.0"
