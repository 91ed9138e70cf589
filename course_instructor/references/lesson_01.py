"""Reference answers, right answers in other styles and known-wrong answers of exercise 01: tensors and linear algebra.

Weights follow Keras's layout: ``w`` has shape ``(inputs, units)`` and a
layer computes ``x @ w + b``.
"""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def weighted_sum(x, w, b):
    """Reference: the weighted sum x·w + b of one input vector, as a float."""
    return float(np.dot(x, w) + b)


def dense(x, w, b):
    """Reference: a dense layer without activation, x @ w + b, for a batch of rows (w in Keras's layout, (inputs, units))."""
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


# --- right answers in other styles -------------------------------------------------------------------------------

def _weighted_sum_tensorflow():
    """Right: TensorFlow's tensordot, returning a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, w, b: tf.tensordot(tf.constant(x), tf.constant(w), axes=1) + b


def _weighted_sum_keras():
    """Right: keras.ops.dot on float32 tensors, as in lesson 01 (a 0-d float32 tensor)."""
    import keras  # noqa: PLC0415

    return lambda x, w, b: keras.ops.dot(keras.ops.convert_to_tensor(x, "float32"), keras.ops.convert_to_tensor(w, "float32")) + b


def _weighted_sum_loop(x, w, b):
    """Right: a plain Python loop over the inputs."""
    total = 0.0
    for x_k, w_k in zip(x, w):
        total += x_k * w_k
    return total + b


def _weighted_sum_float32(x, w, b):
    """Right: NumPy in float32 (returns a NumPy float32 number)."""
    return x.astype(np.float32) @ w.astype(np.float32) + np.float32(b)


def _dense_tensorflow():
    """Right: tf.matmul, returning a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, w, b: tf.matmul(x, w) + b


def _dense_keras_layer():
    """Right: a Keras Dense layer given w and b as its weights (its layout is (inputs, units)); returns a float32 tensor."""
    import keras  # noqa: PLC0415

    def dense_layer(x, w, b):
        layer = keras.layers.Dense(w.shape[1])
        layer.build((None, w.shape[0]))
        layer.set_weights([w, b])
        return layer(x)

    return dense_layer


def _dense_loop(x, w, b):
    """Right: one weighted sum per example and unit, in Python loops."""
    n, (d, k) = len(x), w.shape
    return np.array([[sum(x[i, m] * w[m, j] for m in range(d)) + b[j] for j in range(k)] for i in range(n)])


def _standardize_tensorflow():
    """Right: tf.nn.moments per column, returning a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def standardize_tf(x):
        mean, variance = tf.nn.moments(tf.constant(x), axes=[0])
        std = tf.sqrt(variance)
        return (x - mean) / tf.where(std > 0, std, tf.ones_like(std))

    return standardize_tf


def _standardize_keras_normalization():
    """Right: a Keras Normalization layer adapted to x (float32; it divides by max(std, epsilon))."""
    import keras  # noqa: PLC0415

    def standardize_keras(x):
        layer = keras.layers.Normalization(axis=-1)
        layer.adapt(x)
        return layer(x)

    return standardize_keras


def _standardize_loop(x):
    """Right: a Python loop over the columns, with the math module."""
    import math  # noqa: PLC0415

    n, d = x.shape
    result = np.zeros((n, d))
    for j in range(d):
        column = [float(value) for value in x[:, j]]
        mean = sum(column) / n
        std = math.sqrt(sum((value - mean) ** 2 for value in column) / n)
        result[:, j] = [(value - mean) / std if std > 0 else 0.0 for value in column]
    return result


def _standardize_scikit_learn():
    """Right: scikit-learn's StandardScaler (population standard deviation; constant columns give 0)."""
    from sklearn.preprocessing import StandardScaler  # noqa: PLC0415

    return lambda x: StandardScaler().fit_transform(x)


def _standardize_float32(x):
    """Right: NumPy in float32."""
    x = x.astype(np.float32)
    std = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(std > 0, std, np.float32(1))


def _flatten_keras_layer():
    """Right: keras.layers.Flatten (computes in float32, so float64 pixels come back rounded to float32)."""
    import keras  # noqa: PLC0415

    return lambda images: keras.layers.Flatten()(images)


def _flatten_tensorflow():
    """Right: tf.reshape with -1, returning a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda images: tf.reshape(images, (tf.shape(images)[0], -1))


def _flatten_loop(images):
    """Right: every pixel of every image in Python loops, row by row."""
    return np.array([[pixel for row in image for pixel in row] for image in images])


def _flatten_ravel(images):
    """Right: each image's ravel, stacked."""
    return np.stack([image.ravel() for image in images])


# --- known-wrong answers ---------------------------------------------------------------------------------------------

def _standardize_in_place(x):
    """Known-wrong: right values, but it overwrites the caller's array."""
    std = x.std(axis=0)
    x -= x.mean(axis=0)
    x /= np.where(std > 0, std, 1.0)
    return x


