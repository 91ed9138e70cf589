"""Checks of exercise 01: tensors and linear algebra (cases, judges and hints; the answers live with the instructor).

Weights follow Keras's layout, ``(inputs, units)``, and a layer computes ``x @ w + b``.
"""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.tasks import Case


def _unseen_digits(rng, count: int, *, flatten: bool = True) -> np.ndarray:
    """`count` digit images (grey levels in [0, 1], float32) picked with `rng` from the test part of a split the notebook does not use."""
    x_test = load_digits(seed=int(rng.integers(1, 10_000)), flatten=flatten).x_test
    return x_test[rng.choice(len(x_test), size=count, replace=False)]


def _signed(rng, low: float, high: float, size=None):
    """Magnitudes between `low` and `high` with random signs."""
    return rng.uniform(low, high, size) * rng.choice([-1.0, 1.0], size)


# --- 01.dense_layer (the warm-up) ----------------------------------------

def _dense_cases(rng):
    return [
        Case("4 examples, 3 features -> 2 units", (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)),
             hint="Rows of x are examples: x has shape (n, d), w (d, k), the result (n, k)."),
        Case("square weights, 3 features -> 3 units", (rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="w comes in Keras's layout, one row per input and one column per unit: use it as it is given, without transposing it."),
        Case("a batch of one example", (rng.normal(size=(1, 4)), rng.normal(size=(4, 2)), rng.normal(size=2)),
             hint="Keep the batch axis: one example still gives shape (1, k)."),
        # weights and biases of the size a network starts with (about 0.1): larger ones make float32 answers miss the tolerance
        Case("5 digits, 64 pixels -> 10 units",
             (_unseen_digits(rng, 5).astype(np.float64), rng.normal(scale=0.1, size=(64, 10)), rng.normal(scale=0.1, size=10)),
             hint="Add the bias vector b, shape (k,), to every row of the product: broadcasting does it."),
    ]


# --- 01.weighted_sum: one neuron reading an image, not a vector ---------------
# Every drawn weighted sum stays below 2.5 in size, the notebook's example (which a known-wrong answer hard-codes).

def _weighted_sum_cases(rng):
    digit = _unseen_digits(rng, 1, flatten=False)[0].astype(np.float64)
    height, width = int(rng.integers(2, 4)), int(rng.integers(4, 7))
    zeros = tuple(int(n) for n in rng.integers(2, 5, 2))
    return [
        Case("an 8x8 digit and an 8x8 weight image", (digit, rng.uniform(-0.06, 0.06, (8, 8)), float(_signed(rng, 0.05, 0.3))),
             hint="Pair each pixel with the weight at the same place, row and column: a weight image is not a matrix to "
                  "multiply with, and the result is a single number."),
        Case(f"a {height}x{width} image (not square)",
             (rng.uniform(0.0, 1.0, (height, width)), rng.uniform(-0.15, 0.15, (height, width)), float(_signed(rng, 0.05, 0.5))),
             hint="The image need not be square and its size varies: do not hard-code 8 or 64."),
        Case("a 3x3 colour image with 3 channels (3, 3, 3)",
             (rng.uniform(0.0, 1.0, (3, 3, 3)), rng.uniform(-0.08, 0.08, (3, 3, 3)), float(_signed(rng, 0.05, 0.5))),
             hint="The input can have any number of axes (rows, columns, colour channels): every entry gets its own weight, "
                  "and all the products are added up."),
        Case(f"a {zeros[0]}x{zeros[1]} image, all weights zero (the answer is the bias)",
             (rng.uniform(0.0, 1.0, zeros), np.zeros(zeros), float(_signed(rng, 0.1, 2.0))),
             hint="With zero weights only the bias is left: is the bias added, once?"),
    ]


# --- 01.standardize --------------------------------------------------------

def _on_different_scales(rng) -> np.ndarray:
    """6 rows of 3 columns whose spreads are about 0.1, 1 and 30 (in a random order), each shifted by up to 2 of its spreads
    (a larger shift would make a float32 answer lose the digits the tolerance asks for)."""
    spreads = rng.permutation([10 ** rng.uniform(-1.5, -0.5), 10 ** rng.uniform(-0.3, 0.3), 10 ** rng.uniform(1.0, 2.0)])
    return rng.normal(size=(6, 3)) * spreads + spreads * rng.uniform(-2.0, 2.0, 3)


def _one_column(rng) -> np.ndarray:
    """7 rows of one column with a spread between 0.1 and 10, shifted by up to 1.5 spreads."""
    spread = 10 ** rng.uniform(-1.0, 1.0)
    return rng.normal(size=(7, 1)) * spread + spread * rng.uniform(-1.5, 1.5)


