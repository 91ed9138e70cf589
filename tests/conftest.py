"""Shared test set-up: quiet TensorFlow before anything imports it (nbval kernels inherit the environment).

``TF_NUM_INTEROP_THREADS=1`` (speed only, tests only): the suite runs several TensorFlow processes at once on
few cores, and each one's pool of threads for independent ops spins while it waits for work. One such thread
per process changes no result (ops still run on all cores, and op determinism keeps every number) and saved
4 to 8% of the CPU time of four heavy lessons run three at a time (143 against 147 and 168 against 180 CPU-s).
"""
import os
import sys
from pathlib import Path

# Before anything imports TensorFlow, in this process and in every notebook kernel it starts.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_network(monkeypatch):
    """Make every attempt to open a network connection fail the test (data loaders must work offline)."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def ax():
    """A fresh matplotlib Axes (non-interactive backend), closed after the test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO


def run_course(*args, cwd=REPO, timeout=600, env=None):
    """Run the `course` CLI in a subprocess with this interpreter; return the CompletedProcess.

    Args:
        *args: The command's arguments, e.g. ``"grade", folder, "--out", out``.
        cwd: Its working folder.
        timeout: Seconds before it is stopped.
        env: Its environment (default: this process's).

    Returns:
        The `subprocess.CompletedProcess`, with text stdout and stderr.
    """
    import subprocess

    return subprocess.run([sys.executable, "-m", "course_utils", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env)


def plain_shell_environment() -> dict:
    """This process's environment without TensorFlow's logging variables (`TENSORFLOW_ENVIRONMENT`): a learner's or instructor's plain shell."""
    from course_utils.environment import TENSORFLOW_ENVIRONMENT

    return {key: value for key, value in os.environ.items() if key not in TENSORFLOW_ENVIRONMENT}


def missing_system_tool(what: str) -> None:
    """Fail in CI, whose `.ci/run` installs the system tools the tests need (bubblewrap, chromium); skip elsewhere.

    Args:
        what: What is missing and how to install it, for the message.

    Raises:
        pytest.fail.Exception: When CI is set (``1``, ``true`` or ``yes``).
        pytest.skip.Exception: Otherwise.
    """
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{what} (CI=true: .ci/run installs it with apt-get; run it as root)")
    pytest.skip(what)
