"""Reference answers, right answers in other styles and known-wrong answers of exercise 02: the artificial neuron, layers and stacks of layers.

Weights follow Keras's layout: ``W`` has shape ``(inputs, units)``, and a layer computes ``x @ W + b``.
"""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def sigmoid(z):
    """Reference: the logistic sigmoid 1 / (1 + exp(-z)), element-wise, without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    # exp is only ever taken of a number <= 0, so it never overflows.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def dense_layer(x, W, b):
    """Reference: a sigmoid layer for a batch: rows of x are examples, W has shape (inputs, units) as in Keras."""
    return sigmoid(np.asarray(x) @ np.asarray(W) + np.asarray(b))


def collapse(layers):
    """Reference: the one layer (W, b) that a stack of linear layers [(W1, b1), (W2, b2), ...] computes, x @ W + b."""
    W, b = (np.asarray(a, dtype=np.float64) for a in layers[0])
    for W_next, b_next in layers[1:]:
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def log_sigmoid(z):
    """Reference: log σ(z) = min(z, 0) - log(1 + exp(-|z|)), element-wise; exp only ever sees a number <= 0."""
    z = np.asarray(z, dtype=np.float64)
    return np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))


# --- right answers in other styles -------------------------------------------

def _sigmoid_float32(z):
    """Right: the same stable form, computed in float32."""
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)


def _sigmoid_math(value: float) -> float:
    """Right: the sigmoid of one number with math.exp, one branch per sign."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    e = math.exp(value)
    return e / (1.0 + e)


def _sigmoid_loop(z):
    """Right: a Python loop over every entry, math.exp on one number at a time."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty(z.shape)
    for index, value in np.ndenumerate(z):
        out[index] = _sigmoid_math(float(value))
    return out


def _make_tf_sigmoid():
    """Right-answer maker: tf.sigmoid, which returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda z: tf.sigmoid(tf.constant(z))


def _make_keras_sigmoid():
    """Right-answer maker: keras.activations.sigmoid, which returns a tensor."""
    import keras  # noqa: PLC0415

    return lambda z: keras.activations.sigmoid(z)


def _make_expit():
    """Right-answer maker: scipy.special.expit."""
    from scipy.special import expit  # noqa: PLC0415

    return expit


def _neuron_loop(x, w, b):
    """A weighted sum as a Python loop, then a stable sigmoid with math.exp; returns a float (used by _dense_loop)."""
    total = float(b)
    for weight, value in zip(w, x):
        total += float(weight) * float(value)
    return _sigmoid_math(total)


def _make_keras_dense():
    """Right-answer maker: a keras.layers.Dense loaded with W and b (float32, Keras's default)."""
    import keras  # noqa: PLC0415

    def dense_layer(x, W, b):
        layer = keras.layers.Dense(W.shape[1], activation="sigmoid")
        layer.build((None, W.shape[0]))
        layer.set_weights([W, b])
        return layer(x)

    return dense_layer


def _make_tf_dense():
    """Right-answer maker: tf.matmul and tf.sigmoid, which return a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, W, b: tf.sigmoid(tf.matmul(tf.constant(x), tf.constant(W)) + b)


def _dense_loop(x, W, b):
    """Right: a Python loop over examples and units, one neuron at a time."""
    out = np.empty((len(x), W.shape[1]))
    for i, example in enumerate(x):
        for j in range(W.shape[1]):
            out[i, j] = _neuron_loop(example, W[:, j], b[j])
    return out


def _dense_float32(x, W, b):
    """Right: the same product in float32."""
    x, W, b = (np.asarray(a, dtype=np.float32) for a in (x, W, b))
    return _sigmoid_float32(x @ W + b)


def _collapse_by_probing(layers):
    """Right: run the stack itself on zeros (gives b) and on the identity matrix (gives W + b), one layer at a time."""
    inputs = layers[0][0].shape[0]

    def stack(x):
        for W, b in layers:
            x = x @ W + b
        return x

    b = stack(np.zeros((1, inputs)))[0]
    return stack(np.eye(inputs)) - b, b


def _make_keras_collapse():
    """Right-answer maker: a keras.Sequential of linear Dense layers loaded with the weights, probed with zeros and the identity (float32 tensors)."""
    import keras  # noqa: PLC0415

    def collapse_keras(layers):
        inputs = layers[0][0].shape[0]
        model = keras.Sequential([keras.Input(shape=(inputs,))] + [keras.layers.Dense(W.shape[1]) for W, _ in layers])
        for layer, (W, b) in zip(model.layers, layers):
            layer.set_weights([W, b])
        b = model(keras.ops.zeros((1, inputs)))[0]
        return model(keras.ops.eye(inputs)) - b, b

    return collapse_keras


def _make_tf_collapse():
    """Right-answer maker: tf.matmul in a loop over the layers, returning tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def collapse_tf(layers):
        W, b = tf.constant(layers[0][0]), tf.constant(layers[0][1])
        for W_next, b_next in layers[1:]:
            W, b = tf.matmul(W, W_next), tf.linalg.matvec(W_next, b, transpose_a=True) + b_next
        return W, b

    return collapse_tf


