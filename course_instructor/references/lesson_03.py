"""Reference answers, right answers in other styles and known-wrong answers of exercise 03: activation functions."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def relu_derivative(x):
    """Reference: the derivative of ReLU, 1 where x > 0 and 0 elsewhere (also 0 at x = 0), as floats."""
    return (np.asarray(x) > 0).astype(np.float64)


def _sigmoid(x):
    """The sigmoid, element-wise, without overflow (reference helper)."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def swish_derivative(x):
    """Reference: the derivative of swish(x) = x * sigmoid(x), sigmoid(x) * (1 + x * (1 - sigmoid(x)))."""
    x = np.asarray(x, dtype=np.float64)
    s = _sigmoid(x)
    return s * (1.0 + x * (1.0 - s))


def dead_units(x, layers):
    """Reference: per ReLU layer, the number of units whose output is 0 on every row of x."""
    h = np.asarray(x, dtype=np.float64)
    counts = []
    for W, b in layers:
        h = np.maximum(h @ np.asarray(W, dtype=np.float64) + b, 0.0)
        counts.append(int(np.all(h == 0.0, axis=0).sum()))
    return counts


def softmax(logits):
    """Reference: numerically stable softmax over the last axis."""
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


# --- right answers in other styles -------------------------------------------

def _elementwise(function):
    """Right-answer helper: a Python loop that applies `function` to every entry.

    Args:
        function: ``function(value, *args) -> float`` for one float entry.

    Returns:
        ``loop(x, *args)``: a float64 array of `x`'s shape.
    """

    def loop(x, *args):
        x = np.asarray(x, dtype=np.float64)
        out = np.empty(x.shape)
        for index, value in np.ndenumerate(x):
            out[index] = function(float(value), *args)
        return out

    return loop


def _keras_gradient(activation_name: str):
    """Right-answer maker: the slope of a Keras activation, from tf.GradientTape.

    Args:
        activation_name: A function of ``keras.activations``, e.g. ``"relu"``.

    Returns:
        A zero-argument maker of ``derivative(x)``, which returns a tensor.
    """

    def make():
        import keras  # noqa: PLC0415
        import tensorflow as tf  # noqa: PLC0415

        activation = getattr(keras.activations, activation_name)

        def derivative(x):
            x = tf.constant(x)
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = activation(x)
            return tape.gradient(y, x)

        return derivative

    return make


def _make_tf_relu_derivative():
    """Right-answer maker: a TensorFlow comparison cast to float64 (a tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x: tf.cast(tf.constant(x) > 0, tf.float64)


def _make_keras_relu_sign():
    """Right-answer maker: the sign of keras.activations.relu (a tensor)."""
    import keras  # noqa: PLC0415

    return lambda x: keras.ops.sign(keras.activations.relu(x))


def _make_keras_swish_derivative():
    """Right-answer maker: the product rule with keras.ops.sigmoid (a tensor)."""
    import keras  # noqa: PLC0415

    def derivative(x):
        s = keras.ops.sigmoid(x)
        return s + x * s * (1 - s)

    return derivative


def _make_scipy_swish_derivative():
    """Right-answer maker: the product rule with scipy.special.expit, written as sigmoid + swish * (1 - sigmoid)."""
    from scipy.special import expit  # noqa: PLC0415

    def derivative(x):
        s = expit(x)
        swish = x * s
        return s + swish * (1 - s)

    return derivative


def _swish_slope_loop(value: float) -> float:
    """Right-answer helper: the slope of swish at one number, with math.exp (stable for either sign)."""
    s = 1.0 / (1.0 + math.exp(-value)) if value >= 0 else math.exp(value) / (1.0 + math.exp(value))
    return s * (1.0 + value * (1.0 - s))


def _swish_derivative_tanh_float32(x):
    """Right: float32, with the sigmoid written through tanh, sigmoid(x) = (1 + tanh(x / 2)) / 2."""
    x = np.asarray(x, dtype=np.float32)
    s = (1 + np.tanh(x / 2)) / 2
    return s * (1 + x * (1 - s))


def _dead_units_tf(x, layers):
    """Right: TensorFlow ops (tf.nn.relu, tf.reduce_all), returns a tensor of counts."""
    import tensorflow as tf  # noqa: PLC0415

    h, counts = tf.constant(x, dtype=tf.float64), []
    for W, b in layers:
        h = tf.nn.relu(h @ tf.constant(W, dtype=tf.float64) + b)
        counts.append(tf.reduce_sum(tf.cast(tf.reduce_all(h == 0, axis=0), tf.int32)))
    return tf.stack(counts)


def _dead_units_keras(x, layers):
    """Right: Keras Dense layers with the given weights and ReLU, float32; a unit is dead where the column's max is 0."""
    import keras  # noqa: PLC0415

    h, counts = np.asarray(x, dtype=np.float32), []
    for W, b in layers:
        layer = keras.layers.Dense(np.shape(W)[1], activation="relu")
        layer.build((None, np.shape(W)[0]))
        layer.set_weights([np.asarray(W, dtype=np.float32), np.asarray(b, dtype=np.float32)])
        h = keras.ops.convert_to_numpy(layer(h))
        counts.append(int((h.max(axis=0) == 0).sum()))
    return counts


