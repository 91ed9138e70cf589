"""Reference answers, right answers in other styles and known-wrong answers of exercise 04: loss functions.

Every task follows the Keras convention its text states, so Keras's own loss
class (a 0-d float32 tensor) is a right answer next to TensorFlow ops, float32
NumPy and plain Python loops.
"""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# Keras's default epsilon (`keras.config.epsilon()`): probabilities are clipped to [EPSILON, 1 - EPSILON] before the log.
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


# --- right answers in other styles --------------------------------------------------------------------------------

def _keras_loss(name: str):
    """Right: Keras's own loss class, called on (y_true, y_pred); it returns a 0-d float32 tensor."""
    import keras  # noqa: PLC0415

    return lambda y_true, y_pred: getattr(keras.losses, name)()(y_true, y_pred)


def _tensorflow(loss):
    """Right: TensorFlow ops on float64 tensors; `loss(y, p, tf)` returns a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda y_true, y_pred: loss(tf.constant(y_true, tf.float64), tf.constant(y_pred, tf.float64), tf)


def _mse_tf(y, p, tf):
    return tf.reduce_mean(tf.square(p - y))


def _mae_tf(y, p, tf):
    return tf.reduce_mean(tf.abs(p - y))


def _bce_tf(y, p, tf):
    p = tf.clip_by_value(p, EPSILON, 1.0 - EPSILON)
    return -tf.reduce_mean(y * tf.math.log(p) + (1.0 - y) * tf.math.log(1.0 - p))


def _cce_tf(y, p, tf):
    p = tf.clip_by_value(p, EPSILON, 1.0 - EPSILON)
    return tf.reduce_mean(-tf.reduce_sum(y * tf.math.log(p), axis=-1))


def _float32(loss):
    """Right: the same NumPy computation in float32 (the loss comes back as a NumPy float32)."""
    return lambda y_true, y_pred: loss(np.asarray(y_true, dtype=np.float32), np.asarray(y_pred, dtype=np.float32))


def _mse_float32(y, p):
    return np.mean(np.square(p - y))


def _mae_float32(y, p):
    return np.mean(np.abs(p - y))


def _bce_float32(y, p):
    p = np.clip(p, np.float32(EPSILON), np.float32(1.0 - EPSILON))
    return -np.mean(y * np.log(p) + (np.float32(1.0) - y) * np.log(np.float32(1.0) - p))


def _cce_float32(y, p):
    p = np.clip(p, np.float32(EPSILON), np.float32(1.0 - EPSILON))
    return np.mean(-np.sum(y * np.log(p), axis=-1))


def _entries(y_true, y_pred):
    """Every (target, prediction) pair of two arrays of the same shape, as Python floats."""
    return [(float(t), float(p)) for t, p in zip(np.ravel(y_true), np.ravel(y_pred))]


def _mse_loop(y_true, y_pred):
    """Right: a Python loop over every entry."""
    pairs = _entries(y_true, y_pred)
    return sum((p - t) ** 2 for t, p in pairs) / len(pairs)


def _mae_loop(y_true, y_pred):
    """Right: a Python loop over every entry."""
    pairs = _entries(y_true, y_pred)
    return sum(abs(p - t) for t, p in pairs) / len(pairs)


def _bce_loop(y_true, p):
    """Right: a Python loop over every entry, with the math module, clipping each p with min and max."""
    total, pairs = 0.0, _entries(y_true, p)
    for label, probability in pairs:
        probability = min(max(probability, EPSILON), 1.0 - EPSILON)
        total -= label * math.log(probability) + (1.0 - label) * math.log(1.0 - probability)
    return total / len(pairs)


def _cce_loop(y_true, probabilities):
    """Right: Python loops over the rows and their classes, with the math module."""
    losses = []
    for labels, row in zip(np.asarray(y_true).tolist(), np.asarray(probabilities).tolist()):
        losses.append(-sum(label * math.log(min(max(p, EPSILON), 1.0 - EPSILON)) for label, p in zip(labels, row)))
    return sum(losses) / len(losses)


def _cce_true_class():
    """Right: picks each row's true-class probability with argmax and np.take_along_axis (one-hot labels)."""
    def categorical_cross_entropy_picked(y_true, probabilities):
        p = np.clip(np.asarray(probabilities, dtype=np.float64), EPSILON, 1.0 - EPSILON)
        picked = np.take_along_axis(p, np.argmax(y_true, axis=-1)[:, None], axis=-1)
        return float(-np.mean(np.log(picked)))
    return categorical_cross_entropy_picked


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
        WrongAnswer("averages the errors without squaring them", lambda: lambda y, p: float(np.mean(p - y))),
        WrongAnswer("takes the square root of the mean (RMSE)", lambda: lambda y, p: float(np.sqrt(np.mean((p - y) ** 2)))),
        WrongAnswer("uses the absolute error (MAE)", lambda: lambda y, p: float(np.mean(np.abs(p - y)))),
        WrongAnswer("averages over the examples only, one loss per output", lambda: lambda y, p: np.mean((p - y) ** 2, axis=0)),
    ), right_answers=(
        RightAnswer("keras.losses.MeanSquaredError, returns a 0-d float32 tensor", lambda: _keras_loss("MeanSquaredError")),
        RightAnswer("TensorFlow ops in float64, returns a 0-d tensor", lambda: _tensorflow(_mse_tf)),
        RightAnswer("NumPy in float32, returns a NumPy float32", lambda: _float32(_mse_float32)),
        RightAnswer("a Python loop over every entry", lambda: _mse_loop),
    )),
    "04.mae": Reference(mae, (
        WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(np.sum(np.abs(p - y)))),
        WrongAnswer("forgets the absolute value", lambda: lambda y, p: float(np.mean(p - y))),
        WrongAnswer("squares the errors (MSE)", lambda: lambda y, p: float(np.mean((p - y) ** 2))),
        WrongAnswer("takes the absolute value of the mean error", lambda: lambda y, p: float(abs(np.mean(p - y)))),
        WrongAnswer("averages over the examples only, one loss per output", lambda: lambda y, p: np.mean(np.abs(p - y), axis=0)),
    ), right_answers=(
        RightAnswer("keras.losses.MeanAbsoluteError, returns a 0-d float32 tensor", lambda: _keras_loss("MeanAbsoluteError")),
        RightAnswer("TensorFlow ops in float64, returns a 0-d tensor", lambda: _tensorflow(_mae_tf)),
        RightAnswer("NumPy in float32, returns a NumPy float32", lambda: _float32(_mae_float32)),
        RightAnswer("a Python loop over every entry", lambda: _mae_loop),
    )),
    "04.binary_cross_entropy": Reference(binary_cross_entropy, (
        WrongAnswer("does not clip, so a log of 0 gives inf or nan", lambda: _bce_unclipped),
        WrongAnswer("has the wrong sign (a negative loss)", lambda: lambda y, p: float(np.mean(_bce_clipped(y, p)))),
        WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(-np.sum(_bce_clipped(y, p)))),
        WrongAnswer("uses the logarithm base 10", lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, log=np.log10)))),
        WrongAnswer("forgets the term of the labels 0",
                    lambda: lambda y, p: float(-np.mean(y * np.log(np.clip(p, EPSILON, 1.0 - EPSILON))))),
        WrongAnswer("clips with a much smaller epsilon than Keras's 1e-7",
                    lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, eps=1e-12)))),
    ), right_answers=(
        RightAnswer("keras.losses.BinaryCrossentropy, returns a 0-d float32 tensor", lambda: _keras_loss("BinaryCrossentropy")),
        RightAnswer("TensorFlow ops in float64 (tf.clip_by_value), returns a 0-d tensor", lambda: _tensorflow(_bce_tf)),
        RightAnswer("NumPy in float32, returns a NumPy float32", lambda: _float32(_bce_float32)),
        RightAnswer("a Python loop with the math module", lambda: _bce_loop),
    )),
    "04.categorical_cross_entropy": Reference(categorical_cross_entropy, (
        WrongAnswer("does not clip, so a log of 0 gives inf or nan", lambda: _cce_unclipped),
        WrongAnswer("sums over the batch instead of averaging", lambda: lambda y, p: float(-np.sum(_cce_terms(y, p)))),
        WrongAnswer("averages over every entry of the array, not over the examples",
                    lambda: lambda y, p: float(-np.mean(_cce_terms(y, p)))),
        WrongAnswer("sums over the examples and averages over the classes",
                    lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p), axis=0)))),
        WrongAnswer("uses the logarithm base 10", lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p, log=np.log10), axis=-1)))),
        WrongAnswer("has the wrong sign (a negative loss)", lambda: lambda y, p: float(np.mean(np.sum(_cce_terms(y, p), axis=-1)))),
    ), right_answers=(
        RightAnswer("keras.losses.CategoricalCrossentropy, returns a 0-d float32 tensor", lambda: _keras_loss("CategoricalCrossentropy")),
        RightAnswer("TensorFlow ops in float64 (tf.reduce_sum per row), returns a 0-d tensor", lambda: _tensorflow(_cce_tf)),
        RightAnswer("NumPy in float32, returns a NumPy float32", lambda: _float32(_cce_float32)),
        RightAnswer("Python loops over the rows and classes", lambda: _cce_loop),
        RightAnswer("the true class's probability picked with argmax", _cce_true_class),
    )),
}
