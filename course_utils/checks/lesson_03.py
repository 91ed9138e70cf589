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
             hint="ReLU's slope is one where the input is positive and zero where it is negative: it does not depend on "
                  "how large the input is."),
        Case("exactly 0 (the convention: slope 0 there)", (_with_zero(rng, 2, 1e-2),),
             hint="At exactly zero the exercise uses slope zero, as Keras and TensorFlow do: the comparison with zero "
                  "must be strict."),
        Case("only negative inputs", (-np.abs(rng.normal(size=6)) - 0.1,),
             hint="For every negative input ReLU is flat (always zero), so its slope is zero: not one, and not negative."),
        Case("a (4, 3) batch of pre-activations", (rng.normal(scale=3.0, size=(4, 3)),),
             hint="Work element-wise and keep the input's shape; the result holds slopes (zeros and ones), not ReLU's values."),
    ]


# --- 03.tanh_derivative ----------------------------------------------------

def _tanh_derivative_cases(rng):
    far = rng.uniform(2.5, 9.0, 4) * np.array([-1.0, -1.0, 1.0, 1.0])
    return [
        Case("0 and small inputs around it", (_with_zero(rng, 3, 0.5),),
             hint="Near zero tanh is steepest, and its slope is largest there; the slope is never larger than one."),
        Case("inputs far from 0 (tanh saturates)", (rng.permutation(far),),
             hint="Far from zero tanh is flat, so its slope approaches zero and is never negative: differentiate tanh of "
                  "the input, not the input itself."),
        Case("a (3, 5) batch of random inputs", (rng.normal(scale=2.0, size=(3, 5)),),
             hint="Use the identity from the task text, element-wise, and keep the input's shape."),
    ]


# --- 03.leaky_relu ---------------------------------------------------------

# Slopes a known-wrong answer hard-codes: the common default 0.01 and Keras's default negative_slope 0.2.
_HARD_CODED_ALPHAS = (0.01, 0.2)


def _alpha(rng) -> float:
    """A negative slope between 0.05 and 0.4, rounded to 2 decimals, never a common default (0.01, Keras's 0.2)."""
    while (alpha := round(float(rng.uniform(0.05, 0.4)), 2)) in _HARD_CODED_ALPHAS:
        pass
    return alpha


def _leaky_relu_cases(rng):
    alphas = [_alpha(rng) for _ in range(4)]
    return [
        Case(f"mixed signs with alpha = {alphas[0]}", (_with_zero(rng, 4, 4.0), alphas[0]),
             hint="Positive inputs pass unchanged; negative inputs are scaled by alpha (they stay negative, only smaller)."),
        Case(f"a (2, 4) batch with alpha = {alphas[1]}", (rng.normal(scale=2.0, size=(2, 4)), alphas[1]),
             hint="Use the alpha you are given, not a fixed default, element-wise, and keep the input's shape."),
        Case(f"only negative inputs with alpha = {alphas[2]}", (-np.abs(rng.normal(size=5)) - 0.5, alphas[2]),
             hint="For a negative input the output is that input scaled by alpha: a small negative number, not zero and "
                  "not a positive one."),
        Case(f"only positive inputs with alpha = {alphas[3]}", (np.abs(rng.normal(size=5)) + 0.5, alphas[3]),
             hint="For a positive input leaky ReLU is the identity: the output is the input itself."),
    ]


# --- 03.softmax ------------------------------------------------------------

def _wide_row(rng, size: int) -> np.ndarray:
    """A row too wide for any shift but its maximum: shifted by its minimum or mean, some exponent is above 709 (overflow).

    Args:
        rng: The case generator.
        size: The number of logits (at least 3).

    Returns:
        `size` logits: one below -900, one above +900 and the others near 0, in random order.
    """
    middle = rng.normal(scale=2.0, size=size - 2)
    return rng.permutation(np.concatenate([[-rng.uniform(900.0, 1000.0), rng.uniform(900.0, 1000.0)], middle]))


