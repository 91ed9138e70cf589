"""Checks of exercise 07: gradient descent (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import copy

import numpy as np

from ..grading.builders import function_task
from ..grading.produce import WrongAnswerType
from ..grading.tasks import Case, Task


def _rounded(rng, low: float, high: float, decimals: int) -> float:
    """A number drawn uniformly from [low, high), rounded to `decimals` (it appears in a case's name)."""
    return round(float(rng.uniform(low, high)), decimals)


# --- 07.mse_gradient -------------------------------------------------------

def _on_grid(values, step: float) -> np.ndarray:
    """`values` rounded to multiples of `step` (a power of 2), so that a float32 answer computes the gradient exactly
    up to its last division (the 1e-7 relative tolerance is near float32's own precision)."""
    return np.round(np.asarray(values, dtype=np.float64) / step) * step


def _quarters(rng, low: int, high: int) -> float:
    """A multiple of 0.25 from low/4 to high/4 (shown in a case's name)."""
    return float(rng.integers(low, high + 1)) / 4


def _mse_gradient_cases(rng):
    w_high, b_high = _quarters(rng, 4, 8), _quarters(rng, 1, 4)
    x_5 = np.sort(rng.integers(0, 33, size=5) / 8)
    y_5 = w_high * x_5 + b_high - rng.integers(2, 25, size=5) / 16  # every point below the line
    w_far, b_far = -_quarters(rng, 2, 8), _quarters(rng, 8, 16)
    x_many = rng.integers(0, 65, size=50) / 16
    y_many = _on_grid(rng.uniform(1.5, 2.5) * x_many - rng.uniform(0.5, 1.5) + rng.normal(0.0, 0.5, size=50), 1 / 32)
    x_wide = rng.integers(80, 145, size=20) / 16
    y_wide = _on_grid(rng.uniform(-1.0, -0.3) * x_wide + rng.uniform(2.0, 4.0) + rng.normal(0.0, 0.2, size=20), 1 / 32)
    w_one, b_one, x_one = _quarters(rng, 4, 12), _quarters(rng, -4, 8), float(rng.integers(12, 33)) / 8
    y_one = w_one * x_one + b_one + rng.choice([-1.0, 1.0]) * _quarters(rng, 2, 12)  # never on the line
    return [
        Case(f"5 points, a line that predicts too high (w = {w_high}, b = {b_high})", (w_high, b_high, x_5, y_5),
             hint="The residual is the prediction minus the target, not the reverse, and the square brings a factor 2: the "
                  "gradient points uphill, so a line that is too high everywhere gets positive gradients."),
        Case(f"50 points, the line starts far from the fit (w = {w_far}, b = {b_far})", (w_far, b_far, x_many, y_many),
             hint="L is a mean: divide the sum by the number of points n, or the gradient grows with the data set."),
        Case("20 points with x between 5 and 9 (x multiplies only grad_w)",
             (_quarters(rng, 1, 3), -_quarters(rng, 4, 12), x_wide, y_wide),
             hint="Only the weight's derivative has the factor x (the bias's has none), and the tuple is (grad_w, grad_b), "
                  "in that order."),
        Case("a single point (n = 1)", (w_one, b_one, np.array([x_one]), np.array([y_one])),
             hint="With one point, L is the square of a single residual: differentiate it with the chain rule, once with "
                  "respect to w (which brings in that point's x) and once with respect to b."),
    ]


# --- 07.minibatches --------------------------------------------------------

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
    xs, ys, sizes = [np.empty((0, *x.shape[1:]))], [np.empty((0, *y.shape[1:]))], []  # no batches at all: every sample is missing
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
    "dropped": "Some samples never appear: keep the last, smaller batch. Walk through all n positions in steps of batch_size "
               "until none is left; counting only the whole batches, or stopping one batch early, leaves the last samples out.",
    "repeated": "Some samples appear more than once, others not at all: cut one permutation of the positions into consecutive "
                "slices that do not overlap, stepping by batch_size; positions drawn at random one by one (with "
                "replacement) repeat samples.",
    "pairs": "Index x and y with the same shuffled positions, so each row keeps its label; shuffling x and y separately "
             "breaks the pairs.",
    "sizes": "Every batch holds batch_size samples except the last, which holds what is left over (at least one).",
    "unshuffled": "Shuffle first: draw the order of the positions from the rng you are given, then cut that order into batches.",
    "same_order": "Draw a new order from the rng argument on every call; a generator created inside your function with a "
                  "fixed seed gives the same order every epoch.",
    "not_from_rng": "Use only the rng you are given for shuffling, not NumPy's global random functions or a generator of "
                    "your own, so that a seeded rng makes the epochs reproducible.",
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
    got_x = np.asarray(epoch["x"], dtype=np.float64)
    got_x = got_x.reshape(len(got_x), int(np.prod(got_x.shape[1:], dtype=np.int64)))  # no -1: an epoch may have no rows
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


def _judge_minibatches(case: Case, value, expected) -> "str | None":  # noqa: ARG001 (properties only: no expected value)
    """What is wrong with the learner's epoch(s), or None (see `_minibatch_problem`)."""
    problem = _minibatch_problem(case, value)
    return problem[1] if problem else None


def _diagnose_minibatches(case: Case, value, expected) -> "str | None":  # noqa: ARG001 (properties only: no expected value)
    """The `MINIBATCH_HINTS` entry for the kind of problem found, or None for the case's own hint."""
    problem = _minibatch_problem(case, value)
    return MINIBATCH_HINTS.get(problem[0]) if problem else None


def _shuffling_generator(rng) -> np.random.Generator:
    """The generator a case hands to the learner's function, seeded from `rng` (never 0, which a known mistake hard-codes)."""
    return np.random.default_rng(int(rng.integers(1, 2**32)))


def _line_targets(rng, x: np.ndarray) -> np.ndarray:
    """Targets a·x + c with a drawn slope and intercept (distinct targets for distinct x)."""
    return _rounded(rng, 0.5, 3.0, 1) * rng.choice([-1.0, 1.0]) * x + _rounded(rng, -2.0, 2.0, 1)


def _minibatches_cases(rng):
    # Every x is drawn, so its rows are distinct (the judge finds each sample by its row); every n is at least 10.
    size_even = int(rng.integers(4, 7))
    n_even = size_even * int(rng.integers(3, 6))
    size_left, left = int(rng.integers(10, 21)), int(rng.integers(1, 5))
    n_left = size_left * int(rng.integers(2, 4)) + left
    n_small, size_large = int(rng.integers(12, 31)), int(rng.choice([32, 64, 128]))
    n_rows, size_rows = int(rng.integers(30, 49)), int(rng.integers(6, 11))
    n_one = int(rng.integers(10, 21))
    x_even, x_left, x_small = rng.normal(size=n_even), rng.normal(size=n_left), rng.normal(size=n_small)
    x_rows, x_one = rng.normal(size=(n_rows, 3)), rng.normal(size=n_one)
    x_epochs, x_twins = rng.normal(size=int(rng.integers(20, 41))), rng.normal(size=int(rng.integers(20, 41)))
    return [
        Case(f"{n_even} samples in batches of {size_even} (n a multiple of batch_size)",
             (x_even, _line_targets(rng, x_even), size_even, _shuffling_generator(rng)),
             hint="Shuffle once per call with the generator you are given, then cut the shuffled positions into consecutive "
                  "slices that do not overlap, one every batch_size positions."),
        Case(f"{n_left} samples in batches of {size_left} (the last batch holds the {left} left over)",
             (x_left, x_left ** 2 + _rounded(rng, -1.0, 1.0, 1), size_left, _shuffling_generator(rng)),
             hint="Keep the last, smaller batch: a batch starts every batch_size positions until the data runs out; "
                  "counting only the whole batches drops the samples left over."),
        Case(f"batch_size {size_large}, larger than the {n_small} samples (one batch holds them all)",
             (x_small, _line_targets(rng, x_small), size_large, _shuffling_generator(rng)),
             hint="When batch_size is larger than len(x), the only batch is the whole shuffled data set; a slice past "
                  "the end of an array simply stops at its end."),
        Case(f"x of shape ({n_rows}, 3) with integer labels y, batches of {size_rows}",
             (x_rows, rng.integers(0, 3, size=n_rows), size_rows, _shuffling_generator(rng)),
             hint="Each row of x is one sample: pick whole rows, and index x and y with the same shuffled positions so "
                  "each row keeps its label."),
        Case(f"batch_size 1 (stochastic gradient descent), {n_one} samples",
             (x_one, _line_targets(rng, x_one), 1, _shuffling_generator(rng)),
             hint=f"With batch_size 1 every sample is a batch of its own: {n_one} samples give {n_one} batches of one, "
                  "in shuffled order, each sample exactly once."),
        Case("two epochs from the same generator (they must be shuffled differently)",
             (x_epochs, _line_targets(rng, x_epochs), int(rng.integers(5, 10)), _shuffling_generator(rng)),
             data={"two_epochs": True},
             hint=MINIBATCH_HINTS["same_order"]),
        Case("two generators in the same state (the same order is expected)",
             (x_twins, _line_targets(rng, x_twins), int(rng.integers(5, 13)), _shuffling_generator(rng)),
             data={"twin_generators": True},
             hint=MINIBATCH_HINTS["not_from_rng"]),
    ]


# --- 07.momentum_step ------------------------------------------------------

def _momentum_cases(rng):
    lr_first, beta_first = _rounded(rng, 0.05, 0.3, 2), _rounded(rng, 0.8, 0.95, 2)
    shape = (int(rng.integers(2, 4)), int(rng.integers(2, 4)))
    lr_matrix, beta_matrix = _rounded(rng, 0.01, 0.1, 2), _rounded(rng, 0.85, 0.95, 2)
    lr_small, beta_small = _rounded(rng, 0.0005, 0.002, 4), _rounded(rng, 0.7, 0.85, 2)
    return [
        Case(f"the first step: 3 weights, zero velocity, η = {lr_first}, β = {beta_first}",
             (rng.normal(size=3), rng.normal(size=3), np.zeros(3), lr_first, beta_first),
             hint="From zero velocity the first step is a plain gradient-descent step: the new velocity is that step, and w "
                  "moves by the new velocity (downhill, against the gradient)."),
        Case(f"a {shape} weight matrix with a velocity from earlier steps, β = {beta_matrix}",
             (rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=shape), lr_matrix, beta_matrix),
             hint="First update the velocity, then move w by the NEW velocity. The old velocity is scaled by beta, and the "
                  "gradient by the learning rate alone (no one-minus-beta factor)."),
        Case(f"a small learning rate ({lr_small}) with a large velocity, β = {beta_small}",
             (rng.normal(size=4), rng.normal(size=4), 5.0 * rng.normal(size=4), lr_small, beta_small),
             hint="The velocity is the memory of past steps: keep the scaled old velocity in the new one, even when the "
                  "gradient term is small."),
        Case("β = 0: momentum reduces to plain gradient descent",
             (rng.normal(size=5), rng.normal(size=5), rng.normal(size=5), _rounded(rng, 0.05, 0.5, 2), 0.0),
             hint="With beta 0 momentum has no memory: the step is a plain gradient-descent step, and the new velocity is "
                  "that step."),
    ]


