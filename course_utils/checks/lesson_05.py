"""Checks of exercise 05: gradients and the chain rule (cases, judges and hints; the answers live with the instructor).

Tasks 1 and 2 rest on central differences, which float32 cannot do
precisely (f(x + h) and f(x - h) share most of their digits): their texts say
"work in float64", and a float32 result fails with a ✗ line that says so.
Task 2 is given a gradient function, right or with a bug, and returns its
relative error (lesson 05, section 6). Task 3 is analytic (a softplus neuron,
which the lesson does not differentiate): float32 results and tensors (a
`tf.GradientTape` gradient) pass, with float32's tolerances.
"""
from __future__ import annotations

import functools

import numpy as np

from ..grading.builders import function_task
from ..grading.judge import compares_with_expected
from ..grading.tasks import Case, Task


# --- the functions that tasks 1 and 2 differentiate -------------------------
# Cases cross to the learner's process as plain data, never as code, so a case names its function f:
# its first input is ``{"f": <name>, <parameters>...}``, and `_call_with_f` builds f from it there.

_FUNCTIONS = {
    "linear": lambda spec: lambda x: float(spec["c"] @ x),
    "sum_cubic_sine": lambda spec: lambda x: float(np.sum(np.sin(x) * x ** 3)),
    "quadratic_form": lambda spec: lambda x: float(0.5 * x @ spec["a"] @ x + spec["b"] @ x),
    "log_sum_exp": lambda spec: lambda x: float(np.log(np.sum(np.exp(spec["weights"] * x)))),
    "fast_wave": lambda spec: lambda x: float(np.sum(np.sin(spec["k"] * x)) / spec["k"]),
    "lifted_cosh": lambda spec: lambda x: float(spec["lift"] + np.sum(np.cosh(x))),
}


def _call_with_f(answer, case: Case):
    """The `Task.run` of task 1: ``answer(f, *other inputs)``, with f built from the case's first input."""
    spec, *rest = case.inputs
    return answer(_FUNCTIONS[spec["f"]](spec), *rest)


def _float64_only(case: Case, value, expected: dict, *, atol: float, rtol: float) -> "str | None":
    """The judge of tasks 1 and 2: a float64 result (as their texts demand), then the value within the tolerances.

    Returns:
        None when right; else what is wrong: a float32 (or coarser) result is
        named as such, whatever its value.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.dtype.itemsize < 8:
        return (f"returned {value.dtype} values; work in float64, as the task says: in {value.dtype} the difference "
                "of f(x + h) and f(x - h) keeps too few digits")
    return compares_with_expected(case, value, expected, atol=atol, rtol=rtol)


def _numerical_task(id: str, title: str, points: int, *, answer_name: str, cases, hint: str, more_hints: tuple,  # noqa: A002
                    atol: float, rtol: float) -> Task:
    """A task of central differences: the answer gets f built by `_call_with_f`, and its result must be float64.

    Args:
        id: ``"NN.name"``.
        title: What the learner builds, in one line.
        points: Points for passing every case.
        answer_name: The name of the function the notebook defines.
        cases: ``cases(rng) -> list[Case]``.
        hint: The task's first hint.
        more_hints: Further, more explicit hints.
        atol: Absolute tolerance (float64).
        rtol: Relative tolerance (float64).

    Returns:
        The `Task`.
    """
    return Task(id=id, title=title, points=points, answer_name=answer_name, make_cases=cases, run=_call_with_f,
                judge=functools.partial(_float64_only, atol=atol, rtol=rtol), hint=hint, more_hints=tuple(more_hints),
                atol=atol, rtol=rtol)


# --- 05.numerical_gradient -------------------------------------------------

def _numerical_gradient_cases(rng):
    c = rng.normal(size=4)
    matrix = rng.normal(size=(4, 4))
    a = matrix @ matrix.T + np.eye(4)
    b = rng.normal(size=4)
    weights = rng.normal(size=(2, 3))
    # Called without h: with a third derivative k² times the first, a step of 1e-4 is visibly off (truncation) ...
    k = int(rng.integers(30, 41))
    # ... and with values near 600 to 1000 but slopes below 0.2, a step of 1e-7 loses digits (rounding); 1e-5 does neither.
    lift = int(rng.integers(600, 1000))
    return [
        Case("a linear function c·x of 4 variables, h = 1e-3", ({"f": "linear", "c": c}, rng.normal(size=4), 1e-3),
             hint="For a linear function the gradient is its coefficient vector: entry i moves x[i] only, one coordinate "
                  "at a time, and divides by the distance between its two points, twice h."),
        Case("a sum of x³·sin(x) over 5 variables, h = 1e-3", ({"f": "sum_cubic_sine"}, rng.normal(size=5), 1e-3),
             hint="f is curved, so the result depends on the step: use the h you are given, on both sides of x[i] "
                  "(a one-sided difference is off by about h times half the curvature)."),
        Case("a quadratic form ½xᵀAx + b·x that mixes the 4 coordinates, h = 1e-3",
             ({"f": "quadratic_form", "a": a, "b": b}, rng.normal(size=4), 1e-3),
             hint="Here f mixes the coordinates: when you move x[i], every other coordinate must hold its original value. "
                  "Put x[i] back after its two evaluations."),
        Case("a (2, 3) matrix input (a log-sum-exp of weights times x), h = 1e-4",
             ({"f": "log_sum_exp", "weights": weights}, rng.normal(size=(2, 3)), 1e-4),
             hint="Visit every index of x whatever its shape (the lesson's index iterator, or a flat view of a copy), "
                  "and return an array of x's shape."),
        Case(f"the default step (called without h) on a fast wave, the sum of sin({k}x) / {k}",
             ({"f": "fast_wave", "k": k}, rng.uniform(-1.0, 1.0, 4)),
             hint="Called without h, your function must use the default step the task names, 1e-5: a larger step lets "
                  "the fast curvature of this f show in the result."),
        Case(f"the default step (called without h) on cosh lifted by {lift}",
             ({"f": "lifted_cosh", "lift": lift}, rng.uniform(-0.2, 0.2, 8)),
             hint="Called without h, your function must use the default step the task names, 1e-5: a much smaller step "
                  "loses digits to rounding when the values of f are large."),
    ]


# --- 05.gradient_check ----------------------------------------------------
# The gradient functions under test cross to the learner's process as plain data too: ``{"grad": <name>, <parameters>...}``.
# Some are right, some carry a bug a learner would write; the task's answer says how far each is from central differences.

_GRADIENTS = {
    "quadratic_form": lambda spec: lambda x: 0.5 * (spec["a"] + spec["a"].T) @ x + spec["b"],
    "quadratic_form_unsymmetrised": lambda spec: lambda x: spec["a"] @ x + spec["b"],
    "sine_wave": lambda spec: lambda x: spec["k"] * np.cos(spec["k"] * x),
    "sine_wave_sign": lambda spec: lambda x: -spec["k"] * np.cos(spec["k"] * x),
    "log_sum_exp": lambda spec: lambda x: spec["weights"] * np.exp(spec["weights"] * x) / np.sum(np.exp(spec["weights"] * x)),
    "log_sum_exp_unnormalised": lambda spec: lambda x: spec["weights"] * np.exp(spec["weights"] * x),
    "scaled_cosh": lambda spec: lambda x: spec["scale"] * np.sinh(x),
    "scaled_cosh_half": lambda spec: lambda x: 0.5 * spec["scale"] * np.sinh(x),
}
_FUNCTIONS.update({
    "sine_wave": lambda spec: lambda x: float(np.sum(np.sin(spec["k"] * x))),
    "scaled_cosh": lambda spec: lambda x: float(spec["scale"] * np.sum(np.cosh(x))),
})


def _call_with_f_and_gradient(answer, case: Case):
    """The `Task.run` of task 2: ``answer(f, grad_f, x)``, with f and grad_f built from the case's first two inputs."""
    f_spec, grad_spec, x = case.inputs
    return answer(_FUNCTIONS[f_spec["f"]](f_spec), _GRADIENTS[grad_spec["grad"]](grad_spec), x)


