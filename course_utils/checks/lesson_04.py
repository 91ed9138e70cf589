"""Checks of exercise 04: loss functions (cases, judges and hints; the answers live with the instructor)."""
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
    return y_true, y_pred


# --- 04.mse ------------------------------------------------------------------

def _mse_cases(rng):
    outlier_errors = np.concatenate([_round(rng.uniform(0.2, 2.5, 3) * rng.choice([-1.0, 1.0], 3)), [rng.choice([-10.0, 10.0])]])
    outlier_true = _round(rng.uniform(-3.0, 3.0, 4))
    one_true, one_pred = _one_pair(rng)
    perfect = _round(rng.normal(size=(1, 2)))
    return [
        Case("errors of +1 and -1 that cancel out", _cancelling_errors(rng),
             hint="Square each error before averaging: an error of -1 costs as much as one of +1, they must not cancel out."),
        Case("a (6, 3) batch of 2-D targets", (rng.normal(size=(6, 3)), rng.normal(size=(6, 3))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the number of examples or outputs."),
        Case("large errors, one of them an outlier of 10", (outlier_true, outlier_true + rng.permutation(outlier_errors)),
             hint="Square the errors, without a square root at the end: an error of 10 costs 100, not 10."),
        Case("a batch of one prediction", (np.array([one_true]), np.array([one_pred])),
             hint="A batch of one still gives one number: the squared error (y_pred - y_true)² of that prediction, "
                  f"with y_true = {one_true} and y_pred = {one_pred}."),
        Case("a perfect prediction (loss 0)", (perfect, perfect.copy()),
             hint="When every prediction equals its target, every error and so the loss is exactly 0."),
    ]


# --- 04.mae ------------------------------------------------------------------

def _mae_cases(rng):
    small_true = _round(rng.uniform(-1.0, 1.0, 4))
    small_errors = _round(rng.uniform(0.1, 0.9, 4)) * rng.permutation([1.0, 1.0, -1.0, -1.0])
    one_true, one_pred = _one_pair(rng)
    return [
        Case("errors of +1 and -1 that cancel out", _cancelling_errors(rng, 4),
             hint="Take the absolute value of each error before averaging: errors of opposite signs must not cancel out."),
        Case("small errors, below 1", (small_true, small_true + small_errors),
             hint="Use |error|, not error²: an error of 0.5 costs 0.5 in MAE (0.25 in MSE)."),
        Case("a (5, 4) batch of 2-D targets", (rng.normal(size=(5, 4)), rng.normal(size=(5, 4))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the number of examples or outputs."),
        Case("a batch of one prediction", (np.array([one_true]), np.array([one_pred])),
             hint="A batch of one still gives one number: the absolute error |y_pred - y_true| of that prediction, "
                  f"with y_true = {one_true} and y_pred = {one_pred}."),
    ]


# --- 04.binary_cross_entropy -------------------------------------------------

def _bce_cases(rng):
    # Every confident combination (right and wrong, for each label), then two ordinary predictions.
    confident_true, confident_p = np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0, 1.0])
    extra_true, extra_p = rng.integers(0, 2, 2).astype(float), _round(rng.uniform(0.1, 0.9, 2))
    order = rng.permutation(6)
    p_one = float(_round(rng.uniform(0.05, 0.45)))
    return [
        Case("6 labels with probabilities between 0.1 and 0.9",
             (rng.permutation([1.0, 1.0, 1.0, 0.0, 0.0, 0.0]), _round(rng.uniform(0.1, 0.9, 6))),
             hint="BCE = -mean(y log p + (1 - y) log(1 - p)): keep the minus sign, so that the loss is positive."),
        Case("only negative labels (y = 0)", (np.zeros(4), _round(rng.uniform(0.05, 0.95, 4))),
             hint="For y = 0 the loss is -log(1 - p): do not forget the (1 - y) log(1 - p) term."),
        Case("predictions of exactly 0 and 1, right and wrong",
             (np.concatenate([confident_true, extra_true])[order], np.concatenate([confident_p, extra_p])[order]),
             hint="log(0) is -inf: first clip p to [eps, 1 - eps] with eps = 1e-7 (np.clip), as Keras does; "
                  "a confidently wrong prediction then costs -log(1e-7), about 16.1."),
        Case("a (3, 4) batch of 2-D labels", (rng.integers(0, 2, size=(3, 4)).astype(float), rng.uniform(0.05, 0.95, size=(3, 4))),
             hint="Average over every entry (np.mean), not sum: the loss must not grow with the batch size."),
        Case(f"a batch of one: y = 1, p = {p_one}", (np.array([1.0]), np.array([p_one])),
             hint=f"Use the natural logarithm np.log (not log10 or log2): the loss here is -ln({p_one})."),
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
             hint="Per example, sum -y log p over the classes (axis=-1), then average those losses over the examples."),
        Case("a batch of one example, 5 classes", (_one_hot(rng.integers(0, 5, 1), 5), _softmax_rows(rng.normal(size=(1, 5)))),
             hint="For one example the loss is -log of the probability of its true class: a sum over the classes, not a mean."),
        Case("6 examples, 10 classes", (_one_hot(rng.integers(0, 10, size=6), 10), _softmax_rows(rng.normal(scale=2.0, size=(6, 10)))),
             hint="Average over the examples only (one loss per row), neither over all n x k entries nor a sum over the batch; "
                  "use the natural logarithm np.log."),
        Case("probabilities of exactly 0 and 1", _exact_probabilities(rng),
             hint="log(0) is -inf, and 0 * log(0) is nan: clip the probabilities to [eps, 1 - eps] with eps = 1e-7 first."),
        Case("2 confident examples, 4 classes", _confident_rows(rng),
             hint="The loss is positive: -log p of the true class, about 0.223 for p = 0.8. Keep the minus sign."),
    ]


TASKS = [
    function_task(
        "04.mse", "mean squared error over every entry, as one number", 2, answer_name="mse", cases=_mse_cases,
        hint="MSE = mean((y_pred - y_true)²) over every entry: square each error, then average.",
    ),
    function_task(
        "04.mae", "mean absolute error over every entry, as one number", 2, answer_name="mae", cases=_mae_cases,
        hint="MAE = mean(|y_pred - y_true|) over every entry: take each error's absolute value, then average.",
    ),
    function_task(
        "04.binary_cross_entropy", "binary cross-entropy averaged over every entry, p clipped to [1e-7, 1 - 1e-7]", 3,
        answer_name="binary_cross_entropy", cases=_bce_cases,
        hint="Clip p to [1e-7, 1 - 1e-7], then BCE = -mean(y log p + (1 - y) log(1 - p)) with the natural log.",
    ),
    function_task(
        "04.categorical_cross_entropy", "categorical cross-entropy of one-hot rows, averaged over the batch", 3,
        answer_name="categorical_cross_entropy", cases=_cce_cases,
        hint="Clip the probabilities to [1e-7, 1 - 1e-7], take -sum(y log p) over the classes of each row (axis=-1), "
             "then average over the rows.",
    ),
]
