"""Reference answers, right answers in other styles and known-wrong answers of exercise 12: deep learning in the real world."""
from __future__ import annotations

import collections
import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

METRIC_NAMES = ("sensitivity", "specificity", "precision", "f1", "balanced_accuracy")

# --- 12.classifier_metrics --------------------------------------------------------


def _ratio(numerator, denominator) -> float:
    """numerator / denominator, or 0.0 when the denominator is 0 (the task's convention)."""
    return float(numerator / denominator) if denominator else 0.0


def classifier_metrics(y_true, scores, threshold):
    """Reference: an alarm when score >= threshold; every ratio with a zero denominator is 0."""
    positive, alarm = np.asarray(y_true) == 1, np.asarray(scores) >= threshold
    tp, fn = np.sum(positive & alarm), np.sum(positive & ~alarm)
    tn, fp = np.sum(~positive & ~alarm), np.sum(~positive & alarm)
    sensitivity, specificity, precision = _ratio(tp, tp + fn), _ratio(tn, tn + fp), _ratio(tp, tp + fp)
    return {"sensitivity": sensitivity, "specificity": specificity, "precision": precision,
            "f1": _ratio(2 * precision * sensitivity, precision + sensitivity),
            "balanced_accuracy": (sensitivity + specificity) / 2}


def _metrics_variant(*, strict=False, swap=False, arithmetic_f1=False, plain_accuracy=False, precision_if_no_alarm=0.0):
    """A known-wrong classifier_metrics."""

    def metrics(y_true, scores, threshold):
        positive = np.asarray(y_true) == 1
        alarm = np.asarray(scores) > threshold if strict else np.asarray(scores) >= threshold
        tp, fn = np.sum(positive & alarm), np.sum(positive & ~alarm)
        tn, fp = np.sum(~positive & ~alarm), np.sum(~positive & alarm)
        sensitivity, specificity = _ratio(tp, tp + fn), _ratio(tn, tn + fp)
        if swap:
            sensitivity, specificity = specificity, sensitivity
        precision = _ratio(tp, tp + fp) if tp + fp else precision_if_no_alarm
        f1 = (precision + sensitivity) / 2 if arithmetic_f1 else _ratio(2 * precision * sensitivity, precision + sensitivity)
        balanced = (tp + tn) / len(positive) if plain_accuracy else (sensitivity + specificity) / 2
        return {"sensitivity": sensitivity, "specificity": specificity, "precision": precision, "f1": f1,
                "balanced_accuracy": float(balanced)}

    return metrics


def _metrics_sklearn(y_true, scores, threshold):
    """Right: scikit-learn's recall_score, precision_score and f1_score with zero_division=0."""
    from sklearn.metrics import f1_score, precision_score, recall_score  # noqa: PLC0415

    predicted = (np.asarray(scores) >= threshold).astype(int)
    sensitivity = recall_score(y_true, predicted, pos_label=1, zero_division=0)
    specificity = recall_score(y_true, predicted, pos_label=0, zero_division=0)
    return {"sensitivity": sensitivity, "specificity": specificity,
            "precision": precision_score(y_true, predicted, zero_division=0),
            "f1": f1_score(y_true, predicted, zero_division=0), "balanced_accuracy": (sensitivity + specificity) / 2}


def _metrics_keras():
    """Right: keras.metrics (Precision, Recall, TrueNegatives, FalsePositives) in float32; they alarm above the threshold, so
    the threshold is moved one float32 step down."""
    import keras  # noqa: PLC0415

    def metrics(y_true, scores, threshold):
        below = float(np.nextafter(np.float32(threshold), np.float32(-np.inf)))
        y, s = np.asarray(y_true, dtype=np.float32), np.asarray(scores, dtype=np.float32)
        results = {}
        for name, metric in (("precision", keras.metrics.Precision(thresholds=below)), ("recall", keras.metrics.Recall(thresholds=below)),
                             ("tn", keras.metrics.TrueNegatives(thresholds=below)), ("fp", keras.metrics.FalsePositives(thresholds=below))):
            metric.update_state(y, s)
            results[name] = metric.result()
        negatives = results["tn"] + results["fp"]
        specificity = results["tn"] / negatives if float(negatives) else keras.ops.zeros(())
        precision, recall = results["precision"], results["recall"]
        f1 = 2 * precision * recall / (precision + recall) if float(precision + recall) else keras.ops.zeros(())
        return {"sensitivity": recall, "specificity": specificity, "precision": precision, "f1": f1,
                "balanced_accuracy": (recall + specificity) / 2}

    return metrics


