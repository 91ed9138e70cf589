"""`course release`: what learners graded for credit get holds no solution and no reference, and its checks work."""
import subprocess
import sys

from .conftest import REPO, run_course


def test_release_has_the_learners_side_only_and_its_checks_work(tmp_path):
    out = tmp_path / "release"
    result = run_course("release", "--out", out)
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in out.iterdir())
    assert names == ["LICENSE", "README.md", "course_utils", "exercises", "lessons", "pyproject.toml", "requirements.txt"]
    assert sorted(p.name for p in (out / "exercises").iterdir()) == sorted(p.name for p in (REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "### BEGIN SOLUTION" not in text, path
    assert not [path for path in out.rglob("*") if path.name in ("course_instructor", "references", "solutions")]
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import numpy as np, course_utils\n"
             "assert course_utils.__file__.startswith(sys.argv[1]), course_utils.__file__\n"
             "from course_utils.grading import grade_answer\n"
             "def softmax(z):\n    e = np.exp(z - z.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1, keepdims=True)\n"
             "assert grade_answer('03.softmax', softmax).passed\n"
             "assert not grade_answer('03.softmax', lambda z: np.exp(z) / np.exp(z).sum()).passed\n"
             "try:\n    import course_instructor\nexcept ImportError:\n    pass\n")
    checked = subprocess.run([sys.executable, "-c", probe, str(out)], capture_output=True, text=True, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_course("release", "--out", tmp_path)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"