def _softmax_cases(rng):
    return [
        Case("one vector of 4 small logits", (rng.normal(size=4),),
             hint="Exponentiate every logit, then divide by the sum of the exponentials: the result is positive and sums to one."),
        Case("a (5, 3) batch: one softmax per row", (rng.normal(size=(5, 3)),),
             hint="Each row is one example: normalise each row on its own, over the last axis, so that every row sums to "
                  "one, and keep the summed axis so that the shapes broadcast."),
        Case("large logits around 1000", (rng.uniform(995.0, 1005.0, size=(2, 3)),),
             hint="The exponential of a logit near a thousand overflows. Adding the same number to every logit of a row does "
                  "not change its softmax: shift each row so that no exponent is positive (lesson 03, section 4)."),
        Case("rows on very different scales (-800 and +800)", (np.array([[-800.0], [800.0]]) + rng.normal(size=(2, 3)),),
             hint="Shift each row by its own largest logit, not by the largest of the whole batch: a row far below the "
                  "batch's largest logit underflows to zero over zero."),
        Case("a row spread from below -900 to above +900", (np.stack([_wide_row(rng, 4), rng.normal(size=4)]),),
             hint="In a row that spans from far below zero to far above it, shifting by the row's smallest or average logit "
                  "still leaves exponents in the hundreds, which overflow: only one shift keeps every exponent at or below zero."),
        Case("2 rows of 1 class (each is certain)", (rng.normal(size=(2, 1)),),
             hint="A softmax over a row of one logit does not depend on that logit's value, unlike a sigmoid; a result of "
                  "shape (n, 1) is expected."),
    ]


TASKS = [
    function_task(
        "03.relu_derivative", "the derivative of ReLU, element-wise (slope 0 at x = 0)", 2, answer_name="relu_derivative",
        cases=_relu_derivative_cases,
        hint="ReLU is flat where its input is negative and a line of slope one where it is positive: its slope depends only "
             "on the sign of the input, not on its size.",
        more_hints=(
            "Lesson 03, section 3: compare the input with zero, entry by entry, and turn the comparison into floats, "
            "keeping the input's shape.",
            "At exactly zero ReLU has a kink and no slope; this exercise, like Keras and TensorFlow, uses zero there, so "
            "only strictly positive inputs get slope one.",
        ),
    ),
    function_task(
        "03.tanh_derivative", "the derivative of tanh, element-wise", 2, answer_name="tanh_derivative", cases=_tanh_derivative_cases,
        hint="Differentiate tanh, not its input: its slope can be written with tanh itself, as lesson 03 shows. The slope is "
             "largest at zero and shrinks towards zero far from it, never negative.",
        more_hints=(
            "Lesson 03, section 3 lists the derivative of tanh in terms of tanh's own value, squared. Compute tanh of the "
            "input element-wise first, then use that identity.",
            "Check your function on the task's example before the check cell: a result larger than one, a negative one, or "
            "one that keeps growing with the input means the identity is used on the input instead of on its tanh.",
        ),
    ),
    function_task(
        "03.leaky_relu", "leaky ReLU with a given negative slope alpha", 2, answer_name="leaky_relu", cases=_leaky_relu_cases,
        hint="Leaky ReLU keeps positive inputs as they are and scales negative ones by the given alpha, element-wise: "
             "negative inputs stay negative, only smaller.",
        more_hints=(
            "Lesson 03, section 2: choose, for each entry, between the input itself (where it is positive) and the input "
            "scaled by alpha (elsewhere); an element-wise choice does it without a loop.",
            "Use the alpha passed to your function, never a fixed default such as Keras's; the check draws a different "
            "alpha for every case.",
        ),
    ),
    function_task(
        "03.softmax", "a numerically stable softmax over the last axis", 4, answer_name="softmax", cases=_softmax_cases,
        hint="Softmax exponentiates each logit and divides by the sum of its row's exponentials. Large logits overflow the "
             "exponential, but adding the same number to every logit of a row leaves the result unchanged.",
        more_hints=(
            "Lesson 03, section 4 shifts one vector by its largest logit, so that every exponent is zero or negative. Here "
            "every row needs its own largest logit and its own sum, taken over the last axis.",
            "Keep the reduced axis when you take a row's largest logit and its sum, so that a column of shape (n, 1) "
            "broadcasts against the (n, k) logits; a shift by the smallest or the average logit can still overflow.",
        ),
        forbids_overflow=True,
    ),
]
