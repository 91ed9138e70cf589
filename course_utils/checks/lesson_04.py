"""Checks of exercise 04: loss functions (cases, judges and hints; the answers live with the instructor).

Every task follows the Keras convention its text states (the same number as
`keras.losses`' class), and accepts a float, a NumPy scalar or a 0-d
TensorFlow tensor, in float64 or float32.
"""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _softmax_rows(logits):
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def _one_hot(labels, classes):
    return np.eye(classes)[labels]


def _round(values, decimals: int = 2):
    """Round drawn values so that small cases read well (as floats)."""
    return np.round(np.asarray(values, dtype=np.float64), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def _cancelling_errors(rng, size: int = 6):
    """Targets and predictions whose errors are +1 and -1, as many of each (their plain mean is 0)."""
    y_true = _round(rng.uniform(-3.0, 3.0, size))
    return y_true, y_true + rng.permutation(np.repeat([1.0, -1.0], size // 2))


def _one_pair(rng):
    """A batch of one: a target and a prediction whose error is 1.5 to 4 in size, of either sign."""
    y_true = float(_round(rng.uniform(-4.0, 4.0), 1))
    y_pred = float(_round(y_true + rng.uniform(1.5, 4.0) * rng.choice([-1.0, 1.0]), 1))
    return np.array([y_true]), np.array([y_pred])


# Shared by the four tasks: a loss that must not grow with the batch.
_AVERAGE_EVERY_ENTRY = "Average over every entry of the batch, not over one axis only, and do not sum: the loss must not grow with the number of examples or outputs."


# --- 04.mse ------------------------------------------------------------------

def _mse_cases(rng):
    outlier_errors = np.concatenate([_round(rng.uniform(0.2, 2.5, 3) * rng.choice([-1.0, 1.0], 3)), [rng.choice([-10.0, 10.0])]])
    outlier_true = _round(rng.uniform(-3.0, 3.0, 4))
    perfect = _round(rng.normal(size=(1, 2)))
    return [
        Case("errors of +1 and -1 that cancel out", _cancelling_errors(rng),
             hint="Square each error before averaging: an error of -1 costs as much as one of +1, so they must not cancel out."),
        Case("a (6, 3) batch of 2-D targets", (rng.normal(size=(6, 3)), rng.normal(size=(6, 3))), hint=_AVERAGE_EVERY_ENTRY),
        Case("large errors, one of them an outlier of 10", (outlier_true, outlier_true + rng.permutation(outlier_errors)),
             hint="Keep the squares as they are, with no square root at the end: an error of 10 costs a hundred times more than an error of 1."),
        Case("a batch of one prediction", _one_pair(rng),
             hint="A batch of one still gives one number: the squared error of that one prediction."),
        Case("a perfect prediction (loss 0)", (perfect, perfect.copy()),
             hint="When every prediction equals its target, every error and so the loss is exactly 0."),
    ]


# --- 04.mae ------------------------------------------------------------------

def _mae_cases(rng):
    small_true = _round(rng.uniform(-1.0, 1.0, 4))
    small_errors = _round(rng.uniform(0.1, 0.9, 4)) * rng.permutation([1.0, 1.0, -1.0, -1.0])
    return [
        Case("errors of +1 and -1 that cancel out", _cancelling_errors(rng, 4),
             hint="Take the absolute value of each error before averaging: errors of opposite signs must not cancel out."),
        Case("small errors, below 1", (small_true, small_true + small_errors),
             hint="Use the size of each error as it is, not its square: below 1, a square is smaller than the error itself."),
        Case("a (5, 4) batch of 2-D targets, predicted too low on average", _too_low_batch(rng), hint=_AVERAGE_EVERY_ENTRY),
        Case("a batch of one prediction", _one_pair(rng),
             hint="A batch of one still gives one number: the absolute error of that one prediction."),
    ]


def _too_low_batch(rng) -> tuple:
    """A (5, 4) batch whose errors have both signs and a negative mean (drawn between -0.8 and -0.2)."""
    y_true = rng.normal(size=(5, 4))
    errors = rng.normal(size=(5, 4))
    return y_true, y_true + errors - errors.mean() + rng.uniform(-0.8, -0.2)


# --- 04.binary_cross_entropy -------------------------------------------------

# The probabilities of exactly 0 and 1 the check tries, with their labels: confidently right for either label, and
# confidently wrong for label 1. A label 0 with a prediction of exactly 1 is not tried: in float32, 1 - 1e-7 rounds to
# 1 - 1.19e-7, so a float32 answer (Keras's own class) would differ there from a float64 one, both being right.
_EXACT_LABELS, _EXACT_PREDICTIONS = np.array([1.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0])


def _bce_cases(rng):
    extra_true, extra_p = rng.permutation([0.0, 1.0, 1.0]), _round(rng.uniform(0.1, 0.9, 3))
    order = rng.permutation(6)
    p_one = float(_round(rng.uniform(0.05, 0.45)))
    return [
        Case("6 labels with probabilities between 0.1 and 0.9",
             (rng.permutation([1.0, 1.0, 1.0, 0.0, 0.0, 0.0]), _round(rng.uniform(0.1, 0.9, 6))),
             hint="The loss is positive: each entry costs minus the log of the probability it gives to its true label."),
        Case("only negative labels (y = 0)", (np.zeros(4), _round(rng.uniform(0.05, 0.95, 4))),
             hint="A label 0 costs minus the log of 1 - p: keep the term of the labels 0 as well as the term of the labels 1."),
        Case("predictions of exactly 0 and 1, right and wrong",
             (np.concatenate([_EXACT_LABELS, extra_true])[order], np.concatenate([_EXACT_PREDICTIONS, extra_p])[order]),
             hint="The log of 0 is minus infinity, and 0 times it is nan: clip p into the interval from 1e-7 to 1 - 1e-7 before "
                  "taking any log, as Keras does (not a smaller epsilon)."),
        Case("a (3, 4) batch of 2-D labels", (rng.integers(0, 2, size=(3, 4)).astype(float), rng.uniform(0.05, 0.95, size=(3, 4))),
             hint=_AVERAGE_EVERY_ENTRY),
        Case(f"a batch of one: y = 1, p = {p_one}", (np.array([1.0]), np.array([p_one])),
             hint="Use the natural logarithm (base e), not the logarithm base 10 or 2."),
    ]


# --- 04.categorical_cross_entropy --------------------------------------------

def _exact_probabilities(rng, classes: int = 3):
    """3 one-hot rows whose probabilities hold exact 0s and 1s: one certain and right, one certain and wrong,
    one with a 0 on a class that is not the true one (and the true class in between)."""
    labels = rng.integers(0, classes, 3)
    right = _one_hot(labels[0], classes)
    wrong = _one_hot((labels[1] + rng.integers(1, classes)) % classes, classes)
    mixed = _softmax_rows(rng.normal(size=classes))
    mixed[(labels[2] + rng.integers(1, classes)) % classes] = 0.0
    order = rng.permutation(3)
    return _one_hot(labels, classes)[order], np.stack([right, wrong, mixed / mixed.sum()])[order]


def _confident_rows(rng, rows: int = 2, classes: int = 4):
    """One-hot rows whose predictions give the true class 0.6 to 0.9 and share the rest at random among the others."""
    labels = rng.integers(0, classes, rows)
    p_true = rng.uniform(0.6, 0.9, rows)
    probabilities = rng.dirichlet(np.ones(classes - 1), rows) * (1.0 - p_true)[:, None]
    probabilities = np.stack([np.insert(row, label, p) for row, label, p in zip(probabilities, labels, p_true)])
    return _one_hot(labels, classes), probabilities


def _cce_cases(rng):
    return [
        Case("4 examples, 3 classes", (_one_hot(rng.integers(0, 3, 4), 3), _softmax_rows(rng.normal(size=(4, 3)))),
             hint="Each example's loss is a sum over its classes; the batch's loss is the mean of those losses over the examples."),
        Case("a batch of one example, 5 classes", (_one_hot(rng.integers(0, 5, 1), 5), _softmax_rows(rng.normal(size=(1, 5)))),
             hint="For one example the loss is minus the log of the probability of its true class: a sum over the classes, not a mean."),
        Case("6 examples, 10 classes", (_one_hot(rng.integers(0, 10, size=6), 10), _softmax_rows(rng.normal(scale=2.0, size=(6, 10)))),
             hint="Average over the examples only (one loss per row), neither over every entry of the array nor a sum over the batch; "
                  "use the natural logarithm."),
        Case("probabilities of exactly 0 and 1", _exact_probabilities(rng),
             hint="The log of 0 is minus infinity, and 0 times it is nan: clip the probabilities into the interval from 1e-7 "
                  "to 1 - 1e-7 before taking the log, as Keras does."),
        Case("2 confident examples, 4 classes", _confident_rows(rng),
             hint="The loss is positive: minus the log of the probability of the true class. Keep the minus sign."),
    ]


TASKS = [
    function_task(
        "04.mse", "mean squared error over every entry, as one number", 2, answer_name="mse", cases=_mse_cases,
        hint="Square each error (prediction minus target), then average the squares over every entry.",
        more_hints=(
            "Lesson 04, section 1: the error of one entry is its prediction minus its target; MSE averages the squared "
            "errors over all entries, whatever the shape: a mean, not a sum, and no square root at the end.",
            "The usual slips: averaging over one axis only (a 2-D batch then gives one number per output), or summing. "
            "Check your function on the task's example, then on a 2-D batch: it must return a single number.",
        ),
    ),
    function_task(
        "04.mae", "mean absolute error over every entry, as one number", 2, answer_name="mae", cases=_mae_cases,
        hint="Take each error's absolute value (prediction minus target, without its sign), then average over every entry.",
        more_hints=(
            "Lesson 04, section 1: MAE averages the absolute errors over all entries: errors of opposite signs must not "
            "cancel out, and an error of 0.5 costs 0.5, not its square.",
            "The usual slips: taking the absolute value of the mean error instead of the mean of the absolute errors, "
            "averaging over one axis only, or summing. The result is one number for any shape of batch.",
        ),
    ),
    function_task(
        "04.binary_cross_entropy", "binary cross-entropy averaged over every entry, p clipped to [1e-7, 1 - 1e-7]", 3,
        answer_name="binary_cross_entropy", cases=_bce_cases,
        hint="Clip the probabilities first, then each entry costs minus the natural log of the probability it gives to its "
             "true label; average those costs over every entry.",
        more_hints=(
            "Lesson 04, section 3: clip p into the interval from 1e-7 to 1 - 1e-7 (the epsilon of Keras), so that no log "
            "of 0 happens; a label 1 costs minus the log of p, a label 0 minus the log of 1 - p.",
            "Write it as one weighted sum per entry: the label times the log of p, plus one minus the label times the log "
            "of 1 - p. Negate it, and take the mean over all entries (a 2-D batch too) with the natural logarithm.",
        ),
    ),
    function_task(
        "04.categorical_cross_entropy", "categorical cross-entropy of one-hot rows, averaged over the batch", 3,
        answer_name="categorical_cross_entropy", cases=_cce_cases,
        hint="Clip the probabilities first; each row (example) costs minus the natural log of the probability of its true "
             "class; average those costs over the rows.",
        more_hints=(
            "Lesson 04, section 3: with one-hot labels, summing the labels times the log-probabilities over a row's classes "
            "keeps only the true class. Clip into the interval from 1e-7 to 1 - 1e-7 first, as in task 3.",
            "Shapes: labels and probabilities are (n, k). Sum over the k classes of each row, which leaves n losses, then "
            "take their mean; a mean over all entries would divide by k too. Keep the minus sign.",
        ),
    ),
]
