"""Checks of exercise 06: backpropagation (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.judge import compare_values
from ..grading.tasks import Case


# --- 06.dense_backward -----------------------------------------------------

def _dense_backward_cases(rng):
    return [
        Case("a batch of 5 samples, 3 inputs, 4 outputs (w is 3 × 4)",
             (rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))),
             hint="Each gradient has the shape of what it is the gradient of: grad_x is (n, d) like x, grad_w is (d, k) like w, "
                  "grad_b is (k,) like b. Combine grad_z with w or with x in the one order, and with the one transpose, that gives "
                  "that shape; return them in the order (grad_x, grad_w, grad_b)."),
        Case("a single sample (n = 1)",
             (rng.normal(size=(1, 3)), rng.normal(size=(3, 2)), rng.normal(size=(1, 2))),
             hint="grad_b has the shape of b, (k,), even for one sample: add grad_z up over the samples, which leaves no "
                  "batch dimension, instead of returning grad_z itself."),
        Case("a square w (3 × 3), where a missing transpose raises no error",
             (rng.normal(size=(6, 3)), rng.normal(size=(3, 3)), rng.normal(size=(6, 3))),
             hint="With a square w a missing transpose gives the right shape but the wrong values. Follow one weight w[i, j]: "
                  "it carries input i to output j, so going backwards it carries output j's gradient to input i. Likewise "
                  "grad_w[i, j] pairs input i with output j, not the other way round."),
        Case("a larger batch of 64 samples",
             (rng.normal(size=(64, 5)), rng.normal(size=(5, 2)), rng.normal(size=(64, 2))),
             hint="b is added to every sample, so grad_b is the SUM of grad_z over the batch, not its mean; and grad_w is not "
                  "divided by n either (any averaging of the loss is already inside grad_z)."),
    ]


# --- 06.input_gradient -----------------------------------------------------

def _network_case(rng, n, hidden, *, weight_scale=1.0, input_scale=1.5):
    """The lesson's tanh-sigmoid network with drawn parameters, a batch x of shape (n, 2) and labels y of shape (n, 1)."""
    params = {
        "W1": rng.normal(scale=weight_scale, size=(2, hidden)),
        "b1": rng.normal(scale=0.5, size=hidden),
        "W2": rng.normal(size=(hidden, 1)),
        "b2": rng.normal(scale=0.5, size=1),
    }
    x = rng.normal(scale=input_scale, size=(n, 2))
    y = rng.integers(0, 2, size=(n, 1)).astype(np.float64)
    return params, x, y


def _input_gradient_cases(rng):
    return [
        Case("H = 3 hidden units, a batch of 8", _network_case(rng, 8, 3),
             hint="Walk the whole network back, as for the parameters, but one step further: after the hidden layer's "
                  "error signal comes the first dense layer, whose input is x (task 1 gives its input's gradient)."),
        Case("H = 2 hidden units, so W1 is square and a missing transpose raises no error", _network_case(rng, 6, 2),
             hint="With a square W1 a missing transpose gives the right shape but the wrong values. Follow one weight: "
                  "W1 row i, column j carries input i to hidden unit j, so going back it carries unit j's gradient to input i."),
        Case("one sample (n = 1), H = 5", _network_case(rng, 1, 5),
             hint="The result has x's shape, one gradient per sample and per input coordinate: no sum over the batch here, "
                  "since every sample has its own input."),
        Case("a batch of 100, H = 16", _network_case(rng, 100, 16),
             hint="The loss is the MEAN over the n samples, so each sample's gradient carries the factor one over n, "
                  "once, from the output's error signal."),
        Case("large first-layer weights: hidden units near saturation (H = 6, n = 20)", _network_case(rng, 20, 6, weight_scale=3.0),
             hint="Between the hidden activations and the first layer comes tanh's slope, small for saturated units: "
                  "multiply by it, element by element, before going through W1."),
    ]


# --- 06.backward -----------------------------------------------------------
# A network one layer deeper than the lesson's, with ReLU instead of tanh: x -> ReLU -> ReLU -> sigmoid.