def _dead_units_loop(x, layers):
    """Right: Python loops over examples and units, one number at a time."""
    rows = [[float(v) for v in row] for row in np.asarray(x)]
    counts = []
    for W, b in layers:
        W = np.asarray(W)
        units = W.shape[1]
        rows = [[max(0.0, sum(row[i] * float(W[i, j]) for i in range(len(row))) + float(b[j])) for j in range(units)]
                for row in rows]
        counts.append(sum(1 for j in range(units) if all(row[j] == 0.0 for row in rows)))
    return counts


def _dead_units_float32(x, layers):
    """Right helper: the counts in float32, a unit being dead where its largest output is 0."""
    h, counts = np.asarray(x, dtype=np.float32), []
    for W, b in layers:
        h = np.maximum(h @ np.asarray(W, dtype=np.float32) + np.asarray(b, dtype=np.float32), np.float32(0))
        counts.append(int((h.max(axis=0) == 0).sum()))
    return counts


def _dead_units_wrong(*, relu_between=True, use_bias=True, strict=False, any_example=False, share=False):
    """Known-wrong maker: dead-unit counts with one mistake switched on.

    Args:
        relu_between: Feed the next layer the outputs after ReLU (False: the pre-activations).
        use_bias: Add each layer's bias.
        strict: Call a unit dead only where its pre-activation is strictly negative (misses an exact 0).
        any_example: Count units that are zero on at least one example instead of every one.
        share: Return the share of dead units instead of their number.

    Returns:
        The wrong ``dead_units(x, layers)``.
    """

    def wrong(x, layers):
        h, counts = np.asarray(x, dtype=np.float64), []
        for W, b in layers:
            z = h @ np.asarray(W) + (np.asarray(b) if use_bias else 0.0)
            zero = z < 0 if strict else z <= 0
            count = zero.any(axis=0).sum() if any_example else zero.all(axis=0).sum()
            counts.append(count / z.shape[1] if share else int(count))
            h = np.maximum(z, 0.0) if relu_between else z
        return counts

    return wrong


def _make_keras_softmax():
    """Right-answer maker: keras.activations.softmax over the last axis (a tensor)."""
    import keras  # noqa: PLC0415

    return lambda logits: keras.activations.softmax(logits, axis=-1)


