"""Reference answers and known-wrong answers of exercise 06: backpropagation."""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


def _sigmoid(z):
    """The logistic sigmoid without overflow: exp is only taken of a number <= 0."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# --- 06.dense_backward -----------------------------------------------------

def dense_backward(x, w, grad_z):
    """Reference: the gradients of z = x @ w + b with respect to x, w and b, given dL/dz."""
    return grad_z @ w.T, x.T @ grad_z, grad_z.sum(axis=0)


def _dense_missing_transpose(x, w, grad_z):
    """Known-wrong: grad_x = grad_z @ w."""
    return grad_z @ w, x.T @ grad_z, grad_z.sum(axis=0)


def _dense_bias_mean(x, w, grad_z):
    """Known-wrong: averages the bias gradient over the batch."""
    return grad_z @ w.T, x.T @ grad_z, grad_z.mean(axis=0)


def _dense_bias_not_reduced(x, w, grad_z):
    """Known-wrong: returns grad_z as the bias gradient."""
    return grad_z @ w.T, x.T @ grad_z, grad_z.copy()


def _dense_bias_keepdims(x, w, grad_z):
    """Known-wrong: sums the bias gradient but keeps the batch axis, shape (1, k)."""
    return grad_z @ w.T, x.T @ grad_z, grad_z.sum(axis=0, keepdims=True)


def _dense_weights_over_n(x, w, grad_z):
    """Known-wrong: divides the weight gradient by the batch size."""
    return grad_z @ w.T, x.T @ grad_z / len(x), grad_z.sum(axis=0)


def _dense_weights_transposed(x, w, grad_z):
    """Known-wrong: grad_w = grad_z.T @ x, the transpose of the right answer."""
    return grad_z @ w.T, grad_z.T @ x, grad_z.sum(axis=0)


def _dense_wrong_order(x, w, grad_z):
    """Known-wrong: returns (grad_w, grad_x, grad_b)."""
    return x.T @ grad_z, grad_z @ w.T, grad_z.sum(axis=0)


def _dense_tensorflow():
    """Right, TensorFlow: tf.matmul with transpose flags, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def dense_backward_tf(x, w, grad_z):
        return (tf.matmul(grad_z, w, transpose_b=True), tf.matmul(x, grad_z, transpose_a=True), tf.reduce_sum(grad_z, axis=0))

    return dense_backward_tf


def _dense_float32(x, w, grad_z):
    """Right, in float32."""
    x, w, grad_z = (np.asarray(a, dtype=np.float32) for a in (x, w, grad_z))
    return grad_z @ w.T, x.T @ grad_z, grad_z.sum(axis=0)


def _dense_loops(x, w, grad_z):
    """Right, Python loops over the samples: each sample adds its outer product to grad_w."""
    grad_x = np.zeros(np.shape(x))
    grad_w = np.zeros(np.shape(w))
    grad_b = np.zeros(np.shape(w)[1])
    for s in range(len(x)):
        grad_x[s] = w @ grad_z[s]
        grad_w += np.outer(x[s], grad_z[s])
        grad_b += grad_z[s]
    return grad_x, grad_w, grad_b


def _dense_gradient_tape():
    """Right, TensorFlow: a GradientTape on the sum of z · grad_z (whose gradient is the backward pass), returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def dense_backward_tape(x, w, grad_z):
        x, w = tf.constant(x), tf.constant(w)
        b = tf.zeros(w.shape[1], dtype=w.dtype)
        with tf.GradientTape() as tape:
            tape.watch([x, w, b])
            z = x @ w + b
            surrogate = tf.reduce_sum(z * grad_z)
        return tuple(tape.gradient(surrogate, [x, w, b]))

    return dense_backward_tape


def _dense_einsum(x, w, grad_z):
    """Right, np.einsum with named indices, and a list as the result."""
    return [np.einsum("sj,ij->si", grad_z, w), np.einsum("si,sj->ij", x, grad_z), np.einsum("sj->j", grad_z)]


# --- 06.input_gradient -----------------------------------------------------

def _forward(params, x):
    """The lesson's forward pass x -> tanh -> sigmoid: returns (h, p)."""
    h = np.tanh(x @ params["W1"] + params["b1"])
    return h, _sigmoid(h @ params["W2"] + params["b2"])


def input_gradient(params, x, y):
    """Reference: dL/dx of the mean binary cross-entropy of x -> tanh -> sigmoid, shape (n, 2)."""
    h, p = _forward(params, x)
    grad_z2 = (p - y) / len(x)
    grad_z1 = (grad_z2 @ params["W2"].T) * (1.0 - h ** 2)
    return grad_z1 @ params["W1"].T


