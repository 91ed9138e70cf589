"""Reference answers, right answers in other styles and known-wrong answers of exercise 01: tensors and linear algebra.

Weights follow Keras's layout: ``w`` has shape ``(inputs, units)`` and a
layer computes ``x @ w + b``.
"""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def weighted_sum(x, w, b):
    """Reference: one neuron reading a whole input of any shape (an image): the sum of x * w over every entry, plus b, as a float."""
    return float(np.sum(np.asarray(x) * np.asarray(w)) + b)


def dense(x, w, b):
    """Reference: a dense layer without activation, x @ w + b, for a batch of rows (w in Keras's layout, (inputs, units))."""
    return np.asarray(x) @ np.asarray(w) + np.asarray(b)


def standardize(x):
    """Reference: scale each column to mean 0 and standard deviation 1; constant columns become 0."""
    x = np.asarray(x, dtype=np.float64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / np.where(std > 0, std, 1.0)


def squared_distances(a, b):
    """Reference: the squared Euclidean distance between every row of a (n, d) and every row of b (m, d), shape (n, m)."""
    a, b = np.asarray(a), np.asarray(b)
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1)


# --- right answers in other styles -------------------------------------------------------------------------------

def _weighted_sum_tensorflow():
    """Right: TensorFlow's reduce_sum of the element-wise product, returning a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda x, w, b: tf.reduce_sum(tf.constant(x) * tf.constant(w)) + b


def _weighted_sum_keras():
    """Right: both inputs flattened by keras.ops.reshape, then keras.ops.dot, in float32 (a 0-d float32 tensor)."""
    import keras  # noqa: PLC0415

    def weighted_sum_keras(x, w, b):
        x, w = (keras.ops.reshape(keras.ops.convert_to_tensor(a, "float32"), (-1,)) for a in (x, w))
        return keras.ops.dot(x, w) + b

    return weighted_sum_keras


def _weighted_sum_loop(x, w, b):
    """Right: a plain Python loop over every entry (NumPy's flat iterator)."""
    total = 0.0
    for x_k, w_k in zip(np.asarray(x).flat, np.asarray(w).flat):
        total += x_k * w_k
    return total + b


def _weighted_sum_vdot(x, w, b):
    """Right: np.vdot, which flattens both arrays (returns a NumPy float64)."""
    return np.vdot(x, w) + b


def _weighted_sum_tensordot(x, w, b):
    """Right: np.tensordot over every axis, in float32."""
    x, w = np.asarray(x, dtype=np.float32), np.asarray(w, dtype=np.float32)
    return np.tensordot(x, w, axes=x.ndim) + np.float32(b)


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


def _squared_distances_expansion(a, b):
    """Right: |a|^2 + |b|^2 - 2 a·b with one matrix product (the trick libraries use), float64."""
    return (a ** 2).sum(axis=1)[:, None] + (b ** 2).sum(axis=1)[None, :] - 2 * a @ b.T


def _squared_distances_scipy():
    """Right: scipy.spatial.distance.cdist with the squared Euclidean metric."""
    from scipy.spatial.distance import cdist  # noqa: PLC0415

    return lambda a, b: cdist(a, b, "sqeuclidean")


def _squared_distances_keras():
    """Right: keras.ops in float32, broadcasting with expand_dims (a float32 tensor)."""
    import keras  # noqa: PLC0415

    def squared_distances_keras(a, b):
        a, b = keras.ops.convert_to_tensor(a, "float32"), keras.ops.convert_to_tensor(b, "float32")
        return keras.ops.sum(keras.ops.square(keras.ops.expand_dims(a, 1) - keras.ops.expand_dims(b, 0)), axis=-1)

    return squared_distances_keras


def _squared_distances_tensorflow():
    """Right: TensorFlow ops, returning a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda a, b: tf.reduce_sum(tf.square(tf.constant(a)[:, tf.newaxis, :] - tf.constant(b)[tf.newaxis, :, :]), axis=-1)


def _squared_distances_loop(a, b):
    """Right: Python loops over both sets of points and their coordinates."""
    return np.array([[sum((float(p) - float(q)) ** 2 for p, q in zip(row_a, row_b)) for row_b in b] for row_a in a])


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
    "01.weighted_sum": Reference(weighted_sum, (
        WrongAnswer("forgets the bias", lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w)))),
        WrongAnswer("multiplies the image and the weights as matrices and sums the result",
                    lambda: lambda x, w, b: float(np.sum(np.asarray(x) @ np.asarray(w)) + b)),
        WrongAnswer("pairs each pixel with the weight at the mirrored place (the weights transposed)",
                    lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w).T) + b)),
        WrongAnswer("adds the bias to every product before summing", lambda: lambda x, w, b: float(np.sum(np.asarray(x) * np.asarray(w) + b))),
        WrongAnswer("averages the products instead of adding them up", lambda: lambda x, w, b: float(np.mean(np.asarray(x) * np.asarray(w)) + b)),
        WrongAnswer("hard-codes the notebook's example", lambda: lambda x, w, b: 2.5),
    ), right_answers=(
        RightAnswer("TensorFlow reduce_sum of the product, returns a 0-d tensor", _weighted_sum_tensorflow),
        RightAnswer("keras.ops.reshape and keras.ops.dot in float32, returns a 0-d tensor", _weighted_sum_keras),
        RightAnswer("a Python loop over every entry", lambda: _weighted_sum_loop),
        RightAnswer("NumPy vdot, which flattens both arrays", lambda: _weighted_sum_vdot),
        RightAnswer("NumPy tensordot over every axis, in float32", lambda: _weighted_sum_tensordot),
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
    "01.squared_distances": Reference(squared_distances, (
        WrongAnswer("takes the square root (the distance, not its square)",
                    lambda: lambda a, b: np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1))),
        WrongAnswer("adds up the absolute differences instead of their squares",
                    lambda: lambda a, b: np.abs(a[:, None, :] - b[None, :, :]).sum(axis=-1)),
        WrongAnswer("squares the sum of the differences instead of summing their squares",
                    lambda: lambda a, b: (a[:, None, :] - b[None, :, :]).sum(axis=-1) ** 2),
        WrongAnswer("adds twice the dot product instead of subtracting it",
                    lambda: lambda a, b: (a ** 2).sum(axis=1)[:, None] + (b ** 2).sum(axis=1)[None, :] + 2 * a @ b.T),
        WrongAnswer("puts the points of b in rows and those of a in columns",
                    lambda: lambda a, b: ((b[:, None, :] - a[None, :, :]) ** 2).sum(axis=-1)),
    ), right_answers=(
        RightAnswer("the expansion with one matrix product", lambda: _squared_distances_expansion),
        RightAnswer("scipy.spatial.distance.cdist, squared Euclidean", _squared_distances_scipy),
        RightAnswer("keras.ops with expand_dims in float32, returns a tensor", _squared_distances_keras),
        RightAnswer("TensorFlow ops, returns a tensor", _squared_distances_tensorflow),
        RightAnswer("Python loops over the points", lambda: _squared_distances_loop),
    )),
}
