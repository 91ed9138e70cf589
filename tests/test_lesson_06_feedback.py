"""Exercise 06's feedback fits the evidence (issue 10, items 4 and 5): each test failed before the change it guards."""
import numpy as np

from course_instructor.references import lesson_06 as references
from course_utils.checks.lesson_06 import BACKWARD_HINTS, _diagnose_backward, _network_case
from course_utils.grading.judge import KNOWN_MISTAKE_HINT
from course_utils.grading.tasks import Case, get_task

from .test_checks import HIDDEN_SEEDS, grade


def _named(mistake: str) -> str:
    return f"{KNOWN_MISTAKE_HINT}{mistake}."


def _mistake(task_id: str, start: str) -> str:
    """The phrase of the task's known mistake that starts with `start`."""
    from course_instructor.references import reference_for

    return next(wrong.mistake for wrong in reference_for(get_task(task_id)).wrong_answers if wrong.mistake.startswith(start))


# --- 06.dense_backward -------------------------------------------------------------------------------------------

def test_a_bias_gradient_that_keeps_the_batch_axis_is_named_as_such():
    """Before: a (1, k) bias gradient got another mistake's hint ("does not reduce the bias gradient") or a case hint."""
    def keeps_the_axis(x, w, grad_z):
        return grad_z @ w.T, x.T @ grad_z, grad_z.sum(axis=0, keepdims=True)

    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("06.dense_backward"), keeps_the_axis, seed)
        assert not result.passed
        assert result.hint == _named(_mistake("06.dense_backward", "keeps the batch axis")), result.hint


# --- 06.backward -------------------------------------------------------------------------------------------------

def _first_weights_in_the_wrong_order(params, x, y):
    """W1's gradient as dz1.T @ x (shape (H, 2)), everything else right."""
    grads = references.backward(params, x, y)
    h = np.tanh(x @ params["W1"] + params["b1"])
    p = 1.0 / (1.0 + np.exp(-(h @ params["W2"] + params["b2"])))
    grad_z1 = ((p - y) / len(x) @ params["W2"].T) * (1.0 - h ** 2)
    return {**grads, "W1": grad_z1.T @ x}


def _diagnosis(value_of, hidden: int = 3, n: int = 8):
    """The diagnosis of a value derived from the right gradients (`value_of(right) -> value`) on a drawn network."""
    case = Case("a drawn network", _network_case(np.random.default_rng(5), n, hidden))
    right = references.backward(*case.inputs)
    return _diagnose_backward(case, value_of(right), {"value": right})


def test_first_layer_weights_in_the_wrong_product_order_are_not_blamed_on_tanh():
    """Before: `dz1.T @ x` was told that tanh's slope is missing (W1 differing was taken for the hidden layer's mistake)."""
    for seed in (None, *HIDDEN_SEEDS):
        hint = grade(get_task("06.backward"), _first_weights_in_the_wrong_order, seed).hint
        assert "tanh" not in hint, hint
        assert hint in (_named(_mistake("06.backward", "computes W1's gradient")), BACKWARD_HINTS["first_weights"]), hint


def test_the_diagnosis_of_a_transposed_first_weight_gradient_names_the_product_order():
    transposed = lambda right: {**right, "W1": right["W1"].T}  # noqa: E731
    assert _diagnosis(transposed) == BACKWARD_HINTS["first_weights"]
    assert _diagnosis(transposed, hidden=2) == BACKWARD_HINTS["first_weights"]  # square W1: same shape, wrong values


def test_the_hidden_layer_hint_needs_both_first_layer_gradients_wrong():
    """Only a wrong hidden error signal changes W1 and b1 together; one of them alone is another mistake."""
    assert _diagnosis(lambda right: {**right, "W1": 0.5 * right["W1"], "b1": 0.5 * right["b1"]}) == BACKWARD_HINTS["hidden"]
    assert _diagnosis(lambda right: {**right, "b1": 2.0 * right["b1"]}) == BACKWARD_HINTS["bias"]
    assert _diagnosis(lambda right: {**right, "W1": 2.0 * right["W1"]}) == BACKWARD_HINTS["first_weights"]
    assert _diagnosis(lambda right: {**right, "W1": right["W1"][:1], "b1": 2.0 * right["b1"]}) is None  # a shape is off too