def _input_sum(params, x, y):
    """Known-wrong: the gradient of the sum, not the mean (no 1/n)."""
    return len(x) * input_gradient(params, x, y)


def _input_no_tanh_slope(params, x, y):
    """Known-wrong: forgets tanh's derivative."""
    h, p = _forward(params, x)
    return ((p - y) / len(x) @ params["W2"].T) @ params["W1"].T


def _input_no_transpose(params, x, y):
    """Known-wrong: multiplies by W1 instead of its transpose (a shape error unless W1 is square)."""
    h, p = _forward(params, x)
    grad_z1 = ((p - y) / len(x) @ params["W2"].T) * (1.0 - h ** 2)
    return grad_z1 @ params["W1"]


def _input_sign(params, x, y):
    """Known-wrong: uses y - p."""
    return -input_gradient(params, x, y)


def _input_sigmoid_slope_again(params, x, y):
    """Known-wrong: multiplies the output's error signal by the sigmoid's slope p(1 - p) again."""
    h, p = _forward(params, x)
    grad_z1 = ((p - y) * p * (1.0 - p) / len(x) @ params["W2"].T) * (1.0 - h ** 2)
    return grad_z1 @ params["W1"].T


def _input_tape():
    """Right, TensorFlow: a GradientTape watching x, on the mean cross-entropy of the logits; returns a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def input_gradient_tape(params, x, y):
        x = tf.constant(x, tf.float64)
        with tf.GradientTape() as tape:
            tape.watch(x)
            h = tf.tanh(x @ params["W1"] + params["b1"])
            logits = h @ params["W2"] + params["b2"]
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        return tape.gradient(loss, x)

    return input_gradient_tape


def _input_keras_model():
    """Right, Keras: the network as a float32 keras.Sequential (a linear output, from_logits=True), the tape on x."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def input_gradient_keras(params, x, y):
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(len(params["b1"]), activation="tanh"), keras.layers.Dense(1)])
        model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
        x = tf.constant(x, tf.float32)
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = loss_fn(tf.constant(y, tf.float32), model(x))
        return tape.gradient(loss, x)

    return input_gradient_keras


def _input_float32(params, x, y):
    """Right, in float32 NumPy, the sigmoid written 1 / (1 + e^-z)."""
    params = {name: np.asarray(value, dtype=np.float32) for name, value in params.items()}
    x, y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    h = np.tanh(x @ params["W1"] + params["b1"])
    p = 1 / (1 + np.exp(-(h @ params["W2"] + params["b2"])))
    return ((p - y) / np.float32(len(x)) @ params["W2"].T * (1 - h * h)) @ params["W1"].T


def _input_per_sample(params, x, y):
    """Right, a Python loop over the samples and the coordinates."""
    n, hidden = len(x), len(params["b1"])
    result = np.zeros(np.shape(x))
    for s in range(n):
        h = np.tanh(x[s] @ params["W1"] + params["b1"])
        p = float(_sigmoid(h @ params["W2"] + params["b2"])[0])
        signal = (p - float(y[s, 0])) / n
        for i in range(x.shape[1]):
            result[s, i] = sum(signal * params["W2"][j, 0] * (1.0 - h[j] ** 2) * params["W1"][i, j] for j in range(hidden))
    return result


# --- 06.backward: a three-layer ReLU network ---------------------------------

def _relu_forward(params, x):
    """x -> ReLU -> ReLU -> sigmoid: returns (h1, h2, p)."""
    h1 = np.maximum(x @ params["W1"] + params["b1"], 0.0)
    h2 = np.maximum(h1 @ params["W2"] + params["b2"], 0.0)
    return h1, h2, _sigmoid(h2 @ params["W3"] + params["b3"])


def _relu_backward_from(params, x, h1, h2, grad_z3, *, slope=lambda h: (h > 0).astype(float),
                        names=("W1", "b1", "W2", "b2", "W3", "b3"), sum_bias=True, first_weights=lambda x, g: x.T @ g):
    """The walk back from the output's error signal, with the pieces known-wrong answers change."""
    grad_z2 = (grad_z3 @ params["W3"].T) * slope(h2)
    grad_z1 = (grad_z2 @ params["W2"].T) * slope(h1)
    bias = (lambda g: g.sum(axis=0)) if sum_bias else (lambda g: g)
    # In the order the backward pass computes them, so that feedback names the first gradient that goes wrong.
    grads = {"W3": h2.T @ grad_z3, "b3": bias(grad_z3), "W2": h1.T @ grad_z2, "b2": bias(grad_z2),
             "W1": first_weights(x, grad_z1), "b1": bias(grad_z1)}
    renamed = dict(zip(("W1", "b1", "W2", "b2", "W3", "b3"), names))
    return {renamed[name]: value for name, value in grads.items()}


