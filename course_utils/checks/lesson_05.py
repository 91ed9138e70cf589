"""Checks of exercise 05: gradients and the chain rule (cases, judges and hints; the answers live with the instructor).

Tasks 1 and 2 estimate derivatives by central differences, which float32
cannot do precisely (f(x + h) and f(x - h) share most of their digits): their
texts say "work in float64", and a float32 result fails with a ✗ line that
says so. Tasks 3 and 4 are analytic: float32 results and tensors (a
`tf.GradientTape` gradient) pass, with float32's tolerances.
"""
from __future__ import annotations

import functools

import numpy as np

from ..grading.builders import function_task
from ..grading.judge import compares_with_expected
from ..grading.tasks import Case, Task


def _point(rng, low: float, high: float) -> float:
    """A point between `low` and `high`, rounded to 2 decimals (shown in the case's name)."""
    return round(float(rng.uniform(low, high)), 2)


# --- the functions that tasks 1 and 2 differentiate -------------------------
# Cases cross to the learner's process as plain data, never as code, so a case names its function f:
# its first input is ``{"f": <name>, <parameters>...}``, and `_call_with_f` builds f from it there.

_FUNCTIONS = {
    "cubic_sine": lambda spec: lambda x: np.sin(x) * x ** 3,
    "parabola": lambda spec: lambda x: spec["a"] * x ** 2 + spec["b"] * x + spec["c"],
    "log1p_square": lambda spec: lambda x: np.log1p(x ** 2),
    "exp_minus": lambda spec: lambda x: np.exp(-x),
    "linear": lambda spec: lambda x: float(spec["c"] @ x),
    "sum_cubic_sine": lambda spec: lambda x: float(np.sum(np.sin(x) * x ** 3)),
    "quadratic_form": lambda spec: lambda x: float(0.5 * x @ spec["a"] @ x + spec["b"] @ x),
    "log_sum_exp": lambda spec: lambda x: float(np.log(np.sum(np.exp(spec["weights"] * x)))),
    "fast_wave": lambda spec: lambda x: float(np.sum(np.sin(spec["k"] * x)) / spec["k"]),
    "lifted_cosh": lambda spec: lambda x: float(spec["lift"] + np.sum(np.cosh(x))),
}


def _call_with_f(answer, case: Case):
    """The `Task.run` of tasks 1 and 2: ``answer(f, *other inputs)``, with f built from the case's first input."""
    spec, *rest = case.inputs
    return answer(_FUNCTIONS[spec["f"]](spec), *rest)


