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


def categorical_cross_entropy(y_true, probabilities):
    """Reference: -sum(y log p) over the classes of each row, averaged over the rows, p clipped like Keras."""
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(probabilities, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return float(np.mean(-np.sum(y * np.log(p), axis=-1)))


def _log_sum_exp_rows(logits):
    """The log-sum-exp of each row, shifted by the row's largest logit (reference helper)."""
    largest = logits.max(axis=-1, keepdims=True)
    return (largest + np.log(np.exp(logits - largest).sum(axis=-1, keepdims=True)))[:, 0]


def cross_entropy_from_logits(labels, logits):
    """Reference: mean over the rows of LSE(row) - row[label], LSE shifted by the row's largest logit."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels).astype(int)
    return float(np.mean(_log_sum_exp_rows(logits) - logits[np.arange(len(labels)), labels]))


def _softplus(z):
    """log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|) (reference helper)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def binary_cross_entropy_from_logits(y_true, logits):
    """Reference: mean over every entry of softplus(z) - y z, the binary cross-entropy of sigmoid(z)."""
    y = np.asarray(y_true, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    return float(np.mean(_softplus(z) - y * z))


def huber(y_true, y_pred, delta):
    """Reference: mean over every entry of 0.5 e^2 where |e| <= delta, else delta (|e| - delta / 2)."""
    error = np.abs(np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64))
    return float(np.mean(np.where(error <= delta, 0.5 * error ** 2, delta * (error - 0.5 * delta))))


# --- right answers in other styles --------------------------------------------------------------------------------

def _keras_loss(name: str, **options):
    """Right: Keras's own loss class, called on (y_true, y_pred); it returns a 0-d float32 tensor."""
    import keras  # noqa: PLC0415

    return lambda y_true, y_pred: getattr(keras.losses, name)(**options)(y_true, y_pred)


def _tensorflow(loss):
    """Right: TensorFlow ops on float64 tensors; `loss(y, p, tf)` returns a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda y_true, y_pred: loss(tf.constant(y_true, tf.float64), tf.constant(y_pred, tf.float64), tf)


def _cce_tf(y, p, tf):
    p = tf.clip_by_value(p, EPSILON, 1.0 - EPSILON)
    return tf.reduce_mean(-tf.reduce_sum(y * tf.math.log(p), axis=-1))


def _float32(loss):
    """Right: the same NumPy computation in float32 (the loss comes back as a NumPy float32)."""
    return lambda y_true, y_pred: loss(np.asarray(y_true, dtype=np.float32), np.asarray(y_pred, dtype=np.float32))


def _cce_float32(y, p):
    p = np.clip(p, np.float32(EPSILON), np.float32(1.0 - EPSILON))
    return np.mean(-np.sum(y * np.log(p), axis=-1))


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


def _logits_tf(labels, logits):
    """Right: tf.nn.sparse_softmax_cross_entropy_with_logits, averaged (a 0-d tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels, tf.int64), logits=tf.constant(logits, tf.float64))
    return tf.reduce_mean(losses)


def _logits_scipy(labels, logits):
    """Right: scipy.special.log_softmax, picked with np.take_along_axis."""
    from scipy.special import log_softmax  # noqa: PLC0415

    picked = np.take_along_axis(log_softmax(np.asarray(logits, dtype=np.float64), axis=-1), np.asarray(labels)[:, None], axis=-1)
    return float(-picked.mean())


def _logits_loop(labels, logits):
    """Right: Python loops over the rows with math.exp and math.log."""
    losses = []
    for label, row in zip(np.asarray(labels).tolist(), np.asarray(logits, dtype=np.float64).tolist()):
        largest = max(row)
        losses.append(largest + math.log(sum(math.exp(value - largest) for value in row)) - row[int(label)])
    return sum(losses) / len(losses)


def _logits_float32(labels, logits):
    """Right: the same computation in float32."""
    logits = np.asarray(logits, dtype=np.float32)
    largest = logits.max(axis=-1, keepdims=True)
    lse = largest[:, 0] + np.log(np.exp(logits - largest).sum(axis=-1))
    return np.mean(lse - logits[np.arange(len(labels)), np.asarray(labels)])


def _bce_logits_tf(y_true, logits):
    """Right: tf.nn.sigmoid_cross_entropy_with_logits, averaged (a 0-d tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(y_true, tf.float64),
                                                                  logits=tf.constant(logits, tf.float64)))


def _bce_logits_logaddexp(y_true, logits):
    """Right: np.logaddexp(0, z) is the softplus; minus y z."""
    z = np.asarray(logits, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - np.asarray(y_true) * z))


def _bce_logits_loop(y_true, logits):
    """Right: a Python loop with the math module, each label's own term written out."""
    total, pairs = 0.0, list(zip(np.ravel(y_true).tolist(), np.ravel(logits).tolist()))
    for label, z in pairs:
        minus_log_sigmoid = max(-z, 0.0) + math.log1p(math.exp(-abs(z)))  # softplus(-z)
        minus_log_one_minus = max(z, 0.0) + math.log1p(math.exp(-abs(z)))  # softplus(z)
        total += label * minus_log_sigmoid + (1.0 - label) * minus_log_one_minus
    return total / len(pairs)