def _make_tf_softmax():
    """Right-answer maker: tf.nn.softmax over the last axis (a tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda logits: tf.nn.softmax(tf.constant(logits), axis=-1)


def _make_scipy_softmax():
    """Right-answer maker: scipy.special.softmax over the last axis."""
    from scipy.special import softmax as scipy_softmax  # noqa: PLC0415

    return lambda logits: scipy_softmax(logits, axis=-1)


def _make_logsumexp_softmax():
    """Right-answer maker: the exponential of the logits minus scipy.special.logsumexp of each row."""
    from scipy.special import logsumexp  # noqa: PLC0415

    return lambda logits: np.exp(logits - logsumexp(logits, axis=-1, keepdims=True))


def _softmax_row_loop(row) -> list:
    """Right-answer helper: the softmax of one row of floats with math.exp."""
    largest = max(row)
    exps = [math.exp(value - largest) for value in row]
    total = sum(exps)
    return [value / total for value in exps]


def _softmax_loop(logits):
    """Right: Python loops over the rows, math.exp on one number at a time."""
    logits = np.asarray(logits, dtype=np.float64)
    rows = logits.reshape(-1, logits.shape[-1])
    return np.array([_softmax_row_loop([float(v) for v in row]) for row in rows]).reshape(logits.shape)


def _softmax_float32(logits):
    """Right: the stable softmax in float32."""
    logits = np.asarray(logits, dtype=np.float32)
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


# --- known-wrong answers -----------------------------------------------------

def _softmax_unstable(logits):
    """Known-wrong: exponentiates the raw logits, overflows on large ones."""
    exps = np.exp(np.asarray(logits, dtype=np.float64))
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_shifted_by(statistic):
    """Known-wrong maker: a softmax that shifts each row by another statistic than its maximum, which overflows on a wide row.

    Args:
        statistic: ``np.min`` or ``np.mean`` (called with ``axis=-1, keepdims=True``).

    Returns:
        The wrong softmax.
    """

    def wrong(logits):
        logits = np.asarray(logits, dtype=np.float64)
        exps = np.exp(logits - statistic(logits, axis=-1, keepdims=True))
        return exps / exps.sum(axis=-1, keepdims=True)

    return wrong


def _softmax_global_max(logits):
    """Known-wrong: subtracts the maximum of the whole array instead of each row's."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max())
    return exps / exps.sum(axis=-1, keepdims=True)


def _softmax_first_axis(logits):
    """Known-wrong: normalises over axis 0 (the examples) instead of the classes."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=0, keepdims=True))
    return exps / exps.sum(axis=0, keepdims=True)


def _softmax_whole_sum(logits):
    """Known-wrong: divides by the sum over the whole batch."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exps / exps.sum()


def _softmax_without_keepdims(logits):
    """Known-wrong: reduces without keepdims, so a batch's row maxima and sums broadcast along the wrong axis (or fail to)."""
    logits = np.asarray(logits, dtype=np.float64)
    exps = np.exp(logits - logits.max(axis=-1))
    return exps / exps.sum(axis=-1)