def _float64_only(case: Case, value, expected: dict, *, atol: float, rtol: float) -> "str | None":
    """The judge of tasks 1 and 2: a float64 result (as their texts demand), then the value within the tolerances.

    Returns:
        None when right; else what is wrong: a float32 (or coarser) result is
        named as such, whatever its value.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.dtype.itemsize < 8:
        return (f"returned {value.dtype} values; work in float64, as the task says: in {value.dtype} the difference "
                "of f(x + h) and f(x - h) keeps too few digits")
    return compares_with_expected(case, value, expected, atol=atol, rtol=rtol)


def _numerical_task(id: str, title: str, points: int, *, answer_name: str, cases, hint: str, more_hints: tuple,  # noqa: A002
                    atol: float, rtol: float) -> Task:
    """A task of central differences: the answer gets f built by `_call_with_f`, and its result must be float64.

    Args:
        id: ``"NN.name"``.
        title: What the learner builds, in one line.
        points: Points for passing every case.
        answer_name: The name of the function the notebook defines.
        cases: ``cases(rng) -> list[Case]``.
        hint: The task's first hint.
        more_hints: Further, more explicit hints.
        atol: Absolute tolerance (float64).
        rtol: Relative tolerance (float64).

    Returns:
        The `Task`.
    """
    return Task(id=id, title=title, points=points, answer_name=answer_name, make_cases=cases, run=_call_with_f,
                judge=functools.partial(_float64_only, atol=atol, rtol=rtol), hint=hint, more_hints=tuple(more_hints),
                atol=atol, rtol=rtol)


# --- 05.central_difference -------------------------------------------------

def _parabola(rng) -> dict:
    """A parabola a x² + b x + c with small integer coefficients, a and b not 0."""
    return {"f": "parabola", "a": int(rng.integers(2, 6)), "b": int(rng.choice([-4, -3, -2, -1, 1, 2, 3, 4])), "c": int(rng.integers(-3, 4))}


def _parabola_text(spec: dict) -> str:
    """E.g. ``3x² - 2x + 1``."""
    a, b, c = spec["a"], spec["b"], spec["c"]
    return f"{a}x² {'-' if b < 0 else '+'} {abs(b)}x" + (f" {'-' if c < 0 else '+'} {abs(c)}" if c else "")


def _central_difference_cases(rng):
    x_cubic = _point(rng, 0.8, 1.8)
    parabola, x_parabola = _parabola(rng), _point(rng, -1.5, 1.5)
    # f''' of log(1 + x²) is far from 0 on [2.2, 3]: there a fixed step gives a visibly different result.
    x_log, h_log = _point(rng, 2.2, 3.0), round(float(rng.uniform(0.01, 0.05)), 3)
    x_exp = _point(rng, -1.0, 1.5)
    return [
        Case(f"a cubic times a sine at x = {x_cubic}, h = 1e-3", ({"f": "cubic_sine"}, x_cubic, 1e-3),
             hint="Evaluate f on both sides of x, one step h away on each side: a one-sided (forward) difference is off "
                  "on a curved function by about h times half its second derivative."),
        Case(f"a parabola {_parabola_text(parabola)} at x = {x_parabola}, h = 0.1", (parabola, x_parabola, 0.1),
             hint="On a parabola the central difference is exact even for a large step; its two points are two steps apart, "
                  "so divide by twice h, not by h."),
        Case(f"log(1 + x²) at x = {x_log}, h = {h_log} (use the h you are given)", ({"f": "log1p_square"}, x_log, h_log),
             hint="Use the step h passed to your function, not a fixed one of your own: on a curved function the result depends on h."),
        Case(f"exp(-x) at x = {x_exp}, h = 1e-4 (a decreasing function)", ({"f": "exp_minus"}, x_exp, 1e-4),
             hint="f decreases here, so its slope is negative: subtract the value on the left of x from the value on its right, in that order."),
    ]


# --- 05.numerical_gradient -------------------------------------------------

def _numerical_gradient_cases(rng):
    c = rng.normal(size=4)
    matrix = rng.normal(size=(4, 4))
    a = matrix @ matrix.T + np.eye(4)
    b = rng.normal(size=4)
    weights = rng.normal(size=(2, 3))
    # Called without h: with a third derivative k² times the first, a step of 1e-4 is visibly off (truncation) ...
    k = int(rng.integers(30, 41))
    # ... and with values near 600 to 1000 but slopes below 0.2, a step of 1e-7 loses digits (rounding); 1e-5 does neither.
    lift = int(rng.integers(600, 1000))
    return [
        Case("a linear function c·x of 4 variables, h = 1e-3", ({"f": "linear", "c": c}, rng.normal(size=4), 1e-3),
             hint="For a linear function the gradient is its coefficient vector: entry i moves x[i] only, one coordinate "
                  "at a time, and divides by the distance between its two points, twice h."),
        Case("a sum of x³·sin(x) over 5 variables, h = 1e-3", ({"f": "sum_cubic_sine"}, rng.normal(size=5), 1e-3),
             hint="f is curved, so the result depends on the step: use the h you are given, on both sides of x[i] "
                  "(a one-sided difference is off by about h times half the curvature)."),
        Case("a quadratic form ½xᵀAx + b·x that mixes the 4 coordinates, h = 1e-3",
             ({"f": "quadratic_form", "a": a, "b": b}, rng.normal(size=4), 1e-3),
             hint="Here f mixes the coordinates: when you move x[i], every other coordinate must hold its original value. "
                  "Put x[i] back after its two evaluations."),
        Case("a (2, 3) matrix input (a log-sum-exp of weights times x), h = 1e-4",
             ({"f": "log_sum_exp", "weights": weights}, rng.normal(size=(2, 3)), 1e-4),
             hint="Visit every index of x whatever its shape (the lesson's index iterator, or a flat view of a copy), "
                  "and return an array of x's shape."),
        Case(f"the default step (called without h) on a fast wave, the sum of sin({k}x) / {k}",
             ({"f": "fast_wave", "k": k}, rng.uniform(-1.0, 1.0, 4)),
             hint="Called without h, your function must use the default step the task names, 1e-5: a larger step lets "
                  "the fast curvature of this f show in the result."),
        Case(f"the default step (called without h) on cosh lifted by {lift}",
             ({"f": "lifted_cosh", "lift": lift}, rng.uniform(-0.2, 0.2, 8)),
             hint="Called without h, your function must use the default step the task names, 1e-5: a much smaller step "
                  "loses digits to rounding when the values of f are large."),
    ]


# --- 05.sigmoid_derivative -------------------------------------------------

def _sigmoid_derivative_cases(rng):
    small = rng.uniform(0.05, 1.0, 3) * np.array([-1.0, 1.0, 1.0])
    small = np.insert(rng.permutation(small), int(rng.integers(0, 4)), 0.0)  # an exact 0 among them
    far = rng.uniform(5.0, 12.0, 4) * np.array([-1.0, -1.0, 1.0, 1.0])
    return [
        Case("z = 0 and small inputs around it", (small,),
             hint="At 0 the sigmoid is steepest, with a slope of exactly one quarter: try your function there, and apply "
                  "the task's formula to the sigmoid's value."),
        Case("a (3, 4) batch of pre-activations", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work entry by entry and keep the input's shape; the result holds slopes between 0 and one quarter, "
                  "not the sigmoid's values."),
        Case("inputs far from 0 (the sigmoid saturates)", (np.sort(far),),
             hint="Far from 0 the sigmoid is flat, so its slope is tiny and positive: apply the formula to the sigmoid "
                  "of z, not to z."),
    ]


# --- 05.chain_rule ---------------------------------------------------------

def _chain_rule_cases(rng):
    w_large, x_large = rng.uniform(0.5, 2.0, 2), rng.uniform(0.5, 1.5, 2)
    b_large = float(rng.uniform(3.5, 4.5) - w_large @ x_large)  # so that z = w·x + b is between 3.5 and 4.5
    y_above = round(float(rng.uniform(0.1, 0.4)), 2)
    w_one, x_one = rng.uniform(0.3, 1.5, 1), rng.uniform(0.5, 2.5, 1)  # with b >= 0, z > 0: the prediction is above 0.5 > y
    return [
        Case("3 weights, target y = 1", (rng.normal(size=3), rng.normal(size=3), float(rng.normal(scale=0.5)), 1.0),
             hint="Multiply the local derivatives along the path from L back to w: that of the square, that of the "
                  "sigmoid, and that of the weighted sum."),
        Case("5 weights, target y = 0", (rng.normal(size=5), rng.normal(size=5), float(rng.normal(scale=0.5)), 0.0),
             hint="The result has the shape of w: one derivative per weight, each scaled by its own input."),
        Case("a large pre-activation (z about 4)", (w_large, x_large, b_large, 0.0),
             hint="Where the sigmoid saturates its slope is small, and so is the gradient: do not skip the sigmoid's "
                  "slope in the product."),
        Case(f"one weight, target {y_above} (a prediction above it)", (w_one, x_one, float(rng.uniform(0.0, 0.3)), y_above),
             hint="The squared error grows as the prediction moves away from the target: its derivative is twice the "
                  "prediction minus the target, in that order."),
    ]


TASKS = [
    _numerical_task(
        "05.central_difference", "the derivative of f at a point x by a central difference with step h", 2,
        answer_name="central_difference", cases=_central_difference_cases,
        hint="Evaluate f one step h to the right of x and one step to the left, subtract in that order, and divide by "
             "the distance between the two points.",
        more_hints=(
            "Lesson 05, section 2: the central difference looks on both sides of x, so its error shrinks with the square "
            "of h. Work in float64: x and h arrive as Python floats, keep them so.",
            "Check four things: f is called at x plus h and at x minus h (not at x), the right value minus the left one, "
            "a division by twice h, and the h your function was given (no step of your own).",
        ),
        atol=1e-9, rtol=1e-8,
    ),
    _numerical_task(
        "05.numerical_gradient", "the gradient of a scalar function of an array, by central differences", 3,
        answer_name="numerical_gradient", cases=_numerical_gradient_cases,
        hint="For every index of x, move that one entry by plus and minus h on a copy of x, take the central difference "
             "of the two values of f, and put the entry back before the next index.",
        more_hints=(
            "Lesson 05, sections 2 and 4: entry i of the gradient is the central difference of f along coordinate i "
            "only. Work in float64 on a copy of x, and give h the default value the task names.",
            "Shapes: the result has x's shape, one entry per index of x (the lesson's index iterator visits them all). "
            "The usual slips: moving every coordinate at once, not putting an entry back, dividing by h instead of "
            "twice h, and a default step other than the task's.",
        ),
        atol=1e-8, rtol=1e-7,
    ),
    function_task(
        "05.sigmoid_derivative", "the derivative of the sigmoid, element-wise", 2,
        answer_name="sigmoid_derivative", cases=_sigmoid_derivative_cases,
        hint="First compute the sigmoid of every entry of z, then the slope from that value, as the task's formula says.",
        more_hints=(
            "Lesson 05, section 3 (the local derivative of the sigmoid): the slope is largest at 0, where it is one "
            "quarter, and falls towards 0 on both sides; it depends on z only through the sigmoid's value.",
            "Two steps: the sigmoid of z (lesson 03), then the product of that value with one minus it. Keep z's shape: "
            "an array in gives an array of the same shape out.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "05.chain_rule", "dL/dw for L = (σ(w·x + b) - y)² by the chain rule", 3,
        answer_name="chain_rule", cases=_chain_rule_cases,
        hint="Go forward first (z, then a, then L), then multiply the local derivatives backwards: that of the square, "
             "that of the sigmoid, and that of z with respect to w.",
        more_hints=(
            "Lesson 05, section 3: each local derivative needs only its own node's input. The square gives twice the "
            "error, the sigmoid gives its slope at z (your task 3), and z gives x for the weights.",
            "Shapes: the first two factors are numbers (one example), the last is the input vector x, so the gradient "
            "has the shape of w. The usual slips are the factor two, the order of the subtraction, and a missing "
            "sigmoid slope.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
]
