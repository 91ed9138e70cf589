"""`course lab`: open the course in JupyterLab, at the course folder, with `course` on its terminals' PATH.

Started with a file path, JupyterLab roots its server at that file's folder,
so `jupyter lab lessons/00_welcome.ipynb` cannot reach `exercises/`. This
starts it at the course folder (the one holding `lessons/` and `exercises/`),
opens lesson 00, and puts this environment's scripts first on the PATH that
its terminals inherit, so `course check exercises/...` works there as the
lessons say.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIRST_LESSON = Path("lessons") / "00_welcome.ipynb"


def course_root(cwd: "Path | None" = None) -> Path:
    """The course folder: the one above this package if it holds the lessons (a clone or a release), else `cwd` if it does.

    Raises:
        ValueError: If neither holds ``lessons/`` and ``exercises/``.
    """
    for folder in (Path(__file__).resolve().parents[1], Path(cwd or Path.cwd()).resolve()):
        if (folder / "lessons").is_dir() and (folder / "exercises").is_dir():
            return folder
    raise ValueError(f"Expected to find the course folder (with lessons/ and exercises/). Received: none above {Path(__file__).parent} "
                     f"or at {Path(cwd or Path.cwd())}; run `course lab` from the course folder")


def lab_environment() -> dict:
    """This process's environment with its own scripts folder (where `course` is) first on PATH."""
    scripts = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])}


def lab_command(root: Path, extra: list) -> list[str]:
    """The JupyterLab command: rooted at `root`, opening lesson 00 (`extra` passed on, e.g. ``--no-browser``)."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers often run as root; JupyterLab refuses it otherwise
    return [*command, str(root / FIRST_LESSON)]


def run_lab(extra: list) -> int:
    """Start JupyterLab for the course and wait for it; returns its exit code (2 when there is no course folder)."""
    try:
        root = course_root()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Opening the course in JupyterLab at {root} (stop it with Ctrl+C)...", file=sys.stderr, flush=True)
    try:
        return subprocess.call(lab_command(root, list(extra)), env=lab_environment(), cwd=root)
    except KeyboardInterrupt:
        return 0
