"""Checks of exercise 05: gradients and the chain rule (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


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
    "cosh_plus_corners": lambda spec: lambda x: float(np.sum(np.cosh(x)) + x[0] * x[-1]),
}


def _call_with_f(answer, case: Case):
    """The `Task.run` of tasks 1 and 2: ``answer(f, *other inputs)``, with f built from the case's first input."""
    spec, *rest = case.inputs
    return answer(_FUNCTIONS[spec["f"]](spec), *rest)


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
             hint="Evaluate f on both sides of x, at x + h and x - h: a one-sided (forward) difference is off by about h·f''(x)/2 on a curved function."),
        Case(f"a parabola {_parabola_text(parabola)} at x = {x_parabola}, h = 0.1", (parabola, x_parabola, 0.1),
             hint="On a parabola the central difference is exact even for a large h; x + h and x - h are 2h apart, so divide by 2h, not h."),
        Case(f"log(1 + x²) at x = {x_log}, h = {h_log} (use the h you are given)", ({"f": "log1p_square"}, x_log, h_log),
             hint="Use the step h passed to your function, not a fixed one: the result depends on h."),
        Case(f"exp(-x) at x = {x_exp}, h = 1e-4 (a decreasing function)", ({"f": "exp_minus"}, x_exp, 1e-4),
             hint="f decreases here, so the slope is negative: subtract f(x - h) from f(x + h), in that order."),
    ]


# --- 05.numerical_gradient -------------------------------------------------

def _numerical_gradient_cases(rng):
    c = rng.normal(size=4)
    matrix = rng.normal(size=(4, 4))
    a = matrix @ matrix.T + np.eye(4)
    b = rng.normal(size=4)
    weights = rng.normal(size=(2, 3))
    return [
        Case("a linear function c·x of 4 variables", ({"f": "linear", "c": c}, rng.normal(size=4), 1e-3),
             hint="For f(x) = c·x the gradient is c: entry i changes only x[i] (one coordinate at a time) and is divided by 2h, the distance from x - h·e_i to x + h·e_i."),
        Case("a sum of x³·sin(x) over 5 variables, h = 1e-3", ({"f": "sum_cubic_sine"}, rng.normal(size=5), 1e-3),
             hint="f is curved: use the central difference (f(x + h·e_i) - f(x - h·e_i)) / 2h; a one-sided difference is off by about h·f''/2."),
        Case("a quadratic form ½xᵀAx + b·x that mixes the 4 coordinates", ({"f": "quadratic_form", "a": a, "b": b}, rng.normal(size=4), 1e-3),
             hint="Here f mixes the coordinates: when you perturb x[i], every other coordinate must hold its original value. Put x[i] back after its two evaluations."),
        Case("a (2, 3) matrix input (a log-sum-exp of weights times x)",
             ({"f": "log_sum_exp", "weights": weights}, rng.normal(size=(2, 3)), 1e-4),
             hint="Loop over every index of x whatever its shape (np.ndindex(x.shape) or x.flat) and return an array of x's shape."),
        Case("the default step (called as numerical_gradient(f, x))", ({"f": "cosh_plus_corners"}, rng.normal(size=3)),
             hint="Give h the default value 1e-5 in the signature: def numerical_gradient(f, x, h=1e-5)."),
    ]


# --- 05.sigmoid_derivative -------------------------------------------------

def _sigmoid_derivative_cases(rng):
    small = rng.uniform(0.05, 1.0, 3) * np.array([-1.0, 1.0, 1.0])
    small = np.insert(rng.permutation(small), int(rng.integers(0, 4)), 0.0)  # an exact 0 among them
    far = rng.uniform(5.0, 12.0, 4) * np.array([-1.0, -1.0, 1.0, 1.0])
    return [
        Case("z = 0 and small inputs around it", (small,),
             hint="At z = 0 the sigmoid is steepest, with slope exactly 0.25: σ'(z) = σ(z)(1 - σ(z)), where σ(z) = 1 / (1 + e^(-z))."),
        Case("a (3, 4) batch of pre-activations", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work element-wise and keep the input's shape; the result holds slopes between 0 and 0.25, not σ's values."),
        Case("inputs far from 0 (the sigmoid saturates)", (np.sort(far),),
             hint="Far from 0 the sigmoid is flat, so its slope is tiny and positive: apply the formula to σ(z), not to z."),
    ]


# --- 05.chain_rule ---------------------------------------------------------

def _chain_rule_cases(rng):
    w_large, x_large = rng.uniform(0.5, 2.0, 2), rng.uniform(0.5, 1.5, 2)
    b_large = float(rng.uniform(3.5, 4.5) - w_large @ x_large)  # so that z = w·x + b is between 3.5 and 4.5
    y_above = round(float(rng.uniform(0.1, 0.4)), 2)
    w_one, x_one = rng.uniform(0.3, 1.5, 1), rng.uniform(0.5, 2.5, 1)  # with b >= 0, z > 0: the prediction is above 0.5 > y
    return [
        Case("3 weights, target y = 1", (rng.normal(size=3), rng.normal(size=3), float(rng.normal(scale=0.5)), 1.0),
             hint="Multiply the local derivatives along the path: dL/da = 2(a - y), da/dz = σ(z)(1 - σ(z)), dz/dw = x."),
        Case("5 weights, target y = 0", (rng.normal(size=5), rng.normal(size=5), float(rng.normal(scale=0.5)), 0.0),
             hint="The result has the shape of w: one derivative per weight, each scaled by its own input x[i]."),
        Case("a large pre-activation (z about 4)", (w_large, x_large, b_large, 0.0),
             hint="Where the sigmoid saturates its slope σ'(z) is small, and so is dL/dw: do not skip the factor σ'(z) = σ(z)(1 - σ(z))."),
        Case(f"one weight, target {y_above} (a prediction above it)", (w_one, x_one, float(rng.uniform(0.0, 0.3)), y_above),
             hint="L = (a - y)² grows when a moves away from y: dL/da = 2(a - y), with a - y, not y - a, and the factor 2."),
    ]


TASKS = [
    function_task(
        "05.central_difference", "the derivative of f at a point x by a central difference with step h", 2,
        answer_name="central_difference", cases=_central_difference_cases,
        hint="Evaluate f at x + h and at x - h, subtract in that order, and divide by the distance between the two points, 2h.",
        atol=1e-9, rtol=1e-8, run=_call_with_f,
    ),
    function_task(
        "05.numerical_gradient", "the gradient of a scalar function of an array, by central differences", 3,
        answer_name="numerical_gradient", cases=_numerical_gradient_cases,
        hint="For every index i of x: evaluate f with only x[i] moved by +h and by -h (on a copy of x), "
             "store (f_plus - f_minus) / 2h, and put x[i] back before the next index.",
        atol=1e-8, rtol=1e-7, run=_call_with_f,
    ),
    function_task(
        "05.sigmoid_derivative", "the derivative of the sigmoid, element-wise", 2,
        answer_name="sigmoid_derivative", cases=_sigmoid_derivative_cases,
        hint="σ'(z) = σ(z)(1 - σ(z)), with σ(z) = 1 / (1 + e^(-z)), applied element-wise.",
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "05.chain_rule", "dL/dw for L = (σ(w·x + b) - y)² by the chain rule", 3,
        answer_name="chain_rule", cases=_chain_rule_cases,
        hint="Forward: z = w·x + b, a = σ(z), L = (a - y)². Backward: dL/dw = 2(a - y) · σ(z)(1 - σ(z)) · x.",
        atol=1e-9, rtol=1e-7,
    ),
]
