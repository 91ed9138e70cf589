"""Checks of exercise 13: the limits of deep learning (cases, judges and hints; the answers live with the instructor).

Every task is a function judged against a right answer's value on cases drawn
from the generator it is given; results may be Python numbers, NumPy scalars or
arrays, or TensorFlow tensors, in float64 or float32 (integer counts exactly).
"""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _rounded(rng, low: float, high: float, decimals: int = 1) -> float:
    """A number drawn uniformly from [low, high), rounded to `decimals` (it appears in a case's name)."""
    return round(float(rng.uniform(low, high)), decimals)


# --- 13.model_cost --------------------------------------------------------------

def _conv(rng, filters, kernel_size, strides=1, padding="valid") -> dict:
    return {"type": "conv2d", "filters": int(filters), "kernel_size": int(kernel_size), "strides": int(strides), "padding": padding}


def _dense(units) -> dict:
    return {"type": "dense", "units": int(units)}


def _model_cost_cases(rng):
    features = int(rng.integers(10, 100))
    dense_only = [_dense(rng.integers(8, 65)), _dense(rng.integers(8, 33)), _dense(rng.integers(2, 11))]
    side = int(rng.integers(10, 20))
    valid = [_conv(rng, rng.integers(4, 17), 3), _conv(rng, rng.integers(8, 33), 3), {"type": "flatten"}, _dense(rng.integers(2, 11))]
    odd = 2 * int(rng.integers(7, 15)) + 1
    same_strided = [_conv(rng, rng.integers(4, 17), 3, 2, "same"), _conv(rng, rng.integers(8, 25), 3, 2, "same"),
                    {"type": "flatten"}, _dense(rng.integers(2, 11))]
    odd_valid = 2 * int(rng.integers(8, 16)) + 1
    valid_strided = [_conv(rng, rng.integers(4, 17), int(rng.choice([3, 5])), 2, "valid"), {"type": "flatten"}, _dense(rng.integers(2, 11))]
    rgb_side = 4 * int(rng.integers(4, 9)) + int(rng.integers(0, 4))
    pooled = [_conv(rng, rng.integers(4, 17), 3, 1, "same"), {"type": "max_pool", "pool_size": 2},
              _conv(rng, rng.integers(8, 33), 3, 1, "same"), {"type": "global_max_pool"}, _dense(rng.integers(2, 11))]
    return [
        Case(f"Dense layers only, on {features} input features", ((features,), dense_only),
             hint="A Dense layer from n inputs to m units holds an n by m kernel and m biases, and does one multiply-add per "
                  "kernel entry for each example."),
        Case(f"two 3x3 convolutions, stride 1, 'valid' padding, on a {side}x{side} grey image", ((side, side, 1), valid),
             hint="'valid' padding means no padding: a 3x3 kernel fits in two fewer positions along each side, so the map "
                  "shrinks after each convolution, and the next layer works on the smaller map."),
        Case(f"stride 2 with 'same' padding on a {odd}x{odd} image (odd size)", ((odd, odd, 1), same_strided),
             hint="With 'same' padding and stride s, the output has as many positions as there are multiples of s starting "
                  "at zero inside the input: the input size divided by s, rounded up."),
        Case(f"stride 2 with 'valid' padding on a {odd_valid}x{odd_valid} image", ((odd_valid, odd_valid, 1), valid_strided),
             hint="With 'valid' padding and stride s, the kernel fits at the first position and then at every s-th one while "
                  "it stays inside: count the steps that fit, rounded down, plus one for the first position."),
        Case(f"a {rgb_side}x{rgb_side} colour image (3 channels), max pooling and global max pooling",
             ((rgb_side, rgb_side, 3), pooled),
             hint="A convolution's kernel spans every input channel: each of its outputs sums kernel height times kernel "
                  "width times input channels products. Pooling has no weights and halves the map (rounded down); global "
                  "pooling keeps one number per channel."),
    ]


# --- 13.all_reduce_mean -----------------------------------------------------------

def _uneven_sizes(rng, replicas: int) -> list:
    """Replica batch sizes of a last, smaller global batch: as even as possible but not all equal."""
    while True:
        total = int(rng.integers(replicas * 5, replicas * 40))
        if total % replicas:
            base, extra = divmod(total, replicas)
            return [base + 1] * extra + [base] * (replicas - extra)


