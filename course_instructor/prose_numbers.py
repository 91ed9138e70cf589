"""Numbers quoted in a lesson's markdown, and whether the notebook's stored outputs back them.

A lesson's prose quotes what its code cells print ("the network reaches 97.1%"). nbval compares
outputs, never markdown, so a lesson re-executed after an upgrade can print 97.4% under a summary
that still says 97.1%. `unbacked_numbers` finds such quotes: it reads the notebook as JSON, pulls
the numbers out of the markdown cells and looks each one up among the numbers of the stored text
outputs (stream outputs, and ``text/plain`` of ``execute_result``/``display_data``).

Which numbers are checked (a *quote*):
- a number with a decimal point (``0.13``, ``3.55``), a percent sign (``97.1%``), an exponent
  (``2.2e-08``, ``1e-6``) or a thousands separator (``1,347``), or an integer of at least 100
  (``450``). Integers below 100 without any of these marks are not checked: in prose they are
  mostly sizes and counts set by the code (``32 units``, ``3 features``, ``lesson 05``), and a
  stale one would usually travel with a checked number next to it;
- with its sign when the sign is written (``+47.3``, ``-0.09``, unicode minus ``−`` too);
- and not: inside a code fence or an inline code span (code: ``Dense(10)``, ``seed=0``; a span
  that is only a number, like ``0.73``, is checked), in a heading line, in the
  lesson's ``**Runs in:**`` line (the benchmark's time, not an output),
  in a link target or URL, in a version (``TensorFlow 2.21``, ``3.11.7``), after a reference word
  (``lesson 105``, ``section 3.2``, ``figure 101``), a bare year (an integer 1900-2099), part of a
  word or shape (``8x8``, ``float32``, ``Conv2D``, ``1090×840``), or in the ``## Exercises``
  footer (it describes the exercise notebook, whose checks hold its targets). A range written
  with a dash (``0.1-0.5``) is two quotes, neither negative.
- in LaTeX math, only the value a span ends with after ``=`` or ``\\approx`` is a quote
  (``$L^* = 0.2344$``, ``$h \\approx 10^{-8}$`` read as ``≈ 1e-8``,
  ``$2.2 \\times 10^{-16}$`` as ``2.2e-16``); the rest of a formula is skipped.

When a quote is backed:
- **exactly**: the same number occurs in the outputs, compared as decimals after removing
  thousands separators and normalising the minus sign, so trailing zeros and the exponent's
  spelling do not matter (``1.6e-06`` equals ``1.6e-6``, ``1,347`` equals ``1347``,
  ``0.50`` equals ``0.5``); a percentage matches only a percentage, a plain number only a plain
  number; a quote written without a sign also matches the output with a sign (``47.3 points``
  matches ``+47.3 points``), a signed quote only the same sign;
- **approximately**, only where the prose says so right before the number (``about``,
  ``around``, ``roughly``, ``approximately``, ``nearly``, ``almost``, ``~``, ``≈``, ``of order``):
  the quote is a rounding of an output number to the quote's own precision (``about 300``
  matches ``287``; ``about 0.7`` matches ``0.693``; ``about 1%`` matches ``1.05%``), or, after
  ``of order`` / ``to order`` (and for a bare power of ten after ``about``: ``about 1e-16``), an
  output number within a factor of 10 of it (``of order 1e-7`` matches 2.3e-08 and 9e-07);
  in ``of order 1e-11 to 1e-10`` both ends are approximate;
- **by the code**: the number is written as a literal in one of the notebook's code cells, an
  input the lesson sets and no run can change (``128 ReLU units`` by ``Dense(128, ...)``,
  ``batch of 256`` by ``batch_size = 256``); a percentage is also backed by a literal equal to
  its fraction (``20%`` by ``validation_split=0.2``). Exact matches only;
- or it is in the lesson's allow-list: constants of the text that no run can change (a data
  set's size, a formula's value), each with a reason.

Limits: a quote is looked up among all of the notebook's outputs and code literals, not only the
cells next to it, so a stale number that happens to equal another printed number (``0.5``,
``1.0``) passes; and integers below 100 are not checked.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

# A number: optional sign, digits with optional thousands separators, optional decimals,
# optional exponent, optional percent sign. The look-behind keeps numbers inside words,
# identifiers, versions and shapes out (``float32``, ``v2``, ``8x8``, ``2.21.0``).
NUMBER = re.compile(
    r"(?<![\w.,×])(?<![^\W\d][\-−])"
    r"(?P<sign>[+\-−])?"
    r"(?P<body>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?P<exp>[eE][+\-−]?\d+)?"
    r"(?P<pct>\s?%)?"
    r"(?:[x×](?![\w×]))?"
    r"(?![\w×]|\.\d|,\d{3}(?!\d))"
)
# A sign only counts where a token starts (after a space, a bracket, "=", ...): the dash of
# ``x-0.5`` or ``0.1-0.5`` is not a minus.
SIGN_START = re.compile(r"(?:^|[\s(\[{:=;/])$")
CODE_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.M | re.S)
INLINE_CODE = re.compile(r"(`+)(?P<code>.+?)\1", re.S)
MATH_BLOCK = re.compile(r"\$\$.+?\$\$", re.S)
MATH_INLINE = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<?https?://\S+|arXiv:\S+", re.I)
HEADING = re.compile(r"^\s{0,3}#.*$", re.M)
RUNS_IN = re.compile(r"^\*\*Runs in:\*\*.*$", re.M)
VERSION = re.compile(r"(?i)(python|tensorflow|keras|numpy|scipy|matplotlib|jupyter|nbgrader|pip|version|release)\s+v?$")
REFERENCE = re.compile(r"(?i)\b(lessons?|sections?|exercises?|chapters?|figures?|cells?|tasks?|steps?|parts?|tables?)\s+$")
APPROXIMATE = re.compile(r"(?i)(\babout|\baround|\broughly|\bapproximately|\bnearly|\balmost|~|≈)\s*$")
# "of order 1e-7", "to order 1e-16", "order of 1e-7", and the far end of "of order 1e-11 to 1e-10".
ORDER = re.compile(r"(?i)\border(?:\s+of)?\s+(?:\S+\s+(?:to|or)\s+)?$")
# The last value of a math span, after "=" or "\approx": "$L^* = 0.2344$", "$h \approx 10^{-8}$".
MATH_VALUE = re.compile(
    r"(?P<rel>=|\\approx)\s*(?P<number>[+\-−]?\s*(?:\d[\d.,]*(?:\s*\\times\s*10\^\{?[+\-−]?\d+\}?)?|10\^\{?[+\-−]?\d+\}?))"
    r"\s*[.,]?\s*\$+$"
)
POWER = re.compile(r"^(?:(?P<mantissa>[\d.]+)\s*\\times\s*)?10\^\{?(?P<exp>[+\-−]?\d+)\}?$")
LOOKBACK = 24


@dataclass(frozen=True)
class Quote:
    """A number quoted in a markdown cell.

    Attributes:
        cell: index of the markdown cell in the notebook.
        text: the number as written (``"97.1%"``).
        value: its value as a Decimal, without percent sign or thousands separators.
        signed: whether the sign was written.
        percent: whether it is a percentage.
        approximate: whether the prose says it is rounded (``about``), and how:
            ``""`` (exact), ``"round"`` or ``"order"``.
        offset: where it starts in the cell's source (a math value: where its span starts).
    """

    cell: int
    text: str
    value: Decimal
    signed: bool
    percent: bool
    approximate: str
    offset: int = 0


@dataclass(frozen=True)
class Printed:
    """A number in a stored output: its value, whether it is signed and whether it is a percentage."""

    value: Decimal
    signed: bool
    percent: bool


def _blank(text: str, pattern: re.Pattern, keep=None) -> str:
    """Replace every match of `pattern` by spaces (same length, so offsets stay), except what `keep` returns True for."""

    def spaces(match):
        return match.group(0) if keep is not None and keep(match) else re.sub(r"\S", " ", match.group(0))

    return pattern.sub(spaces, text)


def _math_value(match: re.Match) -> str:
    """A math span blanked out, except the value it ends with after "=" or "\\approx" (written as prose would).

    ``$L^* = 0.2344$`` keeps ``0.2344``; ``$h \\approx 10^{-8}$`` keeps ``≈ 1e-8``;
    ``$\\varepsilon \\approx 2.2 \\times 10^{-16}$`` keeps ``≈ 2.2e-16``. Same length as the span.
    """
    span = match.group(0)
    value = MATH_VALUE.search(span)
    if value is None:
        return re.sub(r"\S", " ", span)
    number = re.sub(r"\s+", "", value.group("number"))
    sign = number[0] if number[0] in "+-−" else ""
    power = POWER.match(number[len(sign):])
    if power is not None:
        number = f"{sign}{power.group('mantissa') or '1'}e{power.group('exp').replace('−', '-')}"
    kept = ("≈ " if value.group("rel") != "=" else "") + number
    return " " + kept + " " * (len(span) - len(kept) - 1)


def checked_prose(markdown: str) -> str:
    """The markdown with what is not prose blanked out (code, math, headings, links, the runtime line).

    Args:
        markdown: the source of one markdown cell.

    Returns:
        The same text, same length, with code fences, inline code that is not a lone number, LaTeX
        math, heading lines, the ``**Runs in:**`` line and link targets replaced by spaces.
    """
    text = _blank(markdown, CODE_FENCE)
    text = _blank(text, INLINE_CODE, keep=lambda m: NUMBER.fullmatch(m.group("code").strip()) is not None)
    text = text.replace("`", " ")
    text = MATH_BLOCK.sub(_math_value, text)
    text = MATH_INLINE.sub(_math_value, text)
    text = _blank(text, LINK_TARGET)
    text = _blank(text, HEADING)
    return _blank(text, RUNS_IN)


def _parse(match: re.Match, text: str) -> tuple[Decimal, bool, bool] | None:
    """Value, signed and percent of a NUMBER match, or None when it is not a number (a dash before it is not a sign)."""
    sign = match.group("sign") or ""
    if sign and not SIGN_START.search(text[: match.start()]):
        sign = ""
    body = match.group("body").replace(",", "")
    exponent = (match.group("exp") or "").replace("−", "-")
    try:
        value = Decimal(body + exponent)
    except InvalidOperation:
        return None
    if sign in "-−" and sign:
        value = -value
    return value, bool(sign), match.group("pct") is not None


def _is_checked(match: re.Match, text: str) -> bool:
    """Whether a number in prose is a quote the checker demands backing for (see the module's rule)."""
    body, exponent, percent = match.group("body"), match.group("exp"), match.group("pct")
    before = text[max(0, match.start() - LOOKBACK): match.start()]
    if VERSION.search(before) or REFERENCE.search(before):
        return False
    if "." in body or exponent or percent or "," in body:
        return True
    value = int(body)
    return value >= 100 and not (1900 <= value <= 2099 and len(body) == 4)


def quotes_in(markdown: str, cell: int = 0) -> list[Quote]:
    """The checked numbers quoted in one markdown cell.

    Args:
        markdown: the cell's source.
        cell: the cell's index, recorded in each Quote.

    Returns:
        The quotes, in order of appearance.
    """
    text = checked_prose(markdown)
    quotes = []
    for match in NUMBER.finditer(text):
        parsed = _parse(match, text)
        if parsed is None or not _is_checked(match, text):
            continue
        value, signed, percent = parsed
        before = text[max(0, match.start() - LOOKBACK): match.start()]
        approximate = "order" if ORDER.search(before) else "round" if APPROXIMATE.search(before) else ""
        if approximate == "round" and re.fullmatch(r"[+\-−]?1[eE][+\-−]?\d+", match.group(0).strip()):
            approximate = "order"  # "about 1e-16" is an order of magnitude
        written = match.group(0).strip() if signed else match.group(0)[len(match.group("sign") or ""):].strip()
        quotes.append(Quote(cell, written, value, signed, percent, approximate, match.start()))
    return quotes


def printed_numbers(text: str) -> list[Printed]:
    """Every number in an output's text (no rule about which ones: outputs are all backing)."""
    numbers = []
    for match in NUMBER.finditer(text):
        parsed = _parse(match, text)
        if parsed is not None:
            numbers.append(Printed(*parsed))
    return numbers


def output_text(notebook: dict) -> str:
    """The stored text outputs of a notebook, joined: streams and ``text/plain`` of results and displays.

    Args:
        notebook: the notebook as parsed JSON (nbformat 4).

    Returns:
        All that text, one output per line block.

    Raises:
        ValueError: when `notebook` is not an nbformat-4 notebook (no ``cells`` list).
    """
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ValueError(f"expected an nbformat-4 notebook (a dict with a 'cells' list), got {type(notebook).__name__}")
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(_joined(output.get("text", "")))
            elif "text/plain" in output.get("data", {}):
                parts.append(_joined(output["data"]["text/plain"]))
    return "\n".join(parts)


def _joined(source) -> str:
    """A notebook string field, stored as one string or a list of lines, as one string."""
    return source if isinstance(source, str) else "".join(source)


def _precision(written: str) -> Decimal:
    """The step of the last digit a quote is written with: 0.1 for ``97.1%``, 100 for ``about 300``."""
    number = Decimal(re.sub(r"[^\d.eE+\-]", "", written.replace("−", "-")))
    if "." in written or "e" in written.lower():
        return Decimal(1).scaleb(number.as_tuple().exponent)
    return Decimal(1).scaleb(number.normalize().as_tuple().exponent)


def _same_order(quoted: Decimal, printed: Decimal) -> bool:
    """Whether `printed` is of the order of `quoted`: within a factor of 10 either way (zero is of no order)."""
    if printed == 0 or quoted == 0:
        return False
    return abs(math.log10(abs(float(printed))) - math.log10(abs(float(quoted)))) < 1


def backs(quote: Quote, number: Printed) -> bool:
    """Whether a printed number backs a quote (the module's matching rule).

    Args:
        quote: a number from the prose.
        number: a number from the outputs.

    Returns:
        True when they match exactly, or approximately where the prose says the quote is rounded.
    """
    if quote.percent != number.percent:
        return False
    printed = number.value if quote.signed else abs(number.value)
    quoted = quote.value if quote.signed else abs(quote.value)
    if printed == quoted:
        return True
    if quote.approximate == "round":
        return abs(printed - quoted) <= _precision(quote.text) / 2
    if quote.approximate == "order":
        return _same_order(quoted, printed)
    return False


def lesson_prose(markdown: str, in_exercises: bool) -> tuple[str, bool]:
    """The part of a markdown cell that speaks about this lesson's run, and whether an Exercises section is open.

    The ``## Exercises`` footer describes another notebook (its tasks and targets: "at least
    90%", "at most 2,000 parameters"), which the exercise's own checks hold to; it runs to the
    next heading of level 1 or 2.

    Args:
        markdown: the cell's source.
        in_exercises: whether the previous cells ended inside the Exercises section.

    Returns:
        (the cell's text with the Exercises section's lines blanked, whether the section is still open).
    """
    lines = []
    for line in markdown.split("\n"):
        heading = re.match(r"^\s{0,3}(#{1,2})\s+(.*)$", line)
        if heading is not None:
            in_exercises = heading.group(2).strip().lower().startswith("exercise")
        lines.append(" " * len(line) if in_exercises else line)
    return "\n".join(lines), in_exercises


def notebook_quotes(notebook: dict) -> list[Quote]:
    """Every checked quote of a notebook's markdown cells, in order (the Exercises footer excluded)."""
    quotes, in_exercises = [], False
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            text, in_exercises = lesson_prose(_joined(cell.get("source", "")), in_exercises)
            quotes.extend(quotes_in(text, index))
    return quotes


def code_numbers(notebook: dict) -> list[Printed]:
    """The numeric literals of a notebook's code cells (inputs the lesson sets), each also as a percentage.

    Args:
        notebook: the notebook as parsed JSON (nbformat 4).

    Returns:
        Every literal as a plain number, and as the percentage it equals (0.2 -> 20%).
    """
    numbers = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            for number in printed_numbers(_joined(cell.get("source", ""))):
                numbers.append(Printed(number.value, number.signed, False))
                numbers.append(Printed(number.value * 100, number.signed, True))
    return numbers


def _backed_by_code(quote: Quote, literals: list[Printed]) -> bool:
    """Whether a code literal equals the quote exactly (sign ignored unless the quote is signed)."""
    for literal in literals:
        value = literal.value if quote.signed else abs(literal.value)
        if literal.percent == quote.percent and value == (quote.value if quote.signed else abs(quote.value)):
            return True
    return False


def unbacked_numbers(notebook: dict, allowed: dict[str, str] | None = None) -> tuple[list[Quote], list[Quote]]:
    """The quotes of a notebook's prose, and those neither its stored outputs nor its code back.

    Args:
        notebook: the notebook as parsed JSON (nbformat 4).
        allowed: the lesson's allow-list, quote text as written -> the reason it needs no output.

    Returns:
        (every checked quote, the quotes that the outputs, the code's literals and the allow-list
        do not back).

    Raises:
        ValueError: when `notebook` is not an nbformat-4 notebook.
    """
    printed = printed_numbers(output_text(notebook))
    literals = code_numbers(notebook)
    allowed = allowed or {}
    quotes = notebook_quotes(notebook)
    unbacked = [
        quote for quote in quotes
        if quote.text not in allowed
        and not any(backs(quote, number) for number in printed)
        and not _backed_by_code(quote, literals)
    ]
    return quotes, unbacked


def load_notebook(path: Path) -> dict:
    """Read a notebook file as JSON.

    Args:
        path: the .ipynb file.

    Returns:
        The parsed notebook.

    Raises:
        ValueError: when the file is not JSON.
    """
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"expected a notebook (JSON) at {path}, got text that is not JSON: {error}") from error
