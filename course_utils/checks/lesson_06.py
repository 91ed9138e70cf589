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


# --- 06.tanh_backward ------------------------------------------------------

def _tanh_backward_cases(rng):
    small = np.sort(rng.uniform(-1.2, 1.2, 5))
    saturated = rng.permutation(rng.uniform(2.0, 5.0, 6) * np.array([-1.0, -1.0, -1.0, 1.0, 1.0, 1.0]))
    around_zero = rng.uniform(0.2, 0.9, 3) * np.array([-1.0, 1.0, 1.0])
    around_zero = np.insert(rng.permutation(around_zero), int(rng.integers(0, 4)), 0.0)
    return [
        Case("h = tanh of small pre-activations, an upstream gradient of ones",
             (np.ones(5), np.tanh(small)),
             hint="You are given h, the OUTPUT of tanh, not its input z, and tanh's slope can be written with its output alone "
                  "(lesson 03). Applying tanh to h again computes the slope at the wrong point."),
        Case("a (4, 3) batch with a random upstream gradient",
             (rng.normal(size=(4, 3)), np.tanh(rng.normal(size=(4, 3)))),
             hint="Chain rule: the gradient with respect to z is the upstream gradient grad_h times tanh's local slope, "
                  "element by element."),
        Case("saturated units: h close to -1 and +1",
             (rng.normal(size=6), np.tanh(saturated)),
             hint="tanh is flat at both ends, so its slope is near 0 for h near -1 as well as near +1; a slope that vanishes "
                  "only near +1 is not tanh's."),
        Case("h = 0 and values around it",
             (rng.normal(size=4), around_zero),
             hint="Where h is 0, tanh's slope is 1 (the sigmoid's would be a quarter): use tanh's derivative, not the sigmoid's."),
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
             hint="Work back from the output one layer at a time: the output's error signal (the task text gives it), the "
                  "output dense layer (task 1), tanh (task 2), then the first dense layer (task 1 again)."),
        Case("one sample (n = 1), H = 5", _network_case(rng, 1, 5),
             hint="Even for one sample, each gradient has its parameter's shape: b1's is (H,) and b2's is (1,), so add the "
                  "error signals up over the batch rather than returning them. Return a dict with exactly the keys "
                  "'W1', 'b1', 'W2', 'b2'."),
        Case("H = 16 hidden units, a batch of 100", _network_case(rng, 100, 16),
             hint="The loss is the MEAN over the n samples: divide by n once, in the output's error signal; the sums over the "
                  "batch further back then add up contributions that are already scaled."),
        Case("large first-layer weights: many hidden units near saturation (H = 6, n = 20)",
             _network_case(rng, 20, 6, weight_scale=3.0),
             hint="Between the gradient that reaches h and the first layer's gradients comes tanh's slope (task 2), small for "
                  "saturated units; without it W1 and b1 get the wrong gradients."),
    ]


# Hints for 06.backward, chosen by `_diagnose_backward` from which gradients are wrong and how.
BACKWARD_HINTS = {
    "keys": "Return a dict with exactly the keys 'W1', 'b1', 'W2', 'b2', one gradient per parameter, each of its parameter's shape.",
    "sign": "Every gradient points the wrong way: the output's error signal is the prediction minus the target, not the "
            "reverse (a prediction above its target must be pushed down).",
    "mean": "Every gradient is n times too large: the loss is the MEAN over the n samples, so divide by n once, in the "
            "output's error signal; the sums over the batch further back then add up contributions that are already scaled.",
    "mean_twice": "Every gradient is n times too small: divide by n once only, in the output's error signal; the gradients "
                  "further back inherit that division and must not divide again.",
    "bias": "The weight gradients are right, the bias gradients are not: a bias is added to every sample, so its gradient "
            "adds up its layer's error signal over the samples, giving b1 the shape (H,) and b2 the shape (1,).",
    "output": "Already the output bias's gradient (b2) is wrong, so the output's error signal is wrong: start from the one "
              "the task text gives. With a sigmoid output and cross-entropy the sigmoid's slope has already cancelled "
              "(lesson 04), so do not multiply by it again.",
    "output_weights": "b2's gradient is right, so the output's error signal is right; only W2's is wrong. W2's gradient combines "
                      "the hidden activations h with that error signal, like task 1's weight gradient, and has W2's shape "
                      "(H, 1): check which factor comes first and which one is transposed.",
    "hidden": "The output layer's gradients (W2, b2) are right; both of the hidden layer's are wrong, so the error signal of "
              "the hidden layer is wrong. Send the output's error signal back through W2 as in task 1, then through tanh "
              "as in task 2: tanh's slope at h, element by element.",
    "first_weights": "b1's gradient is right, so the hidden layer's error signal is right; only W1's gradient is wrong. It "
                     "combines the input x with that error signal, like task 1's weight gradient, and has W1's shape (2, H): "
                     "check which factor comes first and which one is transposed.",
}

