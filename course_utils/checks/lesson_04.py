"""Checks of exercise 04: loss functions."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case, WrongAnswer

# Keras's default epsilon: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log.
EPSILON = 1e-7



def _softmax_rows(logits):
    exps = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def _one_hot(labels, classes):
    return np.eye(classes)[labels]


# --- 04.mse ------------------------------------------------------------------

def mse(y_true, y_pred):
    """Reference: the mean of the squared errors over every entry, as one number."""
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(error ** 2))


def _mse_cases():
    rng = np.random.default_rng(401)
    return [
        Case("errors of +1 and -1 that cancel out", (np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 1.0, 4.0, 3.0])),
             hint="Square each error before averaging: an error of -1 costs as much as one of +1, they must not cancel out."),
        Case("a (6, 3) batch of 2-D targets", (rng.normal(size=(6, 3)), rng.normal(size=(6, 3))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the number of examples or outputs."),
        Case("large errors, one of them an outlier of 10", (np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.5, 3.0, 2.0, 13.0])),
             hint="Square the errors, without a square root at the end: an error of 10 costs 100, not 10."),
        Case("a batch of one prediction", (np.array([3.0]), np.array([0.5])),
             hint="A batch of one still gives one number: the squared error of that prediction, (0.5 - 3)²."),
        Case("a perfect prediction (loss 0)", (np.array([[0.2, -1.5]]), np.array([[0.2, -1.5]])),
             hint="When every prediction equals its target, every error and so the loss is exactly 0."),
    ]


# --- 04.mae ------------------------------------------------------------------

def mae(y_true, y_pred):
    """Reference: the mean of the absolute errors over every entry, as one number."""
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    return float(np.mean(np.abs(error)))


def _mae_cases():
    rng = np.random.default_rng(402)
    return [
        Case("errors of +1 and -1 that cancel out", (np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 1.0, 4.0, 3.0])),
             hint="Take the absolute value of each error before averaging: errors of opposite signs must not cancel out."),
        Case("small errors, below 1", (np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.5, -0.25, 0.75, 1.5])),
             hint="Use |error|, not error²: an error of 0.5 costs 0.5 in MAE (0.25 in MSE)."),
        Case("a (5, 4) batch of 2-D targets", (rng.normal(size=(5, 4)), rng.normal(size=(5, 4))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the number of examples or outputs."),
        Case("a batch of one prediction", (np.array([-2.0]), np.array([1.0])),
             hint="A batch of one still gives one number: the absolute error of that prediction, |1 - (-2)| = 3."),
    ]


# --- 04.binary_cross_entropy -------------------------------------------------

def binary_cross_entropy(y_true, p):
    """Reference: -mean(y log p + (1 - y) log(1 - p)), with p clipped to [1e-7, 1 - 1e-7] like Keras."""
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(p, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def _bce_cases():
    rng = np.random.default_rng(403)
    return [
        Case("6 labels with probabilities between 0.1 and 0.9",
             (np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.3, 0.1, 0.7])),
             hint="BCE = -mean(y log p + (1 - y) log(1 - p)): keep the minus sign, so that the loss is positive."),
        Case("only negative labels (y = 0)", (np.zeros(4), np.array([0.05, 0.4, 0.5, 0.8])),
             hint="For y = 0 the loss is -log(1 - p): do not forget the (1 - y) log(1 - p) term."),
        Case("predictions of exactly 0 and 1, right and wrong",
             (np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0, 1.0])),
             hint="log(0) is -inf: first clip p to [eps, 1 - eps] with eps = 1e-7 (np.clip), as Keras does; "
                  "a confidently wrong prediction then costs -log(1e-7), about 16.1."),
        Case("a (3, 4) batch of 2-D labels", (rng.integers(0, 2, size=(3, 4)).astype(float), rng.uniform(0.05, 0.95, size=(3, 4))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the batch size."),
        Case("a batch of one: y = 1, p = 0.25", (np.array([1.0]), np.array([0.25])),
             hint="Use the natural logarithm np.log (not log10 or log2): the loss here is -ln(0.25), about 1.386."),
    ]


# --- 04.categorical_cross_entropy --------------------------------------------

def categorical_cross_entropy(y_true, probabilities):
    """Reference: -sum(y log p) over the classes of each row, averaged over the rows, p clipped like Keras."""
    y = np.asarray(y_true, dtype=np.float64)
    p = np.clip(np.asarray(probabilities, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return float(np.mean(-np.sum(y * np.log(p), axis=-1)))


def _cce_cases():
    rng = np.random.default_rng(404)
    return [
        Case("4 examples, 3 classes", (_one_hot(np.array([0, 2, 1, 2]), 3), _softmax_rows(rng.normal(size=(4, 3)))),
             hint="Per example, sum -y log p over the classes (axis=-1), then average those losses over the examples."),
        Case("a batch of one example, 5 classes", (_one_hot(np.array([3]), 5), _softmax_rows(rng.normal(size=(1, 5)))),
             hint="For one example the loss is -log of the probability of its true class: a sum over the classes, not a mean."),
        Case("6 examples, 10 classes", (_one_hot(rng.integers(0, 10, size=6), 10), _softmax_rows(rng.normal(scale=2.0, size=(6, 10)))),
             hint="Average over the examples only (one loss per row), neither over all n x k entries nor a sum over the batch; "
                  "use the natural logarithm np.log."),
        Case("probabilities of exactly 0 and 1", (_one_hot(np.array([0, 1, 2]), 3),
                                                  np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])),
             hint="log(0) is -inf, and 0 * log(0) is nan: clip the probabilities to [eps, 1 - eps] with eps = 1e-7 first."),
        Case("2 confident examples, 4 classes", (_one_hot(np.array([1, 3]), 4),
                                                 np.array([[0.05, 0.8, 0.1, 0.05], [0.1, 0.1, 0.1, 0.7]])),
             hint="The loss is positive: -log p of the true class, about 0.223 for p = 0.8. Keep the minus sign."),
    ]


# --- known-wrong answers -----------------------------------------------------

def _bce_unclipped(y_true, p):
    """Known-wrong: no clipping, so log(0) gives inf or nan at p = 0 or 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def _bce_clipped(y_true, p, log=np.log, eps=EPSILON):
    p = np.clip(p, eps, 1.0 - eps)
    return y_true * log(p) + (1.0 - y_true) * log(1.0 - p)


