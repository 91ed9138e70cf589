"""Checks of exercise 05: gradients and the chain rule."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer
from .lesson_02 import sigmoid as _sigmoid  # the stable sigmoid of exercise 02


# --- 05.central_difference -------------------------------------------------

def central_difference(f, x, h):
    """Reference: the central difference (f(x + h) - f(x - h)) / (2 h)."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def _central_difference_cases():
    return [
        Case("a cubic times a sine at x = 1.3, h = 1e-3", (lambda x: np.sin(x) * x ** 3, 1.3, 1e-3),
             hint="Evaluate f on both sides of x, at x + h and x - h: a one-sided (forward) difference is off by about h·f''(x)/2 on a curved function."),
        Case("a parabola 3x² - 2x + 1 at x = -0.7, h = 0.1", (lambda x: 3.0 * x ** 2 - 2.0 * x + 1.0, -0.7, 0.1),
             hint="On a parabola the central difference is exact even for a large h; x + h and x - h are 2h apart, so divide by 2h, not h."),
        Case("log(1 + x²) at x = 2.0, h = 1e-2 (use the h you are given)", (lambda x: np.log1p(x ** 2), 2.0, 1e-2),
             hint="Use the step h passed to your function, not a fixed one: the result depends on h."),
        Case("exp(-x) at x = 0.4, h = 1e-4 (a decreasing function)", (lambda x: np.exp(-x), 0.4, 1e-4),
             hint="f decreases here, so the slope is negative: subtract f(x - h) from f(x + h), in that order."),
    ]


def _central_forward(f, x, h):
    """Known-wrong: the forward difference."""
    return (f(x + h) - f(x)) / h


def _central_over_h(f, x, h):
    """Known-wrong: divides by h instead of 2h."""
    return (f(x + h) - f(x - h)) / h


def _central_sign(f, x, h):
    """Known-wrong: subtracts in the wrong order."""
    return (f(x - h) - f(x + h)) / (2.0 * h)


def _central_fixed_h(f, x, h):
    """Known-wrong: ignores h and uses 1e-5."""
    return (f(x + 1e-5) - f(x - 1e-5)) / 2e-5


# --- 05.numerical_gradient -------------------------------------------------

def numerical_gradient(f, x, h=1e-5):
    """Reference: the gradient of scalar f at array x by central differences, one coordinate at a time."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _numerical_gradient_cases():
    rng = np.random.default_rng(501)
    c = rng.normal(size=4)
    matrix = rng.normal(size=(4, 4))
    a = matrix @ matrix.T + np.eye(4)
    b = rng.normal(size=4)
    weights = rng.normal(size=(2, 3))
    return [
        Case("a linear function c·x of 4 variables", (lambda x: float(c @ x), rng.normal(size=4), 1e-3),
             hint="For f(x) = c·x the gradient is c: entry i changes only x[i] (one coordinate at a time) and is divided by 2h, the distance from x - h·e_i to x + h·e_i."),
        Case("a sum of x³·sin(x) over 5 variables, h = 1e-3", (lambda x: float(np.sum(np.sin(x) * x ** 3)), rng.normal(size=5), 1e-3),
             hint="f is curved: use the central difference (f(x + h·e_i) - f(x - h·e_i)) / 2h; a one-sided difference is off by about h·f''/2."),
        Case("a quadratic form ½xᵀAx + b·x that mixes the 4 coordinates", (lambda x: float(0.5 * x @ a @ x + b @ x), rng.normal(size=4), 1e-3),
             hint="Here f mixes the coordinates: when you perturb x[i], every other coordinate must hold its original value. Put x[i] back after its two evaluations."),
        Case("a (2, 3) matrix input (a log-sum-exp of weights times x)",
             (lambda x: float(np.log(np.sum(np.exp(weights * x)))), rng.normal(size=(2, 3)), 1e-4),
             hint="Loop over every index of x whatever its shape (np.ndindex(x.shape) or x.flat) and return an array of x's shape."),
        Case("the default step (called as numerical_gradient(f, x))", (lambda x: float(np.sum(np.cosh(x)) + x[0] * x[-1]), rng.normal(size=3)),
             hint="Give h the default value 1e-5 in the signature: def numerical_gradient(f, x, h=1e-5)."),
    ]


def _gradient_forward(f, x, h=1e-5):
    """Known-wrong: forward differences."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    f_x = f(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        gradient[index] = (f(x) - f_x) / h
        x[index] = original
    return gradient