def _metrics_tf():
    """Right: TensorFlow ops in float64 with tf.math.divide_no_nan, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def metrics(y_true, scores, threshold):
        positive = tf.equal(tf.constant(y_true), 1)
        alarm = tf.constant(scores, dtype=tf.float64) >= threshold
        count = lambda mask: tf.reduce_sum(tf.cast(mask, tf.float64))  # noqa: E731
        tp, fn = count(positive & alarm), count(positive & ~alarm)
        tn, fp = count(~positive & ~alarm), count(~positive & alarm)
        sensitivity, specificity = tf.math.divide_no_nan(tp, tp + fn), tf.math.divide_no_nan(tn, tn + fp)
        precision = tf.math.divide_no_nan(tp, tp + fp)
        return {"sensitivity": sensitivity, "specificity": specificity, "precision": precision,
                "f1": tf.math.divide_no_nan(2 * tp, 2 * tp + fp + fn), "balanced_accuracy": (sensitivity + specificity) / 2}

    return metrics


def _metrics_loop(y_true, scores, threshold):
    """Right: a Python loop counting the four outcomes, float32 results."""
    counts = collections.Counter()
    for label, score in zip(y_true, scores):
        counts[(int(label), bool(score >= threshold))] += 1
    tp, fn, tn, fp = counts[(1, True)], counts[(1, False)], counts[(0, False)], counts[(0, True)]
    sensitivity, specificity, precision = _ratio(tp, tp + fn), _ratio(tn, tn + fp), _ratio(tp, tp + fp)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    return {name: np.float32(value) for name, value in zip(
        METRIC_NAMES, (sensitivity, specificity, precision, f1, (sensitivity + specificity) / 2))}


# --- 12.threshold_for_precision ---------------------------------------------------


def threshold_for_precision(y_true, scores, min_precision):
    """Reference: among the distinct scores whose precision reaches min_precision, the highest one with the most recall; inf if none."""
    positive, scores = np.asarray(y_true) == 1, np.asarray(scores, dtype=np.float64)
    best, best_recall = np.inf, -1.0
    for threshold in np.unique(scores)[::-1]:  # from the highest score down
        alarm = scores >= threshold
        true_alarms = np.sum(alarm & positive)
        precision, recall = true_alarms / alarm.sum(), true_alarms / positive.sum()
        if precision >= min_precision and recall > best_recall:  # strictly more recall: ties keep the higher threshold
            best, best_recall = threshold, recall
    return float(best)


def _threshold_variant(*, strict=False, lowest=False, least_recall=False, none_gives_max=False):
    """A known-wrong threshold choice."""

    def choose(y_true, scores, min_precision):
        positive, scores = np.asarray(y_true) == 1, np.asarray(scores, dtype=np.float64)
        rows = []
        for threshold in np.unique(scores):
            alarm = scores > threshold if strict else scores >= threshold
            if alarm.sum() == 0:
                continue
            true_alarms = np.sum(alarm & positive)
            rows.append((threshold, true_alarms / alarm.sum(), true_alarms / positive.sum()))
        qualifying = [(t, r) for t, p, r in rows if p >= min_precision]
        if not qualifying:
            return float(scores.max()) if none_gives_max else math.inf
        if least_recall:
            return float(max(t for t, _ in qualifying))
        most = max(r for _, r in qualifying)
        tied = [t for t, r in qualifying if r == most]
        return float(min(tied) if lowest else max(tied))

    return choose


def _threshold_sklearn(y_true, scores, min_precision):
    """Right: scikit-learn's precision_recall_curve (its last point has no threshold)."""
    from sklearn.metrics import precision_recall_curve  # noqa: PLC0415

    precision, recall, thresholds = precision_recall_curve(y_true, scores)
    precision, recall = precision[:-1], recall[:-1]
    qualifying = precision >= min_precision
    if not qualifying.any():
        return float("inf")
    most = recall[qualifying].max()
    return float(thresholds[qualifying & (recall == most)].max())


