"""Checks of exercise 06: backpropagation."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer
from .lesson_02 import sigmoid as _sigmoid  # the stable sigmoid of exercise 02


# --- 06.dense_backward -----------------------------------------------------

def dense_backward(x, w, grad_z):
    """Reference: the gradients of z = x @ w + b with respect to x, w and b, given dL/dz."""
    return grad_z @ w.T, x.T @ grad_z, grad_z.sum(axis=0)


def _dense_backward_cases():
    rng = np.random.default_rng(601)
    return [
        Case("a batch of 5 samples, 3 inputs, 4 outputs (w is 3 × 4)",
             (rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))),
             hint="Each gradient has the shape of what it is the gradient of: grad_x (n, d) = grad_z @ w.T, "
                  "grad_w (d, k) = x.T @ grad_z (not grad_z.T @ x, which is its transpose); return them in the order (grad_x, grad_w, grad_b)."),
        Case("a single sample (n = 1)",
             (rng.normal(size=(1, 3)), rng.normal(size=(3, 2)), rng.normal(size=(1, 2))),
             hint="grad_b has the shape of b, (k,), even for one sample: sum grad_z over the batch axis (axis=0) instead of returning grad_z itself."),
        Case("a square w (3 × 3), where a missing transpose raises no error",
             (rng.normal(size=(6, 3)), rng.normal(size=(3, 3)), rng.normal(size=(6, 3))),
             hint="With a square w, grad_z @ w has the right shape but the wrong values: each input x[:, i] reaches output j "
                  "through w[i, j], so grad_x = grad_z @ w.T. Likewise grad_w = x.T @ grad_z, not its transpose."),
        Case("a larger batch of 64 samples",
             (rng.normal(size=(64, 5)), rng.normal(size=(5, 2)), rng.normal(size=(64, 2))),
             hint="b is added to every sample, so grad_b is the SUM of grad_z over the batch, not its mean; and grad_w = x.T @ grad_z "
                  "is not divided by n (any 1/n of a mean loss is already inside grad_z)."),
    ]


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


def _tanh_backward_cases():
    rng = np.random.default_rng(602)
    return [
        Case("h = tanh of small pre-activations, an upstream gradient of ones",
             (np.ones(5), np.tanh(np.array([-1.0, -0.4, 0.2, 0.7, 1.2]))),
             hint="You are given h, the OUTPUT of tanh, not z: tanh'(z) = 1 - tanh(z)² = 1 - h². Applying tanh to h again computes the slope at the wrong point."),
        Case("a (4, 3) batch with a random upstream gradient",
             (rng.normal(size=(4, 3)), np.tanh(rng.normal(size=(4, 3)))),
             hint="Chain rule: dL/dz = dL/dh · dh/dz, so multiply (element-wise) the local slope 1 - h² by the upstream gradient grad_h."),
        Case("saturated units: h close to -1 and +1",
             (rng.normal(size=6), np.tanh(np.array([-5.0, -3.0, -2.0, 2.0, 3.0, 5.0]))),
             hint="tanh is flat at both ends, so its slope 1 - h² is near 0 for h near -1 as well as near +1 (1 - h would be near 2 at h = -1)."),
        Case("h = 0 and values around it",
             (np.array([1.0, 2.0, -1.0, 0.5]), np.array([0.0, 0.5, -0.5, 0.9])),
             hint="At h = 0 tanh's slope is 1 (the sigmoid's would be 1/4): tanh' = 1 - h², not the sigmoid's h(1 - h)."),
    ]


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


def _network_case(rng, n, hidden, *, weight_scale=1.0, input_scale=1.5):
    params = {
        "W1": rng.normal(scale=weight_scale, size=(2, hidden)),
        "b1": rng.normal(scale=0.5, size=hidden),
        "W2": rng.normal(size=(hidden, 1)),
        "b2": rng.normal(scale=0.5, size=1),
    }
    x = rng.normal(scale=input_scale, size=(n, 2))
    y = rng.integers(0, 2, size=(n, 1)).astype(np.float64)
    return params, x, y


def _backward_cases():
    rng = np.random.default_rng(603)
    return [
        Case("H = 3 hidden units, a batch of 8", _network_case(rng, 8, 3),
             hint="Start at the output: with a sigmoid output and cross-entropy, dL/dz2 = (p - y) / n, because σ'(z2) = p(1 - p) "
                  "cancels (lesson 04); do not multiply by p(1 - p) again."),
        Case("one sample (n = 1), H = 5", _network_case(rng, 1, 5),
             hint="The sign: dL/dz2 = p - y, not y - p (a prediction above its target must be pushed down). Return a dict with exactly "
                  "the keys 'W1', 'b1', 'W2', 'b2'; b1's gradient has shape (H,) and b2's (1,): sum over the batch axis (axis=0)."),
        Case("H = 16 hidden units, a batch of 100", _network_case(rng, 100, 16),
             hint="The loss is the MEAN over the n samples: divide by n once, in dL/dz2 = (p - y) / n; the sums in hᵀ dz2 and "
                  "dz.sum(axis=0) then add up the already-scaled contributions."),
        Case("large first-layer weights: many hidden units near saturation (H = 6, n = 20)",
             _network_case(rng, 20, 6, weight_scale=3.0),
             hint="Between dh = dz2 @ W2.T and dW1 comes tanh's slope: dz1 = dh * (1 - h²), small for saturated units; "
                  "without it W1 and b1 get the wrong gradients."),
    ]


# Hints for 06.backward, chosen by `_diagnose_backward` from which gradients are wrong and how.
BACKWARD_HINTS = {
    "keys": "Return a dict with exactly the keys 'W1', 'b1', 'W2', 'b2', one gradient per parameter, each of its parameter's shape.",
    "sign": "Every gradient points the wrong way: dL/dz2 = p - y, not y - p (a prediction above its target must be pushed down).",
    "mean": "Every gradient is n times too large: the loss is the MEAN over the n samples, so divide by n once, in "
            "dL/dz2 = (p - y) / n; the sums in hᵀ dz2 and dz.sum(axis=0) then add up already-scaled contributions.",
    "bias": "The weight gradients are right, the bias gradients are not: a bias is added to every sample, so its gradient is "
            "dz summed over the batch axis (axis=0), of shape (H,) for b1 and (1,) for b2.",
    "hidden": "The output layer's gradients (W2, b2) are right; the hidden layer's are not. Between dh = dz2 @ W2.T and dW1 "
              "comes tanh's slope, dz1 = dh * (1 - h²), and dW1 = x.T @ dz1.",
    "output": "Already the output layer's gradients (W2, b2) are wrong. Start at the output: with a sigmoid output and "
              "cross-entropy, dL/dz2 = (p - y) / n, because σ'(z2) = p(1 - p) cancels (lesson 04); do not multiply by p(1 - p) "
              "again. Then dW2 = h.T @ dz2.",
}


def _diagnose_backward(case: Case, value) -> "str | None":
    """Pick the `BACKWARD_HINTS` entry that fits how the learner's gradients differ from the reference."""
    params, x, y = case.inputs
    expected = backward(params, x, y)
    if not isinstance(value, dict) or sorted(value) != sorted(expected):
        return BACKWARD_HINTS["keys"]

    def agrees(name, scale=1.0):
        got = np.asarray(value[name], dtype=np.float64)
        return got.shape == expected[name].shape and np.allclose(got, scale * expected[name], rtol=1e-6, atol=1e-12)

    if all(agrees(name, -1.0) for name in expected):
        return BACKWARD_HINTS["sign"]
    if len(x) > 1 and all(agrees(name, float(len(x))) for name in expected):
        return BACKWARD_HINTS["mean"]
    wrong = {name for name in expected if not agrees(name)}
    if wrong <= {"b1", "b2"}:
        return BACKWARD_HINTS["bias"]
    if wrong <= {"W1", "b1"}:
        return BACKWARD_HINTS["hidden"]
    return BACKWARD_HINTS["output"]


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


