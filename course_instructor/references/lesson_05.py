"""Reference answers and known-wrong answers of exercise 05: gradients and the chain rule."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer
from .lesson_02 import sigmoid as _sigmoid  # the stable sigmoid of exercise 02


# --- 05.central_difference -------------------------------------------------

def central_difference(f, x, h):
    """Reference: the central difference (f(x + h) - f(x - h)) / (2 h)."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


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


def _perturb_without_restoring(f, x, h):
    """Central differences that move x[i] by +h then -2h and never put it back (the shared core of two known-wrong answers)."""
    gradient = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2.0 * h
        f_minus = f(x)
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _gradient_no_restore(f, x, h=1e-5):
    """Known-wrong: works on a copy but never puts x[i] back."""
    return _perturb_without_restoring(f, np.array(x, dtype=np.float64), h)


def _gradient_over_h(f, x, h=1e-5):
    """Known-wrong: divides by h instead of 2h."""
    return 2.0 * numerical_gradient(f, x, h)


def _gradient_in_place(f, x, h=1e-5):
    """Known-wrong: perturbs the caller's array and leaves it changed."""
    return _perturb_without_restoring(f, x, h)


# --- 05.sigmoid_derivative -------------------------------------------------

def sigmoid_derivative(z):
    """Reference: σ'(z) = σ(z)(1 - σ(z))."""
    s = _sigmoid(z)
    return s * (1.0 - s)


# --- 05.chain_rule ---------------------------------------------------------

def chain_rule(w, x, b, y):
    """Reference: dL/dw for L = (σ(w·x + b) - y)²."""
    z = np.dot(w, x) + b
    a = _sigmoid(z)
    return 2.0 * (a - y) * a * (1.0 - a) * np.asarray(x, dtype=np.float64)


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


REFERENCES = {
    "05.central_difference": Reference(central_difference, (
        WrongAnswer("uses the forward difference (f(x + h) - f(x)) / h", lambda: _central_forward),
        WrongAnswer("divides by h instead of 2h", lambda: _central_over_h),
        WrongAnswer("has a sign error: (f(x - h) - f(x + h)) / 2h", lambda: _central_sign),
        WrongAnswer("ignores h and uses a fixed step 1e-5", lambda: _central_fixed_h),
    )),
    "05.numerical_gradient": Reference(numerical_gradient, (
        WrongAnswer("uses forward differences", lambda: _gradient_forward),
        WrongAnswer("perturbs all coordinates at once", lambda: _gradient_all_at_once),
        WrongAnswer("forgets to restore each coordinate (on a copy)", lambda: _gradient_no_restore),
        WrongAnswer("divides by h instead of 2h", lambda: _gradient_over_h),
        WrongAnswer("perturbs the caller's x in place and leaves it changed", lambda: _gradient_in_place),
    )),
    "05.sigmoid_derivative": Reference(sigmoid_derivative, (
        WrongAnswer("returns the sigmoid itself", lambda: _sig),
        WrongAnswer("forgets the sigmoid: z(1 - z)", lambda: lambda z: z * (1.0 - z)),
        WrongAnswer("has a sign error: σ(z)(1 + σ(z))", lambda: lambda z: _sig(z) * (1.0 + _sig(z))),
        WrongAnswer("uses tanh's formula: 1 - σ(z)²", lambda: lambda z: 1.0 - _sig(z) ** 2),
    )),
    "05.chain_rule": Reference(chain_rule, (
        WrongAnswer("misses the σ' factor", lambda: _chain_no_sigmoid_prime),
        WrongAnswer("has a sign error: 2(y - a)", lambda: _chain_sign),
        WrongAnswer("forgets the factor 2 of the square", lambda: _chain_no_two),
        WrongAnswer("forgets dz/dw = x (returns dL/db for every weight)", lambda: _chain_no_x),
        WrongAnswer("uses z(1 - z) instead of σ(z)(1 - σ(z))", lambda: _chain_sigma_prime_of_z),
    )),
}