def backward(params, x, y):
    """Reference: gradients of the mean binary cross-entropy of x -> ReLU -> ReLU -> sigmoid, by parameter."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x))


def _backward_sum(params, x, y):
    """Known-wrong: the gradient of the sum, not the mean (no 1/n)."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, p - y)


def _backward_no_relu_slope(params, x, y):
    """Known-wrong: forgets ReLU's derivative."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x), slope=lambda h: np.ones_like(h))


def _backward_tanh_slope(params, x, y):
    """Known-wrong: copies the lesson's tanh slope 1 - h² for ReLU."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x), slope=lambda h: 1.0 - h ** 2)


def _backward_sign(params, x, y):
    """Known-wrong: uses y - p."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (y - p) / len(x))


def _backward_sigmoid_slope_again(params, x, y):
    """Known-wrong: multiplies by σ'(z3) = p(1 - p) as if the loss were MSE."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) * p * (1.0 - p) / len(x))


def _backward_wrong_keys(params, x, y):
    """Known-wrong: names the gradients dW1, db1, ..."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x), names=("dW1", "db1", "dW2", "db2", "dW3", "db3"))


def _backward_first_weights_transposed(params, x, y):
    """Known-wrong: W1's gradient as dz1.T @ x, the product in the wrong order (shape (H1, 2))."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x), first_weights=lambda x, g: g.T @ x)


def _backward_divides_twice(params, x, y):
    """Known-wrong: divides by n in dz3 and again in every gradient."""
    return {name: gradient / len(x) for name, gradient in backward(params, x, y).items()}


def _backward_bias_not_summed(params, x, y):
    """Known-wrong: returns the error signals themselves as the bias gradients."""
    h1, h2, p = _relu_forward(params, x)
    return _relu_backward_from(params, x, h1, h2, (p - y) / len(x), sum_bias=False)


def _backward_tape():
    """Right, TensorFlow: a GradientTape on the mean cross-entropy of the logits, returns a dict of tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def backward_tape(params, x, y):
        variables = {name: tf.Variable(value) for name, value in params.items()}
        with tf.GradientTape() as tape:
            h1 = tf.nn.relu(x @ variables["W1"] + variables["b1"])
            h2 = tf.nn.relu(h1 @ variables["W2"] + variables["b2"])
            logits = h2 @ variables["W3"] + variables["b3"]
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        return tape.gradient(loss, variables)

    return backward_tape


def _backward_keras_model():
    """Right, Keras: the network as a float32 keras.Sequential (from_logits=True), gradients of its trainable weights."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def backward_keras(params, x, y):
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(len(params["b1"]), activation="relu"),
                                  keras.layers.Dense(len(params["b2"]), activation="relu"), keras.layers.Dense(1)])
        names = ["W1", "b1", "W2", "b2", "W3", "b3"]
        model.set_weights([params[name] for name in names])
        with tf.GradientTape() as tape:
            loss = loss_fn(tf.constant(y, tf.float32), model(tf.constant(x, tf.float32)))
        return dict(zip(names, tape.gradient(loss, model.trainable_weights)))

    return backward_keras


def _backward_float32(params, x, y):
    """Right, in float32 NumPy, ReLU's slope from the pre-activations, the sigmoid written 1 / (1 + e^-z)."""
    params = {name: np.asarray(value, dtype=np.float32) for name, value in params.items()}
    x, y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    z1 = x @ params["W1"] + params["b1"]
    h1 = np.where(z1 > 0, z1, np.float32(0))
    z2 = h1 @ params["W2"] + params["b2"]
    h2 = np.where(z2 > 0, z2, np.float32(0))
    p = 1 / (1 + np.exp(-(h2 @ params["W3"] + params["b3"])))
    g3 = (p - y) / np.float32(len(x))
    g2 = (g3 @ params["W3"].T) * (z2 > 0)
    g1 = (g2 @ params["W2"].T) * (z1 > 0)
    return {"W1": x.T @ g1, "b1": g1.sum(axis=0), "W2": h1.T @ g2, "b2": g2.sum(axis=0), "W3": h2.T @ g3, "b3": g3.sum(axis=0)}


