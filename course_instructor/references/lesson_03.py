"""Reference answers, right answers in other styles and known-wrong answers of exercise 03: activation functions."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def relu_derivative(x):
    """Reference: the derivative of ReLU, 1 where x > 0 and 0 elsewhere (also 0 at x = 0), as floats."""
    return (np.asarray(x) > 0).astype(np.float64)


def tanh_derivative(x):
    """Reference: the derivative of tanh, 1 - tanh(x)**2."""
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def leaky_relu(x, alpha):
    """Reference: leaky ReLU, x where x > 0 and alpha * x elsewhere."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


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


def _make_keras_tanh_derivative():
    """Right-answer maker: the identity with keras.activations.tanh (a tensor)."""
    import keras  # noqa: PLC0415

    return lambda x: 1 - keras.activations.tanh(x) ** 2


def _make_tf_tanh_derivative():
    """Right-answer maker: the identity with tf.tanh (a tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x: 1 - tf.tanh(tf.constant(x)) ** 2


def _make_keras_leaky_relu():
    """Right-answer maker: keras.activations.leaky_relu with negative_slope set to alpha (a tensor)."""
    import keras  # noqa: PLC0415

    return lambda x, alpha: keras.activations.leaky_relu(x, negative_slope=alpha)


def _make_tf_leaky_relu():
    """Right-answer maker: tf.nn.leaky_relu (a tensor)."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, alpha: tf.nn.leaky_relu(tf.constant(x), alpha=alpha)


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
    "03.tanh_derivative": Reference(tanh_derivative, (
        WrongAnswer("squares the input instead of its tanh", lambda: lambda x: 1.0 - x ** 2),
        WrongAnswer("adds the square of tanh instead of subtracting it", lambda: lambda x: 1.0 + np.tanh(x) ** 2),
        WrongAnswer("uses the sigmoid's formula with tanh in place of the sigmoid", lambda: lambda x: np.tanh(x) * (1.0 - np.tanh(x))),
        WrongAnswer("returns tanh itself", lambda: np.tanh),
        WrongAnswer("forgets to square tanh", lambda: lambda x: 1.0 - np.tanh(x)),
    ), right_answers=(
        RightAnswer("TensorFlow tf.tanh, returns a tensor", _make_tf_tanh_derivative),
        RightAnswer("tf.GradientTape on keras.activations.tanh (Keras), returns a tensor", _keras_gradient("tanh")),
        RightAnswer("keras.activations.tanh, returns a tensor", _make_keras_tanh_derivative),
        RightAnswer("one over cosh squared", lambda: lambda x: 1.0 / np.cosh(x) ** 2),
        RightAnswer("a Python loop with math.tanh", lambda: _elementwise(lambda value: 1.0 - math.tanh(value) ** 2)),
        RightAnswer("float32", lambda: lambda x: 1 - np.tanh(np.asarray(x, dtype=np.float32)) ** 2),
    )),
    "03.leaky_relu": Reference(leaky_relu, (
        WrongAnswer("ignores alpha (plain ReLU)", lambda: lambda x, alpha: np.maximum(x, 0.0)),
        WrongAnswer("swaps the branches (alpha times the positive inputs)", lambda: lambda x, alpha: np.where(x > 0, alpha * x, x)),
        WrongAnswer("has a sign error on negatives (they come out positive)", lambda: lambda x, alpha: np.where(x > 0, x, -alpha * x)),
        WrongAnswer("hard-codes alpha as the common default one hundredth", lambda: lambda x, alpha: np.where(x > 0, x, 0.01 * x)),
        WrongAnswer("ignores alpha and keeps Keras's default negative slope",
                    lambda: lambda x, alpha: np.where(x > 0, x, 0.2 * np.asarray(x))),
    ), right_answers=(
        RightAnswer("keras.activations.leaky_relu with negative_slope, returns a tensor", _make_keras_leaky_relu),
        RightAnswer("TensorFlow tf.nn.leaky_relu, returns a tensor", _make_tf_leaky_relu),
        RightAnswer("np.maximum of x and alpha times x", lambda: lambda x, alpha: np.maximum(x, alpha * np.asarray(x))),
        RightAnswer("a Python loop", lambda: _elementwise(lambda value, alpha: value if value > 0 else alpha * value)),
        RightAnswer("float32", lambda: lambda x, alpha: np.where(np.asarray(x) > 0, x, alpha * np.asarray(x)).astype(np.float32)),
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