def _relu_network_case(rng, n, hidden_1, hidden_2, *, bias_shift=0.0):
    """Drawn parameters of the three-layer ReLU network, a batch x of shape (n, 2) and labels y of shape (n, 1).

    `bias_shift` moves the hidden biases down, so that many units are inactive (ReLU's slope 0) on many samples.
    """
    params = {
        "W1": rng.normal(size=(2, hidden_1)),
        "b1": rng.normal(scale=0.5, size=hidden_1) - bias_shift,
        "W2": rng.normal(size=(hidden_1, hidden_2)),
        "b2": rng.normal(scale=0.5, size=hidden_2) - bias_shift,
        "W3": rng.normal(size=(hidden_2, 1)),
        "b3": rng.normal(scale=0.5, size=1),
    }
    x = rng.normal(scale=1.5, size=(n, 2))
    y = rng.integers(0, 2, size=(n, 1)).astype(np.float64)
    return params, x, y


def _backward_cases(rng):
    return [
        Case("H1 = 4 and H2 = 3 hidden units, a batch of 8", _relu_network_case(rng, 8, 4, 3),
             hint="Work back from the output one layer at a time: the output's error signal (the task text gives it), the "
                  "output dense layer, ReLU, the middle dense layer, ReLU again, then the first dense layer (task 1 each time)."),
        Case("one sample (n = 1), H1 = 5, H2 = 4", _relu_network_case(rng, 1, 5, 4),
             hint="Even for one sample, each gradient has its parameter's shape: the biases' gradients are vectors, so add "
                  "the error signals up over the batch rather than returning them. Return a dict with exactly the six keys "
                  "of params."),
        Case("H1 = 16, H2 = 8, a batch of 100", _relu_network_case(rng, 100, 16, 8),
             hint="The loss is the MEAN over the n samples: divide by n once, in the output's error signal; the sums over the "
                  "batch further back then add up contributions that are already scaled."),
        Case("negative hidden biases: many units are inactive (H1 = 6, H2 = 5, n = 20)",
             _relu_network_case(rng, 20, 6, 5, bias_shift=0.5),
             hint="An inactive ReLU unit (its pre-activation below zero) passes no gradient back: ReLU's slope is one where "
                  "the unit is active and zero elsewhere, element by element, at each hidden layer."),
    ]


# Hints for 06.backward, chosen by `_diagnose_backward` from which gradients are wrong and how.
BACKWARD_HINTS = {
    "keys": "Return a dict with exactly the keys 'W1', 'b1', 'W2', 'b2', 'W3', 'b3', one gradient per parameter, each of its "
            "parameter's shape.",
    "sign": "Every gradient points the wrong way: the output's error signal is the prediction minus the target, not the "
            "reverse (a prediction above its target must be pushed down).",
    "mean": "Every gradient is n times too large: the loss is the MEAN over the n samples, so divide by n once, in the "
            "output's error signal; the sums over the batch further back then add up contributions that are already scaled.",
    "mean_twice": "Every gradient is n times too small: divide by n once only, in the output's error signal; the gradients "
                  "further back inherit that division and must not divide again.",
    "bias": "The weight gradients are right, the bias gradients are not: a bias is added to every sample, so its gradient "
            "adds up its layer's error signal over the samples, giving each bias's gradient the bias's own shape.",
    "output": "Already the output bias's gradient (b3) is wrong, so the output's error signal is wrong: start from the one "
              "the task text gives. With a sigmoid output and cross-entropy the sigmoid's slope has already cancelled "
              "(lesson 04), so do not multiply by it again.",
    "output_weights": "b3's gradient is right, so the output's error signal is right; only W3's is wrong. W3's gradient combines "
                      "the last hidden activations with that error signal, like task 1's weight gradient, and has W3's shape: "
                      "check which factor comes first and which one is transposed.",
    "hidden": "The output layer's gradients (W3, b3) are right, but the hidden layers' are wrong, so an error signal going "
              "back through a hidden layer is wrong. Send it back through the next layer's weights as in task 1, then "
              "through ReLU: its slope is one where the unit was active and zero elsewhere (not tanh's slope), element by element.",
    "first_weights": "b1's gradient is right, so the first hidden layer's error signal is right; only W1's gradient is wrong. "
                     "It combines the input x with that error signal, like task 1's weight gradient, and has W1's shape "
                     "(2, H1): check which factor comes first and which one is transposed.",
}

# The tolerances of 06.backward, which its diagnosis shares (for float64 results; float32 get float32's).
BACKWARD_ATOL, BACKWARD_RTOL = 1e-9, 1e-7


