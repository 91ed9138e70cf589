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


# --- 07.largest_stable_rate ------------------------------------------------

def _largest_stable_rate_cases(rng):
    n_lesson, n_scales, n_centred, n_large = (int(rng.integers(30, 80)) for _ in range(4))
    scales = np.array([1.0, float(rng.uniform(5.0, 15.0)), float(rng.uniform(0.05, 0.2))])
    centred = rng.normal(scale=0.6, size=(n_centred, 2))
    centred = centred - centred.mean(axis=0)  # exactly centred columns: the bias direction decouples, with curvature 2
    low = int(rng.integers(100, 150))
    return [
        Case(f"one feature between 0 and 4, as in the lesson ({n_lesson} points)", (rng.uniform(0.0, 4.0, size=(n_lesson, 1)),),
             hint="The Hessian of the mean squared error includes the bias: add a column of ones to x for it, then take the "
                  "largest eigenvalue of the Hessian; the largest stable rate is two over it."),
        Case(f"three features on very different scales ({n_scales} points)", (rng.normal(size=(n_scales, 3)) * scales + 1.0,),
             hint="The loss is a MEAN of squares: its Hessian is two over n times the product of the design matrix's transpose "
                  "with itself. Both the two and the one over n change the answer."),
        Case(f"two centred features of small spread ({n_centred} points): the bias direction is the steepest",
             (centred,),
             hint="With centred features the bias has its own direction, and here it is the steepest one: leave out the column "
                  "of ones and the answer is too large, and a rate that large diverges."),
        Case(f"one feature between {low} and {low + 100}: large inputs, a tiny stable rate ({n_large} points)",
             (rng.uniform(low, low + 100, size=(n_large, 1)),),
             hint="The largest stable rate comes from the LARGEST eigenvalue, the steepest direction; the smallest one sets how "
                  "slowly the valley floor is crossed, not where steps start to diverge."),
    ]


# --- 07.cosine_decay -------------------------------------------------------

def _cosine_decay_cases(rng):
    decay_a, decay_b, decay_c = int(rng.integers(20, 60)), int(rng.integers(10, 30)), int(rng.integers(5, 15))
    eta_a, eta_b, eta_c, eta_d = (_rounded(rng, 0.01, 0.5, 3) for _ in range(4))
    alpha_b, alpha_c = _rounded(rng, 0.05, 0.3, 2), _rounded(rng, 0.05, 0.3, 2)
    return [
        Case(f"η₀ = {eta_a}, {decay_a} decay steps, alpha = 0, asked for {decay_a} steps", (eta_a, decay_a, 0.0, decay_a),
             hint="Step 0 gets the full initial rate; the rate then follows half a cosine wave, from the top down towards "
                  "zero: one half of one plus the cosine of pi times the fraction of the decay steps done."),
        Case(f"η₀ = {eta_b}, {decay_b} decay steps, alpha = {alpha_b}: the rate ends at alpha times η₀",
             (eta_b, decay_b, alpha_b, decay_b + 1),
             hint="alpha is a fraction of the initial rate, not a rate of its own: the decayed factor runs from one down to "
                  "alpha, and the initial rate multiplies the whole of it."),
        Case(f"η₀ = {eta_c}, {decay_c} decay steps, alpha = {alpha_c}, asked for {3 * decay_c} steps (past the end of the decay)",
             (eta_c, decay_c, alpha_c, 3 * decay_c),
             hint="After decay_steps the rate stays at its floor: clip the step at decay_steps, or the cosine climbs back up."),
        Case(f"a single step (steps = 1), η₀ = {eta_d}", (eta_d, int(rng.integers(5, 50)), _rounded(rng, 0.0, 0.5, 2), 1),
             hint="Count the steps from 0, as Keras's schedules do: the first rate is the initial rate itself, and the result "
                  "holds one rate per step."),
    ]


TASKS = [
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
        "07.largest_stable_rate", "the largest stable learning rate 2/λ_max of a linear regression's mean squared error", 4,
        answer_name="largest_stable_rate", cases=_largest_stable_rate_cases,
        hint="Build the design matrix of the model (the features and a column of ones for the bias), the Hessian of the mean "
             "squared error from it, and return two over the Hessian's largest eigenvalue.",
        more_hints=(
            "Lesson 07, section 3 does this for one feature, writing the two-by-two Hessian out. With d features the "
            "Hessian is (d + 1) by (d + 1): two over n times the design matrix's transpose times the design matrix. Its "
            "eigenvalues are all positive; a symmetric-matrix eigenvalue routine gives them in increasing order.",
            "Check with the task's example by hand, then watch the cell under the task: a rate just below your answer must "
            "converge and one just above must diverge. The usual slips: no column of ones, no factor two, no one over n, "
            "and the smallest eigenvalue instead of the largest.",
        ),
        atol=1e-12, rtol=1e-7,
    ),
    function_task(
        "07.cosine_decay", "the learning rates of a cosine decay schedule (Keras's CosineDecay), steps 0, 1, ...", 3,
        answer_name="cosine_decay", cases=_cosine_decay_cases,
        hint="For each step from 0, clip it at decay_steps, take the fraction done, turn it into half a cosine wave that "
             "falls from one to zero, lift it to a floor of alpha, and scale by the initial rate.",
        more_hints=(
            "Lesson 07, section 2 shrank SGD's rate with an inverse-time decay; a cosine decay shrinks it along half a "
            "cosine wave instead, slowly at first, fast in the middle and slowly again at the end, then stays at its floor.",
            "Write the factor for one step: one half of one plus the cosine of pi times the clipped step over decay_steps "
            "runs from one to zero; one minus alpha times it, plus alpha, runs from one to alpha. The rate is the initial "
            "rate times that factor. Keras's schedule object gives the same numbers.",
        ),
        atol=1e-12, rtol=1e-9,
    ),
]