def _gradient_check_cases(rng):
    a, b = rng.normal(size=(4, 4)), rng.normal(size=4)  # A is not symmetric: the gradient of ½xᵀAx is ½(A + Aᵀ)x
    quadratic = {"f": "quadratic_form", "a": a, "b": b}
    k = round(float(rng.uniform(1.5, 3.0)), 2)
    weights = rng.uniform(0.5, 2.0, 5)
    scale = int(rng.integers(200, 900))
    return [
        Case("a right gradient of ½xᵀAx + b·x (A not symmetric)",
             (quadratic, {"grad": "quadratic_form", "a": a, "b": b}, rng.normal(size=4)),
             hint="For a right gradient the two estimates agree to many digits: use central differences with a small step "
                  "(1e-5) in float64, so that the error you return is tiny, not of the order of the step."),
        Case("a gradient of ½xᵀAx + b·x that forgets A is not symmetric",
             (quadratic, {"grad": "quadratic_form_unsymmetrised", "a": a, "b": b}, rng.normal(size=4)),
             hint="Return the norm of the difference of the two gradients divided by the LARGER of their two norms: "
                  "not by their sum, not by one of them only."),
        Case(f"a gradient of the sum of sin({k}x) with a sign error", ({"f": "sine_wave", "k": k}, {"grad": "sine_wave_sign", "k": k},
             rng.uniform(-1.0, 1.0, 6)),
             hint="A gradient that points the wrong way differs from the right one by twice its length: the relative "
                  "error of a sign error is 2, whatever the function's scale."),
        Case("a gradient of a log-sum-exp that forgets to normalise (too large)",
             ({"f": "log_sum_exp", "weights": weights}, {"grad": "log_sum_exp_unnormalised", "weights": weights}, rng.normal(size=5)),
             hint="Here the buggy gradient is longer than the right one: divide by the larger of the two norms, "
                  "whichever it is, so that the error never exceeds 2."),
        Case(f"a gradient of {scale} times a sum of cosh that is half what it should be",
             ({"f": "scaled_cosh", "scale": scale}, {"grad": "scaled_cosh_half", "scale": scale}, rng.uniform(0.5, 1.5, 3)),
             hint="The error must not depend on the function's scale: a gradient half as long as the right one has a "
                  "relative error of one half, whether f is small or large. Divide the difference by a norm."),
    ]