# --- 07.adam_step ----------------------------------------------------------

def _adam_cases(rng):
    t_later, t_tiny, t_shape = int(rng.integers(5, 31)), int(rng.integers(2, 7)), int(rng.integers(2, 9))
    grad_later = rng.normal(size=4)
    shape = (int(rng.integers(2, 4)), int(rng.integers(2, 5)))
    grad_shape = rng.normal(size=shape)
    lr_shape = _rounded(rng, 0.01, 0.1, 2)
    return [
        Case("t = 1, the first step from m = v = 0 (bias correction matters most)",
             (rng.normal(size=3), rng.normal(size=3), np.zeros(3), np.zeros(3), 1, _rounded(rng, 0.005, 0.05, 3), 0.9, 0.999, 1e-8),
             hint="At the first step the bias correction exactly undoes the averages' start from zero, so each weight moves "
                  "by about the learning rate against its gradient's sign. Correct with the step number t itself, not one "
                  "less or one more."),
        Case(f"t = {t_later} with running averages m and v from earlier steps",
             (rng.normal(size=4), grad_later, rng.uniform(0.3, 0.7, size=4) * grad_later,
              rng.uniform(0.5, 1.0, size=4) * grad_later ** 2, t_later, _rounded(rng, 0.0005, 0.005, 4), 0.9, 0.999, 1e-8),
             hint="Each new average keeps a beta share of the old one and adds a one-minus-beta share of the new gradient "
                  "(of its square, for v). Return the new m and v before bias correction."),
        Case(f"tiny gradients (about 1e-6), where ε matters, t = {t_tiny}",
             (rng.normal(size=3), 1e-6 * rng.normal(size=3), 1e-6 * rng.normal(size=3), 1e-12 * rng.uniform(0.5, 1.5, size=3),
              t_tiny, _rounded(rng, 0.005, 0.05, 3), 0.9, 0.999, 1e-7),
             hint="ε is added after the square root of the corrected v, as it is, not inside the root and not scaled by the "
                  "bias correction; with tiny gradients the place of ε changes the step completely."),
        Case(f"{shape} arrays, t = {t_shape}, learning rate {lr_shape}",
             (rng.normal(size=shape), grad_shape, rng.uniform(0.1, 0.5, size=shape) * grad_shape,
              rng.uniform(0.3, 0.8, size=shape) * grad_shape ** 2, t_shape, lr_shape,
              _rounded(rng, 0.7, 0.85, 2), _rounded(rng, 0.98, 0.995, 3), 1e-8),
             hint="Everything is element-wise and keeps the shape of w; the step is taken away from w, against the gradient."),
    ]