# The tolerances of 06.backward, which its diagnosis shares (for float64 results; float32 get float32's).
BACKWARD_ATOL, BACKWARD_RTOL = 1e-9, 1e-7


def _diagnose_backward(case: Case, value, expected) -> "str | None":
    """Pick the `BACKWARD_HINTS` entry that fits how the learner's gradients differ from the right ones (``expected["value"]``).

    Each entry fires only on its own evidence: a common factor for every
    gradient (a sign, n times too large or too small), or the set of wrong
    gradients (a bias is wrong alone when its layer's error signal is right,
    since the weight's gradient is right; the hidden layer's error signal is
    wrong when both W1 and b1 are, with their right shapes). None when no
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
    if wrong <= {"b1", "b2"}:
        return BACKWARD_HINTS["bias"]
    if "b2" in wrong:
        return BACKWARD_HINTS["output"]
    if "W2" in wrong:
        return BACKWARD_HINTS["output_weights"]
    if wrong == {"W1", "b1"} and {"W1", "b1"} <= shaped:
        return BACKWARD_HINTS["hidden"]
    if wrong == {"W1"}:
        return BACKWARD_HINTS["first_weights"]
    return None


# --- 06.gradient_descent_step ----------------------------------------------

def _like(rng, params):
    return {name: rng.normal(size=np.shape(value)) for name, value in params.items()}


def _learning_rate(rng, low: float, high: float) -> float:
    """A learning rate between `low` and `high` (never 1, which an answer that ignores it would get right)."""
    return round(float(rng.uniform(low, high)), 2)


def _in_another_order(rng, grads: dict) -> dict:
    """`grads` with its keys listed in a drawn order other than their own (the values stay under their names)."""
    names = list(grads)
    order = [int(i) for i in rng.permutation(len(names))]
    while order == sorted(order):
        order = [int(i) for i in rng.permutation(len(names))]
    return {names[i]: grads[names[i]] for i in order}


def _gradient_descent_step_cases(rng):
    lesson = {"W1": rng.normal(size=(2, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 1)), "b2": rng.normal(size=1)}
    three_layers = {"W1": rng.normal(size=(3, 5)), "b1": rng.normal(size=5), "W2": rng.normal(size=(5, 4)), "b2": rng.normal(size=4),
                    "W3": rng.normal(size=(4, 2)), "b3": rng.normal(size=2)}
    other_names = {"kernel": rng.normal(size=(3, 2)), "bias": rng.normal(size=2)}
    square = {"W1": rng.normal(size=(3, 3)), "b1": rng.normal(size=3), "W2": rng.normal(size=(3, 3)), "b2": rng.normal(size=3)}
    rates = [_learning_rate(rng, 0.05, 0.5), _learning_rate(rng, 1.5, 4.0), _learning_rate(rng, 0.01, 0.2),
             _learning_rate(rng, 0.2, 0.9), _learning_rate(rng, 0.05, 0.5)]
    kernel_bias = _like(rng, other_names)
    return [
        Case(f"the lesson's four parameters, learning rate {rates[0]}", (lesson, _like(rng, lesson), rates[0]),
             hint="Step against the gradient (it points uphill): take the learning rate times each gradient away from its "
                  "parameter. Update every entry, the biases b1 and b2 as well as the weights."),
        Case(f"learning rate {rates[1]} (use the one you are given)", (lesson, _like(rng, lesson), rates[1]),
             hint="Scale each gradient by the learning_rate argument before taking it away."),
        Case("a three-layer network (W1, b1, ..., W3, b3)", (three_layers, _like(rng, three_layers), rates[2]),
             hint="Loop over every name in params rather than a fixed list of names, and put every updated array in the new dict."),
        Case(f"parameters named 'kernel' and 'bias', their gradients listed bias first, learning rate {rates[3]}",
             (other_names, {"bias": kernel_bias["bias"], "kernel": kernel_bias["kernel"]}, rates[3]),
             hint="Pair each parameter with its gradient by name: grads lists its keys in another order than params here. "
                  "Return a new dict with the same keys as params, built from new arrays."),
        Case(f"gradients listed in another order than the parameters, learning rate {rates[4]}",
             (square, _in_another_order(rng, _like(rng, square)), rates[4]),
             hint="Pair each parameter with its gradient by name, not by position: grads may list its keys in another order "
                  "than params (backward returns the output layer's gradients first)."),
    ]


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
        "06.tanh_backward", "the backward pass through tanh, from its output h", 2,
        answer_name="tanh_backward", cases=_tanh_backward_cases,
        hint="tanh's slope can be written with its output h alone; multiply that slope by the upstream gradient grad_h, "
             "element by element.",
        more_hints=(
            "Lesson 03 writes tanh's derivative in terms of tanh itself; here tanh(z) is the h you were given, so your "
            "function needs no tanh at all. Then apply the chain rule of lesson 06, section 3.",
            "Try the task's example by hand: where h is 0 the slope is 1, so the result there is grad_h itself; where h is "
            "close to -1 or +1 the slope, and so the result, is close to 0.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "06.backward", "gradients of the mean cross-entropy of a tanh-sigmoid network, by parameter", 4,
        answer_name="backward", cases=_backward_cases, diagnose=_diagnose_backward,
        hint="Run the forward pass and keep h and p; start from the output's error signal that the task text gives and walk "
             "back one layer at a time: the output dense layer (task 1), tanh (task 2), then the first dense layer (task 1 again).",
        more_hints=(
            "Lesson 06, section 3 walks through this network. The output dense layer's input is h and its weights are W2: "
            "task 1 gives W2's and b2's gradients and the gradient that reaches h. Task 2 turns that into the hidden layer's "
            "error signal, and task 1 again, with input x and weights W1, gives W1's and b1's gradients.",
            "Compare your gradients with the central differences that the notebook prints under the task: the first gradient "
            "that differs shows where the walk back goes wrong (W2 and b2 first, then W1 and b1). Divide by n exactly once, "
            "at the output.",
        ),
        atol=BACKWARD_ATOL, rtol=BACKWARD_RTOL,
    ),
    function_task(
        "06.gradient_descent_step", "one gradient-descent step w ← w - η ∂L/∂w on a dict of parameters", 2,
        answer_name="gradient_descent_step", cases=_gradient_descent_step_cases,
        hint="Each parameter moves a small step against its own gradient, the step scaled by the learning rate; collect "
             "the results in a new dict of new arrays.",
        more_hints=(
            "Lesson 06, section 6. Look each gradient up by its parameter's name: grads may list its keys in another order "
            "than params (backward returns the output layer's first), so pairing the two dicts by position mixes them up.",
            "Loop over the names of params; for each, take the learning rate times that name's gradient away from that "
            "name's parameter, as a new array (updating in place would change the caller's parameters), and put it in a "
            "new dict under the same name.",
        ),
        atol=1e-12, rtol=1e-9,
    ),
]
