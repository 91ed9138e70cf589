"""Checks of exercise 03: activation functions."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer



# --- 03.relu_derivative ----------------------------------------------------

def relu_derivative(x):
    """Reference: the derivative of ReLU, 1 where x > 0 and 0 elsewhere (also 0 at x = 0), as floats."""
    return (np.asarray(x) > 0).astype(np.float64)


def _relu_derivative_cases():
    rng = np.random.default_rng(301)
    return [
        Case("5 inputs from -2 to 2, zero excluded", (np.array([-2.0, -0.5, 0.25, 1.0, 2.0]),),
             hint="The slope of max(0, x) is 1 where x > 0 and 0 where x < 0: it does not depend on how large x is."),
        Case("exactly 0 (the convention: slope 0 there)", (np.array([-1e-3, 0.0, 1e-3]),),
             hint="At exactly x = 0 the exercise uses slope 0, as Keras and TensorFlow do: use x > 0, not x >= 0."),
        Case("only negative inputs", (-np.abs(rng.normal(size=6)) - 0.1,),
             hint="For every negative input ReLU is flat (always 0), so its slope is 0, not 1."),
        Case("a (4, 3) batch of pre-activations", (rng.normal(scale=3.0, size=(4, 3)),),
             hint="Work element-wise and keep the input's shape; the result holds slopes (0 or 1), not ReLU's values."),
    ]


# --- 03.tanh_derivative ----------------------------------------------------

def tanh_derivative(x):
    """Reference: the derivative of tanh, 1 - tanh(x)**2."""
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def _tanh_derivative_cases():
    rng = np.random.default_rng(302)
    return [
        Case("0 and small inputs around it", (np.array([-0.3, 0.0, 0.1, 0.4]),),
             hint="At x = 0 tanh is steepest, with slope exactly 1; the slope is never larger than 1."),
        Case("inputs far from 0 (tanh saturates)", (np.array([-8.0, -3.0, 2.5, 6.0]),),
             hint="Far from 0 tanh is flat, so its slope approaches 0 (and is never negative): differentiate tanh(x), not x."),
        Case("a (3, 5) batch of random inputs", (rng.normal(scale=2.0, size=(3, 5)),),
             hint="Use the identity tanh'(x) = 1 - tanh(x)², element-wise; keep the input's shape."),
    ]


# --- 03.leaky_relu ---------------------------------------------------------

def leaky_relu(x, alpha):
    """Reference: leaky ReLU, x where x > 0 and alpha * x elsewhere."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def _leaky_relu_cases():
    rng = np.random.default_rng(303)
    return [
        Case("mixed signs with alpha = 0.1", (np.array([-4.0, -1.0, 0.0, 0.5, 3.0]), 0.1),
             hint="Positive inputs pass unchanged; negative inputs are multiplied by alpha (they stay negative, only smaller)."),
        Case("a (2, 4) batch with alpha = 0.3", (rng.normal(scale=2.0, size=(2, 4)), 0.3),
             hint="Use the alpha you are given (not a fixed 0.01), element-wise, and keep the input's shape."),
        Case("only negative inputs with alpha = 0.05", (-np.abs(rng.normal(size=5)) - 0.5, 0.05),
             hint="For x < 0 the output is alpha * x: a small negative number, not 0 and not a positive one."),
        Case("only positive inputs with alpha = 0.2", (np.abs(rng.normal(size=5)) + 0.5, 0.2),
             hint="For x > 0 leaky ReLU is the identity: the output equals the input."),
    ]


# --- 03.softmax ------------------------------------------------------------

