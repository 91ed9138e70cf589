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


# Shared by the tasks that average over every entry: a loss that must not grow with the batch.
_AVERAGE_EVERY_ENTRY = "Average over every entry of the batch, not over one axis only, and do not sum: the loss must not grow with the number of examples or outputs."


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


# --- 04.cross_entropy_from_logits --------------------------------------------

def _far_below(rng, rows: int = 2, classes: int = 4):
    """Rows whose true class has a logit 150 to 250 below another class's: a softmax in float64 gives it about
    e^-200, which the probability path clips to 1e-7 (a loss of 16.1) and which underflows to 0 in float32."""
    labels = rng.integers(0, classes, rows)
    logits = rng.normal(size=(rows, classes))
    for row, label in enumerate(labels):
        logits[row, (label + rng.integers(1, classes)) % classes] += rng.uniform(150.0, 250.0)
    return labels, logits


def _logits_cases(rng):
    return [
        Case("4 examples, 3 classes, small logits", (rng.integers(0, 3, 4), rng.normal(size=(4, 3))),
             hint="Each example costs the log-sum-exp of its row of logits minus the logit of its true class; the batch's "
                  "loss is the mean of those costs over the examples."),
        Case("large logits around 800 (their exponentials overflow)", (rng.integers(0, 3, 3), rng.uniform(795.0, 805.0, (3, 3))),
             hint="The exponential of a logit near 800 overflows. Shift each row by its own largest logit before "
                  "exponentiating, and add that largest logit back after the log (lesson 04, section 6)."),
        Case("a true class 150 to 250 below another (confidently wrong)", _far_below(rng),
             hint="Going through probabilities loses this example: its true class's probability is far below 1e-7, clipped or "
                  "zero. From the logits, the loss is close to the gap between the largest logit and the true class's."),
        Case("rows on very different scales (-800 and +800)",
             (rng.integers(0, 3, 2), np.array([[-800.0], [800.0]]) + rng.normal(size=(2, 3))),
             hint="Shift each row by its own largest logit, not by the largest of the whole batch: a row far below the "
                  "batch's largest logit would underflow to a log of zero."),
        Case("a batch of one example, 6 classes", (rng.integers(0, 6, 1), rng.normal(scale=3.0, size=(1, 6))),
             hint="Labels are class ids (integers), one per example: pick each row's logit at its label, not a one-hot sum. "
                  "A batch of one still gives one number."),
    ]


# --- 04.binary_cross_entropy_from_logits -------------------------------------

def _bce_logits_cases(rng):
    huge = rng.uniform(750.0, 850.0, 4) * np.array([1.0, -1.0, 1.0, -1.0])
    order = rng.permutation(4)
    return [
        Case("6 labels with logits between -3 and 3", (rng.permutation([1.0, 1.0, 1.0, 0.0, 0.0, 0.0]), rng.uniform(-3.0, 3.0, 6)),
             hint="For a label 1 the loss is minus the log of the sigmoid of the logit; for a label 0, minus the log of one minus "
                  "it. Average over every entry."),
        Case("logits of about +-800, right and wrong", (np.array([1.0, 0.0, 0.0, 1.0])[order], huge[order]),
             hint="Both the sigmoid and the exponential overflow or round to exactly 0 or 1 at logits this large. Rewrite the "
                  "loss so that every exponent is zero or negative: it then needs no probability at all."),
        Case("a (3, 4) batch of 2-D labels", (rng.integers(0, 2, size=(3, 4)).astype(float), rng.normal(scale=4.0, size=(3, 4))),
             hint=_AVERAGE_EVERY_ENTRY),
        Case("only labels 0, logits from 20 to 60 (confidently wrong)", (np.zeros(3), rng.uniform(20.0, 60.0, 3)),
             hint="A label 0 with a large positive logit costs about the logit itself: a result stuck near 16 is the clipped "
                  "probability path, which this task must avoid."),
    ]


# --- 04.huber ----------------------------------------------------------------

def _delta(rng) -> float:
    """A Huber threshold between 0.3 and 3, rounded to 2 decimals, never Keras's default 1."""
    while (delta := round(float(rng.uniform(0.3, 3.0)), 2)) == 1.0:
        pass
    return delta


def _errors(rng, size: int, low: float, high: float) -> np.ndarray:
    """`size` errors of random signs whose sizes lie between `low` and `high`."""
    return rng.uniform(low, high, size) * rng.choice([-1.0, 1.0], size)


