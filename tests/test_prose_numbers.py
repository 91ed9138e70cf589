"""Prose that cannot drift from outputs: every number a lesson's markdown quotes is one its stored outputs print.

nbval compares a re-executed lesson's outputs with the stored ones, never its markdown. After an
upgrade an instructor re-executes a lesson and stores the new outputs; this test then fails on
every sentence that still quotes an old number ("the network reaches 97.1%" over a new 97.4%).

The rule, in full in `course_instructor.prose_numbers`'s docstring:
- checked: numbers with a decimal point, a percent sign, an exponent or a thousands separator,
  and integers >= 100 (not years 1900-2099), with their sign when written; not code (fences,
  inline code other than a lone number), headings, the "Runs in" line, links, versions,
  "lesson NN"-style references, words and shapes (8x8, float32), the Exercises footer; in LaTeX
  math only the value a span ends with after "=" or "\\approx";
- backed: the same number among the stored text outputs (thousands separators, unicode minus,
  trailing zeros and exponent spelling normalised; percent only matches percent; an unsigned
  quote matches either sign), or rounded only where the prose says so ("about", "~", "≈":
  the output rounds to the quote; "of order"/"to order": within a factor of 10), or a literal
  of the notebook's code (an input the lesson sets, 0.2 also backing 20%), or the lesson's
  allow-list below.
"""
import copy
import json

import pytest

from course_instructor.prose_numbers import backs, load_notebook, output_text, printed_numbers, quotes_in, unbacked_numbers

from .conftest import REPO

LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))

# Constants of the text: numbers no run of the lesson can change and that it does not print.
# Keep this short; every entry says why it needs no output (test_every_allowed_number_is_needed
# fails on an entry that the outputs back or the prose no longer quotes).
ALLOWED = {
    "00_welcome": {"1,797": "size of scikit-learn's digits data set; its 1,347 + 450 split is printed"},
    "02_neuron": {"709": "float64's exp overflows above 709.78 (IEEE arithmetic; lesson 03 prints it)"},
    "04_losses": {"1e-7": "keras.config.epsilon(), the library's clipping constant; its effect, 16.118, is printed"},
    "05_gradients": {"2.2e-16": "float64's machine epsilon (np.finfo(float).eps)"},
    "07_gradient_descent": {
        "0.25": "0.5², the variance of the noise the data are drawn with",
        "0.31": "2(1 + β)/λ_max: the printed limit 0.1616 times 1 + β = 1.9",
    },
    "08_keras_networks": {"442": "size of scikit-learn's diabetes table; its 265 + 66 + 111 split is printed"},
    "10_recurrent": {"0.73": "σ(1), the forget gate at Keras's initial bias 1", "0.95": "σ(3), the gate at bias 3"},
    "11_gans": {
        "0.3": "3 standard deviations of 0.1 (the printed std), the metric's definition",
        "0.9": "Keras Adam's default beta_1, a library constant",
        "400": "ratio of the two printed gradients, 0.9975 / 0.0025",
    },
    "12_applications": {
        "569": "size of scikit-learn's breast-cancer table; its 427 + 142 split is printed",
        "23,748": "24,000 transactions minus 252 frauds, both printed",
    },
}


def _report(path, notebook, unbacked) -> str:
    """One line per unbacked quote: cell, number and the sentence around it."""
    lines = [f"{path.name}: {len(unbacked)} number(s) in the markdown that no stored output prints:"]
    for quote in unbacked:
        source = "".join(notebook["cells"][quote.cell]["source"])
        context = " ".join(source[max(0, quote.offset - 60): quote.offset + len(quote.text) + 30].split())
        lines.append(f"  cell {quote.cell}: {quote.text!r} in '...{context}...'")
    lines.append("Quote the printed number, say 'about'/'of order' for a rounded one, or remove it.")
    return "\n".join(lines)


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_every_number_quoted_in_a_lesson_is_printed_by_it(path):
    notebook = load_notebook(path)
    quotes, unbacked = unbacked_numbers(notebook, ALLOWED.get(path.stem))
    assert quotes, f"{path.name}: no number checked in its markdown; is the extractor broken?"
    assert not unbacked, _report(path, notebook, unbacked)


@pytest.mark.parametrize("stem", sorted(ALLOWED))
def test_every_allowed_number_is_needed(stem):
    """An allow-list entry must still be quoted and must not be printed (else it is noise that hides drift)."""
    notebook = load_notebook(REPO / "lessons" / f"{stem}.ipynb")
    quotes, unbacked = unbacked_numbers(notebook)
    quoted = {quote.text for quote in quotes}
    needed = {quote.text for quote in unbacked}
    for text in ALLOWED[stem]:
        assert text in quoted, f"{stem}: allow-list entry {text!r} is no longer quoted; remove it"
        assert text in needed, f"{stem}: allow-list entry {text!r} is backed by the outputs or code; remove it"