def _threshold_tf():
    """Right: TensorFlow, every candidate at once by broadcasting, returns a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def choose(y_true, scores, min_precision):
        scores = tf.constant(scores, dtype=tf.float64)
        positive = tf.cast(tf.equal(tf.constant(y_true), 1), tf.float64)
        candidates, _ = tf.unique(scores)
        alarms = tf.cast(scores[None, :] >= candidates[:, None], tf.float64)  # (candidates, scores)
        true_alarms = tf.reduce_sum(alarms * positive[None, :], axis=1)
        precision, recall = true_alarms / tf.reduce_sum(alarms, axis=1), true_alarms / tf.reduce_sum(positive)
        qualifying = precision >= min_precision
        if not bool(tf.reduce_any(qualifying)):
            return tf.constant(np.inf, dtype=tf.float64)
        most = tf.reduce_max(tf.boolean_mask(recall, qualifying))
        return tf.reduce_max(tf.boolean_mask(candidates, qualifying & tf.equal(recall, most)))

    return choose


def _threshold_loop(y_true, scores, min_precision):
    """Right: plain Python over sorted distinct scores, from the lowest up, keeping the best (recall, threshold) pair."""
    pairs = list(zip([float(s) for s in scores], [int(y) for y in y_true]))
    n_positive = sum(label for _, label in pairs)
    best = None
    for threshold in sorted({s for s, _ in pairs}):
        alarms = [label for score, label in pairs if score >= threshold]
        precision, recall = sum(alarms) / len(alarms), sum(alarms) / n_positive
        if precision >= min_precision and (best is None or recall >= best[0]):
            best = (recall, threshold)  # >=: a later (higher) threshold with the same recall wins
    return math.inf if best is None else best[1]


def _threshold_float32_cumsum(y_true, scores, min_precision):
    """Right: float32, scores sorted once from the highest, cumulative counts at the last position of each distinct score."""
    scores = np.asarray(scores, dtype=np.float32)
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_positive = scores[order], (np.asarray(y_true) == 1)[order].astype(np.float32)
    true_alarms, alarms = np.cumsum(sorted_positive), np.arange(1, len(scores) + 1, dtype=np.float32)
    last = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]  # the last of each run of equal scores
    precision, recall = (true_alarms / alarms)[last], (true_alarms / true_alarms[-1])[last]
    candidates = sorted_scores[last]
    qualifying = precision >= min_precision
    if not qualifying.any():
        return np.float32(np.inf)
    most = recall[qualifying].max()
    return candidates[qualifying & (recall == most)].max()


# --- 12.balanced_class_weights ----------------------------------------------------


def balanced_class_weights(y):
    """Reference: {class: n / (n_classes * count)} for each class present."""
    classes, counts = np.unique(np.asarray(y), return_counts=True)
    return {int(c): float(len(y) / (len(classes) * count)) for c, count in zip(classes, counts)}


def _weights_variant(kind):
    """A known-wrong class weighting."""

    def weights(y):
        y = np.asarray(y)
        if kind == "every_index":
            counts = np.bincount(y)
            with np.errstate(divide="ignore"):
                return {c: float(len(y) / (len(counts) * count)) if count else math.inf for c, count in enumerate(counts)}
        classes, counts = np.unique(y, return_counts=True)
        values = {"share": counts / len(y), "no_classes": len(y) / counts, "inverse_count": 1.0 / counts,
                  "sum_to_one": (1.0 / counts) / np.sum(1.0 / counts)}[kind]
        return {int(c): float(v) for c, v in zip(classes, values)}

    return weights


def _weights_sklearn(y):
    """Right: scikit-learn's compute_class_weight("balanced")."""
    from sklearn.utils.class_weight import compute_class_weight  # noqa: PLC0415

    classes = np.unique(y)
    return dict(zip(classes.tolist(), compute_class_weight("balanced", classes=classes, y=y)))