def test_a_wrong_output_weight_gradient_alone_is_not_blamed_on_the_output_error_signal():
    assert _diagnosis(lambda right: {**right, "W2": 2.0 * right["W2"]}) == BACKWARD_HINTS["output_weights"]
    assert _diagnosis(lambda right: {name: 3.0 * value for name, value in right.items()}) == BACKWARD_HINTS["output"]


def test_a_hidden_slope_of_another_shape_gets_the_hidden_layer_hint():
    """An answer that is no known mistake (tanh's slope written as 1 - h) is diagnosed from which gradients differ."""
    def slope_one_minus_h(params, x, y):
        h = np.tanh(x @ params["W1"] + params["b1"])
        p = 1.0 / (1.0 + np.exp(-(h @ params["W2"] + params["b2"])))
        grad_z2 = (p - y) / len(x)
        grad_z1 = (grad_z2 @ params["W2"].T) * (1.0 - h)
        return {"W1": x.T @ grad_z1, "b1": grad_z1.sum(axis=0), "W2": h.T @ grad_z2, "b2": grad_z2.sum(axis=0)}

    assert grade(get_task("06.backward"), slope_one_minus_h).hint == BACKWARD_HINTS["hidden"]


def test_dividing_by_n_twice_is_not_blamed_on_the_sigmoid():
    """Before: every gradient n times too small got "do not multiply by p(1 - p) again"."""
    def divides_twice(params, x, y):
        return {name: gradient / len(x) for name, gradient in references.backward(params, x, y).items()}

    hint = grade(get_task("06.backward"), divides_twice).hint
    assert hint in (_named("divides by n twice"), BACKWARD_HINTS["mean_twice"]) and "sigmoid" not in hint, hint
    assert _diagnosis(lambda right: {name: value / 8 for name, value in right.items()}) == BACKWARD_HINTS["mean_twice"]


# --- 06.gradient_descent_step ------------------------------------------------------------------------------------

def test_pairing_parameters_and_gradients_by_position_fails():
    """Before: every case listed the gradients in the parameters' order, so a zip of the two dicts' values passed
    (and then broke the notebook's training cell, whose gradients come from `backward` in another order)."""
    def by_position(params, grads, learning_rate):
        return {name: value - learning_rate * gradient for (name, value), gradient in zip(params.items(), grads.values())}

    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("06.gradient_descent_step"), by_position, seed)
        assert not result.passed
        assert result.hint == _named(_mistake("06.gradient_descent_step", "pairs parameters")), result.hint


def test_gradients_in_another_order_than_the_parameters_are_drawn_anew():
    for seed in (None, *HIDDEN_SEEDS):
        shuffled = [case for case in get_task("06.gradient_descent_step").cases(seed) if list(case.inputs[0]) != list(case.inputs[1])]
        assert len(shuffled) >= 2
        assert all(sorted(params) == sorted(grads) for params, grads, _ in (case.inputs for case in shuffled))


def test_the_diagnosis_judges_agreement_as_the_judge_does():
    """Gradients the judge accepts are not diagnosed (before: "the bias gradients are wrong" for right ones); float32 ones too."""
    assert _diagnosis(lambda right: right) is None
    assert _diagnosis(lambda right: {name: value.astype(np.float32) for name, value in right.items()}) is None
    float32_transposed = lambda right: {**right, "W1": right["W1"].T.astype(np.float32)}  # noqa: E731
    assert _diagnosis(float32_transposed) == BACKWARD_HINTS["first_weights"]