def _diagnose_backward(case: Case, value, expected) -> "str | None":
    """Pick the `BACKWARD_HINTS` entry that fits how the learner's gradients differ from the right ones (``expected["value"]``).

    Each entry fires only on its own evidence: a common factor for every
    gradient (a sign, n times too large or too small), or the set of wrong
    gradients (a bias is wrong alone when its layer's error signal is right,
    since the weight's gradient is right; a hidden layer's error signal is
    wrong when W1 and b1 are, and perhaps W2 and b2, with their right shapes,
    while the output layer's W3 and b3 are right). None when no
    entry fits (the case's own hint is shown).
    """
    _, x, _ = case.inputs
    right = {name: np.asarray(gradient, dtype=np.float64) for name, gradient in expected["value"].items()}
    if not isinstance(value, dict) or sorted(value) != sorted(right):
        return BACKWARD_HINTS["keys"]
    shaped = {name for name in right if np.shape(value[name]) == right[name].shape}

    def agrees(name, scale=1.0):  # as the judge sees it, with the tolerances of the value's dtype
        return name in shaped and compare_values(scale * right[name], value[name], atol=BACKWARD_ATOL, rtol=BACKWARD_RTOL) is None

    n = len(x)
    for key, scale in (("sign", -1.0), ("mean", float(n)), ("mean_twice", 1.0 / n)):
        if (key == "sign" or n > 1) and all(agrees(name, scale) for name in right):
            return BACKWARD_HINTS[key]
    wrong = {name for name in right if not agrees(name)}
    if not wrong:
        return None
    if wrong <= {"b1", "b2", "b3"}:
        return BACKWARD_HINTS["bias"]
    if "b3" in wrong:
        return BACKWARD_HINTS["output"]
    if "W3" in wrong:
        return BACKWARD_HINTS["output_weights"]
    if {"W1", "b1"} <= wrong <= {"W1", "b1", "W2", "b2"} and wrong <= shaped:
        return BACKWARD_HINTS["hidden"]
    if wrong == {"W1"}:
        return BACKWARD_HINTS["first_weights"]
    return None


TASKS = [
    function_task(
        "06.dense_backward", "the backward pass of a dense layer z = x @ w + b: (grad_x, grad_w, grad_b)", 2,
        answer_name="dense_backward", cases=_dense_backward_cases, returns=("grad_x", "grad_w", "grad_b"),
        hint="Each gradient has the shape of its variable: x is (n, d), w is (d, k) and grad_z is (n, k), so pair grad_z "
             "with x or w in the one order (and with the one transpose) that gives that shape. The bias is added to every "
             "sample, so its gradient collects grad_z over the whole batch.",
        more_hints=(
            "Lesson 06, section 3 derives these gradients entry by entry: z[s, j] depends on x[s, i] and w[i, j] through their "
            "product only. The input's gradient adds up over the outputs j, the weights' over the samples s, and the bias's "
            "over the samples too.",
            "Check the shapes on the task's example: grad_x must come out (1, 2), grad_w (2, 3) and grad_b (3,). A matrix "
            "product has the rows of its left factor and the columns of its right one, so a shape the wrong way round "
            "means the two factors are in the wrong order or the wrong one is transposed.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.input_gradient", "dL/dx, the gradient of the lesson's network's mean cross-entropy with respect to its inputs", 3,
        answer_name="input_gradient", cases=_input_gradient_cases,
        hint="Walk back through the whole network as the lesson does for the parameters, and take one step further: through "
             "the first dense layer to its input x, as task 1's input gradient does.",
        more_hints=(
            "Lesson 06, section 3 stops at the first layer because x has no parameters; the step it skips is the input "
            "gradient of a dense layer (task 1), with the hidden layer's error signal coming in and W1 as the weights.",
            "Shapes: the output's error signal is (n, 1), the hidden layer's (n, H), and the result (n, 2) like x. The usual "
            "slips: a missing one over n, a missing tanh slope, and W1 used without its transpose.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.backward", "gradients of the mean cross-entropy of a three-layer ReLU network, by parameter", 5,
        answer_name="backward", cases=_backward_cases, diagnose=_diagnose_backward,
        hint="Run the forward pass and keep every layer's activations; start from the output's error signal that the task "
             "text gives and walk back one layer at a time: each dense layer as in task 1, each ReLU through its slope.",
        more_hints=(
            "Lesson 06, section 3 walks back through two layers with tanh; here there are three dense layers and two ReLUs. "
            "ReLU's slope is one where its unit was active and zero elsewhere, which the cached activation tells you "
            "(positive or not).",
            "Compare your gradients with central differences, as the notebook does under the task: the first gradient that "
            "differs shows where the walk back goes wrong (W3 and b3 first, then W2 and b2, then W1 and b1). Divide by n "
            "exactly once, at the output.",
        ),
        atol=BACKWARD_ATOL, rtol=BACKWARD_RTOL,
    ),
]
