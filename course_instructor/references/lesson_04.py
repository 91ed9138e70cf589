"""Reference answers and known-wrong answers of exercise 04: loss functions."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer

# Keras's default epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log.
EPSILON = 1e-7


def mse(y_true, y_pred):
    """Reference: the mean of the squared errors over every entry, as one number."""
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(error ** 2))


def mae(y_true, y_pred):
    """Reference: the mean of the absolute errors over every entry, as one number."""
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(np.abs(error)))


def binary_cross_entropy(y_true, p):
    """Reference: -mean(y log p + (1 - y) log(1 - p)), with p clipped to [1e-7, 1 - 1e-7] like Keras."""
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def categorical_cross_entropy(y_true, probabilities):
    """Reference: -sum(y log p) over the classes of each row, averaged over the rows, p clipped like Keras."""
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(probabilities, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return float(np.mean(-np.sum(y * np.log(p), axis=-1)))


# --- known-wrong answers -----------------------------------------------------

def _bce_unclipped(y_true, p):
    """Known-wrong: no clipping, so log(0) gives inf or nan at p = 0 or 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def _bce_clipped(y_true, p, log=np.log, eps=EPSILON):
    p = np.clip(p, eps, 1.0 - eps)
    return y_true * log(p) + (1.0 - y_true) * log(1.0 - p)


def _cce_terms(y_true, probabilities, log=np.log):
    return y_true * log(np.clip(probabilities, EPSILON, 1.0 - EPSILON))


def _cce_unclipped(y_true, probabilities):
    """Known-wrong: no clipping, so a true class of probability 0 gives inf (and 0 * log 0 gives nan)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-np.sum(y_true * np.log(probabilities), axis=-1)))


REFERENCES = {
    "04.mse": Reference(mse, (
        WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(np.sum((p - y) ** 2))),
        WrongAnswer("forgets the square: mean(y_pred - y_true)", lambda: lambda y, p: float(np.mean(p - y))),
        WrongAnswer("takes the root (RMSE)", lambda: lambda y, p: float(np.sqrt(np.mean((p - y) ** 2)))),
        WrongAnswer("uses the absolute error (MAE)", lambda: lambda y, p: float(np.mean(np.abs(p - y)))),
    )),
    "04.mae": Reference(mae, (
        WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(np.sum(np.abs(p - y)))),
        WrongAnswer("forgets the absolute value", lambda: lambda y, p: float(np.mean(p - y))),
        WrongAnswer("squares the errors (MSE)", lambda: lambda y, p: float(np.mean((p - y) ** 2))),
        WrongAnswer("takes the absolute value of the mean error", lambda: lambda y, p: float(abs(np.mean(p - y)))),
    )),
    "04.binary_cross_entropy": Reference(binary_cross_entropy, (
        WrongAnswer("does not clip: inf or nan at p = 0 or 1", lambda: _bce_unclipped),
        WrongAnswer("has the wrong sign (negative loss)", lambda: lambda y, p: float(np.mean(_bce_clipped(y, p)))),
        WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(-np.sum(_bce_clipped(y, p)))),
        WrongAnswer("uses log base 10", lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, log=np.log10)))),
        WrongAnswer("forgets the (1 - y) log(1 - p) term",
                    lambda: lambda y, p: float(-np.mean(y * np.log(np.clip(p, EPSILON, 1.0 - EPSILON))))),
        WrongAnswer("clips with eps = 1e-12 instead of 1e-7", lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, eps=1e-12)))),
    )),
    "04.categorical_cross_entropy": Reference(categorical_cross_entropy, (
        WrongAnswer("does not clip: inf or nan at probability 0", lambda: _cce_unclipped),
        WrongAnswer("sums over the batch instead of averaging", lambda: lambda y, p: float(-np.sum(_cce_terms(y, p)))),
        WrongAnswer("averages over all n x k entries", lambda: lambda y, p: float(-np.mean(_cce_terms(y, p)))),
        WrongAnswer("sums over the examples (axis 0) and averages over the classes",
                    lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p), axis=0)))),
        WrongAnswer("uses log base 10", lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p, log=np.log10), axis=-1)))),
        WrongAnswer("has the wrong sign (negative loss)", lambda: lambda y, p: float(np.mean(np.sum(_cce_terms(y, p), axis=-1)))),
    )),
}