def _collapse_multi_dot(layers):
    """Right: np.linalg.multi_dot for the weights and a sum of each bias pushed through the later weights, in float32."""
    Ws = [np.asarray(W, dtype=np.float32) for W, _ in layers]
    bs = [np.asarray(b, dtype=np.float32) for _, b in layers]
    W = Ws[0] if len(Ws) == 1 else np.linalg.multi_dot(Ws)
    b = sum((bs[i] if i == len(Ws) - 1 else bs[i] @ (Ws[i + 1] if i + 2 == len(Ws) else np.linalg.multi_dot(Ws[i + 1:])))
            for i in range(len(Ws)))
    return W, b


def _collapse_loops(layers):
    """Right: the matrix products written as Python loops."""
    W, b = [list(map(float, row)) for row in layers[0][0]], [float(v) for v in layers[0][1]]
    for W_next, b_next in layers[1:]:
        inner, units = W_next.shape
        W = [[sum(row[k] * float(W_next[k, j]) for k in range(inner)) for j in range(units)] for row in W]
        b = [sum(b[k] * float(W_next[k, j]) for k in range(inner)) + float(b_next[j]) for j in range(units)]
    return np.array(W), np.array(b)


def _log_sigmoid_math(value: float) -> float:
    """Right: log σ of one number with math.log1p and math.exp, one branch per sign."""
    if value >= 0:
        return -math.log1p(math.exp(-value))
    return value - math.log1p(math.exp(value))


def _log_sigmoid_loop(z):
    """Right: a Python loop over every entry."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty(z.shape)
    for index, value in np.ndenumerate(z):
        out[index] = _log_sigmoid_math(float(value))
    return out


def _make_tf_log_sigmoid():
    """Right-answer maker: tf.math.log_sigmoid, which returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda z: tf.math.log_sigmoid(tf.constant(z))


def _make_keras_log_sigmoid():
    """Right-answer maker: keras.ops.log_sigmoid, which returns a tensor."""
    import keras  # noqa: PLC0415

    return lambda z: keras.ops.log_sigmoid(z)


def _make_scipy_log_expit():
    """Right-answer maker: scipy.special.log_expit."""
    from scipy.special import log_expit  # noqa: PLC0415

    return log_expit


def _log_sigmoid_float32(z):
    """Right: minus NumPy's logaddexp(0, -z), in float32."""
    z = np.asarray(z, dtype=np.float32)
    return -np.logaddexp(np.float32(0), -z)


# --- known-wrong answers -----------------------------------------------------

def _sigmoid_lesson(z):
    """Known-wrong: the lesson's 1 / (1 + exp(-z)): right values, but exp(-z) overflows for z below about -709."""
    return 1 / (1 + np.exp(-z))


def _sigmoid_other_form(z):
    """Known-wrong: exp(z) / (1 + exp(z)) overflows to inf / inf = nan for large z."""
    e = np.exp(z)
    return e / (1 + e)


def _sigmoid_masked_both(z):
    """Known-wrong: np.where over two forms computed on every entry: right values, but the discarded form overflows."""
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def _sigmoid_math_exp(z):
    """Known-wrong: math.exp works on one number only (and overflows for z < -709)."""
    return 1 / (1 + math.exp(-z))