def _backward_per_sample(params, x, y):
    """Right, a Python loop over the samples, adding up each sample's gradient divided by n."""
    grads = {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()}
    for x_s, y_s in zip(x, y):
        h1 = np.maximum(x_s @ params["W1"] + params["b1"], 0.0)
        h2 = np.maximum(h1 @ params["W2"] + params["b2"], 0.0)
        p = _sigmoid(h2 @ params["W3"] + params["b3"])
        g3 = (p - y_s) / len(x)
        g2 = (params["W3"] @ g3) * (h2 > 0)
        g1 = (params["W2"] @ g2) * (h1 > 0)
        for name, gradient in (("W3", np.outer(h2, g3)), ("b3", g3), ("W2", np.outer(h1, g2)), ("b2", g2),
                               ("W1", np.outer(x_s, g1)), ("b1", g1)):
            grads[name] += gradient
    return grads


REFERENCES = {
    "06.dense_backward": Reference(dense_backward, (
        WrongAnswer("forgets to transpose w in the input's gradient", lambda: _dense_missing_transpose),
        WrongAnswer("averages the bias gradient over the batch", lambda: _dense_bias_mean),
        WrongAnswer("does not reduce the bias gradient (returns grad_z)", lambda: _dense_bias_not_reduced),
        WrongAnswer("keeps the batch axis in the bias gradient (shape (1, k))", lambda: _dense_bias_keepdims),
        WrongAnswer("divides the weight gradient by n", lambda: _dense_weights_over_n),
        WrongAnswer("returns the transpose of the weight gradient", lambda: _dense_weights_transposed),
        WrongAnswer("returns the gradients in the wrong order", lambda: _dense_wrong_order),
    ), right_answers=(
        RightAnswer("TensorFlow tf.matmul with transpose flags, returns tensors", _dense_tensorflow),
        RightAnswer("a GradientTape in TensorFlow, returns tensors", _dense_gradient_tape),
        RightAnswer("float32", lambda: _dense_float32),
        RightAnswer("a Python loop over the samples", lambda: _dense_loops),
        RightAnswer("np.einsum, returns a list", lambda: _dense_einsum),
    )),
    "06.input_gradient": Reference(input_gradient, (
        WrongAnswer("differentiates the sum, not the mean (no 1/n)", lambda: _input_sum),
        WrongAnswer("forgets tanh's derivative", lambda: _input_no_tanh_slope),
        WrongAnswer("multiplies by W1 instead of its transpose", lambda: _input_no_transpose),
        WrongAnswer("has a sign error: y - p", lambda: _input_sign),
        WrongAnswer("multiplies by the sigmoid's slope p(1 - p) again", lambda: _input_sigmoid_slope_again),
    ), right_answers=(
        RightAnswer("a TensorFlow GradientTape watching x, returns a tensor", _input_tape),
        RightAnswer("a keras.Sequential with the same weights under a GradientTape, float32 tensor", _input_keras_model),
        RightAnswer("float32 NumPy", lambda: _input_float32),
        RightAnswer("a Python loop over samples, coordinates and hidden units", lambda: _input_per_sample),
    )),
    "06.backward": Reference(backward, (
        WrongAnswer("differentiates the sum, not the mean (no 1/n)", lambda: _backward_sum),
        WrongAnswer("forgets ReLU's derivative", lambda: _backward_no_relu_slope),
        WrongAnswer("uses tanh's slope instead of ReLU's", lambda: _backward_tanh_slope),
        WrongAnswer("has a sign error: y - p", lambda: _backward_sign),
        WrongAnswer("multiplies by the sigmoid's slope p(1 - p) again", lambda: _backward_sigmoid_slope_again),
        WrongAnswer("names the gradients dW1, db1, dW2, db2, dW3, db3", lambda: _backward_wrong_keys),
        WrongAnswer("does not sum the bias gradients over the batch", lambda: _backward_bias_not_summed),
        WrongAnswer("computes W1's gradient with the product in the wrong order", lambda: _backward_first_weights_transposed),
        WrongAnswer("divides by n twice", lambda: _backward_divides_twice),
    ), right_answers=(
        RightAnswer("a TensorFlow GradientTape on the mean cross-entropy, returns tensors", _backward_tape),
        RightAnswer("a keras.Sequential with the same weights under a GradientTape, float32 tensors", _backward_keras_model),
        RightAnswer("float32 NumPy", lambda: _backward_float32),
        RightAnswer("a Python loop over the samples", lambda: _backward_per_sample),
    )),
}
