"""course_utils.grading: every path a learner's answer can take through a check."""
import time

import numpy as np
import pytest

from course_instructor.references import Reference, WrongAnswer, expected_from
from course_utils.grading import CheckFailed, check, grade_answer
from course_utils.grading.builders import function_task
from course_utils.grading.judge import ERROR_HINTS, compare_values, judge_task
from course_utils.grading.plain import NotPlainData, dumps, loads, to_plain
from course_utils.grading.produce import produce, time_limit, TimeLimitExceeded
from course_utils.grading.report import format_table, render_task
from course_utils.grading.tasks import Case, Task, call_with_inputs, get_task


class AlwaysEqual:
    """An object that claims to equal anything."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class ArrayLikeLiar(np.ndarray):
    """An ndarray subclass whose comparisons always say yes."""

    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)


def good_dense(x, w, b):
    return x @ w + b


def toy_grade(task, answer, reference, wrong=()):
    """Produce on the public cases, send through JSON as grading does, judge against the toy reference."""
    cases = task.cases()
    wrong = tuple(wrong) or tuple(WrongAnswer(f"wrong {i}", lambda: lambda *args: None) for i in range(3))
    expected = expected_from(task, Reference(reference, wrong), cases)
    return judge_task(task, cases, loads(dumps(produce(task, answer, cases))), loads(dumps(expected), trusted=True))


def test_right_answer_passes_and_prints_the_same_every_run(capsys):
    check("01.dense_layer", good_dense)
    first = capsys.readouterr().out
    check("01.dense_layer", good_dense)
    assert capsys.readouterr().out == first
    assert first.count("✓") == 4 and "✗" not in first and "3 of 3 points" in first


def test_wrong_answer_fails_with_case_problem_and_hint(capsys):
    with pytest.raises(CheckFailed) as raised:
        check("01.dense_layer", lambda x, w, b: x @ w)
    out = capsys.readouterr().out
    assert isinstance(raised.value, AssertionError)
    assert "✗ 4 examples, 3 features -> 2 units: values differ" in out
    assert "hint:" in out and "0 of 3 points" in out
    assert raised.value._render_traceback_() == [f"CheckFailed: {raised.value}"]


def test_expected_values_are_never_printed(capsys):
    task = get_task("01.weighted_sum")
    with pytest.raises(CheckFailed):
        check("01.weighted_sum", lambda x, w, b: 0.0)
    out = capsys.readouterr().out
    from course_utils.grading.expected import public_expected

    for want in public_expected(task):  # the distance to the answer would give it away too
        expected = want["value"]
        assert f"{expected:.3g}" not in out and f"{abs(expected):.3g}" not in out


def test_exception_is_shown_with_the_learners_own_line():
    def dense(x, w, b):
        hidden = x @ w
        return hidden + b[:, None]  # wrong axis

    result = grade_answer("01.dense_layer", dense)
    problem = result.cases[0].problem
    assert problem.startswith("raised ValueError") and "your code, line" in problem and "hidden + b[:, None]" in problem


def test_not_implemented_stub_gets_zero_and_says_so():
    def dense(x, w, b):
        raise NotImplementedError()

    result = grade_answer("01.dense_layer", dense)
    assert result.earned == 0 and all("not implemented yet" in case.problem for case in result.cases)


def test_endless_loop_times_out_quickly_and_later_cases_are_skipped():
    def weighted_sum(x, w, b):
        while True:
            pass

    task = get_task("01.weighted_sum")
    fast = Task(**{**task.__dict__, "time_limit": 0.3})
    start = time.monotonic()
    cases = fast.cases()
    result = judge_task(fast, cases, produce(fast, weighted_sum, cases), [])
    assert time.monotonic() - start < 3
    assert not result.passed and "0.3 s limit" in result.cases[0].problem
    assert all("earlier case ran out of time" in case.problem for case in result.cases[1:])
    assert "loop" in result.hint


def test_endless_loop_that_catches_exceptions_still_stops():
    def stubborn(x, w, b):
        while True:
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 (the learner's mistake we guard against)
                pass

    task = get_task("01.weighted_sum")
    fast = Task(**{**task.__dict__, "time_limit": 0.2})
    cases = fast.cases()
    assert "limit" in judge_task(fast, cases, produce(fast, stubborn, cases), []).cases[0].problem


@pytest.mark.parametrize("answer, message", [
    (lambda x, w, b: None, "returned None: is a `return` statement missing?"),
    (lambda x, w, b: AlwaysEqual(), "returned an object of type"),
    (lambda x, w, b: "5.5", "returned a str; expected a single number"),
    (lambda x, w, b: [1.0, "a"], "returned a list or tuple of 2 items that is not a regular array; expected a single number"),
    (lambda x, w, b: {"sum": 1.0}, "returned a dict with keys sum; expected a single number"),
])
def test_wrong_types_get_a_clear_problem(answer, message):
    result = grade_answer("01.weighted_sum", answer)
    assert not result.passed and message in result.cases[0].problem


def test_objects_claiming_equality_never_pass():
    assert not grade_answer("01.dense_layer", lambda x, w, b: AlwaysEqual()).passed
    liar = lambda x, w, b: np.zeros((len(x), w.shape[1])).view(ArrayLikeLiar)  # noqa: E731
    assert not grade_answer("01.dense_layer", liar).passed


def test_tensors_and_lists_are_accepted_as_arrays():
    import tensorflow as tf

    assert grade_answer("01.dense_layer", lambda x, w, b: tf.constant(x @ w + b)).passed
    assert grade_answer("01.dense_layer", lambda x, w, b: (x @ w + b).tolist()).passed


def test_modifying_an_input_in_place_fails_and_the_official_inputs_stay_intact():
    task = get_task("01.standardize")
    before = [case.inputs[0].copy() for case in task.cases()]

    def standardize(x):
        x -= x.mean(axis=0)
        return x / np.where(x.std(axis=0) > 0, x.std(axis=0), 1)

    result = grade_answer("01.standardize", standardize)
    assert "changed its input in place" in result.cases[0].problem
    for case, original in zip(task.cases(), before):
        np.testing.assert_array_equal(case.inputs[0], original)


def test_unknown_task_ids_are_rejected_with_the_known_ones():
    with pytest.raises(ValueError, match="01.weighted_sum"):
        check("01.nope", good_dense)
    with pytest.raises(ValueError, match="Expected a task id like"):
        check("dense", good_dense)
    with pytest.raises(ValueError, match="exercise"):
        check("99.dense", good_dense)


def test_references_need_three_wrong_answers():
    with pytest.raises(ValueError, match="at least 3 known-wrong answers"):
        Reference(good_dense, (WrongAnswer("w", list),))


def test_missing_or_tampered_outcomes_fail_safely():
    task = get_task("01.dense_layer")
    cases = task.cases()
    from course_utils.grading.expected import public_expected
    expected = public_expected(task)
    assert not judge_task(task, cases, [], expected).passed
    outcomes = produce(task, good_dense, cases)
    assert judge_task(task, cases, outcomes, expected).passed
    outcomes[0]["case"] = "something else"
    assert not judge_task(task, cases, outcomes, expected).passed
    outcomes = produce(task, good_dense, cases)
    outcomes[2]["value"] = {"not": "an array"}
    assert not judge_task(task, cases, outcomes, expected).passed


@pytest.mark.parametrize("expected, value, fragment", [
    (np.zeros((2, 3)), np.zeros((3, 2)), "returned shape (3, 2); expected shape (2, 3)"),
    (np.zeros(3), 1.0, "expected an array of shape (3,)"),
    (1.0, np.zeros(3), "expected a single number"),
    (np.zeros(2), np.array([np.nan, 0.0]), "nan or inf in 1 of 2"),
    (np.zeros(2), np.array([0.0, 0.5]), "values differ in 1 of 2 entries, the first at index 1"),
    (np.zeros((2, 2)), np.array([[0.0, 0.5], [1.0, 0.0]]), "2 of 4 entries, the first at index (0, 1)"),
    (2.0, 2.5, "wrong value"),
])
def test_compare_values_messages(expected, value, fragment):
    assert fragment in compare_values(expected, value)


def test_compare_values_accepts_within_tolerance():
    assert compare_values(np.ones(3), np.ones(3) + 1e-9) is None
    assert compare_values(1.0, np.float64(1.0)) is None


def test_plain_data_round_trip_and_rejections():
    value = {"predictions": np.array([1, 2], dtype=np.int64), "score": 0.5, "ok": True}
    back = loads(dumps(to_plain(value)))
    np.testing.assert_array_equal(back["predictions"], value["predictions"])
    assert back["predictions"].dtype == np.int64 and back["score"] == 0.5 and back["ok"] is True
    with pytest.raises(NotPlainData):
        to_plain(object())
    with pytest.raises(ValueError):
        loads('{"__ndarray__": "AAAAAAAAAAA=", "dtype": "|O", "shape": [1]}')
    with pytest.raises(ValueError):  # bytes that do not match the shape
        loads('{"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [3]}')
    with pytest.raises(ValueError):  # a generator or a tuple is never plain data from a learner's process
        loads(dumps({"rng": np.random.default_rng(1)}))
    rng = loads(dumps((np.random.default_rng(1), 2)), trusted=True)[0]
    assert rng.integers(1000) == np.random.default_rng(1).integers(1000)


def test_time_limit_leaves_no_alarm_behind():
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.05):
            while True:
                pass
    time.sleep(0.7)  # a leftover repeating alarm would fire here


def test_a_case_failure_never_hides_the_other_cases():
    task = get_task("01.standardize")
    cases = task.cases()
    result = grade_answer("01.standardize", lambda x: (x - x.mean(axis=0)) / x.std(axis=0))  # no guard for constant columns
    assert [case.passed for case in result.cases] == [True, False, False, True]
    assert isinstance(cases[0], Case)


@pytest.mark.parametrize("expected, value, fragment", [
    ({"a": np.zeros(2), "b": 1.0}, np.zeros(2), "returned an array of shape (2,) (a tuple or list is read as one array); expected a dict with keys a, b"),
    ({"a": np.zeros(2), "b": 1.0}, {"a": np.zeros(2)}, "returned a dict with keys a; expected a dict with keys a, b"),
    ({"a": np.zeros(2), "b": 1.0}, [np.zeros(2), 1.0], "returned a list or tuple of 2 items that is not a regular array; expected a dict with keys a, b"),
    ({"a": np.zeros(2), "b": 1.0}, {"a": np.zeros(3), "b": 1.0}, "a: returned shape (3,); expected shape (2,)"),
    ({"a": np.zeros(2), "b": 1.0}, {"a": np.zeros(2), "b": 2.0}, "b: wrong value"),
])
def test_compare_values_on_dicts_names_the_entry(expected, value, fragment):
    assert fragment in compare_values(expected, value)
    assert compare_values(expected, {key: expected[key] for key in reversed(list(expected))}) is None


def _split_sum(x, y):
    """Toy reference returning a tuple: (x + y, x - y)."""
    return x + y, x - y


def _toy_tuple_task():
    from course_utils.grading.builders import function_task

    cases = lambda rng: [Case("two vectors", (rng.normal(size=3), rng.normal(size=3)))]  # noqa: E731
    return function_task("01.split_sum", "toy", 1, answer_name="split_sum", cases=cases, hint="h", returns=("total", "difference"))


@pytest.mark.parametrize("answer, fragment", [
    (_split_sum, None),
    (lambda x, y: [x + y, x - y], None),
    (lambda x, y: (x + y, y - x), "difference: values differ"),
    (lambda x, y: x + y, "returned a ndarray; expected a tuple of 2: (total, difference)"),
    (lambda x, y: (x + y,), "returned a tuple of 1 elements; expected a tuple of 2"),
])
def test_function_task_with_named_tuple_results(answer, fragment):
    task = _toy_tuple_task()
    result = toy_grade(task, answer, _split_sum)
    if fragment is None:
        assert result.passed
    else:
        assert not result.passed and fragment in result.cases[0].problem


def test_changing_an_array_inside_a_dict_argument_is_caught():
    task = Task(id="01.scale_params", title="toy", points=1, answer_name="scale", run=call_with_inputs,
                make_cases=lambda rng: [Case("params", ({"w": rng.normal(size=2)},))], judge=lambda case, value, expected: None,
                hint="", compares=False)
    cases = task.cases()

    def scale_in_place(params):
        params["w"] *= 2
        return params["w"]

    outcome = produce(task, scale_in_place, cases)[0]
    assert outcome["error"] == "mutated_input" and "argument 1" in outcome["message"]
    assert produce(task, lambda params: params["w"] * 2, cases)[0]["status"] == "ok"
    assert produce(task, lambda params: params.pop("w"), cases)[0]["error"] == "mutated_input"


def _toy_diagnosed_task(diagnose):
    from course_utils.grading.builders import function_task

    cases = lambda rng: [Case("two numbers", (rng.normal(size=2),), hint="the case's hint")]  # noqa: E731
    return function_task("01.double", "toy", 1, answer_name="double", cases=cases, hint="the task's hint", diagnose=diagnose)


def _diagnose_negated(case, value, expected):
    return "negated" if np.allclose(value, -expected["value"]) else None


def _diagnose_crashes(case, value, expected):
    raise KeyError("oops")


@pytest.mark.parametrize("diagnose, answer, expected_hint", [
    (_diagnose_negated, lambda x: -2 * x, "negated"),                # the diagnosis names the mistake
    (_diagnose_negated, lambda x: 3 * x, "the case's hint"),         # no diagnosis: the case's hint
    (_diagnose_crashes, lambda x: 3 * x, "the case's hint"),         # a diagnosis that fails never breaks grading
    (_diagnose_negated, lambda x: x.__setitem__(0, 9.0), None),      # an input changed in place: the in-place hint
    (_diagnose_negated, lambda x: 1 / 0, ERROR_HINTS["exception"]),  # an exception: its own hint, not a maths one
])
def test_a_task_diagnosis_picks_the_hint_for_wrong_values_only(diagnose, answer, expected_hint):
    task = _toy_diagnosed_task(diagnose)
    wrong = tuple(WrongAnswer(f"wrong {i}", lambda: lambda x: -x / 7) for i in range(3))
    result = toy_grade(task, answer, lambda x: 2 * x, wrong)
    assert not result.passed
    hint = result.hint
    assert hint == expected_hint if expected_hint else "Build new arrays" in hint


def _toy_task_with_known_mistakes():
    from course_utils.grading.builders import function_task

    def negated(x):
        return -2 * x

    def raises(x):
        raise ValueError("never recognised by its value")

    cases = lambda rng: [Case("two numbers", (rng.normal(size=2),), hint="the case's hint")]  # noqa: E731
    wrong = (WrongAnswer("raises an error", lambda: raises), WrongAnswer("has a sign error", lambda: negated),
             WrongAnswer("forgets the factor 2", lambda: lambda x: x))
    return function_task("01.double", "toy", 1, answer_name="double", cases=cases, hint="the task's hint"), wrong


@pytest.mark.parametrize("answer, expected_hint", [
    (lambda x: -2 * x, "This is the result you get if your function has a sign error."),
    (lambda x: x.copy(), "This is the result you get if your function forgets the factor 2."),
    (lambda x: 3 * x, "the case's hint"),       # no known mistake gives this
    (lambda x: 1 / 0, ERROR_HINTS["exception"]),  # an exception gets its own hint, no maths hint
])
def test_a_wrong_value_that_a_known_mistake_gives_is_named(answer, expected_hint):
    task, wrong = _toy_task_with_known_mistakes()
    result = toy_grade(task, answer, lambda x: 2 * x, wrong)
    assert not result.passed and result.hint == expected_hint


class LookupModel:
    """Looks like a Keras model to a duck-typing check, but looks labels up in the full digits set instead of learning."""

    layers = ()

    def predict(self, x, verbose=0):
        from sklearn.datasets import load_digits

        digits = load_digits()
        pixels = digits.data / 16.0
        scores = np.zeros((len(x), 10))
        for row, image in enumerate(np.asarray(x)):
            scores[row, digits.target[np.argmin(((pixels - image) ** 2).sum(axis=1))]] = 1.0
        return scores

    def count_params(self):
        return 650

    def get_weights(self):
        return []

    def to_json(self):
        return '{"module": "keras", "class_name": "Sequential", "config": {"name": "lookup", "layers": []}}'


@pytest.mark.parametrize("answer, fragment", [
    (lambda x, y: LookupModel(), "could not predict"),
    (lambda x, y: type("Custom", (LookupModel,), {"to_json": lambda self: '{"module": "mine", "class_name": "Lookup"}'})(), "Keras layers only"),
])
def test_a_model_task_judges_the_rebuilt_network_not_the_learners_object(answer, fragment):
    """The judge rebuilds the network from its architecture and weights and predicts the held-out digits itself."""
    result = grade_answer("00.pixel_network", answer)
    assert not result.passed and fragment in result.cases[0].problem


# --- issue 10: every correct style accepted, tolerances that follow the dtype, one hint per task ---------------

def test_a_tuple_returned_where_a_dict_is_expected_names_the_dict_keys():
    """Before: "not a regular array of numbers (setting an array element with a sequence...)"."""
    from course_instructor.references import reference_for

    task = get_task("06.backward")
    reference = reference_for(task).answer
    result = grade_answer("06.backward", lambda *args: tuple(reference(*args).values()))
    assert not result.passed
    assert "expected a dict with keys W1, W2, W3, b1, b2, b3" in result.cases[0].problem, result.cases[0].problem
    assert result.hint == ERROR_HINTS["wrong_type"] or "dict" in result.cases[0].problem


@pytest.mark.parametrize("make", [
    lambda v: np.float32(v), lambda v: np.array(v, dtype=np.float32), lambda v: np.float64(v),
    lambda v: __import__("tensorflow").constant(v, dtype="float32"), lambda v: __import__("tensorflow").constant(v, dtype="float64"),
])
def test_scalars_of_every_kind_become_plain_numbers_judged_by_their_precision(make):
    value = to_plain(make(1.0 / 3.0))
    assert np.ndim(value) == 0
    assert compare_values(1.0 / 3.0, value) is None
    assert compare_values(1.0 / 3.0 + 0.01, value) is not None


def test_float32_results_are_judged_with_float32_tolerances_and_float16_is_refused():
    exact = np.linspace(-3, 3, 12).reshape(3, 4) / 7.0
    assert compare_values(exact, exact.astype(np.float32), atol=1e-12, rtol=1e-12) is None
    assert compare_values(exact, (exact + 1e-6).astype(np.float64), atol=1e-12, rtol=1e-12) is not None
    assert compare_values(exact, (exact * 1.01).astype(np.float32), atol=1e-12, rtol=1e-12) is not None
    assert "too coarse" in compare_values(exact, exact.astype(np.float16))


def test_tensor_answers_pass_a_check():
    tf = pytest.importorskip("tensorflow")
    result = grade_answer("03.swish_derivative", lambda x: tf.sigmoid(x) * (1.0 + x * (1.0 - tf.sigmoid(x))))
    assert result.passed, result.first_problem()


def test_an_overflow_fails_a_stability_task_even_when_the_result_is_right():
    stable = function_task("03.toy_sigmoid", "toy", 1, answer_name="sigmoid", hint="h", forbids_overflow=True,
                           cases=lambda rng: [Case("large negative inputs", (-rng.uniform(800, 900, 3),))])
    lenient = Task(**{**stable.__dict__, "forbids_overflow": False})
    naive = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731 (exp(800) overflows to inf, 1/inf is the right 0)
    cases = stable.cases()
    expected = [{"value": np.zeros(3)}]
    result = judge_task(stable, cases, produce(stable, naive, cases), expected)
    assert not result.passed and "overflow" in result.cases[0].problem and result.hint == ERROR_HINTS["overflow"]
    assert judge_task(lenient, cases, produce(lenient, naive, cases), expected).passed


def test_a_first_import_inside_the_answer_does_not_count_against_the_time_limit(monkeypatch):
    import builtins
    import sys
    import types

    real_import = builtins.__import__

    def slow_import(name, *args, **kwargs):
        if name == "keras" and "keras" not in sys.modules:
            time.sleep(0.6)
            sys.modules["keras"] = types.ModuleType("keras")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", slow_import)
    monkeypatch.delitem(sys.modules, "keras", raising=False)

    def answer(x):
        import keras  # noqa: F401 (the first import is slow)
        return x

    task = Task(**{**get_task("03.relu_derivative").__dict__, "time_limit": 0.3})
    cases = task.cases()[:1]
    assert produce(task, answer, cases)[0]["status"] == "ok"
    monkeypatch.delitem(sys.modules, "keras")

    def looping(x):
        while True:
            pass

    assert produce(task, looping, cases)[0]["error"] == "timeout"


def test_a_failed_task_shows_one_hint_and_errors_get_no_maths_hint():
    result = grade_answer("03.softmax", lambda logits: np.exp(logits) / np.exp(logits).sum())
    assert not result.passed and check_text(result).count("hint:") == 1
    raising = grade_answer("03.softmax", lambda logits: logits.nonexistent)
    assert raising.hint == ERROR_HINTS["exception"] and check_text(raising).count("hint:") == 1
    none = grade_answer("03.softmax", lambda logits: None)
    assert none.hint == ERROR_HINTS["wrong_type"]


def check_text(result):
    from course_utils.grading.report import render_task

    return render_task(result)


def test_the_notebook_table_shows_status_not_the_recipe():
    from course_utils.grading.report import format_table

    def stub(*args):
        raise NotImplementedError()

    task = get_task("03.softmax")
    results = [grade_answer("03.softmax", stub), grade_answer("03.dead_units", lambda x, layers: [0] * len(layers))]
    table = format_table(results)
    assert "not started" in table and "cases wrong" in table
    assert task.hint not in table
    assert results[0].hint == ""


def test_hint_gives_a_more_explicit_hint_each_time(capsys):
    from course_utils.grading import hint

    task = get_task("06.backward")
    levels = (task.hint, *task.more_hints)
    assert len(levels) >= 2
    for level in levels + levels[-1:]:
        hint("06.backward")
        assert level in capsys.readouterr().out


# --- graded thresholds (a rubric) ----------------------------------------------------------------------------------

def _rubric_task(rubric=((0.5, 2), (0.8, 5), (0.9, 10)), points=10):
    """A toy task scored by a measure: the answer returns a number, its score; two cases."""
    def cases(rng):
        return [Case(f"case {index} ({rng.integers(1000)})", (index,), hint=f"hint {index}") for index in range(2)]

    def score(case, value, expected):
        return value if isinstance(value, float) else "returned no score"

    return Task("14.toy_rubric", "toy", points, "measure", cases, call_with_inputs, judge=None, hint="h", compares=False,
                rubric=rubric, score=score)


def _graded(task, scores):
    cases = task.cases()
    outcomes = loads(dumps(produce(task, lambda index: scores[index], cases)))
    return judge_task(task, cases, outcomes, [None] * len(cases))


@pytest.mark.parametrize("scores, earned", [((0.95, 0.92), 10), ((0.95, 0.85), 5), ((0.81, 0.6), 2), ((0.49, 0.99), 0),
                                            ((0.9, 0.9), 10), ((0.5, 0.8), 2)])
def test_a_rubric_awards_the_points_of_the_highest_threshold_the_lowest_case_reaches(scores, earned):
    result = _graded(_rubric_task(), scores)
    assert result.earned == earned
    assert result.passed == (earned == 10)
    if 0 < earned < 10:
        assert result.status == f"{earned} of 10 points by the rubric"
        lowest = min(result.cases, key=lambda case: case.score)
        assert f"scored {min(scores):.1%}: {earned} of 10 points" in lowest.problem and "at least 50%: 2 points, 80%: 5 points, 90%: 10 points" in lowest.problem


def test_a_case_that_cannot_be_scored_earns_nothing_under_a_rubric():
    task = _rubric_task()
    cases = task.cases()
    outcomes = loads(dumps(produce(task, lambda index: 0.95 if index == 0 else "not a score", cases)))
    result = judge_task(task, cases, outcomes, [None, None])
    assert result.earned == 0 and not result.passed and result.cases[1].problem == "returned no score"
    render = render_task(result)
    assert "0 of 10 points" in render and render.count("hint:") == 1


def test_partial_points_show_in_the_check_cell_and_in_the_table():
    result = _graded(_rubric_task(), (0.95, 0.85))
    assert "1 of 2 cases passed: 5 of 10 points." in render_task(result)
    assert " 5/10 " in format_table([result])


@pytest.mark.parametrize("rubric", [(), ((0.9, 10), (0.5, 2)), ((0.5, 2), (0.8, 5)), ((0.5, 0), (0.9, 10)), ((0.5,), (0.9, 10)),
                                    ((0.5, 5), (0.5, 10))])
def test_a_malformed_rubric_is_refused_when_the_task_is_defined(rubric):
    with pytest.raises(ValueError, match="rubric"):
        _rubric_task(rubric=rubric)


@pytest.mark.parametrize("expected, value, right", [(np.inf, np.inf, True), (np.inf, 1e300, False), (np.inf, -np.inf, False),
                                                    (-np.inf, -np.inf, True), (np.nan, np.nan, True), (np.nan, 0.0, False),
                                                    (np.array([1.0, np.inf]), np.array([1.0, 5.0]), False),
                                                    (np.array([1.0, np.inf]), np.array([1.0 + 1e-9, np.inf]), True)])
def test_where_a_right_answer_gives_inf_or_nan_only_the_same_is_right(expected, value, right):
    """A tolerance relative to inf is inf: it must not accept every finite number (and must not warn)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (compare_values(to_plain(expected), to_plain(value)) is None) == right
