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


# --- 03.swish_derivative ---------------------------------------------------

def _swish_derivative_cases(rng):
    return [
        Case("0 and small inputs around it", (_with_zero(rng, 4, 1.0),),
             hint="Swish is a product of two functions of the input, the input itself and its sigmoid: its slope has two "
                  "terms, one for each factor (the product rule)."),
        Case("negative inputs from -6 to -1.5 (swish falls there)", (-rng.uniform(1.5, 6.0, 5),),
             hint="Where the input is below about minus 1.3 swish decreases, so its slope is negative there: a slope that "
                  "stays positive, like the sigmoid's, misses the product rule's second term or its sign."),
        Case("positive inputs from 3 to 12 (the slope tends to 1)", (rng.uniform(3.0, 12.0, 5),),
             hint="Far to the right swish is close to the input itself, so its slope is close to one (a little above it), "
                  "not close to zero as the sigmoid's slope is."),
        Case("a (3, 4) batch of random inputs", (np.clip(rng.normal(scale=3.0, size=(3, 4)), -12.0, 12.0),),
             hint="Work element-wise and keep the input's shape; the result holds slopes, not swish's values."),
    ]


# --- 03.dead_units -----------------------------------------------------------

# Every case builds its inputs and layers from unit "kinds" whose ReLU outputs are known by construction, with margins
# that float32 keeps: the inputs lie between 0.5 and 0.7, except feature 0 of some "hot" rows, between 1.3 and 1.5.
_HIGH = 1.5


def _inputs(rng, rows: int, features: int, hot: int) -> np.ndarray:
    """`rows` examples of `features` values between 0.5 and 0.7; `hot` of them have feature 0 between 1.3 and 1.5."""
    x = rng.uniform(0.5, 0.7, size=(rows, features))
    x[rng.choice(rows, hot, replace=False), 0] = rng.uniform(1.3, 1.5, hot)
    return x


def _unit(rng, kind: str, inputs: int, upper: float, previous: tuple = ()) -> tuple:
    """The weights (a column) and bias of one ReLU unit of a given kind.

    Args:
        rng: The case generator.
        kind: "live" (positive weights, bias >= 0: output > 0 on every example), "dead" (negative weights, bias <= 0:
            output 0 on every example), "zero" (all-zero weights and bias: the pre-activation is exactly 0), "bias"
            (positive weights, a bias below minus what they can add: dead because of its bias), "hot" (weight 1 on
            feature 0, bias -1: alive only on the hot rows of the inputs), "relu" (negative weights on the previous
            layer's "dead" units only, a small negative bias: dead only because ReLU zeroes those units' negative
            pre-activations).
        inputs: The number of inputs of the layer.
        upper: An upper bound of every input.
        previous: The kinds of the previous layer's units (none for the first layer).

    Returns:
        ``(column, bias)``.

    Raises:
        ValueError: If `kind` is none of these.
    """
    # After the first layer, "live", "dead" and "bias" units only weigh the previous layer's "live" units, which are
    # positive before and after ReLU: then only the "relu" kind depends on whether ReLU is applied between the layers.
    mask = np.array([other == "live" for other in previous]) if previous else np.ones(inputs, dtype=bool)
    if kind == "live":
        return np.where(mask, rng.uniform(0.2, 1.0, inputs), 0.0), rng.uniform(0.0, 0.5)
    if kind == "dead":
        return np.where(mask, -rng.uniform(0.2, 1.0, inputs), 0.0), -rng.uniform(0.0, 0.5)
    if kind == "zero":
        return np.zeros(inputs), 0.0
    if kind == "bias":
        column = np.where(mask, rng.uniform(0.2, 1.0, inputs), 0.0)
        return column, -(upper * column.sum() + rng.uniform(0.5, 1.0))
    if kind == "hot":
        return np.eye(inputs)[0], -1.0
    if kind == "relu":
        return np.where(np.array(previous) == "dead", -rng.uniform(0.2, 1.0, inputs), 0.0), -rng.uniform(0.01, 0.02)
    raise ValueError(f"Expected a unit kind. Received: kind={kind!r}")