def _standardize_sample_std(x):
    """Known-wrong: divides by the sample standard deviation (n - 1 in the denominator, pandas' default)."""
    std = x.std(axis=0, ddof=1)
    return (x - x.mean(axis=0)) / np.where(std > 0, std, 1.0)


REFERENCES = {
    "01.weighted_sum": Reference(weighted_sum, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(np.dot(w, x))),
        WrongAnswer("returns the products without summing", lambda: lambda x, w, b: np.asarray(x) * np.asarray(w) + b),
        WrongAnswer("adds the bias to every product before summing", lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w) + b))),
        WrongAnswer("averages the products instead of adding them up", lambda: lambda x, w, b: float(np.mean(np.asarray(x) * np.asarray(w)) + b)),
        WrongAnswer("hard-codes the notebook's example", lambda: lambda x, w, b: 5.5),
    ), right_answers=(
        RightAnswer("TensorFlow tf.tensordot, returns a 0-d tensor", _weighted_sum_tensorflow),
        RightAnswer("keras.ops.dot in float32, returns a 0-d tensor", _weighted_sum_keras),
        RightAnswer("a Python loop over the inputs", lambda: _weighted_sum_loop),
        RightAnswer("NumPy in float32, returns a NumPy float32", lambda: _weighted_sum_float32),
    )),
    "01.dense_layer": Reference(dense, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: x @ w),
        WrongAnswer("transposes the weights", lambda: lambda x, w, b: x @ w.T + b),
        WrongAnswer("multiplies element-wise", lambda: lambda x, w, b: x * w + b),
        WrongAnswer("adds the sum of the biases", lambda: lambda x, w, b: x @ w + b.sum()),
        WrongAnswer("puts the examples in columns (one row per unit)", lambda: lambda x, w, b: w.T @ x.T + b[:, None]),
    ), right_answers=(
        RightAnswer("TensorFlow tf.matmul, returns a tensor", _dense_tensorflow),
        RightAnswer("a keras.layers.Dense layer holding w and b, returns a float32 tensor", _dense_keras_layer),
        RightAnswer("Python loops over examples, units and inputs", lambda: _dense_loop),
        RightAnswer("NumPy einsum", lambda: lambda x, w, b: np.einsum("nd,dk->nk", x, w) + b),
        RightAnswer("NumPy in float32", lambda: lambda x, w, b: x.astype(np.float32) @ w.astype(np.float32) + b.astype(np.float32)),
    )),
    "01.standardize": Reference(standardize, (
        WrongAnswer("standardises rows instead of columns",
                    lambda: lambda x: (x - x.mean(axis=1, keepdims=True)) / np.where(x.std(axis=1, keepdims=True) > 0, x.std(axis=1, keepdims=True), 1)),
        WrongAnswer("divides by zero on constant columns", lambda: lambda x: (x - x.mean(axis=0)) / x.std(axis=0)),
        WrongAnswer("uses one mean and std for the whole matrix", lambda: lambda x: (x - x.mean()) / x.std()),
        WrongAnswer("uses the sample standard deviation (dividing by n - 1)", lambda: _standardize_sample_std),
        WrongAnswer("divides by the variance instead of the standard deviation",
                    lambda: lambda x: (x - x.mean(axis=0)) / np.where(x.var(axis=0) > 0, x.var(axis=0), 1.0)),
        WrongAnswer("modifies its input in place", lambda: _standardize_in_place),
    ), right_answers=(
        RightAnswer("TensorFlow tf.nn.moments, returns a tensor", _standardize_tensorflow),
        RightAnswer("a keras.layers.Normalization layer adapted to x, returns a float32 tensor", _standardize_keras_normalization),
        RightAnswer("a Python loop over the columns", lambda: _standardize_loop),
        RightAnswer("scikit-learn StandardScaler", _standardize_scikit_learn),
        RightAnswer("NumPy in float32", lambda: _standardize_float32),
    )),
    "01.flatten_images": Reference(flatten_images, (
        WrongAnswer("flattens everything into one long vector", lambda: lambda images: images.reshape(-1)),
        WrongAnswer("hard-codes 64 pixels", lambda: lambda images: images.reshape(len(images), 64)),
        WrongAnswer("reads pixels column by column", lambda: lambda images: images.transpose(0, 2, 1).reshape(len(images), -1)),
        WrongAnswer("puts pixels in rows and images in columns", lambda: lambda images: images.reshape(len(images), -1).T),
    ), right_answers=(
        RightAnswer("keras.layers.Flatten, returns a float32 tensor", _flatten_keras_layer),
        RightAnswer("TensorFlow tf.reshape, returns a tensor", _flatten_tensorflow),
        RightAnswer("Python loops over images, rows and pixels", lambda: _flatten_loop),
        RightAnswer("each image's ravel, stacked", lambda: _flatten_ravel),
    )),
}
