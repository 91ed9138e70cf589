"""Start the notebook runner in a process of its own, under time and memory limits, and read its result.

Used as it is by `course check` and `course validate` (a learner running
their own notebook), and inside a sandbox by the instructor's `course grade`
(which passes a command prefix such as bubblewrap's). The result is read from
the runner's standard output pipe until it closes; the runner's whole
process tree is killed before this returns, so nothing it started can write
anything afterwards.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

MAX_RESULT_BYTES = 64 * 2**20

#: How long the run's processes must stay over the memory limit before the run is stopped, in seconds.
#: A process that starts a program (``import tensorflow`` runs ``uname -p``) has, until the program starts,
#: a child whose resident memory is the parent's own, so the sum counts it twice. On a loaded machine
#: that moment lasted long enough to stop a right TensorFlow notebook for memory (limit 1200 MB, about
#: 750 MB used). An excess that lasts is still stopped, half a second later.
OVER_LIMIT_SECONDS = 0.5
RUNNER = ["-I", "-m", "course_utils.grading.runner"]


@dataclass(frozen=True)
class Limits:
    """Resource limits for one notebook run.

    Attributes:
        notebook_seconds: Wall time for the whole run.
        cell_seconds: Wall time per cell (the cell is stopped, the run goes on).
        memory_mb: Resident memory of all the run's processes together (for longer than `OVER_LIMIT_SECONDS`).
    """

    notebook_seconds: float = 600.0
    cell_seconds: float = 60.0
    memory_mb: float = 3072.0


@dataclass(frozen=True)
class RunOutput:
    """How a run ended: ``status`` is ``"finished"``, ``"timeout"``, ``"memory"`` or ``"crashed"``; `payload` is the result text."""

    status: str
    reason: str = ""
    payload: str = ""


def _family(process) -> list:
    import psutil  # noqa: PLC0415

    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return [process]


def tree_rss(process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    import psutil  # noqa: PLC0415

    total = 0
    for member in _family(process):
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def kill_tree(process) -> None:
    """Kill a process, its process group and all its descendants."""
    import psutil  # noqa: PLC0415

    family = _family(process)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    for member in reversed(family):
        try:
            member.kill()
        except psutil.Error:
            pass


def _feed(stream, data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except OSError:  # the runner died or stopped reading: its status says why
        pass


def _drain(stream, chunks: list, state: dict) -> None:
    """Read a pipe until it closes, keeping at most `MAX_RESULT_BYTES`."""
    while chunk := stream.read(1 << 16):
        state["size"] += len(chunk)
        if state["size"] <= MAX_RESULT_BYTES:
            chunks.append(chunk)


def run_notebook_process(request: str, *, limits: Limits, cwd, env: dict, prefix: tuple = (), python: str = sys.executable) -> RunOutput:
    """Run the notebook runner on a request and return what it wrote.

    Args:
        request: The runner's request (see `runner.py`).
        limits: Wall-time and memory limits for the whole run.
        cwd: The runner's working folder.
        env: Its environment.
        prefix: A command that wraps the runner (a sandbox), or empty.
        python: The interpreter to run it with.

    Returns:
        A `RunOutput`; ``"finished"`` when the runner closed its output and
        exited on its own within the limits.
    """
    import psutil  # noqa: PLC0415

    popen = subprocess.Popen([*prefix, python, *RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             cwd=cwd, env=env, start_new_session=True)
    process, start, stopped = psutil.Process(popen.pid), time.monotonic(), ""
    chunks, state = [], {"size": 0}
    threads = [threading.Thread(target=_feed, args=(popen.stdin, request.encode("utf-8")), daemon=True),
               threading.Thread(target=_drain, args=(popen.stdout, chunks, state), daemon=True)]
    for thread in threads:
        thread.start()
    over_since = None  # when the processes went over the memory limit, if they are over it now
    while popen.poll() is None:
        now = time.monotonic()
        if tree_rss(process) <= limits.memory_mb * 2**20:
            over_since = None
        elif over_since is None:
            over_since = now
        if now - start > limits.notebook_seconds:
            stopped = "timeout"
        elif over_since is not None and now - over_since >= OVER_LIMIT_SECONDS:
            stopped = "memory"
        if stopped:
            break
        time.sleep(0.05)
    kill_tree(process)
    popen.wait()
    threads[1].join(timeout=10)
    popen.stdout.close()
    if stopped == "timeout":
        return RunOutput("timeout", f"the notebook ran longer than {limits.notebook_seconds:g} s")
    if stopped == "memory":
        return RunOutput("memory", f"the notebook used more than {limits.memory_mb:g} MB of memory")
    if state["size"] > MAX_RESULT_BYTES:
        return RunOutput("crashed", f"the notebook's result was over {MAX_RESULT_BYTES // 2**20} MB")
    payload = b"".join(chunks).decode("utf-8", errors="replace")
    if popen.returncode != 0 or not payload:
        return RunOutput("crashed", f"the notebook's process ended before reporting its answers (exit code {popen.returncode})")
    return RunOutput("finished", payload=payload)