# --- 05.softplus_neuron ----------------------------------------------------

def _softplus_neuron_cases(rng):
    def neuron_with_z(low, high, size):
        w, x = rng.uniform(0.3, 1.2, size), rng.uniform(0.5, 1.5, size)
        return w, x, float(rng.uniform(low, high) - x @ w)  # b chosen so that z = x·w + b lies between low and high

    w_neg, x_neg, b_neg = neuron_with_z(-7.0, -5.0, 2)
    w_pos, x_pos, b_pos = neuron_with_z(5.0, 7.0, 3)
    y_above = round(float(rng.uniform(2.0, 3.0)), 2)
    return [
        Case("3 weights, target y = 1", (rng.normal(size=3), rng.normal(size=3), float(rng.normal(scale=0.5)), 1.0),
             hint="Multiply the local derivatives along the path from L back to w: that of the square, that of softplus "
                  "at z (work it out: it is not the sigmoid's slope), and that of the weighted sum."),
        Case("5 weights, target y = 0", (rng.normal(size=5), rng.normal(size=5), float(rng.normal(scale=0.5)), 0.0),
             hint="The result has the shape of w: one derivative per weight, each scaled by its own input."),
        Case("a very negative pre-activation (z about -6): softplus is flat there", (w_neg, x_neg, b_neg, 1.0),
             hint="Far left, softplus is almost flat, so its slope is tiny and the gradient too; its slope rises to 1 on "
                  "the right. Differentiate the logarithm of one plus an exponential with the chain rule."),
        Case("a large pre-activation (z about 6): softplus is almost the identity there", (w_pos, x_pos, b_pos, 0.0),
             hint="Far right, softplus grows like z itself, so its slope is close to 1, not close to 0: a slope that "
                  "vanishes for large z belongs to the sigmoid, not to softplus."),
        Case(f"one weight, target {y_above} (a prediction below it)",
             (rng.uniform(0.3, 1.0, 1), rng.uniform(0.5, 1.5, 1), float(rng.uniform(-0.5, 0.0)), y_above),
             hint="The squared error's derivative is twice the prediction minus the target, in that order: here the "
                  "prediction is below the target, so raising w lowers the loss and the gradient is negative."),
    ]


TASKS = [
    _numerical_task(
        "05.numerical_gradient", "the gradient of a scalar function of an array, by central differences", 3,
        answer_name="numerical_gradient", cases=_numerical_gradient_cases,
        hint="For every index of x, move that one entry by plus and minus h on a copy of x, take the central difference "
             "of the two values of f, and put the entry back before the next index.",
        more_hints=(
            "Lesson 05, sections 2 and 4: entry i of the gradient is the central difference of f along coordinate i "
            "only. Work in float64 on a copy of x, and give h the default value the task names.",
            "Shapes: the result has x's shape, one entry per index of x (the lesson's index iterator visits them all). "
            "The usual slips: moving every coordinate at once, not putting an entry back, dividing by h instead of "
            "twice h, and a default step other than the task's.",
        ),
        atol=1e-8, rtol=1e-7,
    ),
    Task(id="05.gradient_check", title="the relative error of a gradient function against central differences", points=3,
         answer_name="gradient_check", make_cases=_gradient_check_cases, run=_call_with_f_and_gradient,
         judge=functools.partial(_float64_only, atol=1e-7, rtol=1e-5),
         hint="Compute the gradient both ways at x, the given function's and central differences of f (your task 1), then "
              "the norm of their difference divided by the larger of their two norms.",
         more_hints=(
             "Lesson 05, section 6 defines the relative error once for the whole course; it does not depend on the scale "
             "of f, and it is tiny for a right gradient and of order 1 for a wrong one.",
             "The usual slips: dividing by the sum of the two norms or by one norm only, returning the plain norm of the "
             "difference (which grows with f's scale), and a one-sided difference, whose own error shows on a right "
             "gradient.",
         ),
         atol=1e-7, rtol=1e-5),
    function_task(
        "05.softplus_neuron", "dL/dw for L = (softplus(x·w + b) - y)² by the chain rule", 4,
        answer_name="softplus_neuron_gradient", cases=_softplus_neuron_cases,
        hint="Go forward first (z, then a, then L), then multiply the local derivatives backwards: that of the square, "
             "that of softplus at z, and that of z with respect to w.",
        more_hints=(
            "Lesson 05, section 3 does this for a sigmoid neuron; only the activation's local derivative changes. Softplus "
            "is the logarithm of one plus the exponential of z: the chain rule through the logarithm and the exponential "
            "gives a function you met in lesson 03.",
            "Shapes: the first two factors are numbers (one example), the last is the input vector x, so the gradient "
            "has the shape of w. The usual slips are the factor two, the order of the subtraction, and reusing the "
            "sigmoid neuron's local slope for softplus.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
]