def _standardize_cases(rng):
    scales = _on_different_scales(rng)
    rows = int(rng.integers(4, 8))
    constant = np.column_stack([rng.normal(size=rows), np.full(rows, float(rng.integers(-9, 10)))])[:, rng.permutation(2)]
    return [
        Case("6 rows, 3 columns on very different scales", (scales,),
             hint="Standardise each column (feature) on its own: one mean and one standard deviation per column, "
                  "computed over the examples."),
        Case("a constant column (its standard deviation is 0)", (constant,),
             hint="A column whose standard deviation is 0 must come out as zeros, not nan: divide by 1 there instead."),
        # 30 rows, not more: a pixel that is rarely inked standardises to a large value whose float32 round-off grows with the rows
        Case("30 digit images as rows of 64 pixels (some pixels always 0)", (_unseen_digits(rng, 30).astype(np.float64),),
             hint="Some pixels are 0 in every image: their standard deviation is 0, and they must come out as zeros, not nan."),
        Case("a single column", (_one_column(rng),),
             hint="Keep the shape (n, 1): a statistic per column, broadcast over the rows, keeps it."),
    ]


# --- 01.squared_distances: broadcasting over a new axis -----------------------

def _squared_distances_cases(rng):
    points = rng.uniform(-1.0, 1.0, (4, 2))
    return [
        Case("3 points against 5 points in 2-D", (rng.uniform(-2.0, 2.0, (3, 2)), rng.uniform(-2.0, 2.0, (5, 2))),
             hint="Every point of a against every point of b: the result has one row per point of a and one column per "
                  "point of b."),
        Case("one point against 4 points in 3-D", (rng.normal(size=(1, 3)), rng.normal(size=(4, 3))),
             hint="Keep the first axis even for a single point: the result has one row."),
        Case("4 points against themselves (the diagonal is 0)", (points, points.copy()),
             hint="The distance of a point to itself is 0; sum the squared differences coordinate by coordinate, "
                  "not the differences first."),
        Case("5 unseen digits against 3 others (64 pixels)",
             (_unseen_digits(rng, 5).astype(np.float64), _unseen_digits(rng, 3).astype(np.float64)),
             hint="Sum the squared differences over the features (the last axis), for each pair of rows."),
    ]


TASKS = [
    function_task(
        "01.dense_layer", "a dense layer as one matrix product, x @ w + b, for a batch", 3, answer_name="dense", cases=_dense_cases,
        hint="Multiply the batch by the weight matrix, then add the bias vector to every row.",
        more_hints=(
            "x holds one example per row, shape (n, d); w holds one column of weights per unit, shape (d, k), the layout Keras uses. "
            "Multiply x by w as matrices (inputs times weights, in that order) to get shape (n, k), then add b, shape (k,), "
            "which broadcasting adds to each of the n rows (lesson 01, sections 6 and 8).",
        ),
    ),
    function_task(
        "01.weighted_sum", "one neuron reading a whole image: the weighted sum of every pixel, plus b", 2, answer_name="weighted_sum",
        cases=_weighted_sum_cases,
        hint="Each pixel has its own weight at the same place: multiply them entry by entry, add up all the products, then add the bias once.",
        more_hints=(
            "Lesson 01, section 5 drew the weights of a neuron as an 8x8 image next to the digit, and the products pixel by pixel. "
            "Here x and w keep their shape. A matrix product of two images is not a weighted sum: it mixes rows of one with "
            "columns of the other. Either multiply element-wise and sum every entry, or flatten both into vectors first.",
        ),
    ),
    function_task(
        "01.standardize", "standardise every column of a data matrix (broadcasting)", 3, answer_name="standardize",
        cases=_standardize_cases,
        hint="Compute each column's mean and standard deviation over the examples, subtract and divide by broadcasting, and handle columns whose standard deviation is 0.",
        more_hints=(
            "Lesson 01, section 8 (Broadcasting) centres every pixel of the digits by subtracting the column means; standardising "
            "adds the division by the column standard deviations. Reduce over the first axis, the examples, to get one mean and "
            "one standard deviation per column, shape (d,); broadcasting applies them to every row.",
            "Use the population standard deviation (NumPy's default: divide by n, not n - 1). Where a standard deviation is 0, "
            "divide by 1 instead, so that a constant column comes out as zeros. Build a new array: do not subtract or divide "
            "inside x itself.",
        ),
    ),
    function_task(
        "01.squared_distances", "squared distances between every row of a and every row of b (broadcasting)", 2,
        answer_name="squared_distances", cases=_squared_distances_cases,
        hint="Give a and b a new axis each so that every row of a meets every row of b, then square the differences and sum over the features.",
        more_hints=(
            "Broadcasting lines shapes up from the right (lesson 01, section 8). A view of a with shape (n, 1, d) and a view of b "
            "with shape (1, m, d) broadcast to (n, m, d): all the pairs at once. Square the differences, then add them up over "
            "the last axis, the features, to get shape (n, m).",
        ),
    ),
]
