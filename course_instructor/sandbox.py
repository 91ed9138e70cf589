"""Run one submission's notebook in a sandbox of its own (bubblewrap, on Linux).

The sandbox sees, read-only, the system folders, the Python installation and
the learner's side of the course (`course_utils`) and nothing else of the
machine: not this package (the references), not the solutions, not other
submissions, not ``--out``, not the instructor's home. It has no network, a
private writable ``/tmp`` (also its home and working folder, limited in size),
its own process-ID namespace (every process it starts dies with it, and all
of them are descendants that the memory limit counts), and it runs as an
unprivileged user. The result comes back over the runner's standard output
pipe, which is read to its end after the sandbox's last process is gone.

Without bubblewrap (macOS, Windows, or a Linux that forbids namespaces),
`course grade` refuses unless told ``--no-sandbox``; then the notebook runs as
a plain process with the grader's permissions, and every report says so.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from course_utils.grading.process import Limits, RunOutput, run_notebook_process

TMP_BYTES = 256 * 2**20
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
PASSED_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "LANG", "LC_ALL")
UNSANDBOXED_NOTE = "not sandboxed (--no-sandbox): the notebook ran with the grader's own permissions"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces here; the message says what to do."""


def _package_folder(name: str) -> Path:
    """The folder of an importable package, resolved."""
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec(name)
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def visible_folders() -> list[Path]:
    """The folders bound read-only into the sandbox, besides the system folders: Python and the learner's package."""
    folders = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.executable).resolve().parent.parent,
               _package_folder("course_utils")}
    return sorted(folders)


def hidden_folders() -> list[Path]:
    """Folders that must stay out of sight even when they lie inside a visible one: references and solutions."""
    instructor = _package_folder("course_instructor")
    return [instructor, instructor.parent / "solutions"]


def _under(path: Path, roots) -> bool:
    return any(path == root or root in path.parents for root in roots)


def environment(home: str = "/tmp/home", tmp: str = "/tmp") -> dict:
    """The notebook's environment: quiet TensorFlow, its home and temporary files in its own folders, nothing of the grader's.

    Args:
        home: Its home folder (inside the sandbox: ``/tmp/home``).
        tmp: Its temporary folder.
    """
    from course_utils.environment import TENSORFLOW_ENVIRONMENT  # noqa: PLC0415

    variables = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": tmp, "MPLBACKEND": "Agg",
                 "MPLCONFIGDIR": f"{home}/.matplotlib", "KERAS_HOME": f"{home}/.keras", "IPYTHONDIR": f"{home}/.ipython",
                 "PYTHONHASHSEED": "0", "LANG": "C.UTF-8", **TENSORFLOW_ENVIRONMENT}
    variables.update({name: os.environ[name] for name in PASSED_VARIABLES if name in os.environ})
    return variables


def bubblewrap_command() -> list[str]:
    """The bubblewrap command that wraps the runner (see the module docstring)."""
    command = [shutil.which("bwrap") or "bwrap", "--unshare-user", "--uid", "65534", "--gid", "65534", "--unshare-net", "--unshare-pid", "--unshare-ipc",
               "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv"]
    # The private /tmp first: the folders bound next may lie under /tmp (a venv in a clone there) and must stay visible.
    command += ["--proc", "/proc", "--dev", "/dev", "--size", str(TMP_BYTES), "--tmpfs", "/tmp", "--dir", "/tmp/home", "--dir", "/tmp/work"]
    for folder in SYSTEM_FOLDERS:
        command += ["--ro-bind-try", folder, folder]
    visible = visible_folders()
    for folder in visible:
        command += ["--ro-bind", str(folder), str(folder)]
    for folder in hidden_folders():
        if folder.is_dir() and _under(folder, [*visible, *map(Path, SYSTEM_FOLDERS)]):
            command += ["--tmpfs", str(folder)]
    command += ["--chdir", "/tmp/work"]
    for name, value in environment().items():
        command += ["--setenv", name, value]
    return command


@functools.lru_cache(maxsize=1)
def check_sandbox() -> None:
    """Make sure bubblewrap can build the sandbox here (once per process).

    Raises:
        SandboxUnavailable: If it is missing or fails; the message says how to go on.
    """
    if sys.platform != "linux" or shutil.which("bwrap") is None:
        raise SandboxUnavailable("Expected bubblewrap (`bwrap`) to sandbox learner code. Received: not found on this machine. "
                                 "Install it (Debian/Ubuntu: apt-get install bubblewrap), or grade with --no-sandbox "
                                 "only if you trust every submission.")
    probe = subprocess.run([*bubblewrap_command(), sys.executable, "-I", "-c", "import course_utils"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise SandboxUnavailable(f"Expected bubblewrap to create a sandbox. Received: it failed ({last}). "
                                 "Namespaces may be disabled here; grade with --no-sandbox only if you trust every submission.")


def run_submission(request: str, *, limits: Limits, sandbox: bool = True) -> RunOutput:
    """Run the notebook runner on a request, in the sandbox (or, with ``sandbox=False``, as a plain process).

    Args:
        request: The runner's request (cells and hidden cases).
        limits: Time and memory limits.
        sandbox: False only for ``--no-sandbox``.

    Returns:
        The `RunOutput`.

    Raises:
        SandboxUnavailable: If `sandbox` is True and no sandbox can be made.
    """
    if sandbox:
        check_sandbox()
        return run_notebook_process(request, limits=limits, cwd="/", env={}, prefix=tuple(bubblewrap_command()))
    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        env = {**os.environ, **environment(home=str(home), tmp=scratch)}
        return run_notebook_process(request, limits=limits, cwd=scratch, env=env)
