"""Checks of exercise 01: tensors and linear algebra."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer



# --- 01.weighted_sum -------------------------------------------------------

def weighted_sum(x, w, b):
    """Reference: the weighted sum w·x + b of one input vector, as a float."""
    return float(np.dot(w, x) + b)


def _weighted_sum_cases():
    rng = np.random.default_rng(101)
    pixels = load_digits(seed=1).x_test[7]
    return [
        Case("3 inputs with positive and negative weights", (np.array([2.0, -1.0, 0.5]), np.array([0.3, 0.8, -2.0]), 0.25),
             hint="Multiply each input by its weight, add the products, then add the bias once."),
        Case("a single input", (np.array([3.0]), np.array([-2.0]), 1.5), hint="It must work for vectors of any length, even 1."),
        Case("all weights zero (the answer is the bias)", (rng.normal(size=5), np.zeros(5), -0.7),
             hint="With zero weights only the bias is left: is the bias added?"),
        Case("64 pixels of an unseen digit, random weights", (pixels.astype(np.float64), rng.normal(size=64), 0.1),
             hint="Sum over all inputs, not only the first few; the result is a single number."),
    ]


# --- 01.dense_layer --------------------------------------------------------

def dense(x, w, b):
    """Reference: a dense layer without activation, x @ w + b, for a batch of rows."""
    return np.asarray(x) @ np.asarray(w) + np.asarray(b)


def _dense_cases():
    rng = np.random.default_rng(102)
    return [
        Case("4 examples, 3 features -> 2 units", (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)),
             hint="Rows of x are examples: x has shape (n, d), w (d, k), the result (n, k)."),
        Case("square weights, 3 features -> 3 units", (rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)),
             hint="With square weights a transposed w still has the right shape but the wrong values: use x @ w, not x @ w.T."),
        Case("a batch of one example", (rng.normal(size=(1, 4)), rng.normal(size=(4, 2)), rng.normal(size=2)),
             hint="Keep the batch axis: one example still gives shape (1, k)."),
        Case("5 digits, 64 pixels -> 10 units", (load_digits(seed=2).x_test[:5].astype(np.float64), rng.normal(size=(64, 10)), rng.normal(size=10)),
             hint="Add the bias vector b (shape (k,)) to every row: broadcasting does it with + b."),
    ]


# --- 01.standardize --------------------------------------------------------

def standardize(x):
    """Reference: scale each column to mean 0 and standard deviation 1; constant columns become 0."""
    x = np.asarray(x, dtype=np.float64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / np.where(std > 0, std, 1.0)


def _standardize_cases():
    rng = np.random.default_rng(103)
    scales = rng.normal(size=(6, 3)) * np.array([1.0, 10.0, 0.1]) + np.array([0.0, 50.0, -3.0])
    constant = np.column_stack([rng.normal(size=5), np.full(5, 4.0)])
    return [
        Case("6 rows, 3 columns on very different scales", (scales,),
             hint="Standardise each column (feature) separately: mean and std over axis 0, the examples."),
        Case("a constant column (its standard deviation is 0)", (constant,),
             hint="A column whose standard deviation is 0 must come out as zeros, not nan: divide by 1 there instead."),
        Case("100 digit images as rows of 64 pixels (some pixels always 0)", (load_digits(seed=3).x_test[:100].astype(np.float64),),
             hint="Some pixels are 0 in every image: their standard deviation is 0."),
        Case("a single column", (rng.normal(loc=5.0, size=(7, 1)),),
             hint="Keep the shape (n, 1): broadcasting the column mean keeps it."),
    ]


# --- 01.flatten_images -----------------------------------------------------

def flatten_images(images):
    """Reference: turn (n, height, width) images into (n, height*width) rows, row by row."""
    images = np.asarray(images)
    return images.reshape(len(images), -1)


def _flatten_cases():
    rng = np.random.default_rng(104)
    return [
        Case("3 unseen 8x8 digits", (load_digits(seed=4, flatten=False).x_test[:3],),
             hint="Each image becomes one row: result shape (n, height * width)."),
        Case("2 images of 2x5 pixels (not square)", (rng.normal(size=(2, 2, 5)),),
             hint="Do not hard-code 64: compute the row length from the image shape."),
        Case("one 4x3 image with distinct pixels", (np.arange(12.0).reshape(1, 4, 3),),
             hint="Read pixels row by row (NumPy's default order); transposing first scrambles them."),
    ]


TASKS = [
    function_task(
        "01.weighted_sum", "the weighted sum w·x + b of one input vector", 2, reference=weighted_sum, cases=_weighted_sum_cases,
        hint="w·x + b is one number: multiply inputs by weights, sum, add the bias (np.dot or @ does the first two).",
        wrong_answers=(
            WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(np.dot(w, x))),
            WrongAnswer("returns the products without summing", lambda: lambda x, w, b: np.asarray(x) * np.asarray(w) + b),
            WrongAnswer("adds the bias to every product before summing", lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w) + b))),
            WrongAnswer("hard-codes the notebook's example", lambda: lambda x, w, b: 5.5),
        ),
    ),
    function_task(
        "01.dense_layer", "a dense layer as one matrix product, x @ w + b, for a batch", 3, reference=dense, cases=_dense_cases,
        hint="One matrix product computes every weighted sum of every example at once; then add the bias to every row.",
        wrong_answers=(
            WrongAnswer("forgets the bias", lambda: lambda x, w, b: x @ w),
            WrongAnswer("transposes the weights", lambda: lambda x, w, b: x @ w.T + b),
            WrongAnswer("multiplies element-wise", lambda: lambda x, w, b: x * w + b),
            WrongAnswer("adds the sum of the biases", lambda: lambda x, w, b: x @ w + b.sum()),
        ),
    ),
    function_task(
        "01.standardize", "standardise every column of a data matrix (broadcasting)", 3, reference=standardize, cases=_standardize_cases,
        hint="Compute each column's mean and standard deviation over the examples, subtract and divide by broadcasting, and handle columns whose standard deviation is 0.",
        wrong_answers=(
            WrongAnswer("standardises rows instead of columns",
                        lambda: lambda x: (x - x.mean(axis=1, keepdims=True)) / np.where(x.std(axis=1, keepdims=True) > 0, x.std(axis=1, keepdims=True), 1)),
            WrongAnswer("divides by zero on constant columns", lambda: lambda x: (x - x.mean(axis=0)) / x.std(axis=0)),
            WrongAnswer("uses one mean and std for the whole matrix", lambda: lambda x: (x - x.mean()) / x.std()),
            WrongAnswer("modifies its input in place", lambda: _standardize_in_place),
        ),
    ),
    function_task(
        "01.flatten_images", "flatten a batch of images into rows of pixels", 2, reference=flatten_images, cases=_flatten_cases, atol=0, rtol=0,
        hint="Reshape so that each image becomes one row, and let NumPy work out the row length.",
        wrong_answers=(
            WrongAnswer("flattens everything into one long vector", lambda: lambda images: images.reshape(-1)),
            WrongAnswer("hard-codes 64 pixels", lambda: lambda images: images.reshape(len(images), 64)),
            WrongAnswer("reads pixels column by column", lambda: lambda images: images.transpose(0, 2, 1).reshape(len(images), -1)),
            WrongAnswer("puts pixels in rows and images in columns", lambda: lambda images: images.reshape(len(images), -1).T),
        ),
    ),
]


def _standardize_in_place(x):
    """Known-wrong: right values, but it overwrites the caller's array."""
    std = x.std(axis=0)
    x -= x.mean(axis=0)
    x /= np.where(std > 0, std, 1.0)
    return x