def _weights_tf():
    """Right: tf.unique_with_counts, the weights as float32 tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def weights(y):
        classes, _, counts = tf.unique_with_counts(tf.constant(y))
        values = tf.cast(tf.size(y), tf.float32) / (tf.cast(tf.size(classes), tf.float32) * tf.cast(counts, tf.float32))
        return {int(c): values[i] for i, c in enumerate(classes.numpy())}

    return weights


def _weights_counter(y):
    """Right: collections.Counter, plain Python numbers."""
    counts = collections.Counter(int(label) for label in y)
    return {label: len(y) / (len(counts) * count) for label, count in sorted(counts.items())}


def _weights_float32_bincount(y):
    """Right: np.bincount in float32, the absent classes dropped."""
    counts = np.bincount(y).astype(np.float32)
    present = np.flatnonzero(counts)
    return {int(c): np.float32(len(y)) / (np.float32(len(present)) * counts[c]) for c in present}


# --- 12.ndcg_at_k -------------------------------------------------------------------


def ndcg_at_k(scores, seen, held_out, k):
    """Reference: the held-out item's rank among the unseen items, gain 1 / log2(rank + 1) up to k, averaged over users."""
    scores = np.asarray(scores, dtype=np.float64)
    target = scores[np.arange(len(scores)), held_out]
    rank = 1 + np.sum((scores > target[:, None]) & ~np.asarray(seen), axis=1)
    return float(np.mean(np.where(rank <= k, 1.0 / np.log2(rank + 1), 0.0)))


def _ndcg_variant(*, keep_seen=False, natural_log=False, hits=False, hit_users_only=False):
    """A known-wrong NDCG."""

    def ndcg(scores, seen, held_out, k):
        scores = np.asarray(scores, dtype=np.float64)
        target = scores[np.arange(len(scores)), held_out]
        higher = scores > target[:, None]
        rank = 1 + np.sum(higher if keep_seen else higher & ~np.asarray(seen), axis=1)
        if hits:
            return float(np.mean(rank <= k))
        gain = 1.0 / (np.log(rank + 1) if natural_log else np.log2(rank + 1))
        if hit_users_only:
            return float(gain[rank <= k].mean()) if np.any(rank <= k) else 0.0
        return float(np.mean(np.where(rank <= k, gain, 0.0)))

    return ndcg


def _ndcg_sklearn(scores, seen, held_out, k):
    """Right: scikit-learn's ndcg_score for each user, over the unseen items, with one relevant item."""
    from sklearn.metrics import ndcg_score  # noqa: PLC0415

    gains = []
    for user in range(len(scores)):
        unseen = np.flatnonzero(~seen[user])
        relevance = (unseen == held_out[user]).astype(float)[None, :]
        gains.append(ndcg_score(relevance, scores[user, unseen][None, :], k=k) if len(unseen) > 1 else 1.0)
    return float(np.mean(gains))


def _ndcg_tf_top_k():
    """Right: tf.math.top_k over the scores with seen items set to minus infinity, returns a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def ndcg(scores, seen, held_out, k):
        masked = tf.where(tf.constant(seen), tf.constant(-np.inf, tf.float64), tf.constant(scores, tf.float64))
        _, top = tf.math.top_k(masked, k=min(k, scores.shape[1]))
        found = tf.cast(tf.equal(top, tf.constant(held_out, top.dtype)[:, None]), tf.float64)  # (users, k), at most one 1
        discounts = 1.0 / (tf.math.log(tf.range(2, tf.shape(top)[1] + 2, dtype=tf.float64)) / math.log(2.0))
        return tf.reduce_mean(tf.reduce_sum(found * discounts[None, :], axis=1))

    return ndcg


def _ndcg_loop(scores, seen, held_out, k):
    """Right: a Python loop, sorting each user's unseen items."""
    total = 0.0
    for user in range(len(scores)):
        ranking = sorted((item for item in range(len(scores[user])) if not seen[user][item]), key=lambda item: -scores[user][item])
        rank = ranking.index(held_out[user]) + 1
        total += 1.0 / math.log2(rank + 1) if rank <= k else 0.0
    return total / len(scores)


def _ndcg_float32_argsort(scores, seen, held_out, k):
    """Right: float32, argsort with seen items pushed to the end, the position found by comparison."""
    scores = np.where(seen, -np.inf, np.asarray(scores, dtype=np.float32))
    order = np.argsort(-scores, axis=1)[:, :k]
    rows, positions = np.nonzero(order == np.asarray(held_out)[:, None])
    gains = np.zeros(len(scores), dtype=np.float32)
    gains[rows] = np.float32(1.0) / np.log2(positions.astype(np.float32) + 2)
    return gains.mean()


