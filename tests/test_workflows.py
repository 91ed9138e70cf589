"""The CI workflows: valid by GitHub's workflow schema, a drift alarm that can ring, a locked pinned install.

The schema is the one vendored in check-jsonschema (pinned in requirements.txt), so validation runs offline.
"""
import re
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + [REPO / "docs" / "grade-sharded.yml"]
# The current major of each action, or newer (checked against their releases in November 2026: all run on Node 24).
CURRENT_MAJORS = {"actions/checkout": 7, "actions/setup-python": 7, "actions/upload-artifact": 7, "actions/download-artifact": 7}


def validate(*paths) -> subprocess.CompletedProcess:
    """Validate workflow files with check-jsonschema's vendored GitHub workflow schema (no network)."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def load(path) -> dict:
    """A workflow as data (YAML 1.2: the key `on` stays a string)."""
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def walk(node):
    """Every (key, value) pair in nested dicts and lists."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def steps(workflow: dict) -> list:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_workflow_is_valid_by_githubs_schema():
    assert len(WORKFLOWS) >= 3
    result = validate(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


BREAKAGES = {  # file name: (what is wrong, text of drift.yml, its replacement)
    "no_runs_on.yml": ("a job without runs-on", "    runs-on: ubuntu-latest\n    timeout-minutes: 90\n    strategy:",
                       "    timeout-minutes: 90\n    strategy:"),
    "timeout_text.yml": ("a timeout that is not a number", "timeout-minutes: 90", "timeout-minutes: ninety"),
    "unknown_trigger.yml": ("a trigger that does not exist", "  workflow_dispatch:", "  every_monday:"),
}


def test_the_validator_rejects_broken_workflows(tmp_path):
    text = (REPO / ".github" / "workflows" / "drift.yml").read_text(encoding="utf-8")
    for name, (breakage, old, new) in BREAKAGES.items():
        assert old in text, breakage
        (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(*(tmp_path / name for name in BREAKAGES))
    assert result.returncode == 1, result.stdout + result.stderr
    reported = {line.strip().split("::", 1)[0].rsplit("/", 1)[-1] for line in result.stdout.splitlines() if "::" in line}
    assert reported == set(BREAKAGES), f"each broken file must be reported:\n{result.stdout}"


def test_actions_are_on_their_current_majors():
    used = [step["uses"] for path in WORKFLOWS for step in steps(load(path)) if "uses" in step]
    assert used
    for reference in used:
        action, _, version = reference.partition("@")
        assert action in CURRENT_MAJORS, f"{reference}: add its current major to CURRENT_MAJORS"
        assert re.fullmatch(r"v\d+", version) and int(version[1:]) >= CURRENT_MAJORS[action], reference


def test_every_python_set_up_caches_pip():
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"].get("cache") == "pip" and step["with"].get("cache-dependency-path"), f"{path.name}: {step}"


def test_push_and_pull_requests_run_the_readme_test_command_with_locked_dependencies():
    workflow = load(REPO / ".github" / "workflows" / "course.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    (job,) = workflow["jobs"].values()
    assert any(step.get("run") == "bash .ci/run" for step in job["steps"])
    assert "constraints.txt" in next(step for step in job["steps"] if "setup-python" in step.get("uses", ""))["with"]["cache-dependency-path"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = readme.split("<!-- ci: test command -->", 1)[1].split("```")[1]
    assert "pip install -r requirements.txt -c constraints.txt" in command


def test_the_drift_alarm_runs_weekly_on_newest_and_pre_releases_and_cannot_stay_silent():
    workflow = load(REPO / ".github" / "workflows" / "drift.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"} and workflow["on"]["schedule"][0]["cron"]
    suite = workflow["jobs"]["suite"]
    assert suite["strategy"]["matrix"]["python-version"] == ["3.10", "3.11", "3.12"]
    assert suite["strategy"]["fail-fast"] is False
    runs = "\n".join(step.get("run", "") for step in suite["steps"])
    assert "sed -E 's/==[^;]*//' requirements.txt" in runs and "constraints.txt" not in runs
    assert re.search(r"pip install --upgrade --pre tensorflow-cpu keras", runs)
    assert runs.rstrip().endswith(".venv/bin/python -m pytest")
    for path in WORKFLOWS:
        assert "continue-on-error" not in [key for key, _ in walk(load(path))], f"{path.name} lets a job fail silently"
    alarm = workflow["jobs"]["alarm"]
    assert alarm["needs"] == "suite" and alarm["if"] == "failure()" and alarm["permissions"] == {"issues": "write"}
    script = alarm["steps"][0]["run"]
    assert "gh issue create" in script and "gh issue comment" in script
    assert alarm["steps"][0]["env"]["GH_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"


def _pins(text: str) -> dict:
    """{normalised name: version} of the `name==version` lines of a requirements or constraints file."""
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if match := re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==(\S+)", line):
            pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[3]
    return pins


def test_constraints_lock_every_pin_of_requirements_at_the_same_version():
    requirements = _pins((REPO / "requirements.txt").read_text(encoding="utf-8"))
    text = (REPO / "constraints.txt").read_text(encoding="utf-8")
    constraints = _pins(text)
    entries = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(entries) == len(constraints), "every constraint is one name==version line"
    assert not any("course-utils" in line or line.startswith("-e") for line in entries), "the project itself is not locked"
    linux_only = {"tensorflow"}  # requirements pin `tensorflow` for other platforms; the lock was made on Linux x86-64 (tensorflow-cpu)
    missing = {name: version for name, version in requirements.items() if name not in constraints and name not in linux_only}
    assert not missing, f"pinned in requirements.txt but not in constraints.txt (regenerate it): {missing}"
    differ = {name: (version, constraints[name]) for name, version in requirements.items() if name in constraints and constraints[name] != version}
    assert not differ, f"requirements.txt and constraints.txt disagree (regenerate constraints.txt): {differ}"


def test_check_jsonschema_is_the_pinned_one():
    from importlib.metadata import version  # noqa: PLC0415

    assert version("check-jsonschema") == _pins((REPO / "requirements.txt").read_text(encoding="utf-8"))["check-jsonschema"]