def _like(rng, params):
    return {name: rng.normal(size=np.shape(value)) for name, value in params.items()}


def _gradient_descent_step_cases():
    rng = np.random.default_rng(604)
    lesson = {"W1": rng.normal(size=(2, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 1)), "b2": rng.normal(size=1)}
    three_layers = {"W1": rng.normal(size=(3, 5)), "b1": rng.normal(size=5), "W2": rng.normal(size=(5, 4)), "b2": rng.normal(size=4),
                    "W3": rng.normal(size=(4, 2)), "b3": rng.normal(size=2)}
    other_names = {"kernel": rng.normal(size=(3, 2)), "bias": rng.normal(size=2)}
    return [
        Case("the lesson's four parameters, learning rate 0.1", (lesson, _like(rng, lesson), 0.1),
             hint="Step against the gradient: params[name] - learning_rate * grads[name] (a minus sign: the gradient points uphill). "
                  "Update every entry, the biases b1 and b2 as well as the weights."),
        Case("learning rate 2.5 (use the one you are given)", (lesson, _like(rng, lesson), 2.5),
             hint="Multiply each gradient by the learning_rate argument before subtracting it."),
        Case("a three-layer network (W1, b1, ..., W3, b3)", (three_layers, _like(rng, three_layers), 0.05),
             hint="Loop over every name in params (for name in params) rather than a fixed list, and put every updated array in the new dict."),
        Case("parameters named 'kernel' and 'bias', learning rate 1.0", (other_names, _like(rng, other_names), 1.0),
             hint="Return a new dict with the same keys as params; build it with new arrays (params[name] - ...) rather than `-=`, "
                  "which would change the caller's parameters."),
    ]


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