def _bce_logits_float32(y_true, logits):
    """Right: the softplus form in float32."""
    z = np.asarray(logits, dtype=np.float32)
    return np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - np.asarray(y_true, dtype=np.float32) * z)


def _huber_keras(y_true, y_pred, delta):
    """Right: keras.losses.Huber with the given delta (a 0-d float32 tensor)."""
    import keras  # noqa: PLC0415

    return keras.losses.Huber(delta=delta)(y_true, y_pred)


def _huber_scipy(y_true, y_pred, delta):
    """Right: scipy.special.huber, averaged."""
    from scipy.special import huber as scipy_huber  # noqa: PLC0415

    return float(np.mean(scipy_huber(delta, np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64))))


def _huber_loop(y_true, y_pred, delta):
    """Right: a Python loop over every entry."""
    pairs = list(zip(np.ravel(y_true).tolist(), np.ravel(y_pred).tolist()))
    costs = [0.5 * (p - t) ** 2 if abs(p - t) <= delta else delta * abs(p - t) - 0.5 * delta ** 2 for t, p in pairs]
    return sum(costs) / len(costs)


def _huber_float32(y_true, y_pred, delta):
    """Right: NumPy in float32, the linear piece written as delta |e| - delta^2 / 2."""
    error = np.abs(np.asarray(y_pred, dtype=np.float32) - np.asarray(y_true, dtype=np.float32))
    d = np.float32(delta)
    return np.mean(np.where(error <= d, np.float32(0.5) * error * error, d * error - np.float32(0.5) * d * d))


# --- known-wrong answers -----------------------------------------------------

def _cce_terms(y_true, probabilities, log=np.log):
    return y_true * log(np.clip(probabilities, EPSILON, 1.0 - EPSILON))


def _cce_unclipped(y_true, probabilities):
    """Known-wrong: no clipping, so a true class of probability 0 gives inf (and 0 * log 0 gives nan)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-np.sum(y_true * np.log(probabilities), axis=-1)))


def _logits_unshifted(labels, logits):
    """Known-wrong: exponentiates the raw logits (overflows on large ones)."""
    logits = np.asarray(logits, dtype=np.float64)
    lse = np.log(np.exp(logits).sum(axis=-1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))


def _logits_through_probabilities(labels, logits):
    """Known-wrong: a stable softmax, then minus the log of the true class's probability, clipped like Keras."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    p = exps / exps.sum(axis=-1, keepdims=True)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(labels)), labels], EPSILON, 1.0 - EPSILON))))


def _logits_global_max(labels, logits):
    """Known-wrong: shifts by the largest logit of the whole batch (a row far below it gives a log of 0)."""
    logits = np.asarray(logits, dtype=np.float64)
    largest = logits.max()
    with np.errstate(divide="ignore"):
        lse = largest + np.log(np.exp(logits - largest).sum(axis=-1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))


def _logits_largest_not_true(labels, logits):
    """Known-wrong: subtracts each row's largest logit instead of its true class's."""
    logits = np.asarray(logits, dtype=np.float64)
    return float(np.mean(_log_sum_exp_rows(logits) - logits.max(axis=-1)))


def _logits_sum(labels, logits):
    """Known-wrong: sums over the examples instead of averaging."""
    logits = np.asarray(logits, dtype=np.float64)
    return float(np.sum(_log_sum_exp_rows(logits) - logits[np.arange(len(labels)), labels]))


def _bce_logits_naive(y_true, logits):
    """Known-wrong: the sigmoid, then the logs, unclipped (overflows, and a log of 0 gives inf)."""
    z = np.asarray(logits, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 1.0 / (1.0 + np.exp(-z))
        return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def _bce_logits_clipped(y_true, logits):
    """Known-wrong: a stable sigmoid, then the clipped probability path (capped near 16.1)."""
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(-np.abs(z))
    p = np.clip(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)), EPSILON, 1.0 - EPSILON)
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def _bce_logits_flipped(y_true, logits):
    """Known-wrong: adds y z instead of subtracting it (the labels' roles swapped)."""
    z = np.asarray(logits, dtype=np.float64)
    return float(np.mean(_softplus(z) + np.asarray(y_true) * z - z))


def _bce_logits_no_max(y_true, logits):
    """Known-wrong: drops the max(z, 0) term of the softplus."""
    z = np.asarray(logits, dtype=np.float64)
    return float(np.mean(np.log1p(np.exp(-np.abs(z))) - np.asarray(y_true) * z))


