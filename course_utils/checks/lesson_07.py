"""Checks of exercise 07: gradient descent."""
from __future__ import annotations

import copy

import numpy as np

from ..grading.builders import function_task
from ..grading.produce import WrongAnswerType
from ..grading.tasks import Case, Task, WrongAnswer


# --- 07.mse_gradient -------------------------------------------------------

def mse_gradient(w, b, x, y):
    """Reference: the gradient of L = mean((w·x + b - y)²) with respect to w and b."""
    residual = w * np.asarray(x, dtype=np.float64) + b - np.asarray(y, dtype=np.float64)
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def _mse_gradient_cases():
    rng = np.random.default_rng(701)
    x_many = rng.uniform(0.0, 4.0, size=50)
    y_many = 2.0 * x_many - 1.0 + rng.normal(0.0, 0.5, size=50)
    x_far = rng.uniform(5.0, 9.0, size=20)
    y_far = -0.5 * x_far + 3.0 + rng.normal(0.0, 0.2, size=20)
    return [
        Case("5 points, a line that predicts too high (w = 1.5, b = 0.5)",
             (1.5, 0.5, np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([-0.2, 0.9, 2.1, 2.8, 4.2])),
             hint="The residual is prediction minus target, w·x + b - y (not y - w·x - b), and the square brings a factor 2: "
                  "the gradient points uphill, so a line that is too high gets positive gradients."),
        Case("50 points, the line starts far from the fit (w = -1, b = 3)", (-1.0, 3.0, x_many, y_many),
             hint="L is a mean: divide the sum by the number of points n (np.mean), or the gradient grows with the data set."),
        Case("20 points with x between 5 and 9 (x multiplies only grad_w)", (0.4, -2.0, x_far, y_far),
             hint="grad_w = 2·mean(residual·x) and grad_b = 2·mean(residual): only the weight's derivative has the factor x, "
                  "and the tuple is (grad_w, grad_b), in that order."),
        Case("a single point (n = 1)", (2.0, 1.0, np.array([3.0]), np.array([4.0])),
             hint="With one point, L = (w·x + b - y)², so dL/dw = 2(w·x + b - y)·x and dL/db = 2(w·x + b - y)."),
    ]


def _mse_sum(w, b, x, y):
    """Known-wrong: sums instead of averaging."""
    residual = w * x + b - y
    return float(2.0 * np.sum(residual * x)), float(2.0 * np.sum(residual))


def _mse_no_two(w, b, x, y):
    """Known-wrong: forgets the factor 2 of the square."""
    residual = w * x + b - y
    return float(np.mean(residual * x)), float(np.mean(residual))


def _mse_sign(w, b, x, y):
    """Known-wrong: uses y - prediction."""
    residual = y - (w * x + b)
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def _mse_no_x(w, b, x, y):
    """Known-wrong: forgets the factor x in grad_w."""
    residual = w * x + b - y
    return float(2.0 * np.mean(residual)), float(2.0 * np.mean(residual))


def _mse_swapped(w, b, x, y):
    """Known-wrong: returns (grad_b, grad_w)."""
    grad_w, grad_b = mse_gradient(w, b, x, y)
    return grad_b, grad_w


# --- 07.minibatches --------------------------------------------------------

def _yield_batches(x, y, batch_size, order):
    """Cut `order` (positions of samples) into consecutive batches of `batch_size`; yield (x[batch], y[batch])."""
    for first in range(0, len(order), batch_size):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def minibatches(x, y, batch_size, rng):
    """Reference: one epoch of shuffled mini-batches (x_batch, y_batch); the last one may be smaller."""
    return _yield_batches(x, y, batch_size, rng.permutation(len(x)))


