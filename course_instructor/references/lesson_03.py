"""Reference answers and known-wrong answers of exercise 03: activation functions."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer


def relu_derivative(x):
    """Reference: the derivative of ReLU, 1 where x > 0 and 0 elsewhere (also 0 at x = 0), as floats."""
    return (np.asarray(x) > 0).astype(np.float64)


def tanh_derivative(x):
    """Reference: the derivative of tanh, 1 - tanh(x)**2."""
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def leaky_relu(x, alpha):
    """Reference: leaky ReLU, x where x > 0 and alpha * x elsewhere."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def softmax(logits):
    """Reference: numerically stable softmax over the last axis."""
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_unstable(logits):
    """Known-wrong: exponentiates the raw logits, overflows on large ones."""
    exps = np.exp(np.asarray(logits, dtype=np.float64))
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_global_max(logits):
    """Known-wrong: subtracts the maximum of the whole array instead of each row's."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max())
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_first_axis(logits):
    """Known-wrong: normalises over axis 0 (the examples) instead of the classes."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=0, keepdims=True))
    return exps / exps.sum(axis=0, keepdims=True)


def _softmax_whole_sum(logits):
    """Known-wrong: divides by the sum over the whole batch."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exps / exps.sum()


REFERENCES = {
    "03.relu_derivative": Reference(relu_derivative, (
        WrongAnswer("is 1 at negative inputs too", lambda: lambda x: np.ones_like(x, dtype=float)),
        WrongAnswer("is 1 at exactly 0 (x >= 0)", lambda: lambda x: (x >= 0).astype(float)),
        WrongAnswer("returns ReLU itself instead of its slope", lambda: lambda x: np.maximum(x, 0.0)),
        WrongAnswer("has the sign flipped (1 for negative inputs)", lambda: lambda x: (x < 0).astype(float)),
    )),
    "03.tanh_derivative": Reference(tanh_derivative, (
        WrongAnswer("forgets tanh: 1 - x**2", lambda: lambda x: 1.0 - x ** 2),
        WrongAnswer("has a sign error: 1 + tanh(x)**2", lambda: lambda x: 1.0 + np.tanh(x) ** 2),
        WrongAnswer("uses the sigmoid's formula: tanh(x) * (1 - tanh(x))", lambda: lambda x: np.tanh(x) * (1.0 - np.tanh(x))),
        WrongAnswer("returns tanh itself", lambda: np.tanh),
    )),
    "03.leaky_relu": Reference(leaky_relu, (
        WrongAnswer("ignores alpha (plain ReLU)", lambda: lambda x, alpha: np.maximum(x, 0.0)),
        WrongAnswer("swaps the branches (alpha * x for positive inputs)", lambda: lambda x, alpha: np.where(x > 0, alpha * x, x)),
        WrongAnswer("has a sign error on negatives (-alpha * x)", lambda: lambda x, alpha: np.where(x > 0, x, -alpha * x)),
        WrongAnswer("hard-codes alpha = 0.01", lambda: lambda x, alpha: np.where(x > 0, x, 0.01 * x)),
    )),
    "03.softmax": Reference(softmax, (
        WrongAnswer("is unstable: overflows on large logits", lambda: _softmax_unstable),
        WrongAnswer("normalises over the wrong axis (axis 0)", lambda: _softmax_first_axis),
        WrongAnswer("subtracts the global maximum, not each row's", lambda: _softmax_global_max),
        WrongAnswer("divides by the sum over the whole batch", lambda: _softmax_whole_sum),
    )),
}