def _bce_logits_sum(y_true, logits):
    """Known-wrong: sums over every entry instead of averaging."""
    z = np.asarray(logits, dtype=np.float64)
    return float(np.sum(_softplus(z) - np.asarray(y_true) * z))


def _huber_wrong(*, half=True, offset=True, delta_one=False, swapped=False):
    """Known-wrong maker: the Huber loss with one mistake switched on.

    Args:
        half: Keep the one half of the quadratic piece.
        offset: Keep the minus delta / 2 of the linear piece.
        delta_one: Ignore the given delta and use Keras's default 1.
        swapped: Use the quadratic piece for large errors and the linear one for small ones.

    Returns:
        The wrong ``huber(y_true, y_pred, delta)``.
    """

    def wrong(y_true, y_pred, delta):
        d = 1.0 if delta_one else delta
        error = np.abs(np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64))
        quadratic = (0.5 if half else 1.0) * error ** 2
        linear = d * (error - (0.5 * d if offset else 0.0))
        small = error <= d
        return float(np.mean(np.where(~small if swapped else small, quadratic, linear)))

    return wrong


REFERENCES = {
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
    "04.cross_entropy_from_logits": Reference(cross_entropy_from_logits, (
        WrongAnswer("exponentiates the raw logits, which overflows on large ones", lambda: _logits_unshifted),
        WrongAnswer("goes through softmax probabilities clipped like Keras, which caps a confidently wrong example's loss",
                    lambda: _logits_through_probabilities),
        WrongAnswer("shifts by the largest logit of the whole batch, not each row's own", lambda: _logits_global_max),
        WrongAnswer("subtracts each row's largest logit instead of its true class's", lambda: _logits_largest_not_true),
        WrongAnswer("sums over the examples instead of averaging", lambda: _logits_sum),
    ), right_answers=(
        RightAnswer("keras.losses.SparseCategoricalCrossentropy(from_logits=True), returns a 0-d float32 tensor",
                    lambda: _keras_loss("SparseCategoricalCrossentropy", from_logits=True)),
        RightAnswer("tf.nn.sparse_softmax_cross_entropy_with_logits, returns a 0-d tensor", lambda: _logits_tf),
        RightAnswer("scipy.special.log_softmax", lambda: _logits_scipy),
        RightAnswer("Python loops with the math module", lambda: _logits_loop),
        RightAnswer("NumPy in float32", lambda: _logits_float32),
    )),
    "04.binary_cross_entropy_from_logits": Reference(binary_cross_entropy_from_logits, (
        WrongAnswer("takes the sigmoid, then the logs, which overflows or takes a log of 0", lambda: _bce_logits_naive),
        WrongAnswer("goes through sigmoid probabilities clipped like Keras, which caps a confidently wrong entry's loss",
                    lambda: _bce_logits_clipped),
        WrongAnswer("adds the label times the logit instead of subtracting it", lambda: _bce_logits_flipped),
        WrongAnswer("drops the larger of the logit and zero from the softplus", lambda: _bce_logits_no_max),
        WrongAnswer("sums over every entry instead of averaging", lambda: _bce_logits_sum),
    ), right_answers=(
        RightAnswer("keras.losses.BinaryCrossentropy(from_logits=True), returns a 0-d float32 tensor",
                    lambda: _keras_loss("BinaryCrossentropy", from_logits=True)),
        RightAnswer("tf.nn.sigmoid_cross_entropy_with_logits, returns a 0-d tensor", lambda: _bce_logits_tf),
        RightAnswer("np.logaddexp for the softplus", lambda: _bce_logits_logaddexp),
        RightAnswer("a Python loop with the math module", lambda: _bce_logits_loop),
        RightAnswer("NumPy in float32", lambda: _bce_logits_float32),
    )),
    "04.huber": Reference(huber, (
        WrongAnswer("forgets the one half of the quadratic piece", lambda: _huber_wrong(half=False)),
        WrongAnswer("forgets to subtract half of delta in the linear piece", lambda: _huber_wrong(offset=False)),
        WrongAnswer("ignores delta and uses Keras's default of one", lambda: _huber_wrong(delta_one=True)),
        WrongAnswer("swaps the pieces (quadratic for large errors)", lambda: _huber_wrong(swapped=True)),
        WrongAnswer("returns half the mean squared error", lambda: lambda y, p, delta: float(np.mean(0.5 * (np.asarray(p) - y) ** 2))),
    ), right_answers=(
        RightAnswer("keras.losses.Huber with delta, returns a 0-d float32 tensor", lambda: _huber_keras),
        RightAnswer("scipy.special.huber", lambda: _huber_scipy),
        RightAnswer("a Python loop over every entry", lambda: _huber_loop),
        RightAnswer("NumPy in float32", lambda: _huber_float32),
    )),
}
