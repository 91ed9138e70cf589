"""Issue 10's rules for every task: right answers in other styles pass, each known-wrong answer gets exactly one hint, and no hint tells the answer.

The right answers (`Reference.right_answers`) are written in styles the
reference is not: TensorFlow ops returning tensors, float32, Python loops,
library functions. They must pass the public cases and hidden cases of two
batch seeds, like the reference (a task that trains a network tries each on
one seed, public and hidden in turn: `seeds_for`). That each known-wrong answer fails with exactly
one hint is tested in `test_checks.py` (public and hidden cases).
"""
import re

import pytest

from course_instructor.references import all_tasks_with_references
from course_utils.grading.judge import ERROR_HINTS, KNOWN_MISTAKE_HINT
from course_utils.grading.report import render_task

from .hint_rules import what_the_hint_tells
from .test_checks import HIDDEN_SEEDS, grade, seeds_for

PAIRS = all_tasks_with_references()
TENSOR_STYLE = re.compile(r"tensor|tensorflow|keras", re.IGNORECASE)


def _style_id(item):
    return getattr(item, "style", getattr(item, "mistake", None) or getattr(item, "id", "")).replace(" ", "-")[:60]


@pytest.mark.parametrize("task, reference", PAIRS, ids=[task.id for task, _ in PAIRS])
def test_every_task_has_three_right_answers_in_other_styles(task, reference):
    styles = [right.style for right in reference.right_answers]
    assert len(styles) >= 3, f"{task.id}: {len(styles)} right answers in other styles; at least 3 are needed"
    assert len(set(styles)) == len(styles)
    assert any(TENSOR_STYLE.search(style) for style in styles), f"{task.id}: no right answer returns a tensor or uses Keras"


RIGHT_BY_SEED = [(task, right, seed) for task, reference in PAIRS
                 for right, seed in seeds_for(task, reference.right_answers, (None, *HIDDEN_SEEDS))]


@pytest.mark.parametrize("task, right, seed", RIGHT_BY_SEED,
                         ids=[f"{task.id}-{_style_id(right)}-{seed}" for task, right, seed in RIGHT_BY_SEED])
def test_a_right_answer_in_another_style_passes(task, right, seed):
    result = grade(task, right.make(), seed)
    assert result.passed, f"{task.id} rejected a right answer ({right.style}): {result.first_problem()}"


def _hint_texts(task, reference) -> list:
    """Every hint text a task shows before any answer is graded: its hints, its public cases' hints, its named mistakes.

    (The hint each known-wrong answer gets is checked where that answer is graded, in `test_checks.py`.)
    """
    texts = [task.hint, *task.more_hints, *(case.hint for case in task.cases())]
    return texts + [f"{KNOWN_MISTAKE_HINT}{wrong.mistake}." for wrong in reference.wrong_answers]


@pytest.mark.parametrize("task, reference", PAIRS, ids=[task.id for task, _ in PAIRS])
def test_no_hint_tells_the_answer(task, reference):
    """Hints teach without telling: words that point at the idea, never the answer's expression or an expected value."""
    for text in _hint_texts(task, reference):
        assert not what_the_hint_tells(text), f"{task.id}: a hint holds {what_the_hint_tells(text)}: {text!r}"


@pytest.mark.parametrize("task, reference", PAIRS, ids=[task.id for task, _ in PAIRS])
def test_every_task_has_hints_of_increasing_detail(task, reference):
    """`hint(task_id)` gives a first hint and at least one more explicit one, all different."""
    levels = [task.hint, *task.more_hints]
    assert len(levels) >= 2 and len(set(levels)) == len(levels), task.id


# --- the examples in the task texts run as written -------------------------------------------------------------

EXAMPLE = re.compile(r"Example:\s*`(?P<call>[^`]+)`\s+gives\s+(?P<about>about\s+)?`(?P<value>[^`]+)`")
WITHOUT_EXAMPLE = {"00.pixel_network": "a trained model", "07.minibatches": "a generator of random batches"}


def _task_texts(exercise: str) -> dict:
    """``{task_id: markdown of the task}`` from the solution notebook: the markdown cells before each check cell."""
    import json
    from pathlib import Path

    from course_utils.grading.notebook import CHECK_LINE

    path = next((Path(__file__).parents[1] / "solutions").glob(f"{exercise}_*.ipynb"))
    texts, pending = {}, []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            pending.append(source)
        elif match := CHECK_LINE.match(source.strip()):
            texts[match["task"]] = "\n".join(pending)
            pending = []
    return texts


@pytest.mark.parametrize("task, reference", PAIRS, ids=[task.id for task, _ in PAIRS])
def test_the_task_texts_examples_run_as_written_with_every_right_answer(task, reference):
    """Before: `leaky_relu([-10.0, 2.0], 0.5)` as printed in the task raised TypeError with a right NumPy answer."""
    import numpy as np

    if task.id in WITHOUT_EXAMPLE:
        pytest.skip(f"{task.id} returns {WITHOUT_EXAMPLE[task.id]}")
    text = _task_texts(task.exercise).get(task.id, "")
    examples = list(EXAMPLE.finditer(text))
    assert examples, f"{task.id}: the task text has no 'Example: `{task.answer_name}(...)` gives `...`' line"
    answers = [("the reference", reference.answer)] + [(right.style, right.make()) for right in reference.right_answers]
    for example in examples:
        assert example["call"].startswith(f"{task.answer_name}("), example["call"]
        want = eval(example["value"], {"np": np})  # noqa: S307 (the course's own text)
        tolerance = dict(rtol=1e-2, atol=1e-3) if example["about"] else dict(rtol=1e-6, atol=1e-9)
        for style, answer in answers:
            got = eval(example["call"], {"np": np, task.answer_name: answer})  # noqa: S307
            got = {key: np.asarray(value) for key, value in got.items()} if isinstance(got, dict) else got
            if isinstance(want, tuple):
                assert len(got) == len(want) and all(np.allclose(np.asarray(g, dtype=float), w, **tolerance) for g, w in zip(got, want)), (style, example[0])
            elif isinstance(want, dict):
                assert sorted(got) == sorted(want) and all(np.allclose(got[k], want[k], **tolerance) for k in want), (style, example[0])
            else:
                assert np.allclose(np.asarray(got, dtype=float), np.asarray(want, dtype=float), **tolerance), (style, example[0], got)


def _raises(*args):
    raise ZeroDivisionError("division by zero")


def _returns_none(*args):
    return None


def _not_started(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("answer, status, hint", [
    (_raises, "raises an error", ERROR_HINTS["exception"]),
    (_returns_none, "returns the wrong type", ERROR_HINTS["wrong_type"]),
    (_not_started, "not started", ""),
], ids=["raises", "returns-None", "not-started"])
@pytest.mark.parametrize("task", [task for task, _ in PAIRS], ids=lambda task: task.id)
def test_an_error_gets_its_own_hint_and_no_maths_hint(task, answer, status, hint):
    """Before: an answer that failed every case printed every case's hint, which together spelled out the solution."""
    result = grade(task, answer)
    assert not result.passed and result.status == status and result.hint == hint
    assert render_task(result).count("hint:") == (1 if hint else 0)
