"""`course lab`: JupyterLab opened by the quickstart reaches exercises/, and its terminals find `course`."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

from .conftest import REPO


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read() or b"null")
    except OSError:
        return None, None


def _command_line(process) -> str:
    """A process's command line, or "" for one that is gone or a zombie (JupyterLab starts short-lived helpers)."""
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def test_the_quickstart_lab_reaches_the_exercises_and_its_terminals_find_course(tmp_path):
    port, token = _free_port(), "course-lab-test"
    # Started from another folder, as a learner might; the server must still be rooted at the course folder.
    server = subprocess.Popen([sys.executable, "-m", "course_utils", "lab", "--", "--no-browser", f"--port={port}",
                               f"--IdentityProvider.token={token}"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/api/contents"
        status, listing = None, None
        for _ in range(120):
            status, listing = _get(f"{base}/exercises?token={token}")
            if status is not None or server.poll() is not None:
                break
            time.sleep(0.5)
        assert status == 200, f"/api/contents/exercises answered {status}"
        names = {item["name"] for item in listing["content"]}
        assert {path.name for path in (REPO / "exercises").glob("[0-9][0-9]_*.ipynb")} <= names
        assert _get(f"{base}/lessons/00_welcome.ipynb?content=0&token={token}")[0] == 200
        lab = [process for process in [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
               if "-m jupyterlab" in _command_line(process)]
        scripts = Path(sys.executable).parent
        assert lab and lab[0].environ()["PATH"].split(os.pathsep)[0] == str(scripts)  # what its terminals inherit
        assert (scripts / "course").exists()
    finally:
        try:
            family = [*psutil.Process(server.pid).children(recursive=True), psutil.Process(server.pid)]
        except psutil.Error:
            family = []
        for process in family:
            try:
                process.kill()
            except psutil.Error:
                pass
        server.wait(timeout=30)


def test_lab_outside_a_course_folder_says_where_to_run_it(tmp_path, monkeypatch):
    from course_utils import lab

    monkeypatch.setattr(lab, "__file__", str(tmp_path / "pkg" / "lab.py"))
    try:
        lab.course_root(tmp_path)
    except ValueError as error:
        assert "run `course lab` from the course folder" in str(error)
    else:
        raise AssertionError("no error outside a course folder")
