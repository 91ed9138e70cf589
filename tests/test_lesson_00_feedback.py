"""Exercise 00's feedback fits the evidence, and lesson 00 and the README show what a check prints today (issue 10).

Each test failed before the change it guards.
"""
import contextlib
import io
import json
import re

import numpy as np
import pytest

from course_utils.checks.lesson_00 import PIXEL_NETWORK_HINTS, _pixel_network_diagnosis
from course_utils.grading import check
from course_utils.grading.judge import ERROR_HINTS
from course_utils.grading.tasks import Case, get_task

from .conftest import REPO
from .test_checks import grade


# --- 00.pixel_network: the hint says why the model misses the accuracy -------------------------------------------

def _model_data(*shapes, zero_biases: bool = False) -> dict:
    """Plain model data as `summarize_classifier` reports it, with weights of these shapes (biases zero if asked)."""
    rng = np.random.default_rng(0)
    weights = [np.zeros(shape) if zero_biases and len(shape) == 1 else rng.normal(size=shape) for shape in shapes]
    return {"architecture": "{}", "weights": {f"{index:03d}": weight for index, weight in enumerate(weights)}}


PIXELS = Case("toy", (np.zeros((5, 64)), np.zeros(5)))


@pytest.mark.parametrize("weights, zero_biases, want", [
    (((64, 32), (32,), (32, 10), (10,)), True, "untrained"),
    (((2, 10), (10,)), False, "few_inputs"),
    (((64, 32), (32,), (32, 10), (10,)), False, None),  # trained on every pixel: the accuracy is the problem, no diagnosis
    (((3, 3, 1, 8), (8,), (128, 10), (10,)), False, None),  # a convolution: its dense layer may well see fewer numbers
    (((64, 10),), True, None),  # no bias at all: nothing shows whether it was trained
], ids=["untrained", "two-features", "trained-on-pixels", "convolution", "no-biases"])
def test_the_pixel_network_diagnosis_names_only_what_the_weights_show(weights, zero_biases, want):
    """Before: every model short of 90% got "train longer or with a larger learning rate", even one never trained."""
    hint = _pixel_network_diagnosis(PIXELS, _model_data(*weights, zero_biases=zero_biases))
    assert hint == (PIXEL_NETWORK_HINTS[want] if want else None)


def test_each_known_wrong_pixel_network_gets_the_hint_for_its_mistake():
    from course_instructor.references import reference_for

    task = get_task("00.pixel_network")
    want = {"never trains the network": PIXEL_NETWORK_HINTS["untrained"],
            "learns from two hand-made features only": PIXEL_NETWORK_HINTS["few_inputs"],
            "returns the History from fit instead of the model": ERROR_HINTS["wrong_type"]}
    wrong_answers = reference_for(task).wrong_answers
    assert sorted(want) == sorted(wrong.mistake for wrong in wrong_answers)
    for wrong in wrong_answers:
        assert grade(task, wrong.make()).hint == want[wrong.mistake], wrong.mistake


# --- the task texts say what the checks accept ------------------------------------------------------------------

def test_every_task_text_says_tensors_are_accepted():
    """Before: "returns one number per image" and "a float"; tensors and float32, which the checks accept, were not mentioned."""
    from .test_feedback import _task_texts

    for task_id, text in _task_texts("00").items():
        if task_id != "00.pixel_network":
            assert "TensorFlow tensor" in text and ("float32" in text or "0-d" in text), task_id


def test_the_pixel_network_text_says_what_the_check_rebuilds():
    """Before: the text did not say that only Keras's own layers can be rebuilt (a Lambda layer is refused)."""
    from .test_feedback import _task_texts

    text = _task_texts("00")["00.pixel_network"]
    assert "Lambda" in text and "highest score" in text


# --- lesson 00 and the README show a real check's output ---------------------------------------------------------

def _printed(task_id: str, answer) -> str:
    """What a check cell prints for `answer` (it fails)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(AssertionError):
        check(task_id, answer)
    return out.getvalue()


def test_lesson_00s_check_demo_shows_one_hint_and_how_to_ask_for_another():
    """Before: the stored demo showed the old format (a hint under the first ✗, no way to ask for another hint)."""
    cells = {cell["id"]: cell for cell in json.loads((REPO / "lessons" / "00_welcome.ipynb").read_text(encoding="utf-8"))["cells"]}
    shown = "".join("".join(output.get("text", "")) for output in cells["34-check-demo"]["outputs"])
    assert shown.count("  hint: ") == 1 and 'run hint("00.accuracy")' in shown and "00.accuracy, hint 1 of" in shown
    prose = "".join(cells["33-course"]["source"])
    assert "one hint" in prose and 'hint("00.ink")' in prose and "each hint once" not in prose


def test_the_readmes_check_output_is_what_the_check_prints():
    """Before: the README showed the old format (a hint under the ✗ line, no hint() line): it must be a real run's output."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"written as `(?P<answer>[^`]+)`:\n\n   ```text\n(?P<block>.*?)\n   ```", readme, re.DOTALL)
    assert match, "the README's check example was not found"
    task_id = match["block"].split(":")[0].strip()
    answer = eval(f"lambda x: {match['answer']}")  # noqa: S307 (the course's own text)
    shown = "\n".join(line.removeprefix("   ") for line in match["block"].split("\n"))
    assert shown == _printed(task_id, answer).rstrip("\n")