def _with_markdown_replaced(notebook, old, new):
    """A copy of `notebook` with `old` replaced by `new` once, in the first markdown cell holding it."""
    changed = copy.deepcopy(notebook)
    for cell in changed["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and old in text:
            cell["source"] = text.replace(old, new, 1)
            return changed
    raise AssertionError(f"{old!r} not found in a markdown cell")


def test_a_changed_quote_in_the_prose_is_reported():
    notebook = load_notebook(REPO / "lessons" / "00_welcome.ipynb")
    assert not unbacked_numbers(notebook, ALLOWED["00_welcome"])[1]
    changed = _with_markdown_replaced(notebook, "**97.1%**", "**97.4%**")
    unbacked = unbacked_numbers(changed, ALLOWED["00_welcome"])[1]
    assert [quote.text for quote in unbacked] == ["97.4%"]


def test_a_re_executed_output_leaves_the_old_prose_reported():
    """The drift the issue saw: new outputs (49.8% -> 50.2%) under a summary that still says 49.8%."""
    notebook = load_notebook(REPO / "lessons" / "00_welcome.ipynb")
    changed = copy.deepcopy(notebook)
    for cell in changed["cells"]:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = "".join(output["text"]).replace("49.8%", "50.2%")
    unbacked = unbacked_numbers(changed, ALLOWED["00_welcome"])[1]
    assert unbacked and {quote.text for quote in unbacked} == {"49.8%"}


@pytest.mark.parametrize("markdown, expected", [
    ("reached **97.1%**, +47.3 points, 1,347 images, 450 tests", ["97.1%", "+47.3", "1,347", "450"]),
    ("errors 2.2e-08 and 1.6e-06, a ratio of 0.13", ["2.2e-08", "1.6e-06", "0.13"]),
    ("3 features, 32 units, lesson 05, section 3, in 2024, 8x8 images, `Dense(100)`, `seed=0`", []),
    ("## 2. A heading with 97.1%\n**Runs in:** about 110 s.\nTensorFlow 2.21 and Python 3.11.7", []),
    ("`0.73` alone in code is a quote", ["0.73"]),
    ("a range 0.1-0.5, a minus −0.09, state-of-the-art-101", ["0.1", "0.5", "−0.09"]),
    ("$\\sigma(z) = 1 / (1 + e^{-z})$, $L^* = 0.2344$, $h \\approx 10^{-8}$", ["0.2344", "1e-8"]),
    ("```python\nx = 0.123\n```\nprose 0.456", ["0.456"]),
    ("see [the paper](https://arxiv.org/abs/1412.6980)", []),
])
def test_which_numbers_are_quotes(markdown, expected):
    assert [quote.text for quote in quotes_in(markdown)] == expected


@pytest.mark.parametrize("prose, printed, matched", [
    ("reaches 97.1%", "accuracy 97.1%", True),
    ("reaches 97.1%", "accuracy 97.13%", False),   # a rounded quote needs "about"
    ("reaches about 97.1%", "accuracy 97.13%", True),
    ("reaches 97.1%", "accuracy 0.971", False),    # a percentage matches only a percentage
    ("an error of 1.6e-06", "error 1.6e-6", True),
    ("1,347 images", "(1347, 8, 8)", True),
    ("0.50 of them", "0.5", True),
    ("+47.3 points", "+47.3 points", True),
    ("-47.3 points", "+47.3 points", False),       # a written sign must agree
    ("47.3 points more", "+47.3 points", True),
    ("a loss of 0.13", "loss 0.131", False),
    ("of order 1e-7", "diff 2.3e-08 (<= 1e-6: True)", True),
    ("of order 1e-7", "diff 2.3e-09", False),
    ("about 300", "287 steps", True),
    ("about 300", "351 steps", False),
    ("32.6 times", "still 32.6x the minimum", True),
])
def test_when_an_output_backs_a_quote(prose, printed, matched):
    quote, = quotes_in(prose)
    assert any(backs(quote, number) for number in printed_numbers(printed)) == matched


def test_numbers_in_code_cells_back_quotes_but_not_as_outputs():
    notebook = {"cells": [
        {"cell_type": "markdown", "source": "We keep 20% aside and train 128 units to 91.3%.", "metadata": {}},
        {"cell_type": "code", "source": "model.fit(x, y, validation_split=0.2)\nunits = 128",
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "accuracy 91.2%\n"}], "metadata": {}},
    ]}
    quotes, unbacked = unbacked_numbers(notebook)
    assert [quote.text for quote in quotes] == ["20%", "128", "91.3%"]
    assert [quote.text for quote in unbacked] == ["91.3%"]


def test_output_text_reads_streams_and_plain_text_only():
    notebook = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["a 1.5\n"]},
        {"output_type": "execute_result", "data": {"text/plain": "2.5", "text/html": "<b>3.5</b>"}},
        {"output_type": "display_data", "data": {"image/png": "iVBOR4.5"}},
    ]}]}
    assert [float(number.value) for number in printed_numbers(output_text(notebook))] == [1.5, 2.5]


def test_a_file_that_is_not_a_notebook_is_refused_clearly(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text("not json")
    with pytest.raises(ValueError, match="expected a notebook"):
        load_notebook(path)
    with pytest.raises(ValueError, match="expected an nbformat-4 notebook"):
        unbacked_numbers(json.loads("[1, 2]"))
