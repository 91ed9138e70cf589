"""Checks of exercise 06: backpropagation (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


# --- 06.dense_backward -----------------------------------------------------

def _dense_backward_cases(rng):
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


# --- 06.tanh_backward ------------------------------------------------------

def _tanh_backward_cases(rng):
    small = np.sort(rng.uniform(-1.2, 1.2, 5))
    saturated = rng.permutation(rng.uniform(2.0, 5.0, 6) * np.array([-1.0, -1.0, -1.0, 1.0, 1.0, 1.0]))
    around_zero = rng.uniform(0.2, 0.9, 3) * np.array([-1.0, 1.0, 1.0])
    around_zero = np.insert(rng.permutation(around_zero), int(rng.integers(0, 4)), 0.0)
    return [
        Case("h = tanh of small pre-activations, an upstream gradient of ones",
             (np.ones(5), np.tanh(small)),
             hint="You are given h, the OUTPUT of tanh, not z: tanh'(z) = 1 - tanh(z)² = 1 - h². Applying tanh to h again computes the slope at the wrong point."),
        Case("a (4, 3) batch with a random upstream gradient",
             (rng.normal(size=(4, 3)), np.tanh(rng.normal(size=(4, 3)))),
             hint="Chain rule: dL/dz = dL/dh · dh/dz, so multiply (element-wise) the local slope 1 - h² by the upstream gradient grad_h."),
        Case("saturated units: h close to -1 and +1",
             (rng.normal(size=6), np.tanh(saturated)),
             hint="tanh is flat at both ends, so its slope 1 - h² is near 0 for h near -1 as well as near +1 (1 - h would be near 2 at h = -1)."),
        Case("h = 0 and values around it",
             (rng.normal(size=4), around_zero),
             hint="At h = 0 tanh's slope is 1 (the sigmoid's would be 1/4): tanh' = 1 - h², not the sigmoid's h(1 - h)."),
    ]


# --- 06.backward -----------------------------------------------------------

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


def _backward_cases(rng):
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


def _diagnose_backward(case: Case, value, expected) -> "str | None":
    """Pick the `BACKWARD_HINTS` entry that fits how the learner's gradients differ from the right ones (``expected["value"]``)."""
    _, x, _ = case.inputs
    right = {name: np.asarray(gradient, dtype=np.float64) for name, gradient in expected["value"].items()}
    if not isinstance(value, dict) or sorted(value) != sorted(right):
        return BACKWARD_HINTS["keys"]

    def agrees(name, scale=1.0):
        got = np.asarray(value[name], dtype=np.float64)
        return got.shape == right[name].shape and np.allclose(got, scale * right[name], rtol=1e-6, atol=1e-12)

    if all(agrees(name, -1.0) for name in right):
        return BACKWARD_HINTS["sign"]
    if len(x) > 1 and all(agrees(name, float(len(x))) for name in right):
        return BACKWARD_HINTS["mean"]
    wrong = {name for name in right if not agrees(name)}
    if wrong <= {"b1", "b2"}:
        return BACKWARD_HINTS["bias"]
    if wrong <= {"W1", "b1"}:
        return BACKWARD_HINTS["hidden"]
    return BACKWARD_HINTS["output"]


# --- 06.gradient_descent_step ----------------------------------------------

def _like(rng, params):
    return {name: rng.normal(size=np.shape(value)) for name, value in params.items()}


def _learning_rate(rng, low: float, high: float) -> float:
    """A learning rate between `low` and `high` (never 1, which an answer that ignores it would get right)."""
    return round(float(rng.uniform(low, high)), 2)


def _gradient_descent_step_cases(rng):
    lesson = {"W1": rng.normal(size=(2, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 1)), "b2": rng.normal(size=1)}
    three_layers = {"W1": rng.normal(size=(3, 5)), "b1": rng.normal(size=5), "W2": rng.normal(size=(5, 4)), "b2": rng.normal(size=4),
                    "W3": rng.normal(size=(4, 2)), "b3": rng.normal(size=2)}
    other_names = {"kernel": rng.normal(size=(3, 2)), "bias": rng.normal(size=2)}
    rates = [_learning_rate(rng, 0.05, 0.5), _learning_rate(rng, 1.5, 4.0), _learning_rate(rng, 0.01, 0.2), _learning_rate(rng, 0.2, 0.9)]
    return [
        Case(f"the lesson's four parameters, learning rate {rates[0]}", (lesson, _like(rng, lesson), rates[0]),
             hint="Step against the gradient: params[name] - learning_rate * grads[name] (a minus sign: the gradient points uphill). "
                  "Update every entry, the biases b1 and b2 as well as the weights."),
        Case(f"learning rate {rates[1]} (use the one you are given)", (lesson, _like(rng, lesson), rates[1]),
             hint="Multiply each gradient by the learning_rate argument before subtracting it."),
        Case("a three-layer network (W1, b1, ..., W3, b3)", (three_layers, _like(rng, three_layers), rates[2]),
             hint="Loop over every name in params (for name in params) rather than a fixed list, and put every updated array in the new dict."),
        Case(f"parameters named 'kernel' and 'bias', learning rate {rates[3]}", (other_names, _like(rng, other_names), rates[3]),
             hint="Return a new dict with the same keys as params; build it with new arrays (params[name] - ...) rather than `-=`, "
                  "which would change the caller's parameters."),
    ]


TASKS = [
    function_task(
        "06.dense_backward", "the backward pass of a dense layer z = x @ w + b: (grad_x, grad_w, grad_b)", 2,
        answer_name="dense_backward", cases=_dense_backward_cases, returns=("grad_x", "grad_w", "grad_b"),
        hint="Each gradient has the shape of its variable: x is (n, d), w is (d, k) and grad_z is (n, k), so pair grad_z "
             "with x or w in the one order (and with the one transpose) that gives that shape. The bias is added to every "
             "sample, so its gradient collects grad_z over the whole batch.",
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.tanh_backward", "the backward pass through tanh, from its output h", 2,
        answer_name="tanh_backward", cases=_tanh_backward_cases,
        hint="For h = tanh(z): dL/dz = grad_h * (1 - h²), element-wise, using the output h you are given.",
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.backward", "gradients of the mean cross-entropy of a tanh-sigmoid network, by parameter", 4,
        answer_name="backward", cases=_backward_cases, diagnose=_diagnose_backward,
        hint="Run the forward pass and keep h and p; start from dL/dz2 = (p - y) / n and walk back one layer at a time: "
             "the output dense layer (task 1), tanh (task 2), then the first dense layer (task 1 again).",
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.gradient_descent_step", "one gradient-descent step w ← w - η ∂L/∂w on a dict of parameters", 2,
        answer_name="gradient_descent_step", cases=_gradient_descent_step_cases,
        hint="For every name in params, subtract learning_rate times grads[name] from params[name], and collect the results in a new dict (new arrays, no `-=`).",
        atol=1e-12, rtol=1e-9,
    ),
]
