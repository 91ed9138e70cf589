"""`course release --out DIR`: what an instructor hands to learners who are graded for credit.

The release holds the lessons, the exercises (no answers), the learner's side
of the package (`course_utils`: data, plots, check cells with the stored
public results) and an install file; no solutions, no references, no tests.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from course_utils.grading.expected import EXPECTED_DIR

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = '''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "course-utils"
version = "{version}"
description = "The learner's side of the offline deep-learning course: data, plots, check cells."
requires-python = ">=3.10"
dependencies = ["numpy", "scikit-learn", "matplotlib", "nbformat", "nbclient", "ipykernel", "psutil"]

[project.scripts]
course = "course_utils.cli:main"

[tool.setuptools.packages.find]
include = ["course_utils*"]

[tool.setuptools.package-data]
"course_utils.checks" = ["expected/*.json"]
'''
README = '''# Deep learning, hands-on and offline: learner release

Set up, then open the course in JupyterLab:

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/course lab

Work through `lessons/`, then `exercises/`: each task ends in a check cell that tries your answer on
public cases. In JupyterLab's terminal, `course check exercises/NN_topic.ipynb` scores a whole notebook
the same way; `course validate exercises/NN_topic.ipynb` also says whether it runs top to bottom. Your
instructor grades on hidden cases drawn the same way, so an answer that really solves the task
passes both.
'''


def _ignore(folder, names):
    return [name for name in names if name in {"__pycache__", ".ipynb_checkpoints"} or name.endswith(".pyc")]


def release(out: Path, *, repo: Path = REPO) -> list[Path]:
    """Write the learners' release into `out` (which must not exist yet or be empty).

    Returns:
        The top-level paths written.

    Raises:
        ValueError: If `out` is a non-empty folder or a file, or a public result file is missing.
    """
    from course_utils import __version__  # noqa: PLC0415
    from course_utils.grading.tasks import known_exercises  # noqa: PLC0415

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"Expected --out to be a new or empty folder. Received: {out} (not empty)")
    missing = [exercise for exercise in known_exercises() if not (EXPECTED_DIR / f"lesson_{exercise}.json").is_file()]
    if missing:
        raise ValueError(f"Expected stored public results for every exercise. Received: none for {', '.join(missing)} (run `course build-exercises`)")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "course_utils", out / "course_utils", ignore=_ignore)
    for folder in ("lessons", "exercises"):
        (out / folder).mkdir()
        for notebook in sorted((repo / folder).glob("[0-9][0-9]_*.ipynb")):
            shutil.copy2(notebook, out / folder / notebook.name)
    requirements = [line for line in (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()
                    if not line.startswith(("pytest", "nbval", "-e"))]
    (out / "requirements.txt").write_text("\n".join([*requirements, "-e ."]) + "\n", encoding="utf-8")
    (out / "pyproject.toml").write_text(PYPROJECT.format(version=__version__), encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")
    shutil.copy2(repo / "LICENSE", out / "LICENSE")
    return sorted(out.iterdir())
