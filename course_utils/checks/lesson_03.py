"""Checks of exercise 03: activation functions (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _with_zero(rng, size: int, scale: float) -> np.ndarray:
    """`size` non-zero values of both signs up to `scale`, with an exact 0 at a random place among them."""
    values = rng.uniform(scale / 20, scale, size) * rng.choice([-1.0, 1.0], size)
    values[:2] = [-abs(values[0]), abs(values[1])]
    return np.insert(rng.permutation(values), int(rng.integers(0, size + 1)), 0.0)


# --- 03.relu_derivative ----------------------------------------------------

def _relu_derivative_cases(rng):
    mixed = np.concatenate([-rng.uniform(0.1, 2.0, 2), rng.uniform(0.1, 2.0, 3)])
    return [
        Case("5 inputs from -2 to 2, zero excluded", (np.sort(mixed),),
             hint="The slope of max(0, x) is 1 where x > 0 and 0 where x < 0: it does not depend on how large x is."),
        Case("exactly 0 (the convention: slope 0 there)", (_with_zero(rng, 2, 1e-2),),
             hint="At exactly x = 0 the exercise uses slope 0, as Keras and TensorFlow do: use x > 0, not x >= 0."),
        Case("only negative inputs", (-np.abs(rng.normal(size=6)) - 0.1,),
             hint="For every negative input ReLU is flat (always 0), so its slope is 0, not 1."),
        Case("a (4, 3) batch of pre-activations", (rng.normal(scale=3.0, size=(4, 3)),),
             hint="Work element-wise and keep the input's shape; the result holds slopes (0 or 1), not ReLU's values."),
    ]


# --- 03.tanh_derivative ----------------------------------------------------

def _tanh_derivative_cases(rng):
    far = rng.uniform(2.5, 9.0, 4) * np.array([-1.0, -1.0, 1.0, 1.0])
    return [
        Case("0 and small inputs around it", (_with_zero(rng, 3, 0.5),),
             hint="At x = 0 tanh is steepest, with slope exactly 1; the slope is never larger than 1."),
        Case("inputs far from 0 (tanh saturates)", (rng.permutation(far),),
             hint="Far from 0 tanh is flat, so its slope approaches 0 (and is never negative): differentiate tanh(x), not x."),
        Case("a (3, 5) batch of random inputs", (rng.normal(scale=2.0, size=(3, 5)),),
             hint="Use the identity tanh'(x) = 1 - tanh(x)², element-wise; keep the input's shape."),
    ]


# --- 03.leaky_relu ---------------------------------------------------------

def _alpha(rng) -> float:
    """A negative slope between 0.05 and 0.4, rounded to 2 decimals (never the common default 0.01)."""
    return round(float(rng.uniform(0.05, 0.4)), 2)


def _leaky_relu_cases(rng):
    alphas = [_alpha(rng) for _ in range(4)]
    return [
        Case(f"mixed signs with alpha = {alphas[0]}", (_with_zero(rng, 4, 4.0), alphas[0]),
             hint="Positive inputs pass unchanged; negative inputs are multiplied by alpha (they stay negative, only smaller)."),
        Case(f"a (2, 4) batch with alpha = {alphas[1]}", (rng.normal(scale=2.0, size=(2, 4)), alphas[1]),
             hint="Use the alpha you are given (not a fixed 0.01), element-wise, and keep the input's shape."),
        Case(f"only negative inputs with alpha = {alphas[2]}", (-np.abs(rng.normal(size=5)) - 0.5, alphas[2]),
             hint="For x < 0 the output is alpha * x: a small negative number, not 0 and not a positive one."),
        Case(f"only positive inputs with alpha = {alphas[3]}", (np.abs(rng.normal(size=5)) + 0.5, alphas[3]),
             hint="For x > 0 leaky ReLU is the identity: the output equals the input."),
    ]


# --- 03.softmax ------------------------------------------------------------

def _softmax_cases(rng):
    return [
        Case("one vector of 4 small logits", (rng.normal(size=4),),
             hint="Exponentiate every logit, then divide by the sum of the exponentials: the result sums to 1."),
        Case("a (5, 3) batch: one softmax per row", (rng.normal(size=(5, 3)),),
             hint="Each row is one example: normalise over the last axis (axis=-1, keepdims=True), so every row sums to 1."),
        Case("large logits around 1000", (rng.uniform(995.0, 1005.0, size=(2, 3)),),
             hint="exp(1000) overflows to inf: subtract each row's maximum logit before exponentiating (the result does not change)."),
        Case("rows on very different scales (-800 and +800)", (np.array([[-800.0], [800.0]]) + rng.normal(size=(2, 3)),),
             hint="Subtract the maximum of each row, not of the whole array: a row far below the global maximum underflows to 0/0."),
        Case("2 rows of 1 class (each is certain)", (rng.normal(size=(2, 1)),),
             hint="With a single class the probability is 1 for every row; a result of shape (n, 1) is expected."),
    ]


TASKS = [
    function_task(
        "03.relu_derivative", "the derivative of ReLU, element-wise (slope 0 at x = 0)", 2, answer_name="relu_derivative",
        cases=_relu_derivative_cases,
        hint="ReLU is max(0, x): its slope is 1 for x > 0 and 0 for x <= 0, whatever the size of x.",
    ),
    function_task(
        "03.tanh_derivative", "the derivative of tanh, element-wise", 2, answer_name="tanh_derivative", cases=_tanh_derivative_cases,
        hint="Differentiate tanh(x): the derivative can be written with tanh itself, tanh'(x) = 1 - tanh(x)².",
    ),
    function_task(
        "03.leaky_relu", "leaky ReLU with a given negative slope alpha", 2, answer_name="leaky_relu", cases=_leaky_relu_cases,
        hint="Keep x where x > 0 and use alpha * x elsewhere; np.where picks element-wise.",
    ),
    function_task(
        "03.softmax", "a numerically stable softmax over the last axis", 4, answer_name="softmax", cases=_softmax_cases,
        hint="Subtract each row's maximum logit, exponentiate, and divide by each row's sum (axis=-1, keepdims=True).",
    ),
]
