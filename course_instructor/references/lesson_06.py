"""Reference answers and known-wrong answers of exercise 06: backpropagation."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer
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


def _dense_weights_over_n(x, w, grad_z):
    """Known-wrong: divides the weight gradient by the batch size."""
    return grad_z @ w.T, x.T @ grad_z / len(x), grad_z.sum(axis=0)


def _dense_weights_transposed(x, w, grad_z):
    """Known-wrong: grad_w = grad_z.T @ x, the transpose of the right answer."""
    return grad_z @ w.T, grad_z.T @ x, grad_z.sum(axis=0)


def _dense_wrong_order(x, w, grad_z):
    """Known-wrong: returns (grad_w, grad_x, grad_b)."""
    return x.T @ grad_z, grad_z @ w.T, grad_z.sum(axis=0)


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


def _backward_bias_not_summed(params, x, y):
    """Known-wrong: returns dz1 and dz2 as the bias gradients."""
    h, p = _forward(params, x)
    grad_z2 = (p - y) / len(x)
    grad_z1 = (grad_z2 @ params["W2"].T) * (1.0 - h ** 2)
    return {"W1": x.T @ grad_z1, "b1": grad_z1, "W2": h.T @ grad_z2, "b2": grad_z2}


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


REFERENCES = {
    "06.dense_backward": Reference(dense_backward, (
        WrongAnswer("forgets the transpose: grad_x = grad_z @ w", lambda: _dense_missing_transpose),
        WrongAnswer("averages the bias gradient over the batch", lambda: _dense_bias_mean),
        WrongAnswer("does not reduce the bias gradient (returns grad_z)", lambda: _dense_bias_not_reduced),
        WrongAnswer("divides the weight gradient by n", lambda: _dense_weights_over_n),
        WrongAnswer("computes grad_w as grad_z.T @ x (transposed)", lambda: _dense_weights_transposed),
        WrongAnswer("returns the gradients in the wrong order", lambda: _dense_wrong_order),
    )),
    "06.tanh_backward": Reference(tanh_backward, (
        WrongAnswer("treats h as the pre-activation: 1 - tanh(h)²", lambda: _tanh_of_h),
        WrongAnswer("forgets to multiply by grad_h", lambda: _tanh_no_upstream),
        WrongAnswer("uses 1 - h", lambda: _tanh_one_minus_h),
        WrongAnswer("uses the sigmoid's formula h(1 - h)", lambda: _tanh_sigmoid_formula),
        WrongAnswer("has a sign error: h² - 1", lambda: _tanh_sign),
    )),
    "06.backward": Reference(backward, (
        WrongAnswer("differentiates the sum, not the mean (no 1/n)", lambda: _backward_sum),
        WrongAnswer("forgets tanh's derivative 1 - h²", lambda: _backward_no_tanh_slope),
        WrongAnswer("has a sign error: y - p", lambda: _backward_sign),
        WrongAnswer("multiplies by the sigmoid's slope p(1 - p) again", lambda: _backward_sigmoid_slope_again),
        WrongAnswer("names the gradients dW1, db1, dW2, db2", lambda: _backward_wrong_keys),
        WrongAnswer("does not sum the bias gradients over the batch", lambda: _backward_bias_not_summed),
    )),
    "06.gradient_descent_step": Reference(gradient_descent_step, (
        WrongAnswer("adds the gradient (steps uphill)", lambda: _step_plus),
        WrongAnswer("updates the caller's arrays in place", lambda: _step_in_place),
        WrongAnswer("ignores the learning rate", lambda: _step_no_learning_rate),
        WrongAnswer("updates only the weights W1 and W2", lambda: _step_weights_only),
        WrongAnswer("only handles the names W1, b1, W2, b2", lambda: _step_fixed_names),
    )),
}