TASKS = [
    function_task(
        "06.dense_backward", "the backward pass of a dense layer z = x @ w + b: (grad_x, grad_w, grad_b)", 2,
        reference=dense_backward, cases=_dense_backward_cases, returns=("grad_x", "grad_w", "grad_b"),
        hint="Each gradient has the shape of its variable: x is (n, d), w is (d, k) and grad_z is (n, k), so pair grad_z "
             "with x or w in the one order (and with the one transpose) that gives that shape. The bias is added to every "
             "sample, so its gradient collects grad_z over the whole batch.",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("forgets the transpose: grad_x = grad_z @ w", lambda: _dense_missing_transpose),
            WrongAnswer("averages the bias gradient over the batch", lambda: _dense_bias_mean),
            WrongAnswer("does not reduce the bias gradient (returns grad_z)", lambda: _dense_bias_not_reduced),
            WrongAnswer("divides the weight gradient by n", lambda: _dense_weights_over_n),
            WrongAnswer("computes grad_w as grad_z.T @ x (transposed)", lambda: _dense_weights_transposed),
            WrongAnswer("returns the gradients in the wrong order", lambda: _dense_wrong_order),
        ),
    ),
    function_task(
        "06.tanh_backward", "the backward pass through tanh, from its output h", 2,
        reference=tanh_backward, cases=_tanh_backward_cases,
        hint="For h = tanh(z): dL/dz = grad_h * (1 - h²), element-wise, using the output h you are given.",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("treats h as the pre-activation: 1 - tanh(h)²", lambda: _tanh_of_h),
            WrongAnswer("forgets to multiply by grad_h", lambda: _tanh_no_upstream),
            WrongAnswer("uses 1 - h", lambda: _tanh_one_minus_h),
            WrongAnswer("uses the sigmoid's formula h(1 - h)", lambda: _tanh_sigmoid_formula),
            WrongAnswer("has a sign error: h² - 1", lambda: _tanh_sign),
        ),
    ),
    function_task(
        "06.backward", "gradients of the mean cross-entropy of a tanh-sigmoid network, by parameter", 4,
        reference=backward, cases=_backward_cases, diagnose=_diagnose_backward,
        hint="Run the forward pass and keep h and p; start from dL/dz2 = (p - y) / n and walk back one layer at a time: "
             "the output dense layer (task 1), tanh (task 2), then the first dense layer (task 1 again).",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("differentiates the sum, not the mean (no 1/n)", lambda: _backward_sum),
            WrongAnswer("forgets tanh's derivative 1 - h²", lambda: _backward_no_tanh_slope),
            WrongAnswer("has a sign error: y - p", lambda: _backward_sign),
            WrongAnswer("multiplies by the sigmoid's slope p(1 - p) again", lambda: _backward_sigmoid_slope_again),
            WrongAnswer("names the gradients dW1, db1, dW2, db2", lambda: _backward_wrong_keys),
            WrongAnswer("does not sum the bias gradients over the batch", lambda: _backward_bias_not_summed),
        ),
    ),
    function_task(
        "06.gradient_descent_step", "one gradient-descent step w ← w - η ∂L/∂w on a dict of parameters", 2,
        reference=gradient_descent_step, cases=_gradient_descent_step_cases,
        hint="For every name in params, subtract learning_rate times grads[name] from params[name], and collect the results in a new dict (new arrays, no `-=`).",
        atol=1e-12, rtol=1e-9,
        wrong_answers=(
            WrongAnswer("adds the gradient (steps uphill)", lambda: _step_plus),
            WrongAnswer("updates the caller's arrays in place", lambda: _step_in_place),
            WrongAnswer("ignores the learning rate", lambda: _step_no_learning_rate),
            WrongAnswer("updates only the weights W1 and W2", lambda: _step_weights_only),
            WrongAnswer("only handles the names W1, b1, W2, b2", lambda: _step_fixed_names),
        ),
    ),
]
