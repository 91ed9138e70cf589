"""Checks of exercise 01: tensors and linear algebra (cases, judges and hints; the answers live with the instructor)."""
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


# --- 01.weighted_sum -------------------------------------------------------
# Every drawn weighted sum stays below 5.5 in size, the notebook's example (which a known-wrong answer hard-codes).

def _weighted_sum_cases(rng):
    mixed = rng.uniform(0.2, 1.5, 3) * rng.permutation([1.0, -1.0, float(rng.choice([-1.0, 1.0]))])
    zeros = int(rng.integers(3, 8))
    return [
        Case("3 inputs with positive and negative weights", (rng.uniform(-1.0, 1.0, 3), mixed, float(_signed(rng, 0.1, 0.5))),
             hint="Multiply each input by its weight, add up the products, then add the bias once."),
        Case("a single input", (rng.uniform(-2.0, 2.0, 1), _signed(rng, 0.25, 2.0, 1), float(_signed(rng, 0.25, 1.5))),
             hint="It must work for vectors of any length, even 1, and still return one number."),
        Case("all weights zero (the answer is the bias)", (rng.normal(size=zeros), np.zeros(zeros), float(_signed(rng, 0.1, 2.0))),
             hint="With zero weights only the bias is left: is the bias added?"),
        Case("64 pixels of an unseen digit, random weights",
             (_unseen_digits(rng, 1)[0].astype(np.float64), rng.uniform(-0.08, 0.08, 64), float(_signed(rng, 0.05, 0.3))),
             hint="Add up the products of all the inputs, not only the first few; the result is a single number."),
    ]


# --- 01.dense_layer --------------------------------------------------------

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


# --- 01.flatten_images -----------------------------------------------------

def _flatten_cases(rng):
    return [
        Case("3 unseen 8x8 digits", (_unseen_digits(rng, 3, flatten=False),),
             hint="Each image becomes one row: one row per image, one column per pixel."),
        Case("2 images of 2x5 pixels (not square)", (rng.normal(size=(2, 2, 5)),),
             hint="Do not hard-code 64: the row length follows from the image size, which varies."),
        Case("one 4x3 image with distinct pixels", (rng.choice(100, size=12, replace=False).astype(np.float64).reshape(1, 4, 3),),
             hint="Read pixels row by row (NumPy's default order); transposing first scrambles them."),
    ]


TASKS = [
    function_task(
        "01.weighted_sum", "the weighted sum x·w + b of one input vector", 2, answer_name="weighted_sum", cases=_weighted_sum_cases,
        hint="The weighted sum is one number: multiply each input by its weight, add up the products, then add the bias once.",
        more_hints=(
            "Lesson 01, section 5 (One neuron: a weighted sum) computes it three ways: a Python loop over the inputs, NumPy's "
            "matrix product of two vectors, and Keras's dot product. Any of them works here; the bias is added once, after the sum, "
            "and the result is a single number, not an array.",
        ),
    ),
    function_task(
        "01.dense_layer", "a dense layer as one matrix product, x @ w + b, for a batch", 3, answer_name="dense", cases=_dense_cases,
        hint="One matrix product computes every weighted sum of every example at once; then add each unit's bias to every row.",
        more_hints=(
            "x holds one example per row, shape (n, d); w holds one column of weights per unit, shape (d, k), the layout Keras uses. "
            "Multiply x by w as matrices (inputs times weights, in that order) to get shape (n, k), then add b, shape (k,), "
            "which broadcasting adds to each of the n rows (lesson 01, sections 6 and 8).",
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
        "01.flatten_images", "flatten a batch of images into rows of pixels", 2, answer_name="flatten_images", cases=_flatten_cases,
        atol=0, rtol=0,  # the pixels come back unchanged (a float32 result, e.g. from a Keras layer, gets float32's tolerance)
        hint="Reshape so that each image becomes one row, and let NumPy work out the row length.",
        more_hints=(
            "Keep the first axis, the images, and merge the two pixel axes into one: the result has one row per image and "
            "height times width columns. A reshape reads the pixels row by row, the order asked for; transposing first would "
            "read them column by column (lesson 01, section 4: Data as a matrix).",
        ),
    ),
]