TASKS = [
    function_task(
        "07.mse_gradient", "the gradient (grad_w, grad_b) of the mean squared error of a line w·x + b", 2,
        answer_name="mse_gradient", cases=_mse_gradient_cases, returns=("grad_w", "grad_b"),
        hint="The task text writes both derivatives out: compute every point's residual once, the prediction minus the "
             "target, and build both gradients from the residuals. Return (grad_w, grad_b).",
        more_hints=(
            "Lesson 07, section 1 derives both derivatives with the chain rule: the square brings a factor 2 and the "
            "residual, the mean an average over the points, and only the weight's derivative brings in each point's x.",
            "Try the task's example by hand (its residuals are minus 2 and minus 1) and compare with your function: if only "
            "grad_b is right, look at the factor x in grad_w; if both are off by the same factor, look at the 2 and the "
            "average. Return two numbers, grad_w first.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    Task(
        id="07.minibatches", title="one epoch of shuffled mini-batches (x_batch, y_batch)", points=3,
        answer_name="minibatches", make_cases=_minibatches_cases, run=_run_minibatches, judge=_judge_minibatches,
        diagnose=_diagnose_minibatches, compares=False,
        hint="Shuffle positions, not the data: one permutation of the n positions from rng per call, cut into consecutive "
             "slices of batch_size (the last one may be shorter); index x and y with the same slice.",
        more_hints=(
            "Lesson 07, section 2: an epoch visits every sample once. At the start of each call draw the shuffled order of "
            "the positions 0 to n - 1 from rng (the generator's permutation method does it), then take the positions "
            "batch_size at a time, the last batch taking whatever is left, and yield x and y at those positions.",
            "Run the cell under the task: every epoch must list each of the ten numbers once, in batches of sizes 4, 4 "
            "and 2, in a new order each epoch, with every pair kept. The check also calls your function twice with two "
            "generators in the same state and expects the same order both times.",
        ),
    ),
    function_task(
        "07.momentum_step", "one step of gradient descent with momentum (Keras's convention)", 2,
        answer_name="momentum_step", cases=_momentum_cases, returns=("w", "velocity"),
        hint="Update the velocity first, as the task text writes it (Keras's convention), then move w by the NEW velocity; "
             "return (w, velocity) as new arrays.",
        more_hints=(
            "Lesson 07, section 4, in Keras's convention: the velocity itself is the step (it already holds the minus sign "
            "and the learning rate), so w simply adds the new velocity. Compute both into new arrays; do not update "
            "velocity or w in place.",
            "Try the task's example by hand: with a zero velocity the new velocity is a plain gradient-descent step; with "
            "beta 0 it is that step again, whatever the old velocity. Only the old velocity is scaled by beta.",
        ),
        atol=1e-9, rtol=1e-7,
    ),
    function_task(
        "07.adam_step", "one Adam step with bias correction", 3,
        answer_name="adam_step", cases=_adam_cases, returns=("w", "m", "v"),
        hint="Follow the task text's formulas in order: the two running averages, their bias corrections with the step "
             "number t, then the step on w; return w with the new averages.",
        more_hints=(
            "Lesson 07, section 4. Each correction divides an average by one minus its beta raised to the power t; only the "
            "step on w uses the corrected values, and m and v are returned uncorrected, because the next step updates "
            "them again. ε is added to the square root, outside it.",
            "Try the task's example: at t 1 the corrected averages equal the gradient and its square, so each weight moves "
            "by almost exactly the learning rate, against its gradient's sign. If w comes out right but m or v does not, "
            "look at which share of the new gradient each average takes.",
        ),
        atol=1e-12, rtol=1e-7,
    ),
]
