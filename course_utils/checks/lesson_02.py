"""Checks of exercise 02: the artificial neuron and forward propagation (cases, judges and hints; the answers live with the instructor).

Weights follow Keras's layout, as in lesson 01 and Keras's ``Dense`` kernel:
``W`` has shape ``(inputs, units)``, one column per unit, and a batch has one
example per row, so a layer computes ``x @ W + b``.
"""
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
             hint="On moderate values every correct form of the sigmoid agrees: check the sign inside the exponential "
                  "(the output must grow with z, from near zero to near one)."),
        Case("a 2-D batch of pre-activations (3 x 4)", (rng.normal(scale=3.0, size=(3, 4)),),
             hint="Work element-wise on an array of any shape, with NumPy's exponential (the math module's takes one number "
                  "only), and return an array of the input's shape."),
        Case("large positive and negative values (|z| up to 1000)", (extreme,),
             hint="Far below zero the exponential of minus z overflows; far above zero the exponential of z does. Each entry "
                  "needs the form that is safe for its own sign, and clipping z changes the value."),
        Case("float32 inputs with |z| around 100", (rng.permutation(float32).astype(np.float32),),
             hint="In float32 the exponential overflows for arguments of about 90 already: keep its argument at or below zero."),
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
             hint="First the weighted sum of the inputs plus the bias (one number), then the sigmoid of that sum."),
        Case("all weights zero (the output is σ(b))", (rng.normal(size=4), np.zeros(4), float(_signed(rng, 0.5, 3.0))),
             hint="With zero weights only the bias is left, and the output is the sigmoid of the bias: is the bias added "
                  "before the sigmoid?"),
        Case("64 pixels of an unseen digit, random weights",
             (_digit_rows(rng, 1, seed=5)[0], rng.normal(scale=0.5, size=64), float(_signed(rng, 0.2, 1.0))),
             hint="Apply the sigmoid once, to the whole weighted sum plus the bias, not to each product."),
        Case(f"a weighted sum of {negative} (very negative)", negative_inputs,
             hint="A very negative weighted sum makes the lesson's sigmoid overflow: use your overflow-safe sigmoid from task 1."),
        Case(f"a weighted sum of +{positive} (very positive)", positive_inputs,
             hint="A very positive weighted sum makes the other form of the sigmoid overflow: use your overflow-safe sigmoid "
                  "from task 1."),
    ]


# --- 02.dense_layer ----------------------------------------------------------

def _dense_cases(rng):
    return [
        Case("4 examples, 3 inputs -> 2 units", (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)),
             hint="W has shape (inputs, units), one column per unit, as in Keras: the product of the batch and W already has "
                  "shape (n, units), without any transpose."),
        Case("square weights, 3 inputs -> 3 units", (rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights a transposed W has the right shape but the wrong values: unit j's weights are "
                  "column j of W, not row j."),
        Case("a batch of one example, 5 inputs -> 2 units", (rng.normal(size=(1, 5)), rng.normal(size=(5, 2)), _signed(rng, 0.2, 1.0, 2)),
             hint="Keep the batch axis: one example still gives shape (1, units), with examples as rows."),
        Case("6 unseen digits, 64 pixels -> 10 units", (_digit_rows(rng, 6, seed=6), rng.normal(size=(64, 10)), rng.normal(size=10)),
             hint="Add the bias vector (one entry per unit) to every row of weighted sums, then apply the sigmoid to the total."),
    ]


# --- 02.forward --------------------------------------------------------------

def _forward_cases(rng):
    return [
        Case("3 examples, 4 inputs -> 5 hidden -> 2 outputs",
             (rng.normal(size=(3, 4)), rng.normal(size=(4, 5)), rng.normal(size=5), rng.normal(size=(5, 2)), rng.normal(size=2)),
             hint="Layer 1 first: its activations have shape (n, hidden); the second layer turns them into shape (n, outputs)."),
        Case("square weights everywhere (3 -> 3 -> 3)",
             (rng.normal(size=(4, 3)), rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights every mistake still has the right shape: apply W1 before W2, use each W as given "
                  "(one column per unit), add each bias and apply the sigmoid in both layers."),
        Case("a batch of one example (6 -> 4 -> 1)",
             (rng.normal(size=(1, 6)), rng.normal(size=(6, 4)), rng.normal(size=4), rng.normal(size=(4, 1)), _signed(rng, 0.2, 1.0, 1)),
             hint="Keep the batch axis: one example gives shape (1, outputs)."),
        Case("5 unseen digits, 64 -> 8 -> 3",
             (_digit_rows(rng, 5, seed=7), rng.normal(size=(64, 8)), rng.normal(size=8), rng.normal(size=(8, 3)), rng.normal(size=3)),
             hint="The hidden layer's output, after its sigmoid, is the input of the second layer."),
    ]


TASKS = [
    function_task(
        "02.sigmoid", "a sigmoid that never overflows, for any z", 2, answer_name="sigmoid", cases=_sigmoid_cases,
        hint="The sigmoid has two equivalent forms, each safe for one sign of z: use, for each entry, the form whose "
             "exponential only ever receives a number that is zero or negative.",
        more_hints=(
            "Task 1's text: the lesson's form overflows where z is very negative, the other form where z is very positive. "
            "Both can be built from one safe exponential, the exponential of minus the absolute value of z, which is never "
            "larger than one.",
            "A mask that picks between two forms computed on the whole array does not help: NumPy computes both forms for "
            "every entry before the mask chooses, so the unsafe one still overflows. Compute the one safe exponential first, "
            "then build each entry's form from it.",
        ),
        forbids_overflow=True,
    ),
    function_task(
        "02.neuron", "one neuron's output σ(w·x + b)", 2, answer_name="neuron", cases=_neuron_cases,
        hint="A neuron combines all its inputs into one weighted sum plus its bias, then passes that single number through "
             "the sigmoid from task 1.",
        more_hints=(
            "Lesson 02, section 1: the weighted sum is the dot product of the weights and the inputs, plus the bias, one "
            "number for the whole input vector. The activation comes last, applied once.",
            "The check tries weighted sums in the hundreds, positive and negative: call your overflow-safe sigmoid from "
            "task 1 rather than writing the lesson's formula again.",
        ),
        forbids_overflow=True,
    ),
    function_task(
        "02.dense_layer", "a sigmoid layer σ(xW + b) for a batch of examples", 3, answer_name="dense_layer", cases=_dense_cases,
        hint="One matrix product gives every weighted sum of every example at once: examples are the rows of x and units "
             "the columns of W. Add each unit's bias, then apply the sigmoid.",
        more_hints=(
            "Lesson 01, section 6: with examples as rows and W of shape (inputs, units), Keras's layout, the product of x "
            "and W has shape (n, units) as it is; no transpose is needed.",
            "The bias has one entry per unit and is added to every row (broadcasting); the sigmoid comes last, element-wise, "
            "on the sums with their biases.",
        ),
    ),
    function_task(
        "02.forward", "a two-layer forward pass from given weight matrices", 3, answer_name="forward", cases=_forward_cases,
        hint="Forward propagation: the first layer turns the batch into hidden activations, and those activations, not the "
             "inputs, are what the second layer receives. Each layer is a product with its weights, a bias and a sigmoid.",
        more_hints=(
            "Lesson 02, section 3: follow the shapes, (n, inputs) to (n, hidden) with W1 and b1, then (n, hidden) to "
            "(n, outputs) with W2 and b2.",
            "Your dense_layer from task 3 computes one layer: call it twice, giving the first call's result to the second.",
        ),
    ),
]
