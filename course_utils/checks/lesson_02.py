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


# --- 02.collapse ------------------------------------------------------------

def _layers(rng, sizes, scale: float = 1.0):
    """Random (W, b) pairs in Keras's layout for the layer sizes `sizes` (inputs first)."""
    return [(rng.normal(scale=scale, size=(n_in, n_out)), rng.normal(scale=scale, size=n_out)) for n_in, n_out in zip(sizes, sizes[1:])]


def _collapse_cases(rng):
    hidden = int(rng.integers(3, 6))
    return [
        Case(f"2 layers, 3 -> {hidden} -> 2", (_layers(rng, [3, hidden, 2]),),
             hint="The collapsed weights map the inputs straight to the outputs: shape (inputs of the first layer, units of "
                  "the last layer)."),
        Case("3 square layers, 3 -> 3 -> 3 -> 3", (_layers(rng, [3, 3, 3, 3]),),
             hint="With square matrices the shapes do not catch a wrong order: the first layer's weights act first, so its "
                  "matrix stands on the left, the way x meets it."),
        Case("a single layer (nothing to collapse)", (_layers(rng, [4, 2]),),
             hint="A stack of one layer collapses to that layer itself."),
        Case("4 layers on digit-sized inputs, 64 -> 16 -> 8 -> 8 -> 10", (_layers(rng, [64, 16, 8, 8, 10], scale=0.3),),
             hint="Every bias but the last one is carried through the weights of all the layers after it."),
    ]


# --- 02.log_sigmoid ----------------------------------------------------------

def _log_sigmoid_cases(rng):
    huge = rng.uniform(720.0, 1000.0, 2)  # exp overflows past 709 in float64; a sigmoid rounds to 0 below about -745
    large = rng.uniform(50.0, 700.0, 2)
    extreme = np.sort(np.concatenate([-huge, -large, [0.0], large, huge]))
    # In float32, exp overflows above about 88.7, and a sigmoid below about -103 rounds to 0.
    float32 = np.concatenate([-rng.uniform(105.0, 120.0, 2), _signed(rng, 1.0, 20.0, 2), rng.uniform(105.0, 120.0, 1)])
    return [
        Case("moderate values from -6 to 6", (np.sort(rng.uniform(-6.0, 6.0, 11)),),
             hint="On moderate values every correct form agrees: the result is the logarithm of a probability, so it is never "
                  "positive, and it rises towards zero as z grows."),
        Case("a 2-D batch (3 x 4) with |z| up to 30", (rng.uniform(-30.0, 30.0, (3, 4)),),
             hint="Work element-wise on an array of any shape and return an array of the input's shape."),
        Case("very negative and very positive values (|z| up to 1000)", (extreme,),
             hint="Far below zero the sigmoid itself rounds to exactly 0 and its logarithm is minus infinity, although the "
                  "true value is close to z: do not take the logarithm of a sigmoid you computed first."),
        Case("float32 inputs with |z| above 100", (rng.permutation(float32).astype(np.float32),),
             hint="In float32 the exponential overflows for arguments of about 90 already, and the sigmoid rounds to 0 "
                  "for z below about minus 100: keep every exponential's argument at or below zero."),
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
        "02.dense_layer", "a sigmoid layer σ(xW + b) for a batch of examples", 2, answer_name="dense_layer", cases=_dense_cases,
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
        "02.collapse", "a stack of linear layers (no activation) collapsed into one weight matrix and one bias", 3,
        answer_name="collapse", cases=_collapse_cases, returns=("W", "b"),
        hint="Follow one batch through the stack on paper: each layer multiplies by its weights and adds its bias. Write the "
             "output of the last layer as the input times one matrix, plus one vector.",
        more_hints=(
            "Start with the first layer as the collapsed one. Appending a layer with weights W and bias b to a collapsed "
            "layer turns its weights into the product of the old weights and W (old on the left), and its bias into the old "
            "bias pushed through W, plus b.",
            "A check of your own: the collapsed layer must give the same outputs as the stack run layer by layer, on any "
            "batch. With the identity matrix as the batch, the stack's outputs minus its outputs on zeros are the weights.",
        ),
    ),
    function_task(
        "02.log_sigmoid", "the logarithm of the sigmoid, without overflow or a logarithm of 0", 3, answer_name="log_sigmoid",
        cases=_log_sigmoid_cases,
        hint="Write the logarithm of the sigmoid as minus the logarithm of one plus an exponential, and make that exponential's "
             "argument zero or negative for every sign of z.",
        more_hints=(
            "For z at or above zero, the logarithm of the sigmoid is minus the log of one plus the exponential of minus z. "
            "For z below zero, multiply the top and bottom of the sigmoid by the exponential of z: the result is z minus the "
            "log of one plus the exponential of z. Both use the exponential of minus the absolute value of z.",
            "NumPy's log1p computes the log of one plus a small number accurately, and its logaddexp computes the log of a sum "
            "of two exponentials without overflow. Compute only safe exponentials: a mask over two unsafe forms still "
            "computes both.",
        ),
        forbids_overflow=True,
    ),
]