def _replica_gradients(rng, sizes, shape) -> list:
    """One gradient per replica (zeros for an empty replica), centred on different values so that weighting matters."""
    return [np.zeros(shape) if size == 0 else rng.normal(loc=rng.uniform(-2.0, 2.0), size=shape) for size in sizes]


def _all_reduce_mean_cases(rng):
    even = int(rng.choice([16, 32, 64]))
    uneven3 = _uneven_sizes(rng, 3)
    empty = [int(rng.integers(10, 30)), int(rng.integers(1, 9)), 0, int(rng.integers(10, 30))]
    rows, cols = int(rng.integers(2, 5)), int(rng.integers(2, 6))
    uneven4 = [int(n) for n in rng.permutation([int(rng.integers(5, 15)) for _ in range(4)])]
    while len(set(uneven4)) == 1:
        uneven4[0] += 1
    alone = int(rng.integers(5, 50))
    return [
        Case(f"2 replicas of {even} examples each, gradients of 5 weights",
             (_replica_gradients(rng, [even, even], (5,)), [even, even]),
             hint="Every replica holds the gradient of its own mean loss; the gradient of the mean over the whole batch "
                  "is their average when the replicas' batches are of equal size."),
        Case(f"3 replicas holding {', '.join(map(str, uneven3))} examples (the last, uneven batch of an epoch)",
             (_replica_gradients(rng, uneven3, (6,)), uneven3),
             hint="When the replicas hold different numbers of examples, each replica's gradient counts in proportion to "
                  "its number of examples: weight, then divide by the total number of examples."),
        Case(f"4 replicas holding {', '.join(map(str, empty))} examples: one replica got none", (_replica_gradients(rng, empty, (4,)), empty),
             hint="A replica with no examples contributes nothing: its weight is zero, and the total number of examples "
                  "counts only the examples that exist."),
        Case(f"kernel gradients of shape ({rows}, {cols}) on 4 replicas of {', '.join(map(str, uneven4))} examples",
             (_replica_gradients(rng, uneven4, (rows, cols)), uneven4),
             hint="Combine the gradients entry by entry and return an array of the gradients' shape, not a single number."),
        Case(f"a single replica with {alone} examples", (_replica_gradients(rng, [alone], (3,)), [alone]),
             hint="With one replica there is nothing to combine: the result is that replica's gradient."),
    ]


# --- 13.integrated_gradients --------------------------------------------------------
# Cases cross to the learner's process as plain data, never as code, so a case names its function f: its first input is
# ``{"f": <name>, <parameters>...}``, and `_call_with_gradient` builds the gradient of f from it there.

def _gradient_linear(spec):
    weights = np.asarray(spec["w"], dtype=np.float64)
    return lambda x: np.broadcast_to(weights, np.shape(x)).copy()


def _gradient_squares(spec):
    weights = np.asarray(spec["a"], dtype=np.float64)
    return lambda x: 2.0 * weights * np.asarray(x, dtype=np.float64)


def _gradient_neuron(spec):
    weights = np.asarray(spec["w"], dtype=np.float64)
    return lambda x: weights * (1.0 - np.tanh(np.sum(weights * np.asarray(x, dtype=np.float64))) ** 2)


def _gradient_network(spec):
    kernel, bias, out = (np.asarray(spec[key], dtype=np.float64) for key in ("W", "b", "v"))

    def gradient(x):
        x = np.asarray(x, dtype=np.float64)
        hidden = np.tanh(x.reshape(-1) @ kernel + bias)
        return (kernel @ (out * (1.0 - hidden ** 2))).reshape(x.shape)

    return gradient


_GRADIENTS = {"linear": _gradient_linear, "squares": _gradient_squares, "neuron": _gradient_neuron, "network": _gradient_network}


def _call_with_gradient(answer, case: Case):
    """The `Task.run` of 13.integrated_gradients: ``answer(gradient, image, baseline, steps)``, with the gradient built from the case's first input."""
    spec, *rest = case.inputs
    return answer(_GRADIENTS[spec["f"]](spec), *rest)