REFERENCES = {
    "12.classifier_metrics": Reference(classifier_metrics, (
        WrongAnswer("raises an alarm only on scores strictly above the threshold", lambda: _metrics_variant(strict=True)),
        WrongAnswer("swaps sensitivity and specificity", lambda: _metrics_variant(swap=True)),
        WrongAnswer("takes the arithmetic mean of precision and recall as F1", lambda: _metrics_variant(arithmetic_f1=True)),
        WrongAnswer("returns plain accuracy as balanced accuracy", lambda: _metrics_variant(plain_accuracy=True)),
        WrongAnswer("gives precision 1 when there is no alarm", lambda: _metrics_variant(precision_if_no_alarm=1.0)),
    ), (
        RightAnswer("scikit-learn recall_score, precision_score, f1_score with zero_division=0", lambda: _metrics_sklearn),
        RightAnswer("keras.metrics Precision, Recall, TrueNegatives, FalsePositives, float32 tensors", _metrics_keras),
        RightAnswer("TensorFlow ops with tf.math.divide_no_nan, float64 tensors", _metrics_tf),
        RightAnswer("a Python loop with collections.Counter, float32 results", lambda: _metrics_loop),
    )),
    "12.threshold_for_precision": Reference(threshold_for_precision, (
        # first: an infinite expected value matches any finite one when hints are chosen, so this mistake must be named first
        WrongAnswer("returns the highest score when no threshold qualifies",
                    lambda: _threshold_variant(none_gives_max=True)),
        WrongAnswer("raises an alarm only on scores strictly above the threshold", lambda: _threshold_variant(strict=True)),
        WrongAnswer("returns the lowest of the thresholds with the most recall", lambda: _threshold_variant(lowest=True)),
        WrongAnswer("returns the highest threshold that reaches the precision, not the one with the most recall",
                    lambda: _threshold_variant(least_recall=True)),
    ), (
        RightAnswer("scikit-learn precision_recall_curve", lambda: _threshold_sklearn),
        RightAnswer("TensorFlow broadcasting over every candidate, a float64 tensor", _threshold_tf),
        RightAnswer("plain Python over the sorted distinct scores", lambda: _threshold_loop),
        RightAnswer("NumPy float32 with cumulative sums", lambda: _threshold_float32_cumsum),
    )),
    "12.balanced_class_weights": Reference(balanced_class_weights, (
        WrongAnswer("uses each class's share instead of its inverse", lambda: _weights_variant("share")),
        WrongAnswer("forgets to divide by the number of classes", lambda: _weights_variant("no_classes")),
        WrongAnswer("uses one over the count alone", lambda: _weights_variant("inverse_count")),
        WrongAnswer("scales the weights to sum to one", lambda: _weights_variant("sum_to_one")),
        WrongAnswer("gives a weight to every class from 0 to the largest label, also to those that never occur",
                    lambda: _weights_variant("every_index")),
    ), (
        RightAnswer("scikit-learn compute_class_weight", lambda: _weights_sklearn),
        RightAnswer("tf.unique_with_counts, float32 tensors", _weights_tf),
        RightAnswer("collections.Counter, plain Python", lambda: _weights_counter),
        RightAnswer("np.bincount in float32", lambda: _weights_float32_bincount),
    )),
    "12.ndcg_at_k": Reference(ndcg_at_k, (
        WrongAnswer("ranks the held-out item among all items, seen ones included", lambda: _ndcg_variant(keep_seen=True)),
        WrongAnswer("uses the natural logarithm instead of base 2", lambda: _ndcg_variant(natural_log=True)),
        WrongAnswer("returns the hit rate at k", lambda: _ndcg_variant(hits=True)),
        WrongAnswer("averages only over the users with a hit", lambda: _ndcg_variant(hit_users_only=True)),
    ), (
        RightAnswer("scikit-learn ndcg_score per user", lambda: _ndcg_sklearn),
        RightAnswer("tf.math.top_k with seen items masked, a float64 tensor", _ndcg_tf_top_k),
        RightAnswer("a Python loop sorting each user's unseen items", lambda: _ndcg_loop),
        RightAnswer("NumPy float32 with argsort", lambda: _ndcg_float32_argsort),
    )),
}
