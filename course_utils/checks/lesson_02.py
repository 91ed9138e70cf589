"""Checks of exercise 02: the artificial neuron and forward propagation (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.tasks import Case


def _digit_rows(rng, count: int, *, seed: int) -> np.ndarray:
    """`count` distinct test images of ``load_digits(seed=seed)`` picked with `rng`, as float64 rows of 64 pixels."""
    x_test = load_digits(seed=seed).x_test
    return x_test[rng.choice(len(x_test), size=count, replace=False)].astype(np.float64)


def _signed(rng, low: float, high: float, size=None):
    """Magnitudes drawn in [low, high) with random signs."""
    return rng.uniform(low, high, size) * rng.choice([-1.0, 1.0], size)


# --- 02.sigmoid --------------------------------------------------------------

def _sigmoid_cases(rng):
    # |z| > 709 overflows exp in float64; 20 < |z| < 60 is beyond any clipping to [-10, 10] but far from overflow.
    huge, moderate, large = rng.uniform(720.0, 1000.0, 2), rng.uniform(20.0, 60.0, 2), rng.uniform(200.0, 700.0, 2)
    extreme = np.sort(np.concatenate([-huge, -large, -moderate, [0.0], moderate, large, huge]))
    # In float32, exp overflows above about 88.7: |z| around 100 overflows, 12 < |z| < 40 does not.
    float32 = np.concatenate([-rng.uniform(92.0, 110.0, 1), _signed(rng, 12.0, 40.0, 2), rng.uniform(92.0, 110.0, 1)])
    return [
        Case("moderate values from -6 to 6", (np.sort(rng.uniform(-6.0, 6.0, 13)),),
             hint="σ(z) = 1 / (1 + exp(-z)): σ(0) = 0.5, σ of a large positive z is close to 1, of a large negative z close to 0."),
        Case("a 2-D batch of pre-activations (3 x 4)", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work element-wise on an array of any shape: use np.exp, not math.exp, and no loop over one axis only."),
        Case("large positive and negative values (|z| up to 1000)", (extreme,),
             hint="exp(z) overflows to inf for z > 709, and inf / inf is nan. Only ever take exp of a number <= 0: "
                  "use exp(-z) where z >= 0 and exp(z) where z < 0 (or np.exp(-np.abs(z)))."),
        Case("float32 inputs with |z| around 100", (rng.permutation(float32).astype(np.float32),),
             hint="In float32, exp overflows already above about 88: keep the argument of exp <= 0, and do not clip z."),
    ]


# --- 02.neuron ---------------------------------------------------------------

def _near_zero_neuron(rng):
    """3 inputs, weights and a bias (|b| >= 0.4) whose weighted sum w·x + b is within 0.3 of 0."""
    x = np.concatenate([rng.normal(size=2), _signed(rng, 0.5, 2.0, 1)])
    w = np.concatenate([rng.uniform(-0.8, 0.8, 2), [0.0]])
    b = float(_signed(rng, 0.4, 1.0))
    w[2] = (float(rng.uniform(-0.3, 0.3)) - b - float(np.dot(w[:2], x[:2]))) / x[2]
    return x, w, b


def _extreme_neuron(rng, sign: int):
    """2 inputs, weights and a bias whose weighted sum w·x + b is a whole number of size 750 to 1000, of the given sign."""
    z = sign * int(rng.integers(750, 1001))
    x = rng.uniform(1.0, 5.0, 2)
    b = float(rng.uniform(-2.0, 2.0))
    w = sign * rng.uniform(50.0, 200.0, 2)
    w *= (z - b) / float(np.dot(w, x))
    return z, (x, w, b)


def _neuron_cases(rng):
    negative, negative_inputs = _extreme_neuron(rng, -1)
    positive, positive_inputs = _extreme_neuron(rng, 1)
    return [
        Case("3 inputs, weighted sum near 0", _near_zero_neuron(rng),
             hint="First the weighted sum z = w·x + b (one number), then σ(z)."),
        Case("all weights zero (the output is σ(b))", (rng.normal(size=4), np.zeros(4), float(_signed(rng, 0.5, 3.0))),
             hint="With zero weights only the bias is left, and the output is σ(b): is the bias added before σ?"),
        Case("64 pixels of an unseen digit, random weights",
             (_digit_rows(rng, 1, seed=5)[0], rng.normal(scale=0.5, size=64), float(_signed(rng, 0.2, 1.0))),
             hint="Apply σ once, to the whole weighted sum plus bias, not to each product."),
        Case(f"a weighted sum of {negative} (very negative)", negative_inputs,
             hint="exp(-z) overflows for z below -709: use a sigmoid that never takes exp of a positive number (task 1)."),
        Case(f"a weighted sum of +{positive} (very positive)", positive_inputs,
             hint="exp(z) overflows for z above 709, and inf / inf is nan: use a sigmoid that never takes exp of a positive number (task 1)."),
    ]


# --- 02.dense_layer ----------------------------------------------------------

def _dense_cases(rng):
    return [
        Case("4 examples, 3 inputs -> 2 units", (rng.normal(size=(4, 3)), rng.normal(size=(2, 3)), rng.normal(size=2)),
             hint="W has shape (units, inputs), one row per neuron, as in σ(Wx + b). For a batch whose rows are examples, "
                  "x @ W.T has shape (n, units)."),
        Case("square weights, 3 inputs -> 3 units", (rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights x @ W has the right shape but the wrong values: each unit's weights are a row of W, so use x @ W.T."),
        Case("a batch of one example, 5 inputs -> 2 units", (rng.normal(size=(1, 5)), rng.normal(size=(2, 5)), _signed(rng, 0.2, 1.0, 2)),
             hint="Keep the batch axis: one example still gives shape (1, units), with examples as rows."),
        Case("6 unseen digits, 64 pixels -> 10 units", (_digit_rows(rng, 6, seed=6), rng.normal(size=(10, 64)), rng.normal(size=10)),
             hint="Add the bias vector (one entry per unit) to every row, then apply σ to the sum."),
    ]


# --- 02.forward --------------------------------------------------------------

def _forward_cases(rng):
    return [
        Case("3 examples, 4 inputs -> 5 hidden -> 2 outputs",
             (rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2)),
             hint="Layer 1 first: h = σ(x @ W1.T + b1) has shape (n, hidden); then the output σ(h @ W2.T + b2) has shape (n, outputs)."),
        Case("square weights everywhere (3 -> 3 -> 3)",
             (rng.normal(size=(4, 3)), rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights every mistake still has the right shape: apply W1 before W2, transpose each W, "
                  "add each bias and apply σ in both layers."),
        Case("a batch of one example (6 -> 4 -> 1)",
             (rng.normal(size=(1, 6)), rng.normal(size=(4, 6)), rng.normal(size=4), rng.normal(size=(1, 4)), _signed(rng, 0.2, 1.0, 1)),
             hint="Keep the batch axis: one example gives shape (1, outputs)."),
        Case("5 unseen digits, 64 -> 8 -> 3",
             (_digit_rows(rng, 5, seed=7), rng.normal(size=(8, 64)), rng.normal(size=8), rng.normal(size=(3, 8)), rng.normal(size=3)),
             hint="The hidden layer's output, after its σ, is the input of the second layer."),
    ]


TASKS = [
    function_task(
        "02.sigmoid", "a sigmoid that does not overflow for large |z|", 2, answer_name="sigmoid", cases=_sigmoid_cases,
        hint="σ(z) = 1 / (1 + exp(-z)) = exp(z) / (1 + exp(z)): pick, for each entry, the form whose exp gets a number <= 0.",
    ),
    function_task(
        "02.neuron", "one neuron's output σ(w·x + b)", 2, answer_name="neuron", cases=_neuron_cases,
        hint="A neuron computes one weighted sum z = w·x + b and returns σ(z) as a single number.",
    ),
    function_task(
        "02.dense_layer", "a sigmoid layer σ(x Wᵀ + b) for a batch of examples", 3, answer_name="dense_layer", cases=_dense_cases,
        hint="One matrix product computes every weighted sum of every example: x @ W.T (W has one row per unit), "
             "then add b to every row, then apply σ.",
    ),
    function_task(
        "02.forward", "a two-layer forward pass from given weight matrices", 3, answer_name="forward", cases=_forward_cases,
        hint="Forward propagation: the output of layer 1, h = σ(x @ W1.T + b1), is the input of layer 2, σ(h @ W2.T + b2).",
    ),
]