def softmax(logits):
    """Reference: numerically stable softmax over the last axis."""
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_cases():
    rng = np.random.default_rng(304)
    return [
        Case("one vector of 4 small logits", (np.array([0.5, -1.0, 2.0, 0.0]),),
             hint="Exponentiate every logit, then divide by the sum of the exponentials: the result sums to 1."),
        Case("a (5, 3) batch: one softmax per row", (rng.normal(size=(5, 3)),),
             hint="Each row is one example: normalise over the last axis (axis=-1, keepdims=True), so every row sums to 1."),
        Case("large logits around 1000", (np.array([[1000.0, 1001.0, 999.0], [1000.0, 1000.0, 1000.0]]),),
             hint="exp(1000) overflows to inf: subtract each row's maximum logit before exponentiating (the result does not change)."),
        Case("rows on very different scales (-800 and +800)", (np.array([[-800.0, -801.0, -799.0], [800.0, 799.0, 801.0]]),),
             hint="Subtract the maximum of each row, not of the whole array: a row far below the global maximum underflows to 0/0."),
        Case("2 rows of 1 class (each is certain)", (rng.normal(size=(2, 1)),),
             hint="With a single class the probability is 1 for every row; a result of shape (n, 1) is expected."),
    ]


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


TASKS = [
    function_task(
        "03.relu_derivative", "the derivative of ReLU, element-wise (slope 0 at x = 0)", 2,
        reference=relu_derivative, cases=_relu_derivative_cases,
        hint="ReLU is max(0, x): its slope is 1 for x > 0 and 0 for x <= 0, whatever the size of x.",
        wrong_answers=(
            WrongAnswer("is 1 at negative inputs too", lambda: lambda x: np.ones_like(x, dtype=float)),
            WrongAnswer("is 1 at exactly 0 (x >= 0)", lambda: lambda x: (x >= 0).astype(float)),
            WrongAnswer("returns ReLU itself instead of its slope", lambda: lambda x: np.maximum(x, 0.0)),
            WrongAnswer("has the sign flipped (1 for negative inputs)", lambda: lambda x: (x < 0).astype(float)),
        ),
    ),
    function_task(
        "03.tanh_derivative", "the derivative of tanh, element-wise", 2,
        reference=tanh_derivative, cases=_tanh_derivative_cases,
        hint="Differentiate tanh(x): the derivative can be written with tanh itself, tanh'(x) = 1 - tanh(x)².",
        wrong_answers=(
            WrongAnswer("forgets tanh: 1 - x**2", lambda: lambda x: 1.0 - x ** 2),
            WrongAnswer("has a sign error: 1 + tanh(x)**2", lambda: lambda x: 1.0 + np.tanh(x) ** 2),
            WrongAnswer("uses the sigmoid's formula: tanh(x) * (1 - tanh(x))", lambda: lambda x: np.tanh(x) * (1.0 - np.tanh(x))),
            WrongAnswer("returns tanh itself", lambda: np.tanh),
        ),
    ),
    function_task(
        "03.leaky_relu", "leaky ReLU with a given negative slope alpha", 2,
        reference=leaky_relu, cases=_leaky_relu_cases,
        hint="Keep x where x > 0 and use alpha * x elsewhere; np.where picks element-wise.",
        wrong_answers=(
            WrongAnswer("ignores alpha (plain ReLU)", lambda: lambda x, alpha: np.maximum(x, 0.0)),
            WrongAnswer("swaps the branches (alpha * x for positive inputs)", lambda: lambda x, alpha: np.where(x > 0, alpha * x, x)),
            WrongAnswer("has a sign error on negatives (-alpha * x)", lambda: lambda x, alpha: np.where(x > 0, x, -alpha * x)),
            WrongAnswer("hard-codes alpha = 0.01", lambda: lambda x, alpha: np.where(x > 0, x, 0.01 * x)),
        ),
    ),
    function_task(
        "03.softmax", "a numerically stable softmax over the last axis", 4,
        reference=softmax, cases=_softmax_cases,
        hint="Subtract each row's maximum logit, exponentiate, and divide by each row's sum (axis=-1, keepdims=True).",
        wrong_answers=(
            WrongAnswer("is unstable: overflows on large logits", lambda: _softmax_unstable),
            WrongAnswer("normalises over the wrong axis (axis 0)", lambda: _softmax_first_axis),
            WrongAnswer("subtracts the global maximum, not each row's", lambda: _softmax_global_max),
            WrongAnswer("divides by the sum over the whole batch", lambda: _softmax_whole_sum),
        ),
    ),
]
