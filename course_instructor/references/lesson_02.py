"""Reference answers and known-wrong answers of exercise 02: the artificial neuron and forward propagation."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, WrongAnswer


def sigmoid(z):
    """Reference: the logistic sigmoid 1 / (1 + exp(-z)), element-wise, without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    # exp is only ever taken of a number <= 0, so it never overflows.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def neuron(x, w, b):
    """Reference: one neuron's output σ(w·x + b) for one input vector, as a float."""
    return float(sigmoid(np.dot(w, x) + b))


def dense_layer(x, W, b):
    """Reference: a sigmoid layer for a batch: rows of x are examples, W has one row per unit."""
    return sigmoid(np.asarray(x) @ np.asarray(W).T + np.asarray(b))


def forward(x, W1, b1, W2, b2):
    """Reference: a two-layer forward pass σ(σ(x W1ᵀ + b1) W2ᵀ + b2) for a batch of rows."""
    hidden = sigmoid(np.asarray(x) @ np.asarray(W1).T + np.asarray(b1))
    return sigmoid(hidden @ np.asarray(W2).T + np.asarray(b2))


# --- known-wrong answers -----------------------------------------------------

def _sigmoid_unstable(z):
    """Known-wrong: exp(z) / (1 + exp(z)) overflows to inf / inf = nan for large z."""
    e = np.exp(z)
    return e / (1 + e)


def _sigmoid_math_exp(z):
    """Known-wrong: math.exp works on one number only (and overflows for z < -709)."""
    return 1 / (1 + math.exp(-z))


def _sigmoid_clipped(z):
    """Known-wrong: avoids the overflow by clipping z, which changes the value for |z| > 10."""
    return 1 / (1 + np.exp(-np.clip(z, -10, 10)))


def _dense_column_batch(x, W, b):
    """Known-wrong: computes σ(W xᵀ + b) with examples as columns, shape (units, n)."""
    return sigmoid(W @ x.T + b[:, None])


def _forward_wrong_order(x, W1, b1, W2, b2):
    """Known-wrong: applies the second layer first."""
    return sigmoid(sigmoid(x @ W2.T + b2) @ W1.T + b1)


REFERENCES = {
    "02.sigmoid": Reference(sigmoid, (
        WrongAnswer("overflows: exp(z) / (1 + exp(z)) gives nan for large z", lambda: _sigmoid_unstable),
        WrongAnswer("has a sign error: 1 / (1 + exp(z))", lambda: lambda z: 1 / (1 + np.exp(z))),
        WrongAnswer("uses math.exp, which only takes one number", lambda: _sigmoid_math_exp),
        WrongAnswer("clips z to [-10, 10] to avoid the overflow", lambda: _sigmoid_clipped),
    )),
    "02.neuron": Reference(neuron, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)))),
        WrongAnswer("forgets the activation", lambda: lambda x, w, b: float(np.dot(w, x) + b)),
        WrongAnswer("applies σ before adding the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)) + b)),
        WrongAnswer("applies σ to each product, then sums", lambda: lambda x, w, b: float(np.sum(sigmoid(w * x)) + b)),
        WrongAnswer("uses a sigmoid that overflows", lambda: lambda x, w, b: float(_sigmoid_unstable(np.dot(w, x) + b))),
    )),
    "02.dense_layer": Reference(dense_layer, (
        WrongAnswer("forgets the transpose: x @ W", lambda: lambda x, W, b: sigmoid(x @ W + b)),
        WrongAnswer("forgets the bias", lambda: lambda x, W, b: sigmoid(x @ W.T)),
        WrongAnswer("applies σ before adding the bias", lambda: lambda x, W, b: sigmoid(x @ W.T) + b),
        WrongAnswer("forgets the activation", lambda: lambda x, W, b: x @ W.T + b),
        WrongAnswer("returns examples as columns: σ(W xᵀ + b)", lambda: _dense_column_batch),
    )),
    "02.forward": Reference(forward, (
        WrongAnswer("applies the layers in the wrong order (W2 first)", lambda: _forward_wrong_order),
        WrongAnswer("has no activation on the hidden layer",
                    lambda: lambda x, W1, b1, W2, b2: sigmoid((x @ W1.T + b1) @ W2.T + b2)),
        WrongAnswer("forgets the transposes: x @ W1 and h @ W2",
                    lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1 + b1) @ W2 + b2)),
        WrongAnswer("forgets the biases", lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1.T) @ W2.T)),
        WrongAnswer("applies σ to the input instead of to the hidden layer",
                    lambda: lambda x, W1, b1, W2, b2: sigmoid((sigmoid(x) @ W1.T + b1) @ W2.T + b2)),
    )),
}
