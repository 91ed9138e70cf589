"""Reference answers and known-wrong answers of exercise 06: backpropagation."""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer
from .lesson_02 import sigmoid as _sigmoid  # the stable sigmoid of exercise 02


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


# --- 06.tanh_backward ------------------------------------------------------

def tanh_backward(grad_h, h):
    """Reference: dL/dz = dL/dh · (1 - h²) for h = tanh(z), from the output h."""
    return grad_h * (1.0 - h ** 2)


def _tanh_of_h(grad_h, h):
    """Known-wrong: treats h as the pre-activation."""
    return grad_h * (1.0 - np.tanh(h) ** 2)


def _tanh_no_upstream(grad_h, h):
    """Known-wrong: forgets to multiply by grad_h."""
    return 1.0 - h ** 2


def _tanh_one_minus_h(grad_h, h):
    """Known-wrong: uses 1 - h."""
    return grad_h * (1.0 - h)


def _tanh_sigmoid_formula(grad_h, h):
    """Known-wrong: uses the sigmoid's derivative h(1 - h)."""
    return grad_h * h * (1.0 - h)


def _tanh_sign(grad_h, h):
    """Known-wrong: h² - 1 instead of 1 - h²."""
    return grad_h * (h ** 2 - 1.0)


def _tanh_tensorflow():
    """Right, TensorFlow ops, returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda grad_h, h: grad_h * (1.0 - tf.square(tf.constant(h)))


def _tanh_float32(grad_h, h):
    """Right, in float32."""
    h = np.asarray(h, dtype=np.float32)
    return np.asarray(grad_h, dtype=np.float32) * (1 - h * h)


def _tanh_loop(grad_h, h):
    """Right, a Python loop over the entries."""
    result = np.empty(np.shape(h))
    for index in np.ndindex(np.shape(h)):
        result[index] = grad_h[index] * (1.0 - h[index] * h[index])
    return result


def _tanh_cosh(grad_h, h):
    """Right, through z: tanh'(z) = 1 / cosh(z)² with z = artanh(h)."""
    return grad_h / np.cosh(np.arctanh(h)) ** 2


# --- 06.backward -----------------------------------------------------------

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


def _forward(params, x):
    """The forward pass x -> tanh -> sigmoid: returns (h, p)."""
    h = np.tanh(x @ params["W1"] + params["b1"])
    return h, _sigmoid(h @ params["W2"] + params["b2"])


def backward(params, x, y):
    """Reference: gradients of the mean binary cross-entropy of x -> tanh -> sigmoid."""
    h, p = _forward(params, x)
    grad_z2 = (p - y) / len(x)
    grad_z1 = (grad_z2 @ params["W2"].T) * (1.0 - h ** 2)
    # In the order the backward pass computes them, so that feedback names the first gradient that goes wrong.
    return {"W2": h.T @ grad_z2, "b2": grad_z2.sum(axis=0), "W1": x.T @ grad_z1, "b1": grad_z1.sum(axis=0)}


def _backward_from(params, x, h, grad_z2, *, tanh_slope=True, names=("W1", "b1", "W2", "b2")):
    grad_z1 = grad_z2 @ params["W2"].T
    if tanh_slope:
        grad_z1 = grad_z1 * (1.0 - h ** 2)
    grads = (x.T @ grad_z1, grad_z1.sum(axis=0), h.T @ grad_z2, grad_z2.sum(axis=0))
    return dict(zip(names, grads))


def _backward_sum(params, x, y):
    """Known-wrong: the gradient of the sum, not the mean (no 1/n)."""
    h, p = _forward(params, x)
    return _backward_from(params, x, h, p - y)


def _backward_no_tanh_slope(params, x, y):
    """Known-wrong: forgets tanh's derivative."""
    h, p = _forward(params, x)
    return _backward_from(params, x, h, (p - y) / len(x), tanh_slope=False)


def _backward_sign(params, x, y):
    """Known-wrong: uses y - p."""
    h, p = _forward(params, x)
    return _backward_from(params, x, h, (y - p) / len(x))


def _backward_sigmoid_slope_again(params, x, y):
    """Known-wrong: multiplies by σ'(z2) = p(1 - p) as if the loss were MSE."""
    h, p = _forward(params, x)
    return _backward_from(params, x, h, (p - y) * p * (1.0 - p) / len(x))


def _backward_wrong_keys(params, x, y):
    """Known-wrong: names the gradients dW1, db1, dW2, db2."""
    h, p = _forward(params, x)
    return _backward_from(params, x, h, (p - y) / len(x), names=("dW1", "db1", "dW2", "db2"))


