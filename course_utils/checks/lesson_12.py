"""Checks of exercise 12: deep learning in the real world (cases, judges and hints; the answers live with the instructor).

Every task is a function judged against a right answer's value on cases
drawn from the generator it is given; results may be Python numbers, NumPy
scalars or arrays, or TensorFlow tensors, in float64 or float32.
"""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _size(rng, low: int, high: int) -> int:
    """An integer drawn uniformly from [low, high] (both included)."""
    return int(rng.integers(low, high + 1))


def _labels(rng, n: int, positives: int) -> np.ndarray:
    """`n` labels (int64) of which exactly `positives` are 1, at random places."""
    return (rng.permutation(n) < positives).astype(np.int64)


def _scores(rng, labels: np.ndarray, *, separation: float = 0.25, decimals: int = 3) -> np.ndarray:
    """Scores in [0, 1] that tend to be higher for the positives, rounded to `decimals`."""
    raw = rng.uniform(0.0, 1.0, len(labels)) * (1 - separation) + separation * labels
    return np.round(raw, decimals)


# --- 12.classifier_metrics --------------------------------------------------------

def _metrics_cases(rng):
    n = _size(rng, 30, 50)
    rare = _size(rng, 150, 250)
    labels = _labels(rng, n, n // 2)
    tied_labels = _labels(rng, n, n // 3)
    tied_scores = _scores(rng, tied_labels, decimals=1)
    tied_threshold = float(rng.choice(tied_scores[(tied_scores > 0.2) & (tied_scores < 0.9)]))
    quiet_labels = _labels(rng, 20, _size(rng, 4, 8))
    quiet_scores = _scores(rng, quiet_labels) * 0.8
    healthy = np.zeros(_size(rng, 15, 25), dtype=np.int64)
    rare_labels = _labels(rng, rare, _size(rng, 3, 6))
    threshold = round(float(rng.uniform(0.4, 0.6)), 2)
    return [
        Case(f"{n} labels, half of them positive, threshold {threshold}", (labels, _scores(rng, labels), threshold),
             hint="Count the four outcomes first: true positives, false negatives, true negatives and false positives; every "
                  "metric is a ratio of some of them."),
        Case(f"scores rounded to one decimal, threshold {tied_threshold} equal to some of them",
             (tied_labels, tied_scores, tied_threshold),
             hint="A score equal to the threshold raises an alarm: it counts as a positive prediction."),
        Case("no alarm: the threshold lies above every score", (quiet_labels, quiet_scores, 0.85),
             hint="With no alarm there are no true or false positives: precision has nothing to divide, and the task says "
                  "what to return then, for precision and for F1."),
        Case(f"{len(healthy)} healthy cases only (no positive label)", (healthy, _scores(rng, healthy), threshold),
             hint="With no positive label sensitivity has nothing to divide: the task's convention gives zero, and balanced "
                  "accuracy still averages it with specificity."),
        Case(f"{rare} labels, few positives (rare disease), threshold 0.5", (rare_labels, _scores(rng, rare_labels, separation=0.5), 0.5),
             hint="Balanced accuracy averages sensitivity and specificity, so the rare class counts as much as the common one; "
                  "F1 is the harmonic mean of precision and recall."),
    ]


# --- 12.threshold_for_precision ---------------------------------------------------

def _threshold_cases(rng):
    n = _size(rng, 40, 60)
    labels = _labels(rng, n, int(0.3 * n))
    rare = _size(rng, 150, 250)
    rare_labels = _labels(rng, rare, _size(rng, 8, 12))
    tied_labels = _labels(rng, n, n // 2)
    # a low requirement: every positive can be caught; scores below the lowest positive belong to negatives
    low_labels = _labels(rng, 30, 10)
    low_scores = np.where(low_labels == 1, rng.uniform(0.3, 1.0, 30), rng.uniform(0.0, 1.0, 30))
    low_scores[np.flatnonzero(low_labels == 0)[:3]] = rng.uniform(0.0, 0.25, 3)
    low_scores = np.round(low_scores, 3)
    # no threshold qualifies: the highest score is a negative, and all of precision 1 is asked
    none_labels = _labels(rng, 25, 8)
    none_scores = _scores(rng, none_labels)
    none_scores[np.flatnonzero(none_labels == 0)[0]] = 1.0
    p = round(round(float(rng.uniform(0.55, 0.75)), 2) + 0.003, 3)  # never a fraction with a small denominator: no exact tie
    return [
        Case(f"{n} scores, 30% positive, precision at least {p}", (labels, _scores(rng, labels), p),
             hint="Try every distinct score as the threshold; keep those whose precision reaches the requirement, and among "
                  "them take the one with the most recall."),
        Case(f"{rare} scores, few positives, precision at least 0.5", (rare_labels, _scores(rng, rare_labels, separation=0.45), 0.5),
             hint="An alarm is a score at or above the threshold; precision and recall are counted over all the scores."),
        Case(f"scores rounded to one decimal (many ties), precision at least {p}",
             (tied_labels, _scores(rng, tied_labels, decimals=1), p),
             hint="Equal scores fall on the same side of any threshold: take the distinct scores as the candidates, and let "
                  "a score equal to the threshold raise an alarm."),
        Case("a low requirement, precision at least 0.1: every positive can be caught", (low_labels, low_scores, 0.1),
             hint="When several thresholds reach the same highest recall, the task asks for the highest of them: lowering the "
                  "threshold further only adds false alarms."),
        Case("precision 1 asked, and the highest score is a negative: no threshold qualifies", (none_labels, none_scores, 1.0),
             hint="When no candidate reaches the required precision, the task says what to return: the threshold that raises "
                  "no alarm at all."),
    ]


# --- 12.balanced_class_weights ----------------------------------------------------

def _class_weight_cases(rng):
    n = _size(rng, 300, 500)
    fraud = _size(rng, 3, 8)
    three = rng.choice(3, size=_size(rng, 40, 80), p=[0.6, 0.3, 0.1])
    gaps = np.sort(rng.choice(np.arange(1, 10), size=3, replace=False))
    sparse = gaps[rng.choice(3, size=_size(rng, 30, 60), p=[0.5, 0.3, 0.2])]
    single = np.full(_size(rng, 5, 15), _size(rng, 0, 3))
    return [
        Case(f"{n} transactions, {fraud} of them fraud (class 1)", (_labels(rng, n, fraud),),
             hint="A class's weight is large when the class is rare: it grows as the class's count shrinks."),
        Case(f"three classes, {len(three)} labels, the last one rare", (three.astype(np.int64),),
             hint="With balanced weights every class weighs the same in total: a class's weight times its count is the same "
                  "for every class, and the weights average one over the samples."),
        Case(f"the labels {', '.join(str(g) for g in gaps)} only (no other class occurs)", (sparse.astype(np.int64),),
             hint="Give a weight to each class that occurs in the labels, and only to those; the number of classes is how many "
                  "distinct labels there are."),
        Case(f"a single class, {len(single)} labels", (single.astype(np.int64),),
             hint="With one class, balancing changes nothing: its weight is one."),
    ]


# --- 12.ndcg_at_k -------------------------------------------------------------------

def _recommendations(rng, users: int, items: int, *, seen_share: float = 0.2, seen_first: bool = False) -> tuple:
    """A score matrix, the seen items (at least one unseen item per user) and one held-out unseen item per user."""
    seen = rng.uniform(size=(users, items)) < seen_share
    held_out = np.empty(users, dtype=np.int64)
    for user in range(users):
        candidates = np.flatnonzero(~seen[user])
        if len(candidates) == 0:
            seen[user, 0] = False
            candidates = np.array([0])
        held_out[user] = rng.choice(candidates)
    scores = rng.normal(size=(users, items))
    scores[np.arange(users), held_out] += rng.uniform(0.0, 2.5, users)  # a model that often ranks the held-out item high
    if seen_first:
        scores[seen] += 3.0  # a trained model scores the items it was trained on highest
    return scores, seen, held_out


def _ndcg_cases(rng):
    users, items = _size(rng, 5, 8), _size(rng, 25, 40)
    k = _size(rng, 3, 6)
    return [
        Case(f"{users} users, {items} items, k = {k}", (*_recommendations(rng, users, items), k),
             hint="For each user rank only the items the user has not seen, from the highest score down; the held-out item's "
                  "place in that ranking decides its gain."),
        Case(f"the items each user has seen score highest (as a trained model's do), k = {k}",
             (*_recommendations(rng, users, items, seen_share=0.3, seen_first=True), k),
             hint="Items the user has already seen are never recommended: leave them out of the ranking before you find the "
                  "held-out item's place."),
        Case("k = 1: only the top recommendation counts", (*_recommendations(rng, users + 3, items), 1),
             hint="At rank one the gain is one; an item that ranks below k gains nothing."),
        Case(f"20 users, k = 10 among {items} items", (*_recommendations(rng, 20, items), 10),
             hint="The gain of an item at rank r, counted from one, is one over the base-2 logarithm of r plus one; the result "
                  "is the mean over all users, those without a hit included."),
        Case("one user", (*_recommendations(rng, 1, items), k),
             hint="Return a single number, the mean over users, even when there is only one."),
    ]


TASKS = [
    function_task(
        "12.classifier_metrics", "sensitivity, specificity, precision, F1 and balanced accuracy at a threshold", 2,
        answer_name="classifier_metrics", cases=_metrics_cases,
        hint="Turn the scores into alarms (a score at or above the threshold), count true and false positives and negatives, "
             "then build each metric from those four counts.",
        more_hints=(
            "Sensitivity divides the true positives by all positive labels, specificity the true negatives by all negative "
            "labels, precision the true positives by all alarms. F1 is twice precision times recall over their sum; balanced "
            "accuracy is the mean of sensitivity and specificity. A ratio whose denominator is zero is zero.",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    function_task(
        "12.threshold_for_precision", "the threshold with the most recall at a required precision, chosen on validation scores", 3,
        answer_name="threshold_for_precision", cases=_threshold_cases,
        hint="The candidates are the distinct scores. For each, raise an alarm on every score at or above it and compute "
             "precision and recall; keep the candidates that reach the required precision.",
        more_hints=(
            "Among the candidates that reach the required precision, find the highest recall, then return the highest "
            "candidate that has it. When no candidate qualifies, return positive infinity: no alarm at all.",
            "A precision-recall curve from scikit-learn already gives precision and recall at every distinct score (its "
            "last precision and recall have no threshold: drop them).",
        ),
        atol=1e-12, rtol=1e-9,
    ),
    function_task(
        "12.balanced_class_weights", "Keras-style balanced class weights for any number of classes", 2,
        answer_name="balanced_class_weights", cases=_class_weight_cases,
        hint="Count how often each class occurs; a class's weight is the number of samples divided by the number of classes "
             "times that class's count.",
        more_hints=(
            "Find the distinct labels and their counts (NumPy's unique can return both), then build a dict from each label, as "
            "a Python integer, to its weight, as a float.",
        ),
        atol=1e-12, rtol=1e-9,
    ),
    function_task(
        "12.ndcg_at_k", "NDCG at k of a recommender from its score matrix, already-seen items excluded", 3,
        answer_name="ndcg_at_k", cases=_ndcg_cases,
        hint="For each user, leave out the seen items, find the rank of the held-out item among the others (one plus how many "
             "score higher), and give it a gain that shrinks with its rank, or nothing beyond k.",
        more_hints=(
            "The gain at rank r is one over the base-2 logarithm of r plus one, so rank one gains one and rank three gains a "
            "half; with one relevant item the ideal gain is one, so no division is needed. Average the gains over the users.",
        ),
        atol=1e-12, rtol=1e-9,
    ),
]