def _sigmoid_clipped(z):
    """Known-wrong: avoids the overflow by clipping z, which changes the value for |z| > 10."""
    return 1 / (1 + np.exp(-np.clip(z, -10, 10)))


def _dense_units_as_rows(x, W, b):
    """Known-wrong: returns σ(Wᵀ xᵀ + b) with examples as columns, shape (units, n)."""
    return sigmoid(W.T @ x.T + b[:, None])


def _collapse_last_bias_only(layers):
    """Known-wrong: the product of the weights, but only the last layer's bias."""
    W = layers[0][0]
    for W_next, _ in layers[1:]:
        W = W @ W_next
    return W, layers[-1][1]


def _collapse_no_biases(layers):
    """Known-wrong: the product of the weights and a zero bias."""
    W = layers[0][0]
    for W_next, _ in layers[1:]:
        W = W @ W_next
    return W, np.zeros(W.shape[1])


def _collapse_reversed(layers):
    """Known-wrong: multiplies the weights with the later layers on the left (right for column vectors, not for Keras's layout)."""
    W, b = layers[0]
    for W_next, b_next in layers[1:]:
        W, b = W_next @ W, b @ W_next + b_next
    return W, b


def _collapse_transposed(layers):
    """Known-wrong: right values, but the weights come back one row per unit, (outputs, inputs)."""
    W, b = collapse(layers)
    return W.T, b


def _collapse_summed_biases_pushed_once(layers):
    """Known-wrong: pushes every earlier bias through the next layer's weights only, not through all the later ones."""
    W, b = layers[0][0], 0
    for index, (W_i, b_i) in enumerate(layers):
        if index > 0:
            W = W @ W_i
        pushed = b_i @ layers[index + 1][0] if index + 1 < len(layers) else b_i
        b = b + pushed
    return W, b


def _log_sigmoid_of_lesson_sigmoid(z):
    """Known-wrong: the log of the lesson's sigmoid: exp(-z) overflows for very negative z."""
    return np.log(1 / (1 + np.exp(-np.asarray(z))))


def _log_sigmoid_of_safe_sigmoid(z):
    """Known-wrong: the log of an overflow-safe sigmoid, which rounds to 0 (log gives -inf) for very negative z."""
    with np.errstate(divide="ignore"):
        return np.log(sigmoid(z))


def _log_sigmoid_log1p_overflows(z):
    """Known-wrong: -log1p(exp(-z)), whose exponential overflows for very negative z."""
    return -np.log1p(np.exp(-np.asarray(z)))


def _log_sigmoid_clipped(z):
    """Known-wrong: clips z to [-500, 500] to avoid the overflow, which changes the value beyond."""
    return -np.log1p(np.exp(-np.clip(z, -500, 500)))


