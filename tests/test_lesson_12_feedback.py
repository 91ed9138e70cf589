"""Exercise 12's feedback fits the evidence: the cases hold what their names promise and separate the known mistakes.

That each known mistake is also named on hidden cases is `test_checks.py`'s test over `NAMED_ON_HIDDEN_CASES`."""
import math

import numpy as np
import pytest

from course_instructor.references import reference_for
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade


def _wrong(task_id, fragment):
    return next(w for w in reference_for(get_task(task_id)).wrong_answers if fragment in w.mistake).make()


@pytest.mark.parametrize("seed", [None, *HIDDEN_SEEDS])
def test_metrics_cases_hold_what_their_names_promise(seed):
    """The tie case has scores equal to its threshold, the no-alarm case no score at or above it, the healthy case no positive."""
    cases = {case.name.split(" ")[0]: case for case in get_task("12.classifier_metrics").cases(seed)}
    labels, scores, threshold = cases["scores"].inputs
    assert np.any(scores == threshold)
    labels, scores, threshold = cases["no"].inputs
    assert np.all(scores < threshold) and labels.sum() > 0
    labels, scores, threshold = next(case for case in cases.values() if "healthy" in case.name).inputs
    assert labels.sum() == 0 and np.any(scores >= threshold)


def test_strict_threshold_fails_only_where_a_score_equals_the_threshold():
    result = grade(get_task("12.classifier_metrics"), _wrong("12.classifier_metrics", "strictly"))
    assert [case.passed for case in result.cases] == [True, False, True, True, True]


def test_precision_one_without_alarms_fails_only_the_no_alarm_case():
    result = grade(get_task("12.classifier_metrics"), _wrong("12.classifier_metrics", "precision 1"))
    assert [case.passed for case in result.cases] == [True, True, False, True, True]


@pytest.mark.parametrize("seed", [None, *HIDDEN_SEEDS])
def test_threshold_cases_hold_what_their_names_promise(seed):
    """The low-requirement case is decided by the tie rule; in the last case no threshold qualifies."""
    from course_instructor.references.lesson_12 import threshold_for_precision

    cases = get_task("12.threshold_for_precision").cases(seed)
    labels, scores, p = cases[3].inputs
    assert threshold_for_precision(labels, scores, p) == scores[labels == 1].min() > scores.min()
    assert math.isinf(threshold_for_precision(*cases[4].inputs))


def test_threshold_answer_may_be_a_python_float_inf_or_a_numpy_one():
    from course_instructor.references.lesson_12 import threshold_for_precision

    def numpy_scalar(y_true, scores, min_precision):
        return np.float64(threshold_for_precision(y_true, scores, min_precision))

    for seed in (None, *HIDDEN_SEEDS):
        assert grade(get_task("12.threshold_for_precision"), numpy_scalar, seed).passed


def test_class_weights_with_float_keys_fail_with_a_message_naming_the_keys():
    from course_instructor.references.lesson_12 import balanced_class_weights

    def float_keys(y):
        return {float(key): value for key, value in balanced_class_weights(y).items()}

    result = grade(get_task("12.balanced_class_weights"), float_keys)
    assert not result.passed and "keys" in result.first_problem()


def test_ndcg_keeping_seen_items_fails_where_seen_items_score_highest():
    result = grade(get_task("12.ndcg_at_k"), _wrong("12.ndcg_at_k", "seen ones included"))
    assert not result.cases[1].passed