def _integrated_gradients_cases(rng):
    size = int(rng.integers(4, 9))
    linear = {"f": "linear", "w": rng.normal(size=size)}
    squares_shape = (int(rng.integers(3, 6)), int(rng.integers(3, 6)))
    squares = {"f": "squares", "a": rng.uniform(0.5, 2.0, squares_shape)}
    neuron_size = int(rng.integers(5, 10))
    neuron = {"f": "neuron", "w": rng.uniform(0.5, 1.5, neuron_size)}
    net_shape = (int(rng.integers(3, 5)), int(rng.integers(3, 5)))
    hidden = int(rng.integers(4, 9))
    network = {"f": "network", "W": rng.normal(scale=0.7, size=(net_shape[0] * net_shape[1], hidden)),
               "b": rng.normal(scale=0.3, size=hidden), "v": rng.normal(size=hidden)}
    steps = [int(rng.integers(5, 12)), int(rng.integers(10, 30)), int(rng.integers(20, 50)), int(rng.integers(30, 60))]
    return [
        Case(f"a linear model of {size} inputs, black baseline (zeros), {steps[0]} steps",
             (linear, rng.uniform(0.0, 1.0, size), np.zeros(size), steps[0]),
             hint="For a linear model the gradient is the same everywhere, and each attribution is that gradient times how "
                  "far the pixel moved from the baseline."),
        Case(f"a sum of squares on a {squares_shape[0]}x{squares_shape[1]} image, grey baseline, {steps[1]} steps",
             (squares, rng.uniform(0.0, 1.0, squares_shape), np.full(squares_shape, _rounded(rng, 0.2, 0.8)), steps[1]),
             hint="Multiply the averaged gradient by the image minus the baseline, not by the image: the baseline here is "
                  "not zero."),
        Case(f"a saturated tanh neuron of {neuron_size} inputs (its gradient at the image is almost 0), {steps[2]} steps",
             (neuron, rng.uniform(2.0, 3.0, neuron_size), np.zeros(neuron_size), steps[2]),
             hint="Evaluate the gradient at points spread along the straight path from the baseline to the image, at the "
                  "midpoints of the steps equal pieces: the first point is half a step from the baseline and the last half "
                  "a step from the image."),
        Case(f"a small tanh network on a {net_shape[0]}x{net_shape[1]} image, random baseline, {steps[3]} steps",
             (network, rng.uniform(0.0, 1.0, net_shape), rng.uniform(0.0, 1.0, net_shape), steps[3]),
             hint="Average the gradients over the steps points (divide their sum by steps), then multiply by the image minus "
                  "the baseline, pixel by pixel."),
        Case("a single step (steps is 1), grey baseline",
             (squares, rng.uniform(0.0, 1.0, squares_shape), np.full(squares_shape, _rounded(rng, 0.2, 0.8)), 1),
             hint="With one step the only point is the middle of the path, halfway between the baseline and the image."),
    ]


# --- 13.samples_needed ----------------------------------------------------------------

def _power_law(rng, sizes, noise: float) -> "tuple[np.ndarray, float, float]":
    """Errors a n^(-b) of the sizes, times log-normal noise; returns them and (a, b)."""
    a, b = _rounded(rng, 1.0, 4.0, 2), _rounded(rng, 0.2, 0.7, 2)
    return a * sizes ** -b * np.exp(rng.normal(scale=noise, size=len(sizes))), a, b


def _samples_needed_cases(rng):
    exact_sizes = np.array([50.0, 100.0, 200.0, 400.0, 800.0]) * int(rng.integers(1, 4))
    exact, a, b = _power_law(rng, exact_sizes, 0.0)
    noisy_sizes = np.round(np.geomspace(rng.integers(20, 60), rng.integers(2000, 5000), 6))
    noisy, a_noisy, b_noisy = _power_law(rng, noisy_sizes, 0.08)
    uneven_sizes = np.sort(rng.choice(np.arange(30, 3000), size=8, replace=False)).astype(float)
    uneven, a_uneven, b_uneven = _power_law(rng, uneven_sizes, 0.05)
    two_sizes = np.array([float(rng.integers(50, 200)), float(rng.integers(1000, 5000))])
    two = np.sort(rng.uniform(0.05, 0.4, 2))[::-1]
    high_sizes = np.round(np.geomspace(rng.integers(100, 300), rng.integers(3000, 9000), 5))
    high, a_high, b_high = _power_law(rng, high_sizes, 0.05)

    def target(errors, factor):
        return round(float(np.min(errors)) * factor, 4)

    return [
        Case(f"5 sizes on an exact power law, target {target(exact, 0.5)}", (exact_sizes, exact, target(exact, 0.5)),
             hint="A power law is a straight line between the logarithm of the size and the logarithm of the error: its "
                  "slope is minus b, its intercept the logarithm of a."),
        Case(f"a noisy learning curve of 6 sizes, target {target(noisy, 0.6)}", (noisy_sizes, noisy, target(noisy, 0.6)),
             hint="Fit the line by least squares through all the points (in log space), not through two of them."),
        Case(f"8 unevenly spaced sizes, target {target(uneven, 0.4)} (far below every measured error)",
             (uneven_sizes, uneven, target(uneven, 0.4)),
             hint="Take logarithms of both the sizes and the errors before fitting: a line fitted to the raw sizes is an "
                  "exponential, not a power law."),
        Case("two sizes only (the line passes through both points)", (two_sizes, two, round(float(two[1]) * 0.7, 4)),
             hint="Solve the fitted law for the size: the target error equals a times n to the power minus b, so n is a "
                  "over the target, raised to the power one over b."),
        Case(f"a target {target(high, 1.6)} above the smallest error (fewer samples than the largest size)",
             (high_sizes, high, target(high, 1.6)),
             hint="Return a and b of the law and the size it predicts, as floats, without rounding the size."),
    ]


