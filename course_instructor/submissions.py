"""Find the submissions of a batch and say whose each one is.

Only regular files inside the given folders are taken: a symbolic link (to
the solutions, to another learner's file, anywhere) or a file that resolves
outside its folder is refused, with a gradebook row that says so. Learner
names come from the paths and are made unique per exercise; feedback file
names (`file_stem`) are unique, bounded in length and stable across runs.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .authoring import NOTEBOOK_NAME

MAX_STEM = 60


@dataclass
class Submission:
    """One submitted notebook, whose it is, and why it is refused (empty when it is not).

    Attributes:
        learner: Whose it is (see `learner_name`).
        path: The file as found.
        refused: Why it is not graded, or ``""``.
        key: Its path relative to the folder it was found in (the same on every
            machine and from every working folder: shards are chosen by it).
    """

    learner: str
    path: Path
    refused: str = ""
    key: str = ""

    def __post_init__(self):
        self.key = self.key or self.path.name


def learner_name(path: Path) -> str:
    """``alice.ipynb`` -> ``alice``; ``alice/01_tensors.ipynb`` -> ``alice`` (bytes that are not UTF-8 shown escaped)."""
    from course_utils.grading.notebook import clean_text  # noqa: PLC0415

    return clean_text(path.parent.name if NOTEBOOK_NAME.match(path.name) and path.parent.name else path.stem, 300)


def _refusal(path: Path, root: Path) -> str:
    """Why a found file cannot be graded (a link, or outside its folder), or ``""``."""
    parts = [root, *[root.joinpath(*path.relative_to(root).parts[:i]) for i in range(1, len(path.relative_to(root).parts) + 1)]]
    if any(part.is_symlink() for part in parts[1:]):
        return LINK
    resolved = path.resolve()
    if root.resolve() not in resolved.parents:
        return "outside the submissions folder"
    return ""


LINK = "a symbolic link, not a submitted file: links are never followed"


def _walk(root: Path) -> list[Submission]:
    """Every ``*.ipynb`` below `root` (hidden entries skipped); links to files or folders come back refused."""
    found = []
    for folder, folders, files in os.walk(root, followlinks=False):
        folder = Path(folder)
        for name in sorted(folders):
            if not name.startswith(".") and (folder / name).is_symlink():
                found.append(Submission(learner_name(folder / name), folder / name, LINK, (folder / name).relative_to(root).as_posix()))
        folders[:] = sorted(name for name in folders if not name.startswith(".") and not (folder / name).is_symlink())
        for name in sorted(files):
            path = folder / name
            if name.endswith(".ipynb") and not name.startswith("."):
                found.append(Submission(learner_name(path), path, _refusal(path, root), path.relative_to(root).as_posix()))
    return found


def find_submissions(arguments) -> list[Submission]:
    """Expand files and folders into submissions, sorted by path.

    Folders are searched recursively for ``*.ipynb`` (hidden files and folders,
    such as checkpoints, are skipped; symbolic links are listed as refused).

    Raises:
        ValueError: If an argument does not exist or nothing was found.
    """
    found = []
    for argument in map(Path, arguments):
        if argument.is_dir() and not argument.is_symlink():
            found += _walk(argument)
        elif argument.is_symlink():
            found.append(Submission(learner_name(argument), argument, LINK))
        elif argument.is_file():
            found.append(Submission(learner_name(argument), argument))
        else:
            raise ValueError(f"Expected submission files or folders. Received a path that does not exist: {argument}")
    if not found:
        raise ValueError(f"Expected at least one .ipynb submission. Received: {', '.join(map(str, arguments))}")
    unique = {str(item.path): item for item in found}
    return [unique[key] for key in sorted(unique)]


def unique_names(graded: list) -> None:
    """Make (learner, exercise) pairs unique in place: a repeat becomes ``alice (2)`` (the next free number), in path order."""
    taken = {(item.learner, item.exercise) for item in graded}
    seen = set()
    for item in sorted(graded, key=lambda g: str(g.path)):
        key = (item.learner, item.exercise)
        if key in seen:
            number = 2
            while (f"{item.learner} ({number})", item.exercise) in taken:
                number += 1
            item.learner = f"{item.learner} ({number})"
            taken.add((item.learner, item.exercise))
        seen.add((item.learner, item.exercise))


def _safe(name: str) -> str:
    """Letters (any script), digits, ``.``, ``_`` and ``-``; everything else becomes ``_``."""
    name = unicodedata.normalize("NFC", name)
    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "learner"


def file_stem(name: str) -> str:
    """A file name stem for a learner name: readable, at most `MAX_STEM` characters, distinct for distinct names.

    A name that is not already a safe, short stem gets a short hash of the full
    name, so two names that read alike after cleaning never share a file.
    """
    safe = _safe(name)
    if safe == name and len(safe) <= MAX_STEM:
        return safe
    digest = hashlib.sha256(name.encode("utf-8", errors="surrogatepass")).hexdigest()[:10]
    return f"{safe[:MAX_STEM - 11]}-{digest}"
