"""Reference answers, right answers in other styles and known-wrong answers of exercise 02: the artificial neuron and forward propagation.

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


def neuron(x, w, b):
    """Reference: one neuron's output σ(w·x + b) for one input vector, as a float."""
    return float(sigmoid(np.dot(w, x) + b))


def dense_layer(x, W, b):
    """Reference: a sigmoid layer for a batch: rows of x are examples, W has shape (inputs, units) as in Keras."""
    return sigmoid(np.asarray(x) @ np.asarray(W) + np.asarray(b))


def forward(x, W1, b1, W2, b2):
    """Reference: a two-layer forward pass σ(σ(x W1 + b1) W2 + b2) for a batch of rows."""
    return dense_layer(dense_layer(x, W1, b1), W2, b2)


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


def _make_tf_neuron():
    """Right-answer maker: tf.tensordot and tf.sigmoid, which return a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, w, b: tf.sigmoid(tf.tensordot(tf.constant(w), tf.constant(x), axes=1) + b)


def _make_keras_neuron():
    """Right-answer maker: keras.ops.dot and keras.activations.sigmoid, which return a 0-d tensor."""
    import keras  # noqa: PLC0415

    return lambda x, w, b: keras.activations.sigmoid(keras.ops.dot(w, x) + b)


def _neuron_loop(x, w, b):
    """Right: the weighted sum as a Python loop, then a stable sigmoid with math.exp; returns a float."""
    total = float(b)
    for weight, value in zip(w, x):
        total += float(weight) * float(value)
    return _sigmoid_math(total)


def _neuron_float32(x, w, b):
    """Right: float32 arithmetic, returns a NumPy float32 scalar."""
    z = np.dot(np.asarray(w, dtype=np.float32), np.asarray(x, dtype=np.float32)) + np.float32(b)
    return _sigmoid_float32(z)[()]


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


def _make_keras_forward():
    """Right-answer maker: a keras.Sequential of two Dense layers loaded with the weights (float32)."""
    import keras  # noqa: PLC0415

    def forward(x, W1, b1, W2, b2):
        model = keras.Sequential([keras.Input(shape=(W1.shape[0],)), keras.layers.Dense(W1.shape[1], activation="sigmoid"),
                                  keras.layers.Dense(W2.shape[1], activation="sigmoid")])
        model.layers[0].set_weights([W1, b1])
        model.layers[1].set_weights([W2, b2])
        return model(x)

    return forward


def _make_tf_forward():
    """Right-answer maker: two layers of tf.matmul and tf.sigmoid, which return a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def forward(x, W1, b1, W2, b2):
        hidden = tf.sigmoid(tf.matmul(tf.constant(x), W1) + b1)
        return tf.sigmoid(tf.matmul(hidden, W2) + b2)

    return forward


def _forward_loop(x, W1, b1, W2, b2):
    """Right: the layers one neuron at a time, in Python loops."""
    return _dense_loop(_dense_loop(x, W1, b1), W2, b2)


def _forward_float32(x, W1, b1, W2, b2):
    """Right: both layers in float32."""
    return _dense_float32(_dense_float32(x, W1, b1), W2, b2)


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


def _forward_wrong_order(x, W1, b1, W2, b2):
    """Known-wrong: applies the second layer first."""
    return sigmoid(sigmoid(x @ W2 + b2) @ W1 + b1)


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
    "02.neuron": Reference(neuron, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)))),
        WrongAnswer("forgets the activation", lambda: lambda x, w, b: float(np.dot(w, x) + b)),
        WrongAnswer("applies the sigmoid before adding the bias", lambda: lambda x, w, b: float(sigmoid(np.dot(w, x)) + b)),
        WrongAnswer("applies the sigmoid to each product, then sums", lambda: lambda x, w, b: float(np.sum(sigmoid(w * x)) + b)),
        WrongAnswer("returns one output per input instead of one weighted sum", lambda: lambda x, w, b: sigmoid(w * x + b)),
        WrongAnswer("uses the lesson's sigmoid, whose exponential overflows for a very negative weighted sum",
                    lambda: lambda x, w, b: float(_sigmoid_lesson(np.dot(w, x) + b))),
        WrongAnswer("uses the other form of the sigmoid, which overflows for a very positive weighted sum",
                    lambda: lambda x, w, b: float(_sigmoid_other_form(np.dot(w, x) + b))),
    ), right_answers=(
        RightAnswer("TensorFlow tensordot and tf.sigmoid, returns a 0-d tensor", _make_tf_neuron),
        RightAnswer("keras.ops.dot and keras.activations.sigmoid, returns a 0-d tensor", _make_keras_neuron),
        RightAnswer("a Python loop for the weighted sum, math.exp", lambda: _neuron_loop),
        RightAnswer("float32 NumPy, returns a float32 scalar", lambda: _neuron_float32),
        RightAnswer("scipy.special.expit of np.dot", lambda: lambda x, w, b: _make_expit()(np.dot(w, x) + b)),
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
    "02.forward": Reference(forward, (
        WrongAnswer("applies the layers in the wrong order (W2 first)", lambda: _forward_wrong_order),
        WrongAnswer("has no activation on the hidden layer", lambda: lambda x, W1, b1, W2, b2: sigmoid((x @ W1 + b1) @ W2 + b2)),
        WrongAnswer("transposes both weight matrices, reading them as one row per unit",
                    lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1.T + b1) @ W2.T + b2)),
        WrongAnswer("forgets the biases", lambda: lambda x, W1, b1, W2, b2: sigmoid(sigmoid(x @ W1) @ W2)),
        WrongAnswer("applies the sigmoid to the input instead of to the hidden layer",
                    lambda: lambda x, W1, b1, W2, b2: sigmoid((sigmoid(x) @ W1 + b1) @ W2 + b2)),
        WrongAnswer("returns the hidden layer instead of the output", lambda: lambda x, W1, b1, W2, b2: sigmoid(x @ W1 + b1)),
    ), right_answers=(
        RightAnswer("keras.Sequential of two Dense layers with set_weights, float32 tensor", _make_keras_forward),
        RightAnswer("TensorFlow tf.matmul and tf.sigmoid, returns a tensor", _make_tf_forward),
        RightAnswer("Python loops, one neuron at a time", lambda: _forward_loop),
        RightAnswer("float32 NumPy", lambda: _forward_float32),
    )),
}