def _backward_first_weights_transposed(params, x, y):
    """Known-wrong: W1's gradient as dz1.T @ x, the product in the wrong order (shape (H, 2))."""
    h, p = _forward(params, x)
    grads = _backward_from(params, x, h, (p - y) / len(x))
    grad_z1 = ((p - y) / len(x) @ params["W2"].T) * (1.0 - h ** 2)
    return {**grads, "W1": grad_z1.T @ x}


def _backward_divides_twice(params, x, y):
    """Known-wrong: divides by n in dz2 and again in every gradient."""
    h, p = _forward(params, x)
    return {name: gradient / len(x) for name, gradient in _backward_from(params, x, h, (p - y) / len(x)).items()}


def _backward_bias_not_summed(params, x, y):
    """Known-wrong: returns dz1 and dz2 as the bias gradients."""
    h, p = _forward(params, x)
    grad_z2 = (p - y) / len(x)
    grad_z1 = (grad_z2 @ params["W2"].T) * (1.0 - h ** 2)
    return {"W1": x.T @ grad_z1, "b1": grad_z1, "W2": h.T @ grad_z2, "b2": grad_z2}


def _backward_tape():
    """Right, TensorFlow: a GradientTape on the mean cross-entropy of the logits, returns a dict of tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def backward_tape(params, x, y):
        variables = {name: tf.Variable(value) for name, value in params.items()}
        with tf.GradientTape() as tape:
            h = tf.tanh(x @ variables["W1"] + variables["b1"])
            logits = h @ variables["W2"] + variables["b2"]
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        return tape.gradient(loss, variables)

    return backward_tape


def _backward_keras_loss():
    """Right, Keras: keras.losses.BinaryCrossentropy(from_logits=True) under a GradientTape, float32 tensors."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def backward_keras(params, x, y):
        variables = {name: tf.Variable(np.asarray(value, dtype=np.float32)) for name, value in params.items()}
        with tf.GradientTape() as tape:
            h = keras.activations.tanh(tf.constant(x, dtype=tf.float32) @ variables["W1"] + variables["b1"])
            loss = loss_fn(tf.constant(y, dtype=tf.float32), h @ variables["W2"] + variables["b2"])
        return tape.gradient(loss, variables)

    return backward_keras


def _backward_float32(params, x, y):
    """Right, in float32, with the sigmoid written 1 / (1 + e^-z) (no overflow on the cases' logits in float32)."""
    params = {name: np.asarray(value, dtype=np.float32) for name, value in params.items()}
    x, y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    h = np.tanh(x @ params["W1"] + params["b1"])
    p = 1 / (1 + np.exp(-(h @ params["W2"] + params["b2"])))
    grad_z2 = (p - y) / np.float32(len(x))
    grad_z1 = grad_z2 @ params["W2"].T * (1 - h * h)
    return {"W1": x.T @ grad_z1, "b1": grad_z1.sum(axis=0), "W2": h.T @ grad_z2, "b2": grad_z2.sum(axis=0)}


def _backward_per_sample(params, x, y):
    """Right, a Python loop over the samples, adding up each sample's gradient divided by n."""
    grads = {name: np.zeros_like(value, dtype=np.float64) for name, value in params.items()}
    for x_s, y_s in zip(x, y):
        h = np.tanh(x_s @ params["W1"] + params["b1"])
        p = _sigmoid(h @ params["W2"] + params["b2"])
        grad_z2 = (p - y_s) / len(x)
        grad_z1 = (params["W2"] @ grad_z2) * (1.0 - h ** 2)
        for name, gradient in (("W2", np.outer(h, grad_z2)), ("b2", grad_z2), ("W1", np.outer(x_s, grad_z1)), ("b1", grad_z1)):
            grads[name] += gradient
    return grads


# --- 06.gradient_descent_step ----------------------------------------------

def gradient_descent_step(params, grads, learning_rate):
    """Reference: a new dict with params[name] - learning_rate * grads[name]."""
    return {name: params[name] - learning_rate * grads[name] for name in params}


def _step_plus(params, grads, learning_rate):
    """Known-wrong: steps up the gradient."""
    return {name: params[name] + learning_rate * grads[name] for name in params}


def _step_in_place(params, grads, learning_rate):
    """Known-wrong: updates the caller's arrays in place."""
    for name in params:
        params[name] -= learning_rate * grads[name]
    return params


def _step_no_learning_rate(params, grads, learning_rate):
    """Known-wrong: ignores the learning rate."""
    return {name: params[name] - grads[name] for name in params}


def _step_weights_only(params, grads, learning_rate):
    """Known-wrong: updates only W1 and W2 and copies the rest."""
    return {name: params[name] - learning_rate * grads[name] if name in ("W1", "W2") else params[name].copy() for name in params}


def _step_fixed_names(params, grads, learning_rate):
    """Known-wrong: only knows the names W1, b1, W2, b2."""
    return {name: params[name] - learning_rate * grads[name] for name in PARAMETER_NAMES if name in params}


