"""How the suite's tests are shared between the pytest-xdist workers (speed only, never results).

The README's test command runs ``-n auto --dist loadfile --no-loadscope-reorder``. This file lives at the
repository root so that it is loaded whatever path pytest is given (``pytest lessons/`` too).

- **Units of work** (``CourseScheduling``): a file's tests run on one worker, one after another (a notebook's
  cells share one kernel; a module's fixtures are built once), except in ``SPREAD``: files of many
  independent tests, sent to the workers one test at a time.
- **How many workers** (``pytest_xdist_auto_num_workers``, for ``-n auto``): one per core, plus one on
  machines of up to 4 cores, whose cores would otherwise idle while tests wait for kernels, sandboxes and
  the browser to start.
- **Order** (``pytest_collection_modifyitems``): the longest units first (``FIRST``, measured), then the
  notebooks, then the other files, then ``SPREAD``'s single tests, which fill the gaps at the end, so that no
  worker is left with a long unit after the other has finished (longest-first scheduling).

pytest-xdist's own ``--dist loadgroup`` would do the first part with marks, but under pytest 9 it spreads
marked tests one by one (it renames ``item._nodeid``, which pytest 9 no longer reads), splitting notebooks.
"""
import gc
import os
import sys
from pathlib import Path

import pytest
from xdist.scheduler import LoadFileScheduling

ROOT = Path(__file__).resolve().parent

# Many independent tests each, with no expensive module-scoped fixture: spread one test at a time.
SPREAD = ("tests/test_checks.py", "tests/test_feedback.py", "tests/test_grade_course_folders.py")

# The longest units, longest first (seconds in one quiet run with 2 workers, 2026-11-29).
FIRST = (
    "tests/test_grade_course_folders.py",  # solutions and exercises, each a unit of its own (one notebook at a time)
    "tests/test_grade_hostile.py",  # 45 s set-up: a crafted batch graded in the sandbox
    "tests/test_nbgrader.py",  # 39 s set-up: a real nbgrader round trip
    "tests/test_course_check.py",  # about 50 s: `course check` in fresh interpreters
    "tests/test_site.py",  # about 40 s: the site built and opened in chromium
    "tests/test_grade.py",  # 27 s set-up: a batch graded in the sandbox
)


# The test after which this worker froze TensorFlow's objects (see `pytest_runtest_logfinish`).
FROZEN_WITH_TENSORFLOW = []


def file_of(nodeid: str) -> str:
    """Return the file part of a test id (``tests/test_x.py::test_y[z]`` gives ``tests/test_x.py``)."""
    return nodeid.split("::", 1)[0]


class CourseScheduling(LoadFileScheduling):
    """pytest-xdist's ``loadfile`` scheduling, but ``SPREAD``'s tests are units of their own."""

    def _split_scope(self, nodeid: str) -> str:
        """Return the unit of work a test belongs to: its file, or itself for ``SPREAD``'s tests."""
        return nodeid if file_of(nodeid) in SPREAD else file_of(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Use ``CourseScheduling`` for ``--dist loadfile``; leave every other mode to pytest-xdist.

    Args:
        config: The pytest configuration (of the controller).
        log: pytest-xdist's logger for schedulers.

    Returns:
        A ``CourseScheduling``, or None to let pytest-xdist choose.
    """
    if config.getvalue("dist") == "loadfile":
        return CourseScheduling(config, log)
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config):  # noqa: ARG001 (the hook's signature)
    """Return how many workers ``-n auto`` starts: the cores plus one on up to 4 cores, else one per core.

    Measured on the 2-core machine (2026-11-29, same commit): 2 workers 647 s, 3 workers 605 s. Each worker
    and each notebook kernel holds TensorFlow (about 0.6 GB), so larger machines keep one worker per core.

    Args:
        config: The pytest configuration.

    Returns:
        The number of workers, or None to let pytest-xdist count the cores.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1 if cores <= 4 else None


def start_order(nodeid: str) -> int:
    """Return when a test's unit should start: ``FIRST`` in order, then notebooks, other files, ``SPREAD``.

    Args:
        nodeid: The test's id.

    Returns:
        A rank; lower starts earlier.
    """
    path = file_of(nodeid)
    if path in FIRST:
        return FIRST.index(path)
    if path.endswith(".ipynb"):
        return len(FIRST)
    return len(FIRST) + (2 if path in SPREAD else 1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On pytest-xdist's workers, put the tests in ``start_order`` (stable: a file's order is kept).

    The workers' order is the order in which the controller hands out the units (``--no-loadscope-reorder``).
    A run without workers keeps pytest's order.

    Args:
        config: The pytest configuration.
        items: The collected tests, reordered in place.
    """
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: start_order(item.nodeid))


def pytest_runtest_logfinish(nodeid: str, location) -> None:  # noqa: ARG001 (the hook's signature)
    """Freeze this worker's objects once, after the first test that imported TensorFlow (speed only).

    Frozen objects are kept and left out of the garbage collector's full passes. TensorFlow and Keras
    make about 650,000 objects that live as long as the worker; without this every full pass rescans
    them (in `tests/test_checks.py` the full passes took 1.3-1.4 s with this, 1.7-2.1 s without). Tests
    that import TensorFlow through `course_utils.environment.import_keras` freeze it there; right answers
    that ``import tensorflow`` themselves are caught here.

    Args:
        nodeid: The test's id.
        location: Where the test is.
    """
    if "tensorflow" in sys.modules and not FROZEN_WITH_TENSORFLOW:
        gc.freeze()
        FROZEN_WITH_TENSORFLOW.append(nodeid)