def _network(rng, x: np.ndarray, layer_kinds: list) -> tuple:
    """The inputs and a list of (W, b) pairs, W of shape (inputs, units), one layer per list of kinds (shuffled)."""
    layers, inputs, upper, previous = [], x.shape[1], _HIGH, ()
    for kinds in layer_kinds:
        kinds = [str(kind) for kind in rng.permutation(kinds)]
        columns, biases = zip(*(_unit(rng, kind, inputs, upper, previous) for kind in kinds))
        W, b = np.stack(columns, axis=1), np.array(biases)
        layers.append((W, b))
        upper = upper * float(np.clip(W, 0.0, None).sum(axis=0).max()) + max(float(b.max()), 0.0)
        inputs, previous = len(kinds), tuple(kinds)
    return x, layers


def _dead_units_cases(rng):
    dead = int(rng.integers(1, 4))
    return [
        Case(f"one layer of 6 units, {dead} with negative weights", _network(rng, _inputs(rng, 8, 3, 2), [
            ["dead"] * dead + ["live"] * (6 - dead)]),
             hint="A unit is dead when its output is zero on every example: look at each unit (a column of the layer's "
                  "output) over all the examples (the rows), and count such units for each layer."),
        Case("a unit alive on one example only", _network(rng, _inputs(rng, 10, 4, 1), [["hot", "live", "live", "dead"]]),
             hint="A unit that is zero on all examples but one is alive: count only the units whose output is zero on "
                  "every example, not on some of them."),
        Case("a unit dead only through its bias", _network(rng, _inputs(rng, 6, 3, 2), [["bias", "live", "live", "hot", "dead"]]),
             hint="Each unit's pre-activation is the weighted sum of the inputs plus its bias: a large negative bias can keep "
                  "it below zero on every example."),
        Case("a unit whose weights and bias are all zero", _network(rng, _inputs(rng, 5, 2, 1), [["zero", "live", "dead"]]),
             hint="ReLU of exactly zero is zero: a unit whose pre-activation is exactly zero on every example outputs zero on "
                  "all of them, so it is dead too."),
        Case("two layers: a unit of layer 2 that only ReLU kills", _network(rng, _inputs(rng, 12, 4, 3), [
            ["live", "dead", "live", "dead", "hot"], ["relu", "live", "dead", "live"]]),
             hint="The next layer sees the previous layer's outputs after ReLU, not its pre-activations: apply ReLU at "
                  "every layer before passing on, then count the dead units of each layer."),
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
        "03.swish_derivative", "the derivative of swish, element-wise", 2, answer_name="swish_derivative",
        cases=_swish_derivative_cases,
        hint="Swish multiplies the input by its sigmoid: differentiate the product, one factor at a time, and use the "
             "sigmoid's own slope from lesson 03.",
        more_hints=(
            "The product rule: the slope of a product is the first factor's slope times the second factor, plus the first "
            "factor times the second factor's slope. Here the first factor is the input (slope one) and the second its sigmoid.",
            "Check your function on the task's example before the check cell: at zero the slope is one half, and it is "
            "negative for inputs below about minus 1.3.",
        ),
    ),
    function_task(
        "03.dead_units", "the number of dead ReLU units in each layer of a network, on given data", 2,
        answer_name="dead_units", cases=_dead_units_cases,
        hint="Run the data through the network layer by layer, with ReLU after every layer, and for each layer count the "
             "units whose output is zero on every example.",
        more_hints=(
            "Lesson 03, section 6 counts the dead units of a Keras network: the output of a layer is a table with one row per "
            "example and one column per unit, and a dead unit is a column of zeros only.",
            "Every layer here is a ReLU layer in Keras's layout: the inputs times the weights, plus the bias, then ReLU; that "
            "output is the next layer's input. Return one count per layer, as integers, in layer order.",
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