def _gradient_all_at_once(f, x, h=1e-5):
    """Known-wrong: perturbs every coordinate at once."""
    x = np.asarray(x, dtype=np.float64)
    return np.full(x.shape, (f(x + h) - f(x - h)) / (2.0 * h))


def _gradient_no_restore(f, x, h=1e-5):
    """Known-wrong: works on a copy but never puts x[i] back."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2.0 * h
        f_minus = f(x)
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _gradient_over_h(f, x, h=1e-5):
    """Known-wrong: divides by h instead of 2h."""
    return 2.0 * numerical_gradient(f, x, h)


def _gradient_in_place(f, x, h=1e-5):
    """Known-wrong: perturbs the caller's array and leaves it changed."""
    gradient = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2.0 * h
        f_minus = f(x)
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


# --- 05.sigmoid_derivative -------------------------------------------------

def sigmoid_derivative(z):
    """Reference: σ'(z) = σ(z)(1 - σ(z))."""
    s = _sigmoid(z)
    return s * (1.0 - s)


def _sigmoid_derivative_cases():
    rng = np.random.default_rng(503)
    return [
        Case("z = 0 and small inputs around it", (np.array([-0.5, 0.0, 0.3, 1.0]),),
             hint="At z = 0 the sigmoid is steepest, with slope exactly 0.25: σ'(z) = σ(z)(1 - σ(z)), where σ(z) = 1 / (1 + e^(-z))."),
        Case("a (3, 4) batch of pre-activations", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work element-wise and keep the input's shape; the result holds slopes between 0 and 0.25, not σ's values."),
        Case("inputs far from 0 (the sigmoid saturates)", (np.array([-12.0, -6.0, 5.0, 9.0]),),
             hint="Far from 0 the sigmoid is flat, so its slope is tiny and positive: apply the formula to σ(z), not to z."),
    ]


# --- 05.chain_rule ---------------------------------------------------------

def chain_rule(w, x, b, y):
    """Reference: dL/dw for L = (σ(w·x + b) - y)²."""
    z = np.dot(w, x) + b
    a = _sigmoid(z)
    return 2.0 * (a - y) * a * (1.0 - a) * np.asarray(x, dtype=np.float64)


def _chain_rule_cases():
    rng = np.random.default_rng(504)
    return [
        Case("3 weights, target y = 1", (rng.normal(size=3), rng.normal(size=3), 0.2, 1.0),
             hint="Multiply the local derivatives along the path: dL/da = 2(a - y), da/dz = σ(z)(1 - σ(z)), dz/dw = x."),
        Case("5 weights, target y = 0", (rng.normal(size=5), rng.normal(size=5), -0.4, 0.0),
             hint="The result has the shape of w: one derivative per weight, each scaled by its own input x[i]."),
        Case("a large pre-activation (z about 4)", (np.array([1.5, 2.0]), np.array([1.0, 1.0]), 0.5, 0.0),
             hint="Where the sigmoid saturates its slope σ'(z) is small, and so is dL/dw: do not skip the factor σ'(z) = σ(z)(1 - σ(z))."),
        Case("one weight, target 0.3 (a prediction above it)", (np.array([0.8]), np.array([2.0]), 0.1, 0.3),
             hint="L = (a - y)² grows when a moves away from y: dL/da = 2(a - y), with a - y, not y - a, and the factor 2."),
    ]


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _chain_no_sigmoid_prime(w, x, b, y):
    """Known-wrong: forgets the σ' factor."""
    a = _sig(np.dot(w, x) + b)
    return 2.0 * (a - y) * np.asarray(x, dtype=float)


def _chain_sign(w, x, b, y):
    """Known-wrong: uses y - a."""
    a = _sig(np.dot(w, x) + b)
    return 2.0 * (y - a) * a * (1.0 - a) * np.asarray(x, dtype=float)


def _chain_no_two(w, x, b, y):
    """Known-wrong: forgets the factor 2 of the square."""
    a = _sig(np.dot(w, x) + b)
    return (a - y) * a * (1.0 - a) * np.asarray(x, dtype=float)


def _chain_no_x(w, x, b, y):
    """Known-wrong: returns dL/db (no factor x) for every weight."""
    a = _sig(np.dot(w, x) + b)
    return np.full(np.shape(w), 2.0 * (a - y) * a * (1.0 - a))


def _chain_sigma_prime_of_z(w, x, b, y):
    """Known-wrong: uses z(1 - z) instead of σ(z)(1 - σ(z))."""
    z = np.dot(w, x) + b
    a = _sig(z)
    return 2.0 * (a - y) * z * (1.0 - z) * np.asarray(x, dtype=float)


TASKS = [
    function_task(
        "05.central_difference", "the derivative of f at a point x by a central difference with step h", 2,
        reference=central_difference, cases=_central_difference_cases,
        hint="Evaluate f at x + h and at x - h, subtract in that order, and divide by the distance between the two points, 2h.",
        atol=1e-9, rtol=1e-8,
        wrong_answers=(
            WrongAnswer("uses the forward difference (f(x + h) - f(x)) / h", lambda: _central_forward),
            WrongAnswer("divides by h instead of 2h", lambda: _central_over_h),
            WrongAnswer("has a sign error: (f(x - h) - f(x + h)) / 2h", lambda: _central_sign),
            WrongAnswer("ignores h and uses a fixed step 1e-5", lambda: _central_fixed_h),
        ),
    ),
    function_task(
        "05.numerical_gradient", "the gradient of a scalar function of an array, by central differences", 3,
        reference=numerical_gradient, cases=_numerical_gradient_cases,
        hint="For every index i of x: evaluate f with only x[i] moved by +h and by -h (on a copy of x), "
             "store (f_plus - f_minus) / 2h, and put x[i] back before the next index.",
        atol=1e-8, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("uses forward differences", lambda: _gradient_forward),
            WrongAnswer("perturbs all coordinates at once", lambda: _gradient_all_at_once),
            WrongAnswer("forgets to restore each coordinate (on a copy)", lambda: _gradient_no_restore),
            WrongAnswer("divides by h instead of 2h", lambda: _gradient_over_h),
            WrongAnswer("perturbs the caller's x in place and leaves it changed", lambda: _gradient_in_place),
        ),
    ),
    function_task(
        "05.sigmoid_derivative", "the derivative of the sigmoid, element-wise", 2,
        reference=sigmoid_derivative, cases=_sigmoid_derivative_cases,
        hint="σ'(z) = σ(z)(1 - σ(z)), with σ(z) = 1 / (1 + e^(-z)), applied element-wise.",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("returns the sigmoid itself", lambda: _sig),
            WrongAnswer("forgets the sigmoid: z(1 - z)", lambda: lambda z: z * (1.0 - z)),
            WrongAnswer("has a sign error: σ(z)(1 + σ(z))", lambda: lambda z: _sig(z) * (1.0 + _sig(z))),
            WrongAnswer("uses tanh's formula: 1 - σ(z)²", lambda: lambda z: 1.0 - _sig(z) ** 2),
        ),
    ),
    function_task(
        "05.chain_rule", "dL/dw for L = (σ(w·x + b) - y)² by the chain rule", 3,
        reference=chain_rule, cases=_chain_rule_cases,
        hint="Forward: z = w·x + b, a = σ(z), L = (a - y)². Backward: dL/dw = 2(a - y) · σ(z)(1 - σ(z)) · x.",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("misses the σ' factor", lambda: _chain_no_sigmoid_prime),
            WrongAnswer("has a sign error: 2(y - a)", lambda: _chain_sign),
            WrongAnswer("forgets the factor 2 of the square", lambda: _chain_no_two),
            WrongAnswer("forgets dz/dw = x (returns dL/db for every weight)", lambda: _chain_no_x),
            WrongAnswer("uses z(1 - z) instead of σ(z)(1 - σ(z))", lambda: _chain_sigma_prime_of_z),
        ),
    ),
]