def _stable_sigmoid(z):
    """Known-wrong helper: an overflow-free sigmoid, element-wise."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


REFERENCES = {
    "03.relu_derivative": Reference(relu_derivative, (
        WrongAnswer("is 1 at negative inputs too", lambda: lambda x: np.ones_like(x, dtype=float)),
        WrongAnswer("is 1 at exactly 0 (a comparison that is not strict)", lambda: lambda x: (x >= 0).astype(float)),
        WrongAnswer("returns ReLU itself instead of its slope", lambda: lambda x: np.maximum(x, 0.0)),
        WrongAnswer("has the sign flipped (1 for negative inputs)", lambda: lambda x: (x < 0).astype(float)),
        WrongAnswer("returns the sign of the input (minus one for negative inputs)", lambda: np.sign),
    ), right_answers=(
        RightAnswer("TensorFlow comparison cast to float64, returns a tensor", _make_tf_relu_derivative),
        RightAnswer("tf.GradientTape on keras.activations.relu (Keras), returns a tensor", _keras_gradient("relu")),
        RightAnswer("keras.ops.sign of keras.activations.relu, returns a tensor", _make_keras_relu_sign),
        RightAnswer("np.heaviside with 0 at 0", lambda: lambda x: np.heaviside(x, 0.0)),
        RightAnswer("a Python loop", lambda: _elementwise(lambda value: 1.0 if value > 0 else 0.0)),
        RightAnswer("float32", lambda: lambda x: (np.asarray(x) > 0).astype(np.float32)),
    )),
    "03.swish_derivative": Reference(swish_derivative, (
        WrongAnswer("returns the sigmoid only, forgetting the product rule's second term",
                    lambda: _sigmoid),
        WrongAnswer("keeps only the product rule's second term, the input times the sigmoid's slope",
                    lambda: lambda x: np.asarray(x) * _sigmoid(x) * (1 - _sigmoid(x))),
        WrongAnswer("returns swish itself instead of its slope", lambda: lambda x: np.asarray(x) * _sigmoid(x)),
        WrongAnswer("returns the sigmoid's slope instead of swish's", lambda: lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
        WrongAnswer("subtracts the product rule's second term instead of adding it",
                    lambda: lambda x: _sigmoid(x) - np.asarray(x) * _sigmoid(x) * (1 - _sigmoid(x))),
    ), right_answers=(
        RightAnswer("keras.ops.sigmoid and the product rule, returns a tensor", _make_keras_swish_derivative),
        RightAnswer("tf.GradientTape on keras.activations.silu (Keras), returns a tensor", _keras_gradient("silu")),
        RightAnswer("scipy.special.expit, written with swish itself", _make_scipy_swish_derivative),
        RightAnswer("a Python loop with math.exp", lambda: _elementwise(_swish_slope_loop)),
        RightAnswer("float32, the sigmoid through tanh", lambda: _swish_derivative_tanh_float32),
    )),
    "03.dead_units": Reference(dead_units, (
        WrongAnswer("counts units that output zero on at least one example instead of on every one",
                    lambda: _dead_units_wrong(any_example=True)),
        WrongAnswer("feeds the next layer the pre-activations, without ReLU", lambda: _dead_units_wrong(relu_between=False)),
        WrongAnswer("forgets the biases", lambda: _dead_units_wrong(use_bias=False)),
        WrongAnswer("calls a unit dead only where its pre-activation is strictly negative, missing an exact zero",
                    lambda: _dead_units_wrong(strict=True)),
        WrongAnswer("returns the share of dead units instead of their number", lambda: _dead_units_wrong(share=True)),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns a tensor", lambda: _dead_units_tf),
        RightAnswer("Keras Dense layers with ReLU, float32", lambda: _dead_units_keras),
        RightAnswer("Python loops over examples and units", lambda: _dead_units_loop),
        RightAnswer("NumPy in float32, returns an array", lambda: lambda x, layers: np.array(_dead_units_float32(x, layers))),
    )),
    "03.softmax": Reference(softmax, (
        WrongAnswer("exponentiates the raw logits, which overflows on large ones", lambda: _softmax_unstable),
        WrongAnswer("applies a sigmoid to each logit instead of a softmax", lambda: _stable_sigmoid),
        WrongAnswer("normalises each column (over the examples) instead of each row", lambda: _softmax_first_axis),
        WrongAnswer("subtracts the largest logit of the whole batch, not each row's own", lambda: _softmax_global_max),
        WrongAnswer("divides by the sum over the whole batch instead of each row's sum", lambda: _softmax_whole_sum),
        WrongAnswer("subtracts each row's smallest logit instead of its largest", lambda: _softmax_shifted_by(np.min)),
        WrongAnswer("subtracts each row's mean logit instead of its largest", lambda: _softmax_shifted_by(np.mean)),
        WrongAnswer("drops the reduced axis, so a row's maximum and sum broadcast along the wrong axis",
                    lambda: _softmax_without_keepdims),
    ), right_answers=(
        RightAnswer("keras.activations.softmax, returns a tensor", _make_keras_softmax),
        RightAnswer("TensorFlow tf.nn.softmax, returns a tensor", _make_tf_softmax),
        RightAnswer("scipy.special.softmax over the last axis", _make_scipy_softmax),
        RightAnswer("exp of logits minus scipy.special.logsumexp", _make_logsumexp_softmax),
        RightAnswer("Python loops over rows with math.exp", lambda: _softmax_loop),
        RightAnswer("float32", lambda: _softmax_float32),
    )),
}