REFERENCES = {
    "02.sigmoid": Reference(sigmoid, (
        WrongAnswer("uses the lesson's formula as it is, whose exponential overflows for very negative z", lambda: _sigmoid_lesson),
        WrongAnswer("uses the other form everywhere, whose exponential overflows for very positive z", lambda: _sigmoid_other_form),
        WrongAnswer("computes both forms on every entry and lets a mask choose, so the discarded form still overflows",
                    lambda: _sigmoid_masked_both),
        WrongAnswer("flips the sign of z (a sigmoid mirrored around zero)", lambda: lambda z: sigmoid(-np.asarray(z))),
        WrongAnswer("uses the math module's exponential, which takes one number only", lambda: _sigmoid_math_exp),
        WrongAnswer("clips z to a small range before the exponential, which changes the value far from zero", lambda: _sigmoid_clipped),
    ), right_answers=(
        RightAnswer("TensorFlow tf.sigmoid, returns a tensor", _make_tf_sigmoid),
        RightAnswer("keras.activations.sigmoid, returns a tensor", _make_keras_sigmoid),
        RightAnswer("scipy.special.expit", _make_expit),
        RightAnswer("NumPy logaddexp, exp(-log(1 + exp(-z)))", lambda: lambda z: np.exp(-np.logaddexp(0.0, -np.asarray(z)))),
        RightAnswer("a Python loop with math.exp, one branch per sign", lambda: _sigmoid_loop),
        RightAnswer("float32 NumPy, np.where on the sign with exp(-|z|)", lambda: _sigmoid_float32),
    )),
    "02.dense_layer": Reference(dense_layer, (
        WrongAnswer("transposes W, reading it as one row per unit", lambda: lambda x, W, b: sigmoid(x @ W.T + b)),
        WrongAnswer("forgets the bias", lambda: lambda x, W, b: sigmoid(x @ W)),
        WrongAnswer("applies the sigmoid before adding the bias", lambda: lambda x, W, b: sigmoid(x @ W) + b),
        WrongAnswer("forgets the activation", lambda: lambda x, W, b: x @ W + b),
        WrongAnswer("returns units as rows and examples as columns", lambda: _dense_units_as_rows),
    ), right_answers=(
        RightAnswer("keras.layers.Dense with set_weights, float32 tensor", _make_keras_dense),
        RightAnswer("TensorFlow tf.matmul and tf.sigmoid, returns a tensor", _make_tf_dense),
        RightAnswer("Python loops over examples and units", lambda: _dense_loop),
        RightAnswer("float32 NumPy", lambda: _dense_float32),
    )),
    "02.collapse": Reference(collapse, (
        WrongAnswer("keeps only the last layer's bias", lambda: _collapse_last_bias_only),
        WrongAnswer("forgets the biases", lambda: _collapse_no_biases),
        WrongAnswer("multiplies the weight matrices in the reverse order, the later layers on the left", lambda: _collapse_reversed),
        WrongAnswer("returns the weights transposed, one row per output unit", lambda: _collapse_transposed),
        WrongAnswer("pushes each bias through the next layer's weights only, not through all the later layers",
                    lambda: _collapse_summed_biases_pushed_once),
    ), right_answers=(
        RightAnswer("keras.Sequential of linear Dense layers probed with zeros and the identity, float32 tensors", _make_keras_collapse),
        RightAnswer("TensorFlow tf.matmul in a loop, returns tensors", _make_tf_collapse),
        RightAnswer("the stack run on zeros and on the identity matrix (NumPy)", lambda: _collapse_by_probing),
        RightAnswer("np.linalg.multi_dot in float32", lambda: _collapse_multi_dot),
        RightAnswer("Python loops for the matrix products", lambda: _collapse_loops),
    )),
    "02.log_sigmoid": Reference(log_sigmoid, (
        WrongAnswer("takes the logarithm of an overflow-safe sigmoid, which rounds to 0 for very negative z",
                    lambda: _log_sigmoid_of_safe_sigmoid),
        WrongAnswer("takes the logarithm of the lesson's sigmoid, whose exponential overflows for very negative z",
                    lambda: _log_sigmoid_of_lesson_sigmoid),
        WrongAnswer("uses minus the log of one plus the exponential of minus z everywhere, which overflows for very negative z",
                    lambda: _log_sigmoid_log1p_overflows),
        WrongAnswer("forgets the minus sign (returns the log of one plus the exponential of minus z)",
                    lambda: lambda z: np.logaddexp(0.0, -np.asarray(z))),
        WrongAnswer("flips the sign of z (the log of the sigmoid of minus z)", lambda: lambda z: log_sigmoid(-np.asarray(z))),
        WrongAnswer("clips z to a limited range before the exponential, which changes the value far from zero",
                    lambda: _log_sigmoid_clipped),
    ), right_answers=(
        RightAnswer("TensorFlow tf.math.log_sigmoid, returns a tensor", _make_tf_log_sigmoid),
        RightAnswer("keras.ops.log_sigmoid, returns a tensor", _make_keras_log_sigmoid),
        RightAnswer("scipy.special.log_expit", _make_scipy_log_expit),
        RightAnswer("a Python loop with math.log1p, one branch per sign", lambda: _log_sigmoid_loop),
        RightAnswer("minus NumPy logaddexp of 0 and minus z, in float32", lambda: _log_sigmoid_float32),
    )),
}