def _step_by_position(params, grads, learning_rate):
    """Known-wrong: pairs parameters and gradients by position (zip of the two dicts' values)."""
    return {name: value - learning_rate * gradient for (name, value), gradient in zip(params.items(), grads.values())}


def _step_tensorflow():
    """Right, TensorFlow: a dict of tensors."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda params, grads, learning_rate: {name: tf.constant(params[name]) - learning_rate * tf.constant(grads[name])
                                                 for name in params}


def _step_float32(params, grads, learning_rate):
    """Right, in float32, looping over the gradients' items (in their own order)."""
    return {name: np.asarray(params[name], dtype=np.float32) - np.float32(learning_rate) * np.asarray(gradient, dtype=np.float32)
            for name, gradient in grads.items()}


def _step_loop_items(params, grads, learning_rate):
    """Right, a loop over params.items() filling a new dict."""
    new_params = {}
    for name, value in params.items():
        updated = value.copy()
        updated -= learning_rate * grads[name]  # in place on a copy: the caller's array is untouched
        new_params[name] = updated
    return new_params


def _step_keras_sgd():
    """Right, Keras: keras.optimizers.SGD applied to float32 variables made from the parameters."""
    import keras  # noqa: PLC0415

    def step_keras(params, grads, learning_rate):
        names = list(params)
        variables = [keras.Variable(np.asarray(params[name], dtype=np.float32)) for name in names]
        optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
        optimizer.apply_gradients([(np.asarray(grads[name]), variable) for name, variable in zip(names, variables)])
        return {name: variable.numpy() for name, variable in zip(names, variables)}

    return step_keras


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
    "06.tanh_backward": Reference(tanh_backward, (
        WrongAnswer("treats h as the pre-activation and applies tanh to it again", lambda: _tanh_of_h),
        WrongAnswer("forgets to multiply by grad_h", lambda: _tanh_no_upstream),
        WrongAnswer("uses one minus h as the slope", lambda: _tanh_one_minus_h),
        WrongAnswer("uses the sigmoid's slope formula", lambda: _tanh_sigmoid_formula),
        WrongAnswer("has the slope's sign reversed", lambda: _tanh_sign),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns a tensor", _tanh_tensorflow),
        RightAnswer("float32", lambda: _tanh_float32),
        RightAnswer("a Python loop over the entries", lambda: _tanh_loop),
        RightAnswer("through z: one over cosh squared of artanh(h)", lambda: _tanh_cosh),
    )),
    "06.backward": Reference(backward, (
        WrongAnswer("differentiates the sum, not the mean (no 1/n)", lambda: _backward_sum),
        WrongAnswer("forgets tanh's derivative", lambda: _backward_no_tanh_slope),
        WrongAnswer("has a sign error: y - p", lambda: _backward_sign),
        WrongAnswer("multiplies by the sigmoid's slope p(1 - p) again", lambda: _backward_sigmoid_slope_again),
        WrongAnswer("names the gradients dW1, db1, dW2, db2", lambda: _backward_wrong_keys),
        WrongAnswer("does not sum the bias gradients over the batch", lambda: _backward_bias_not_summed),
        WrongAnswer("computes W1's gradient with the product in the wrong order", lambda: _backward_first_weights_transposed),
        WrongAnswer("divides by n twice", lambda: _backward_divides_twice),
    ), right_answers=(
        RightAnswer("a TensorFlow GradientTape on the mean cross-entropy, returns tensors", _backward_tape),
        RightAnswer("keras.losses.BinaryCrossentropy under a GradientTape, float32 tensors", _backward_keras_loss),
        RightAnswer("float32 NumPy", lambda: _backward_float32),
        RightAnswer("a Python loop over the samples", lambda: _backward_per_sample),
    )),
    "06.gradient_descent_step": Reference(gradient_descent_step, (
        WrongAnswer("adds the gradient (steps uphill)", lambda: _step_plus),
        WrongAnswer("updates the caller's arrays in place", lambda: _step_in_place),
        WrongAnswer("ignores the learning rate", lambda: _step_no_learning_rate),
        WrongAnswer("updates only the weights W1 and W2", lambda: _step_weights_only),
        WrongAnswer("only handles the names W1, b1, W2, b2", lambda: _step_fixed_names),
        WrongAnswer("pairs parameters and gradients by position, not by name", lambda: _step_by_position),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns a dict of tensors", _step_tensorflow),
        RightAnswer("keras.optimizers.SGD on float32 variables", _step_keras_sgd),
        RightAnswer("float32, looping over the gradients' items", lambda: _step_float32),
        RightAnswer("a loop over params.items() updating copies", lambda: _step_loop_items),
    )),
}