TASKS = [
    function_task(
        "13.model_cost", "parameters and multiply-adds of a network with strides, padding and pooling", 3,
        answer_name="model_cost", cases=_model_cost_cases, returns=("parameters", "multiply_adds"), atol=0.5, rtol=0.0,
        hint="Walk through the layers keeping the current shape: each Conv2D or Dense adds its weights and biases to the "
             "parameters and its weighted sums to the multiply-adds, then the shape becomes its output's.",
        more_hints=(
            "Lesson 13, section 2 gives the counts for a Conv2D of stride 1: a kernel of height by width by input channels "
            "weights for each filter plus one bias, and one multiply-add per kernel weight for every output value. What "
            "strides and padding change is only the output's height and width: 'same' gives the input size divided by the "
            "stride, rounded up; 'valid' gives the input size minus the kernel size, divided by the stride and rounded down, "
            "plus one. Max pooling divides each side by the pool size, rounded down; flatten multiplies the three sizes.",
        ),
    ),
    function_task(
        "13.all_reduce_mean", "the whole batch's gradient from per-replica gradients, when the batch does not split evenly", 2,
        answer_name="all_reduce_mean", cases=_all_reduce_mean_cases,
        hint="Each replica's gradient is that of a mean over its own examples. Turn each back into a sum over its examples, "
             "add the sums, and divide by the number of examples in the whole batch.",
        more_hints=(
            "Lesson 13, section 3 showed that with two equal halves the whole-batch gradient is the plain average. With "
            "unequal parts, weight each replica's gradient by its number of examples, add the weighted gradients, and "
            "divide by the sum of the numbers of examples (NumPy's average takes weights). An empty replica has weight zero.",
        ),
    ),
    function_task(
        "13.integrated_gradients", "integrated gradients along the path from a baseline to the image (midpoint rule)", 3,
        answer_name="integrated_gradients", cases=_integrated_gradients_cases, run=_call_with_gradient,
        hint="Walk from the baseline to the image in steps equal pieces, evaluate the gradient at the middle of each piece, "
             "average those gradients, and multiply by the image minus the baseline.",
        more_hints=(
            "The points are the baseline plus alpha times the image minus the baseline, for alpha the midpoints of steps "
            "equal pieces of the interval from zero to one: one half over steps, three halves over steps, and so on up to "
            "one minus one half over steps. Call gradient on each point (an array of the image's shape), take the mean of "
            "the results, and multiply pixel by pixel by the image minus the baseline.",
        ),
    ),
    function_task(
        "13.samples_needed", "a power law fitted to a learning curve, and the data it predicts for a target error", 2,
        answer_name="samples_needed", cases=_samples_needed_cases, returns=("a", "b", "n_needed"),
        hint="Fit a straight line to the logarithm of the error against the logarithm of the size; its slope and intercept "
             "give b and a, and solving the law for the size gives the data needed.",
        more_hints=(
            "Use natural logarithms. The least-squares line through the points (log size, log error) has a slope and an "
            "intercept (NumPy's polyfit of degree one gives both): b is minus the slope and a is the exponential of the "
            "intercept. The size that reaches the target error is a divided by the target, raised to the power one over b.",
        ),
    ),
]
