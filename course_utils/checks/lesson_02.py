"""Checks of exercise 02: the artificial neuron and forward propagation."""
from __future__ import annotations

import math

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer



# --- 02.sigmoid --------------------------------------------------------------

def sigmoid(z):
    """Reference: the logistic sigmoid 1 / (1 + exp(-z)), element-wise, without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    # exp is only ever taken of a number <= 0, so it never overflows.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_cases():
    rng = np.random.default_rng(201)
    return [
        Case("moderate values from -6 to 6", (np.linspace(-6.0, 6.0, 13),),
             hint="σ(z) = 1 / (1 + exp(-z)): σ(0) = 0.5, σ of a large positive z is close to 1, of a large negative z close to 0."),
        Case("a 2-D batch of pre-activations (3 x 4)", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work element-wise on an array of any shape: use np.exp, not math.exp, and no loop over one axis only."),
        Case("large positive and negative values (|z| up to 1000)", (np.array([-1000.0, -750.0, -40.0, 0.0, 40.0, 750.0, 1000.0]),),
             hint="exp(z) overflows to inf for z > 709, and inf / inf is nan. Only ever take exp of a number <= 0: "
                  "use exp(-z) where z >= 0 and exp(z) where z < 0 (or np.exp(-np.abs(z)))."),
        Case("float32 inputs with |z| = 100", (np.array([-100.0, -20.0, 20.0, 100.0], dtype=np.float32),),
             hint="In float32, exp overflows already above about 88: keep the argument of exp <= 0, and do not clip z."),
    ]


# --- 02.neuron ---------------------------------------------------------------

def neuron(x, w, b):
    """Reference: one neuron's output σ(w·x + b) for one input vector, as a float."""
    return float(sigmoid(np.dot(w, x) + b))


def _neuron_cases():
    rng = np.random.default_rng(202)
    pixels = load_digits(seed=5).x_test[11].astype(np.float64)
    return [
        Case("3 inputs, weighted sum near 0", (np.array([1.0, -2.0, 0.5]), np.array([0.4, 0.3, -0.6]), 0.5),
             hint="First the weighted sum z = w·x + b (one number), then σ(z)."),
        Case("all weights zero (the output is σ(b))", (rng.normal(size=4), np.zeros(4), -1.5),
             hint="With zero weights only the bias is left, and the output is σ(b): is the bias added before σ?"),
        Case("64 pixels of an unseen digit, random weights", (pixels, rng.normal(size=64), -0.3),
             hint="Apply σ once, to the whole weighted sum plus bias, not to each product."),
        Case("a weighted sum of -800 (very negative)", (np.array([4.0, 2.0]), np.array([-150.0, -100.0]), 0.0),
             hint="exp(800) overflows: use a sigmoid that never takes exp of a positive number (task 1)."),
        Case("a weighted sum of +800 (very positive)", (np.array([4.0, 2.0]), np.array([150.0, 100.0]), 0.0),
             hint="exp(800) overflows, and inf / inf is nan: use a sigmoid that never takes exp of a positive number (task 1)."),
    ]


# --- 02.dense_layer ----------------------------------------------------------

def dense_layer(x, W, b):
    """Reference: a sigmoid layer for a batch: rows of x are examples, W has one row per unit."""
    return sigmoid(np.asarray(x) @ np.asarray(W).T + np.asarray(b))