def _collect_epoch(answer, x, y, batch_size, rng) -> dict:
    """Run one epoch of the learner's `minibatches` and reduce it to plain arrays.

    Raises:
        WrongAnswerType: If the answer does not produce (x_batch, y_batch) pairs of arrays
            whose shapes fit `x` and `y`.
    """
    batches = answer(x, y, batch_size, rng)
    if batches is None:
        raise WrongAnswerType("returned None: yield the (x_batch, y_batch) pairs, or return a list of them")
    try:
        batches = list(batches)
    except TypeError:
        raise WrongAnswerType(f"returned a {type(batches).__name__}, which cannot be iterated; "
                              "yield the (x_batch, y_batch) pairs, or return a list of them") from None
    if not batches:
        raise WrongAnswerType("produced no batches at all: every sample must be in one batch")
    xs, ys, sizes = [], [], []
    for number, item in enumerate(batches, start=1):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise WrongAnswerType(f"batch {number} is not a pair (x_batch, y_batch) but an object of type {type(item).__name__}")
        try:
            x_batch, y_batch = np.asarray(item[0]), np.asarray(item[1])
        except (TypeError, ValueError):
            x_batch = y_batch = np.array(None)
        if x_batch.dtype.kind not in "biuf" or y_batch.dtype.kind not in "biuf":
            raise WrongAnswerType(f"batch {number} is not a pair of arrays of numbers; "
                                  "expected (x[batch], y[batch]) with batch an array of positions")
        if x_batch.shape[1:] != x.shape[1:] or y_batch.shape[1:] != y.shape[1:] or len(x_batch) != len(y_batch):
            raise WrongAnswerType(f"batch {number} has x_batch of shape {x_batch.shape} and y_batch of shape {y_batch.shape}; "
                                  f"expected shapes (k,{' ' + str(x.shape[1]) if x.ndim > 1 else ''}) and (k,) with the same k")
        xs.append(x_batch)
        ys.append(y_batch)
        sizes.append(len(x_batch))
    return {"x": np.concatenate(xs).astype(np.float64), "y": np.concatenate(ys).astype(np.float64),
            "sizes": np.array(sizes, dtype=np.int64)}


def _run_minibatches(answer, case: Case) -> dict:
    """Run the learner's `minibatches` on a case: one epoch, or two as the case's data asks."""
    x, y, batch_size, rng = case.inputs
    if case.data.get("twin_generators"):
        twin = copy.deepcopy(rng)  # a second generator in the same state
        first = _collect_epoch(answer, x, y, batch_size, rng)
        second = _collect_epoch(answer, x, y, batch_size, twin)
    elif case.data.get("two_epochs"):
        first = _collect_epoch(answer, x, y, batch_size, rng)
        second = _collect_epoch(answer, x, y, batch_size, rng)
    else:
        return _collect_epoch(answer, x, y, batch_size, rng)
    return {**first, **{f"second_{key}": value for key, value in second.items()}}


def _count(count: int, word: str, verb: str) -> str:
    """E.g. ``_count(1, "sample", "appear")`` -> ``"1 sample appears"``; ``_count(3, ...)`` -> ``"3 samples appear"``."""
    return f"1 {word} {verb}s" if count == 1 else f"{count} {word}s {verb}"


# Hints for 07.minibatches, one per kind of problem that `_minibatch_problem` finds.
MINIBATCH_HINTS = {
    "dropped": "Some samples never appear: keep the last, smaller batch. Step through all n positions in steps of batch_size; "
               "n // batch_size batches, or a range that stops at n - batch_size, leave the last samples out.",
    "repeated": "Some samples appear more than once: cut one permutation of the positions into consecutive slices that do not "
                "overlap (step by batch_size); rng.integers draws with replacement and repeats samples.",
    "pairs": "Index x and y with the same shuffled positions, x[batch] and y[batch], so each row keeps its label; "
             "shuffling x and y separately breaks the pairs.",
    "sizes": "Every batch holds batch_size samples except the last, which holds what is left over (at least one).",
    "unshuffled": "Shuffle first: draw the order of the positions from the rng you are given, then cut that order into batches.",
    "same_order": "Draw a new order from the rng argument on every call; a generator created inside your function with a "
                  "fixed seed gives the same order every epoch.",
    "not_from_rng": "Use only the rng you are given for shuffling, not np.random or a generator of your own, so that a "
                    "seeded rng makes the epochs reproducible.",
}