def _cce_terms(y_true, probabilities, log=np.log):
    return y_true * log(np.clip(probabilities, EPSILON, 1.0 - EPSILON))


def _cce_unclipped(y_true, probabilities):
    """Known-wrong: no clipping, so a true class of probability 0 gives inf (and 0 * log 0 gives nan)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-np.sum(y_true * np.log(probabilities), axis=-1)))


TASKS = [
    function_task(
        "04.mse", "mean squared error over every entry, as one number", 2, reference=mse, cases=_mse_cases,
        hint="MSE = mean((y_pred - y_true)²) over every entry: square each error, then average.",
        wrong_answers=(
            WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(np.sum((p - y) ** 2))),
            WrongAnswer("forgets the square: mean(y_pred - y_true)", lambda: lambda y, p: float(np.mean(p - y))),
            WrongAnswer("takes the root (RMSE)", lambda: lambda y, p: float(np.sqrt(np.mean((p - y) ** 2)))),
            WrongAnswer("uses the absolute error (MAE)", lambda: lambda y, p: float(np.mean(np.abs(p - y)))),
        ),
    ),
    function_task(
        "04.mae", "mean absolute error over every entry, as one number", 2, reference=mae, cases=_mae_cases,
        hint="MAE = mean(|y_pred - y_true|) over every entry: take each error's absolute value, then average.",
        wrong_answers=(
            WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(np.sum(np.abs(p - y)))),
            WrongAnswer("forgets the absolute value", lambda: lambda y, p: float(np.mean(p - y))),
            WrongAnswer("squares the errors (MSE)", lambda: lambda y, p: float(np.mean((p - y) ** 2))),
            WrongAnswer("takes the absolute value of the mean error", lambda: lambda y, p: float(abs(np.mean(p - y)))),
        ),
    ),
    function_task(
        "04.binary_cross_entropy", "binary cross-entropy averaged over every entry, p clipped to [1e-7, 1 - 1e-7]", 3,
        reference=binary_cross_entropy, cases=_bce_cases,
        hint="Clip p to [1e-7, 1 - 1e-7], then BCE = -mean(y log p + (1 - y) log(1 - p)) with the natural log.",
        wrong_answers=(
            WrongAnswer("does not clip: inf or nan at p = 0 or 1", lambda: _bce_unclipped),
            WrongAnswer("has the wrong sign (negative loss)", lambda: lambda y, p: float(np.mean(_bce_clipped(y, p)))),
            WrongAnswer("sums instead of averaging", lambda: lambda y, p: float(-np.sum(_bce_clipped(y, p)))),
            WrongAnswer("uses log base 10", lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, log=np.log10)))),
            WrongAnswer("forgets the (1 - y) log(1 - p) term",
                        lambda: lambda y, p: float(-np.mean(y * np.log(np.clip(p, EPSILON, 1.0 - EPSILON))))),
            WrongAnswer("clips with eps = 1e-12 instead of 1e-7", lambda: lambda y, p: float(-np.mean(_bce_clipped(y, p, eps=1e-12)))),
        ),
    ),
    function_task(
        "04.categorical_cross_entropy", "categorical cross-entropy of one-hot rows, averaged over the batch", 3,
        reference=categorical_cross_entropy, cases=_cce_cases,
        hint="Clip the probabilities to [1e-7, 1 - 1e-7], take -sum(y log p) over the classes of each row (axis=-1), "
             "then average over the rows.",
        wrong_answers=(
            WrongAnswer("does not clip: inf or nan at probability 0", lambda: _cce_unclipped),
            WrongAnswer("sums over the batch instead of averaging", lambda: lambda y, p: float(-np.sum(_cce_terms(y, p)))),
            WrongAnswer("averages over all n x k entries", lambda: lambda y, p: float(-np.mean(_cce_terms(y, p)))),
            WrongAnswer("sums over the examples (axis 0) and averages over the classes",
                        lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p), axis=0)))),
            WrongAnswer("uses log base 10", lambda: lambda y, p: float(np.mean(-np.sum(_cce_terms(y, p, log=np.log10), axis=-1)))),
            WrongAnswer("has the wrong sign (negative loss)", lambda: lambda y, p: float(np.mean(np.sum(_cce_terms(y, p), axis=-1)))),
        ),
    ),
]
