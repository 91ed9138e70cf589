"""What a hint may not hold (issue 10: hints teach without telling), shared by test_checks.py and test_feedback.py."""
import re

from course_utils.grading.judge import ERROR_HINTS, NON_FINITE_HINT

# Hints are words, not code or formulas: none may hold an expression of the answer or an expected value.
FORBIDDEN_IN_HINTS = {
    "NumPy code": r"\bnp\.", "TensorFlow code": r"\btf\.", "Keras code": r"\bkeras\.[a-z]", "a matrix product": r"@",
    "a transpose": r"\.T\b", "an axis argument": r"\baxis\b\s*=", "keepdims": r"keepdims", "a product or power": r"\*",
    "a square": r"²", "an equation or assignment": r"=", "a value with 3 or more digits": r"\d\.\d{2,}",
    "a logarithm of a number": r"\b(ln|log)\(\d",
}
# The hints for an error, a wrong type or a non-finite value, the same for every task (they may name code).
GENERIC_HINTS = set(ERROR_HINTS.values()) | {NON_FINITE_HINT}


def what_the_hint_tells(text: str) -> list:
    """Name what a task's own hint gives away, from `FORBIDDEN_IN_HINTS` (none for a generic hint or no hint).

    Args:
        text: A hint as a learner sees it.

    Returns:
        The names of the forbidden things it holds, e.g. ``["NumPy code"]``; empty when it tells nothing.
    """
    if not text or text in GENERIC_HINTS:
        return []
    return [what for what, pattern in FORBIDDEN_IN_HINTS.items() if re.search(pattern, text)]
