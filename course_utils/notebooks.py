"""Read, execute and write notebooks (shared by the CLI, authoring, the tests and the benchmark).

Kernels are started with the course's environment variables (quiet
TensorFlow, no oneDNN round-off differences) and in a working directory of
the caller's choice; nothing here writes a notebook unless asked to.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .environment import TENSORFLOW_ENVIRONMENT

KERNEL_NAME = "python3"


class InvalidNotebook(ValueError):
    """A file that is not a readable Jupyter notebook; the message says why in one line."""


def read_notebook(path):
    """Read and validate a notebook without changing the file.

    Args:
        path: Path to an ``.ipynb`` file.

    Returns:
        The `nbformat.NotebookNode` (format version 4).

    Raises:
        InvalidNotebook: If the file is missing, empty, not JSON, or not a
            valid notebook; the message names the file and the reason.
    """
    import nbformat  # noqa: PLC0415

    path = Path(path)
    if not path.is_file():
        raise InvalidNotebook(f"{path}: not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidNotebook(f"{path}: cannot be read as UTF-8 text ({type(error).__name__})") from None
    if not text.strip():
        raise InvalidNotebook(f"{path}: the file is empty")
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 (nbformat raises many kinds; all mean "not a notebook")
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        raise InvalidNotebook(f"{path}: not a valid Jupyter notebook ({reason})") from None
    return notebook


def kernel_environment() -> dict:
    """The environment for notebook kernels: this process's, plus the course's TensorFlow settings."""
    return {**os.environ, **{k: os.environ.get(k, v) for k, v in TENSORFLOW_ENVIRONMENT.items()}, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def execute(notebook, *, working_dir, cell_timeout: float = 120, allow_errors: bool = False,
            interrupt_on_timeout: bool = False, timeout_for=None):
    """Execute a notebook in place (in memory) in a fresh kernel.

    Args:
        notebook: A `NotebookNode`; its outputs are replaced.
        working_dir: Directory the kernel starts in.
        cell_timeout: Seconds allowed per cell.
        allow_errors: Keep going after a cell raises (for grading);
            otherwise stop at the first error.
        interrupt_on_timeout: Interrupt a cell that runs out of time and go
            on with the next one, instead of raising `CellTimeoutError`.
        timeout_for: Optional ``function(cell) -> seconds or None`` giving
            some cells another limit than `cell_timeout` (None: the default).

    Returns:
        The same notebook, executed.

    Raises:
        nbclient.exceptions.CellExecutionError: A cell raised and
            `allow_errors` is False.
        nbclient.exceptions.CellTimeoutError: A cell ran out of time.
        nbclient.exceptions.DeadKernelError: The kernel died.
    """
    from nbclient import NotebookClient  # noqa: PLC0415

    client = NotebookClient(notebook, timeout=cell_timeout, kernel_name=KERNEL_NAME, allow_errors=allow_errors,
                            interrupt_on_timeout=interrupt_on_timeout, resources={"metadata": {"path": str(working_dir)}})
    if timeout_for is not None:
        client.timeout_func = lambda cell: timeout_for(cell) or cell_timeout
    # The kernel's own stderr (e.g. its transport warning) is noise for learners; cell errors still reach the outputs.
    client.execute(env=kernel_environment(), stderr=subprocess.DEVNULL)
    return notebook


def write_notebook(notebook, path) -> None:
    """Write a notebook in the repository's canonical form (1-space JSON indent, final newline)."""
    import nbformat  # noqa: PLC0415

    Path(path).write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def strip_execution_metadata(notebook) -> None:
    """Remove per-run noise (execution timings) from cell metadata, in place."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