def _epoch_order(case: Case, epoch: dict) -> "tuple[np.ndarray | None, tuple[str, str] | None]":
    """Check one epoch against the case's x and y.

    Returns:
        ``(order, None)`` with the position of every sample in the epoch, or
        ``(None, (kind, problem))`` where `kind` is a key of `MINIBATCH_HINTS`
        (or ``"rows"`` for batches that are not rows of x).
    """
    x, y, batch_size, _ = case.inputs
    n = len(x)
    rows = np.asarray(x, dtype=np.float64).reshape(n, -1)
    index_of = {row.tobytes(): i for i, row in enumerate(rows)}
    got_x = np.asarray(epoch["x"], dtype=np.float64).reshape(len(epoch["x"]), -1)
    if got_x.shape[1] != rows.shape[1]:
        return None, ("rows", f"the x batches have rows of {got_x.shape[1]} values; the rows of x have {rows.shape[1]}")
    order = np.array([index_of.get(row.tobytes(), -1) for row in got_x], dtype=np.int64)
    if (order < 0).any():
        strangers = int((order < 0).sum())
        return None, ("rows", f"{strangers} {'x row in the batches is not a row' if strangers == 1 else 'x rows in the batches are not rows'} of x")
    counts = np.bincount(order, minlength=n)
    if (counts == 0).any():
        kind = "dropped" if len(order) < n else "repeated"
        return None, (kind, f"{_count(int((counts == 0).sum()), 'sample', 'never appear')} in the epoch ({n} samples in all)")
    if (counts > 1).any():
        return None, ("repeated", f"{_count(int((counts > 1).sum()), 'sample', 'appear')} more than once in the epoch")
    mismatched = int(np.sum(np.asarray(epoch["y"], dtype=np.float64) != np.asarray(y, dtype=np.float64)[order]))
    if mismatched:
        return None, ("pairs", f"{mismatched} of {n} x rows came with the wrong y: the pairs (x[i], y[i]) were broken")
    sizes = np.asarray(epoch["sizes"])
    expected_batches = -(-n // batch_size)
    if len(sizes) != expected_batches or (sizes[:-1] != batch_size).any() or not 1 <= sizes[-1] <= batch_size:
        return None, ("sizes", f"batch sizes {sizes.tolist() if len(sizes) <= 12 else str(sizes[:12].tolist())[:-1] + ', ...]'}: "
                               f"expected batches of batch_size = {batch_size}, only the last one smaller")
    if n >= 10 and np.array_equal(order, np.arange(n)):
        return None, ("unshuffled", "the samples come in their original order: they were not shuffled with the rng you are given")
    return order, None


def _minibatch_problem(case: Case, value) -> "tuple[str, str] | None":
    """Check the properties of one epoch (or two): coverage, pairing, batch sizes, shuffling.

    Returns:
        None when every property holds, else ``(kind, problem)`` (see `_epoch_order`).
    """
    if not isinstance(value, dict) or not {"x", "y", "sizes"} <= set(value):
        return "rows", "the batches could not be collected"
    order, problem = _epoch_order(case, value)
    if problem:
        return problem
    if case.data.get("two_epochs") or case.data.get("twin_generators"):
        second = {key[len("second_"):]: item for key, item in value.items() if key.startswith("second_")}
        second_order, problem = _epoch_order(case, second)
        if problem:
            return problem[0], f"second call: {problem[1]}"
        if case.data.get("two_epochs") and np.array_equal(order, second_order):
            return "same_order", "two calls with the same generator (two epochs) gave the same order; each epoch must be shuffled anew"
        if case.data.get("twin_generators") and not np.array_equal(order, second_order):
            return "not_from_rng", "two generators in the same state gave different orders: the shuffling does not come from rng alone"
    return None


def _judge_minibatches(case: Case, value) -> "str | None":
    """What is wrong with the learner's epoch(s), or None (see `_minibatch_problem`)."""
    problem = _minibatch_problem(case, value)
    return problem[1] if problem else None


def _diagnose_minibatches(case: Case, value) -> "str | None":
    """The `MINIBATCH_HINTS` entry for the kind of problem found, or None for the case's own hint."""
    problem = _minibatch_problem(case, value)
    return MINIBATCH_HINTS.get(problem[0]) if problem else None


def _minibatches_cases():
    rng = np.random.default_rng(702)
    x_12 = rng.normal(size=12)
    x_50 = rng.normal(size=50)
    x_20 = rng.normal(size=20)
    x_40 = rng.normal(size=(40, 3))
    x_15 = rng.normal(size=15)
    x_30 = rng.normal(size=30)
    x_31 = rng.normal(size=31)
    return [
        Case("12 samples in batches of 4 (n a multiple of batch_size)",
             (x_12, 3.0 * x_12 + 1.0, 4, np.random.default_rng(11)),
             hint="Shuffle once per call with the generator you are given, order = rng.permutation(len(x)), then cut the "
                  "order into consecutive slices that do not overlap (step by batch_size); rng.integers draws with "
                  "replacement and repeats some samples."),
        Case("50 samples in batches of 16 (the last batch holds the 2 left over)",
             (x_50, x_50 ** 2, 16, np.random.default_rng(12)),
             hint="Keep the last, smaller batch: loop `for start in range(0, len(x), batch_size)`; "
                  "`len(x) // batch_size` batches drop the samples left over."),
        Case("batch_size 64, larger than the 20 samples (one batch holds them all)",
             (x_20, -x_20, 64, np.random.default_rng(13)),
             hint="When batch_size is larger than len(x), the only batch is the whole shuffled data set; a slice past "
                  "the end of an array simply stops at its end."),
        Case("x of shape (40, 3) with integer labels y, batches of 8",
             (x_40, np.arange(40) % 3, 8, np.random.default_rng(14)),
             hint="Index x and y with the same shuffled positions, x[batch] and y[batch], so each row keeps its label; "
                  "shuffling x and y separately breaks the pairs."),
        Case("batch_size 1 (stochastic gradient descent), 15 samples",
             (x_15, 2.0 * x_15, 1, np.random.default_rng(15)),
             hint="With batch_size 1 every sample is a batch of its own: 15 samples give 15 batches of one, "
                  "in shuffled order, each sample exactly once."),
        Case("two epochs from the same generator (they must be shuffled differently)",
             (x_30, x_30 - 1.0, 7, np.random.default_rng(16)), data={"two_epochs": True},
             hint="Draw a new order from the rng argument on every call (rng.permutation(len(x))); a generator created "
                  "inside your function with a fixed seed gives the same order every epoch."),
        Case("two generators in the same state (the same order is expected)",
             (x_31, 0.5 * x_31, 10, np.random.default_rng(17)), data={"twin_generators": True},
             hint="Use only the rng you are given for shuffling, not np.random or a generator of your own, so that a "
                  "seeded rng makes the epochs reproducible."),
    ]


def _batches_drop_last(x, y, batch_size, rng):
    """Known-wrong: only n // batch_size full batches."""
    order = rng.permutation(len(x))
    return [(x[order[i * batch_size:(i + 1) * batch_size]], y[order[i * batch_size:(i + 1) * batch_size]])
            for i in range(len(x) // batch_size)]


def _batches_range_stop_early(x, y, batch_size, rng):
    """Known-wrong: range(0, n - batch_size, batch_size) loses the end of the data."""
    order = rng.permutation(len(x))
    for first in range(0, len(x) - batch_size, batch_size):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def _batches_no_shuffle(x, y, batch_size, rng):
    """Known-wrong: consecutive batches in the original order."""
    for first in range(0, len(x), batch_size):
        yield x[first:first + batch_size], y[first:first + batch_size]


def _batches_two_permutations(x, y, batch_size, rng):
    """Known-wrong: shuffles x and y with two different permutations."""
    x_shuffled, y_shuffled = x[rng.permutation(len(x))], y[rng.permutation(len(y))]
    for first in range(0, len(x), batch_size):
        yield x_shuffled[first:first + batch_size], y_shuffled[first:first + batch_size]


def _batches_with_replacement(x, y, batch_size, rng):
    """Known-wrong: draws positions with replacement."""
    return _yield_batches(x, y, batch_size, rng.integers(0, len(x), size=len(x)))


def _batches_overlapping(x, y, batch_size, rng):
    """Known-wrong: sliding windows with step 1."""
    order = rng.permutation(len(x))
    for first in range(0, max(1, len(x) - batch_size + 1)):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def _batches_fixed_seed(x, y, batch_size, rng):
    """Known-wrong: ignores rng and shuffles with a new generator seeded 0."""
    return _yield_batches(x, y, batch_size, np.random.default_rng(0).permutation(len(x)))


def _batches_global_random(x, y, batch_size, rng):
    """Known-wrong: ignores rng and shuffles with np.random."""
    return _yield_batches(x, y, batch_size, np.random.permutation(len(x)))


def _batches_shuffle_in_place(x, y, batch_size, rng):
    """Known-wrong: shuffles the caller's x and y in place (with two different shuffles)."""
    rng.shuffle(x)
    rng.shuffle(y)
    for first in range(0, len(x), batch_size):
        yield x[first:first + batch_size], y[first:first + batch_size]


# --- 07.momentum_step ------------------------------------------------------

def momentum_step(w, grad, velocity, learning_rate, beta):
    """Reference: velocity = beta·velocity - learning_rate·grad; w = w + velocity (Keras's SGD with momentum)."""
    new_velocity = beta * np.asarray(velocity, dtype=np.float64) - learning_rate * np.asarray(grad, dtype=np.float64)
    return np.asarray(w, dtype=np.float64) + new_velocity, new_velocity


def _momentum_cases():
    rng = np.random.default_rng(703)
    return [
        Case("the first step: 3 weights, zero velocity, η = 0.1, β = 0.9",
             (rng.normal(size=3), rng.normal(size=3), np.zeros(3), 0.1, 0.9),
             hint="From zero velocity the first step is plain gradient descent: velocity = -η·grad, and w moves by that "
                  "new velocity (downhill, against the gradient)."),
        Case("a (2, 2) weight matrix with a velocity from earlier steps, β = 0.9",
             (rng.normal(size=(2, 2)), rng.normal(size=(2, 2)), rng.normal(size=(2, 2)), 0.05, 0.9),
             hint="First update the velocity, velocity = β·velocity - η·grad, then move w by the new velocity. "
                  "The old velocity is multiplied by β, and the gradient by η alone (no 1 - β)."),
        Case("a small learning rate (0.001) with a large velocity, β = 0.8",
             (rng.normal(size=4), rng.normal(size=4), 5.0 * rng.normal(size=4), 0.001, 0.8),
             hint="The velocity is the memory of past steps: keep β·velocity in the new velocity, even when the "
                  "gradient term is small."),
        Case("β = 0: momentum reduces to plain gradient descent", (rng.normal(size=5), rng.normal(size=5), rng.normal(size=5), 0.2, 0.0),
             hint="With β = 0 the result must be w - η·grad and velocity = -η·grad."),
    ]


def _momentum_old_velocity(w, grad, velocity, learning_rate, beta):
    """Known-wrong: moves w with the old velocity."""
    return w + velocity, beta * velocity - learning_rate * grad


def _momentum_sign(w, grad, velocity, learning_rate, beta):
    """Known-wrong: adds the gradient."""
    new_velocity = beta * velocity + learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_no_beta(w, grad, velocity, learning_rate, beta):
    """Known-wrong: forgets the velocity (no memory)."""
    new_velocity = -learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_one_minus_beta(w, grad, velocity, learning_rate, beta):
    """Known-wrong: weights the gradient by (1 - beta), like an average."""
    new_velocity = beta * velocity - (1 - beta) * learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_in_place(w, grad, velocity, learning_rate, beta):
    """Known-wrong: updates the caller's arrays in place."""
    velocity *= beta
    velocity -= learning_rate * grad
    w += velocity
    return w, velocity


# --- 07.adam_step ----------------------------------------------------------

def adam_step(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Reference: one Adam step with bias correction (t counts from 1); returns (w, m, v)."""
    grad = np.asarray(grad, dtype=np.float64)
    m = beta_1 * np.asarray(m, dtype=np.float64) + (1.0 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=np.float64) + (1.0 - beta_2) * grad ** 2
    m_hat = m / (1.0 - beta_1 ** t)
    v_hat = v / (1.0 - beta_2 ** t)
    return np.asarray(w, dtype=np.float64) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def _adam_cases():
    rng = np.random.default_rng(704)
    grad_4 = rng.normal(size=4)
    grad_6 = rng.normal(size=(2, 3))
    return [
        Case("t = 1, the first step from m = v = 0 (bias correction matters most)",
             (rng.normal(size=3), rng.normal(size=3), np.zeros(3), np.zeros(3), 1, 0.01, 0.9, 0.999, 1e-8),
             hint="At t = 1, m̂ = m / (1 - β₁¹) equals the gradient and v̂ = v / (1 - β₂¹) its square, so each weight moves "
                  "by about η against the gradient's sign. Divide by 1 - β**t with t itself (not t - 1 or t + 1)."),
        Case("t = 10 with running averages m and v from earlier steps",
             (rng.normal(size=4), grad_4, 0.5 * grad_4, 0.8 * grad_4 ** 2, 10, 0.001, 0.9, 0.999, 1e-8),
             hint="m = β₁·m + (1 - β₁)·g and v = β₂·v + (1 - β₂)·g²: the old average gets β, the new gradient 1 - β, "
                  "and v averages the squared gradient. Return the new m and v (before bias correction)."),
        Case("tiny gradients (about 1e-6), where ε matters, t = 3",
             (rng.normal(size=3), 1e-6 * rng.normal(size=3), 1e-6 * rng.normal(size=3), 1e-12 * rng.uniform(0.5, 1.5, size=3),
              3, 0.01, 0.9, 0.999, 1e-7),
             hint="ε is added after the square root, √v̂ + ε; putting it inside, √(v̂ + ε), changes the step completely when "
                  "the gradients are tiny."),
        Case("(2, 3) arrays, t = 5, learning rate 0.05",
             (rng.normal(size=(2, 3)), grad_6, 0.3 * grad_6, 0.5 * grad_6 ** 2, 5, 0.05, 0.8, 0.99, 1e-8),
             hint="Everything is element-wise and keeps the shape of w; the step is subtracted, w - η·m̂ / (√v̂ + ε)."),
    ]


def _adam_moments(grad, m, v, beta_1, beta_2):
    """The running averages of known-wrong Adam answers that get them right (new arrays)."""
    return beta_1 * m + (1 - beta_1) * grad, beta_2 * v + (1 - beta_2) * grad ** 2


def _adam_no_correction(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: no bias correction."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * m / (np.sqrt(v) + epsilon), m, v


def _adam_v_of_g(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: v averages g instead of g²."""
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(np.abs(v / (1 - beta_2 ** t))) + epsilon), m, v


def _adam_epsilon_inside(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: ε inside the square root."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * (m / (1 - beta_1 ** t)) / np.sqrt(v / (1 - beta_2 ** t) + epsilon), m, v


def _adam_t_minus_one(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: bias correction with t - 1."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return w - learning_rate * (m / (1 - beta_1 ** (t - 1))) / (np.sqrt(v / (1 - beta_2 ** (t - 1))) + epsilon), m, v


def _adam_t_plus_one(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: bias correction with t + 1."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * (m / (1 - beta_1 ** (t + 1))) / (np.sqrt(v / (1 - beta_2 ** (t + 1))) + epsilon), m, v


def _adam_sign(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: adds the step."""
    new_w, m, v = adam_step(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon)
    return 2 * np.asarray(w, dtype=np.float64) - new_w, m, v


def _adam_betas_swapped(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: (1 - β) on the old average and β on the new gradient."""
    m = (1 - beta_1) * m + beta_1 * grad
    v = (1 - beta_2) * v + beta_2 * grad ** 2
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon), m, v


def _adam_in_place(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: updates the caller's m and v in place."""
    m *= beta_1
    m += (1 - beta_1) * grad
    v *= beta_2
    v += (1 - beta_2) * grad ** 2
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon), m, v


TASKS = [
    function_task(
        "07.mse_gradient", "the gradient (grad_w, grad_b) of the mean squared error of a line w·x + b", 2,
        reference=mse_gradient, cases=_mse_gradient_cases, returns=("grad_w", "grad_b"),
        hint="With the residual r = w·x + b - y: grad_w = 2·mean(r·x) and grad_b = 2·mean(r); return (grad_w, grad_b).",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("sums instead of averaging", lambda: _mse_sum),
            WrongAnswer("forgets the factor 2 of the square", lambda: _mse_no_two),
            WrongAnswer("has a sign error: y - prediction", lambda: _mse_sign),
            WrongAnswer("forgets the factor x in grad_w", lambda: _mse_no_x),
            WrongAnswer("returns (grad_b, grad_w)", lambda: _mse_swapped),
        ),
    ),
    Task(
        id="07.minibatches", title="one epoch of shuffled mini-batches (x_batch, y_batch)", points=3,
        answer_name="minibatches", make_cases=_minibatches_cases, run=_run_minibatches, judge=_judge_minibatches,
        diagnose=_diagnose_minibatches,
        reference=minibatches,
        hint="Shuffle positions, not the data: one permutation of the n positions from rng per call, cut into consecutive "
             "slices of batch_size (the last one may be shorter); index x and y with the same slice.",
        wrong_answers=(
            WrongAnswer("drops the last partial batch (n // batch_size batches)", lambda: _batches_drop_last),
            WrongAnswer("stops early: range(0, n - batch_size, batch_size)", lambda: _batches_range_stop_early),
            WrongAnswer("does not shuffle", lambda: _batches_no_shuffle),
            WrongAnswer("shuffles x and y with two different permutations", lambda: _batches_two_permutations),
            WrongAnswer("draws samples with replacement (rng.integers)", lambda: _batches_with_replacement),
            WrongAnswer("yields overlapping windows (step 1)", lambda: _batches_overlapping),
            WrongAnswer("ignores rng and uses a generator with a fixed seed", lambda: _batches_fixed_seed),
            WrongAnswer("ignores rng and shuffles with np.random", lambda: _batches_global_random),
            WrongAnswer("shuffles the caller's x and y in place", lambda: _batches_shuffle_in_place),
        ),
    ),
    function_task(
        "07.momentum_step", "one step of gradient descent with momentum (Keras's convention)", 2,
        reference=momentum_step, cases=_momentum_cases, returns=("w", "velocity"),
        hint="velocity = beta·velocity - learning_rate·grad, then w = w + velocity (the new velocity); return (w, velocity) "
             "as new arrays.",
        atol=1e-9, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("moves w with the old velocity", lambda: _momentum_old_velocity),
            WrongAnswer("has a sign error: + learning_rate·grad", lambda: _momentum_sign),
            WrongAnswer("forgets the velocity (no memory)", lambda: _momentum_no_beta),
            WrongAnswer("weights the gradient by (1 - beta)", lambda: _momentum_one_minus_beta),
            WrongAnswer("updates w and velocity in place", lambda: _momentum_in_place),
        ),
    ),
    function_task(
        "07.adam_step", "one Adam step with bias correction", 3,
        reference=adam_step, cases=_adam_cases, returns=("w", "m", "v"),
        hint="m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; m̂ = m / (1 - β₁**t); v̂ = v / (1 - β₂**t); "
             "w = w - η·m̂ / (√v̂ + ε); return (w, m, v).",
        atol=1e-12, rtol=1e-7,
        wrong_answers=(
            WrongAnswer("has no bias correction", lambda: _adam_no_correction),
            WrongAnswer("averages g instead of g² in v", lambda: _adam_v_of_g),
            WrongAnswer("puts ε inside the square root", lambda: _adam_epsilon_inside),
            WrongAnswer("corrects the bias with t - 1", lambda: _adam_t_minus_one),
            WrongAnswer("corrects the bias with t + 1", lambda: _adam_t_plus_one),
            WrongAnswer("has a sign error: w + step", lambda: _adam_sign),
            WrongAnswer("uses (1 - β) on the old average and β on the gradient", lambda: _adam_betas_swapped),
            WrongAnswer("updates m and v in place", lambda: _adam_in_place),
        ),
    ),
]