def _huber_cases(rng):
    deltas = [_delta(rng) for _ in range(4)]
    y_small, y_large, y_mixed = (_round(rng.uniform(-3.0, 3.0, n)) for n in (5, 4, 6))
    mixed = np.concatenate([_errors(rng, 3, 0.1, 0.9), _errors(rng, 3, 1.1, 3.0)]) * deltas[2]
    return [
        Case(f"errors below delta = {deltas[0]}", (y_small, y_small + _errors(rng, 5, 0.1, 0.9) * deltas[0], deltas[0]),
             hint="Where an error is no larger than delta, the Huber loss is half the squared error: mind the one half."),
        Case(f"errors above delta = {deltas[1]}", (y_large, y_large + _errors(rng, 4, 1.5, 4.0) * deltas[1], deltas[1]),
             hint="Where an error is larger than delta, the loss grows linearly: delta times the size of the error, minus half "
                  "of delta squared, so that both pieces meet at delta."),
        Case(f"both kinds of error, delta = {deltas[2]}", (y_mixed, y_mixed + rng.permutation(mixed), deltas[2]),
             hint="Choose the piece for each entry on its own, by the size of its error (its absolute value) compared with "
                  "delta, and use the delta you are given."),
        Case(f"a (4, 3) batch, delta = {deltas[3]}", (rng.normal(size=(4, 3)), rng.normal(scale=2.0, size=(4, 3)), deltas[3]),
             hint=_AVERAGE_EVERY_ENTRY),
    ]


TASKS = [
    function_task(
        "04.categorical_cross_entropy", "categorical cross-entropy of one-hot rows, averaged over the batch", 2,
        answer_name="categorical_cross_entropy", cases=_cce_cases,
        hint="Clip the probabilities first; each row (example) costs minus the natural log of the probability of its true "
             "class; average those costs over the rows.",
        more_hints=(
            "Lesson 04, section 3: with one-hot labels, summing the labels times the log-probabilities over a row's classes "
            "keeps only the true class. Clip into the interval from 1e-7 to 1 - 1e-7 first, as Keras does.",
            "Shapes: labels and probabilities are (n, k). Sum over the k classes of each row, which leaves n losses, then "
            "take their mean; a mean over all entries would divide by k too. Keep the minus sign.",
        ),
    ),
    function_task(
        "04.cross_entropy_from_logits", "cross-entropy of a batch from logits and class ids, with log-sum-exp", 3,
        answer_name="cross_entropy_from_logits", cases=_logits_cases, forbids_overflow=True,
        hint="Each example costs the log-sum-exp of its row of logits minus its true class's logit; shift each row by its "
             "largest logit so that no exponential overflows, and average over the examples.",
        more_hints=(
            "Lesson 04, section 6 computes this for one example. For a batch, take each row's largest logit (keeping the "
            "axis), the log of the sum of the shifted exponentials of the row, and add the largest logit back.",
            "Pick each row's true-class logit by its label with integer indexing (one row index and one label per example); "
            "never compute a softmax probability and its log, which loses the confidently wrong examples.",
        ),
    ),
    function_task(
        "04.binary_cross_entropy_from_logits", "binary cross-entropy from logits, without overflow, averaged over every entry", 3,
        answer_name="binary_cross_entropy_from_logits", cases=_bce_logits_cases, forbids_overflow=True,
        hint="Write minus the log of the sigmoid, and minus the log of one minus the sigmoid, in terms of the logit itself, "
             "so that no exponent is positive and no probability is needed.",
        more_hints=(
            "Minus the log of the sigmoid of z is the log of one plus the exponential of minus z (the softplus of minus z), "
            "and minus the log of one minus the sigmoid of z is the softplus of z. Both differ by z.",
            "The softplus of z equals the larger of z and zero, plus the log of one plus the exponential of minus the "
            "absolute value of z: that exponent is never positive. Average over every entry of the batch.",
        ),
    ),
    function_task(
        "04.huber", "the Huber loss with threshold delta, averaged over every entry", 2, answer_name="huber",
        cases=_huber_cases,
        hint="The Huber loss is quadratic for small errors and linear for large ones: half the squared error up to delta, "
             "then a straight line that meets it at delta. Average over every entry.",
        more_hints=(
            "For an error of size a: if a is at most delta, the cost is one half of a squared; otherwise it is delta times a, "
            "minus one half of delta squared. Decide entry by entry.",
            "Keras's own Huber loss (with the delta you are given, not its default) gives the same number: compare with it "
            "on the task's example.",
        ),
    ),
]
