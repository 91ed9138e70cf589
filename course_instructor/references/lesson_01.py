"""Reference answers and known-wrong answers of exercise 01: tensors and linear algebra."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer


def weighted_sum(x, w, b):
    """Reference: the weighted sum w·x + b of one input vector, as a float."""
    return float(np.dot(w, x) + b)


def dense(x, w, b):
    """Reference: a dense layer without activation, x @ w + b, for a batch of rows."""
    return np.asarray(x) @ np.asarray(w) + np.asarray(b)


def standardize(x):
    """Reference: scale each column to mean 0 and standard deviation 1; constant columns become 0."""
    x = np.asarray(x, dtype=np.float64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / np.where(std > 0, std, 1.0)


def flatten_images(images):
    """Reference: turn (n, height, width) images into (n, height*width) rows, row by row."""
    images = np.asarray(images)
    return images.reshape(len(images), -1)


def _standardize_in_place(x):
    """Known-wrong: right values, but it overwrites the caller's array."""
    std = x.std(axis=0)
    x -= x.mean(axis=0)
    x /= np.where(std > 0, std, 1.0)
    return x


REFERENCES = {
    "01.weighted_sum": Reference(weighted_sum, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(np.dot(w, x))),
        WrongAnswer("returns the products without summing", lambda: lambda x, w, b: np.asarray(x) * np.asarray(w) + b),
        WrongAnswer("adds the bias to every product before summing", lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w) + b))),
        WrongAnswer("hard-codes the notebook's example", lambda: lambda x, w, b: 5.5),
    )),
    "01.dense_layer": Reference(dense, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: x @ w),
        WrongAnswer("transposes the weights", lambda: lambda x, w, b: x @ w.T + b),
        WrongAnswer("multiplies element-wise", lambda: lambda x, w, b: x * w + b),
        WrongAnswer("adds the sum of the biases", lambda: lambda x, w, b: x @ w + b.sum()),
    )),
    "01.standardize": Reference(standardize, (
        WrongAnswer("standardises rows instead of columns",
                    lambda: lambda x: (x - x.mean(axis=1, keepdims=True)) / np.where(x.std(axis=1, keepdims=True) > 0, x.std(axis=1, keepdims=True), 1)),
        WrongAnswer("divides by zero on constant columns", lambda: lambda x: (x - x.mean(axis=0)) / x.std(axis=0)),
        WrongAnswer("uses one mean and std for the whole matrix", lambda: lambda x: (x - x.mean()) / x.std()),
        WrongAnswer("modifies its input in place", lambda: _standardize_in_place),
    )),
    "01.flatten_images": Reference(flatten_images, (
        WrongAnswer("flattens everything into one long vector", lambda: lambda images: images.reshape(-1)),
        WrongAnswer("hard-codes 64 pixels", lambda: lambda images: images.reshape(len(images), 64)),
        WrongAnswer("reads pixels column by column", lambda: lambda images: images.transpose(0, 2, 1).reshape(len(images), -1)),
        WrongAnswer("puts pixels in rows and images in columns", lambda: lambda images: images.reshape(len(images), -1).T),
    )),
}