def _dense_cases():
    rng = np.random.default_rng(203)
    return [
        Case("4 examples, 3 inputs -> 2 units", (rng.normal(size=(4, 3)), rng.normal(size=(2, 3)), rng.normal(size=2)),
             hint="W has shape (units, inputs), one row per neuron, as in σ(Wx + b). For a batch whose rows are examples, "
                  "x @ W.T has shape (n, units)."),
        Case("square weights, 3 inputs -> 3 units", (rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights x @ W has the right shape but the wrong values: each unit's weights are a row of W, so use x @ W.T."),
        Case("a batch of one example, 5 inputs -> 2 units", (rng.normal(size=(1, 5)), rng.normal(size=(2, 5)), np.array([0.5, -0.5])),
             hint="Keep the batch axis: one example still gives shape (1, units), with examples as rows."),
        Case("6 unseen digits, 64 pixels -> 10 units", (load_digits(seed=6).x_test[:6].astype(np.float64), rng.normal(size=(10, 64)),
                                                        rng.normal(size=10)),
             hint="Add the bias vector (one entry per unit) to every row, then apply σ to the sum."),
    ]


# --- 02.forward --------------------------------------------------------------

def forward(x, W1, b1, W2, b2):
    """Reference: a two-layer forward pass σ(σ(x W1ᵀ + b1) W2ᵀ + b2) for a batch of rows."""
    hidden = sigmoid(np.asarray(x) @ np.asarray(W1).T + np.asarray(b1))
    return sigmoid(hidden @ np.asarray(W2).T + np.asarray(b2))


def _forward_cases():
    rng = np.random.default_rng(204)
    return [
        Case("3 examples, 4 inputs -> 5 hidden -> 2 outputs",
             (rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2)),
             hint="Layer 1 first: h = σ(x @ W1.T + b1) has shape (n, hidden); then the output σ(h @ W2.T + b2) has shape (n, outputs)."),
        Case("square weights everywhere (3 -> 3 -> 3)",
             (rng.normal(size=(4, 3)), rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights every mistake still has the right shape: apply W1 before W2, transpose each W, "
                  "add each bias and apply σ in both layers."),
        Case("a batch of one example (6 -> 4 -> 1)",
             (rng.normal(size=(1, 6)), rng.normal(size=(4, 6)), rng.normal(size=4), rng.normal(size=(1, 4)), np.array([0.2])),
             hint="Keep the batch axis: one example gives shape (1, outputs)."),
        Case("5 unseen digits, 64 -> 8 -> 3",
             (load_digits(seed=7).x_test[:5].astype(np.float64), rng.normal(size=(8, 64)), rng.normal(size=8),
              rng.normal(size=(3, 8)), rng.normal(size=3)),
             hint="The hidden layer's output, after its σ, is the input of the second layer."),
    ]


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


TASKS = [
    function_task(
        "02.sigmoid", "a sigmoid that does not overflow for large |z|", 2, reference=sigmoid, cases=_sigmoid_cases,
        hint="σ(z) = 1 / (1 + exp(-z)) = exp(z) / (1 + exp(z)): pick, for each entry, the form whose exp gets a number <= 0.",
        wrong_answers=(
            WrongAnswer("overflows: exp(z) / (1 + exp(z)) gives nan for large z", lambda: _sigmoid_unstable),
            WrongAnswer("has a sign error: 1 / (1 + exp(z))", lambda: lambda z: 1 / (1 + np.exp(z))),
            WrongAnswer("uses math.exp, which only takes one number", lambda: _sigmoid_math_exp),
            WrongAnswer("clips z to [-10, 10] to avoid the overflow", lambda: _sigmoid_clipped),
        ),
    ),
    function_task(
        "02.neuron", "one neuron's output σ(w·x + b)", 2, reference=neuron, cases=_neuron_cases,
        hint="A neuron computes one weighted sum z = w·x + b and returns σ(z) as a single number.",
        wrong_answers=(
            WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)))),
            WrongAnswer("forgets the activation", lambda: lambda x, w, b: float(np.dot(w, x) + b)),
            WrongAnswer("applies σ before adding the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)) + b)),
            WrongAnswer("applies σ to each product, then sums", lambda: lambda x, w, b: float(np.sum(sigmoid(w * x)) + b)),
            WrongAnswer("uses a sigmoid that overflows", lambda: lambda x, w, b: float(_sigmoid_unstable(np.dot(w, x) + b))),
        ),
    ),
    function_task(
        "02.dense_layer", "a sigmoid layer σ(x Wᵀ + b) for a batch of examples", 3, reference=dense_layer, cases=_dense_cases,
        hint="One matrix product computes every weighted sum of every example: x @ W.T (W has one row per unit), "
             "then add b to every row, then apply σ.",
        wrong_answers=(
            WrongAnswer("forgets the transpose: x @ W", lambda: lambda x, W, b: sigmoid(x @ W + b)),
            WrongAnswer("forgets the bias", lambda: lambda x, W, b: sigmoid(x @ W.T)),
            WrongAnswer("applies σ before adding the bias", lambda: lambda x, W, b: sigmoid(x @ W.T) + b),
            WrongAnswer("forgets the activation", lambda: lambda x, W, b: x @ W.T + b),
            WrongAnswer("returns examples as columns: σ(W xᵀ + b)", lambda: _dense_column_batch),
        ),
    ),
    function_task(
        "02.forward", "a two-layer forward pass from given weight matrices", 3, reference=forward, cases=_forward_cases,
        hint="Forward propagation: the output of layer 1, h = σ(x @ W1.T + b1), is the input of layer 2, σ(h @ W2.T + b2).",
        wrong_answers=(
            WrongAnswer("applies the layers in the wrong order (W2 first)", lambda: _forward_wrong_order),
            WrongAnswer("has no activation on the hidden layer",
                        lambda: lambda x, W1, b1, W2, b2: sigmoid((x @ W1.T + b1) @ W2.T + b2)),
            WrongAnswer("forgets the transposes: x @ W1 and h @ W2",
                        lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1 + b1) @ W2 + b2)),
            WrongAnswer("forgets the biases", lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1.T) @ W2.T)),
            WrongAnswer("applies σ to the input instead of to the hidden layer",
                        lambda: lambda x, W1, b1, W2, b2: sigmoid((sigmoid(x) @ W1.T + b1) @ W2.T + b2)),
        ),
    ),
]
