"""Exercise 06's feedback fits the evidence (issue 10, items 4 and 5; issue 13): each test failed before the change it guards."""
import numpy as np

from course_instructor.references import lesson_06 as references
from course_utils.checks.lesson_06 import BACKWARD_HINTS, _diagnose_backward, _relu_network_case
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


# --- 06.input_gradient -------------------------------------------------------------------------------------------

def test_a_missing_transpose_of_a_square_first_layer_is_named():
    """A square W1 (H = 2) is drawn on every seed, so W1 without its transpose returns wrong values and is named."""
    for seed in (None, *HIDDEN_SEEDS):
        cases = get_task("06.input_gradient").cases(seed)
        assert any(case.inputs[0]["W1"].shape == (2, 2) for case in cases)
        result = grade(get_task("06.input_gradient"), references._input_no_transpose, seed)
        assert not result.passed


# --- 06.backward -------------------------------------------------------------------------------------------------

def _diagnosis(value_of, hidden_1: int = 4, hidden_2: int = 3, n: int = 8):
    """The diagnosis of a value derived from the right gradients (`value_of(right) -> value`) on a drawn network."""
    case = Case("a drawn network", _relu_network_case(np.random.default_rng(5), n, hidden_1, hidden_2))
    right = references.backward(*case.inputs)
    return _diagnose_backward(case, value_of(right), {"value": right})


def test_first_layer_weights_in_the_wrong_product_order_are_not_blamed_on_relu():
    """`dz1.T @ x` is told about W1's product, not that ReLU's slope is missing (W1 differing alone is not the hidden layer's mistake)."""
    for seed in (None, *HIDDEN_SEEDS):
        hint = grade(get_task("06.backward"), references._backward_first_weights_transposed, seed).hint
        assert "ReLU" not in hint, hint
        assert hint in (_named(_mistake("06.backward", "computes W1's gradient")), BACKWARD_HINTS["first_weights"]), hint


def test_the_diagnosis_of_a_transposed_first_weight_gradient_names_the_product_order():
    transposed = lambda right: {**right, "W1": right["W1"].T}  # noqa: E731
    assert _diagnosis(transposed) == BACKWARD_HINTS["first_weights"]
    assert _diagnosis(transposed, hidden_1=2) == BACKWARD_HINTS["first_weights"]  # square W1: same shape, wrong values


def test_the_hidden_layer_hint_needs_the_first_layer_gradients_wrong_together():
    """Only a wrong hidden error signal changes W1 and b1 together (and W2 and b2 above them); one of them alone is another mistake."""
    assert _diagnosis(lambda right: {**right, "W1": 0.5 * right["W1"], "b1": 0.5 * right["b1"]}) == BACKWARD_HINTS["hidden"]
    both_layers = lambda right: {**right, **{name: 0.5 * right[name] for name in ("W1", "b1", "W2", "b2")}}  # noqa: E731
    assert _diagnosis(both_layers) == BACKWARD_HINTS["hidden"]
    assert _diagnosis(lambda right: {**right, "b1": 2.0 * right["b1"]}) == BACKWARD_HINTS["bias"]
    assert _diagnosis(lambda right: {**right, "W1": 2.0 * right["W1"]}) == BACKWARD_HINTS["first_weights"]
    assert _diagnosis(lambda right: {**right, "W1": right["W1"][:1], "b1": 2.0 * right["b1"]}) is None  # a shape is off too


def test_a_wrong_output_weight_gradient_alone_is_not_blamed_on_the_output_error_signal():
    assert _diagnosis(lambda right: {**right, "W3": 2.0 * right["W3"]}) == BACKWARD_HINTS["output_weights"]
    assert _diagnosis(lambda right: {name: 3.0 * value for name, value in right.items()}) == BACKWARD_HINTS["output"]


def test_a_hidden_slope_of_another_shape_gets_the_hidden_layer_hint():
    """An answer that is no known mistake (ReLU's slope taken as the activation itself) is diagnosed from which gradients differ."""
    def slope_is_the_activation(params, x, y):
        h1, h2, p = references._relu_forward(params, x)
        return references._relu_backward_from(params, x, h1, h2, (p - y) / len(x), slope=lambda h: h)

    assert grade(get_task("06.backward"), slope_is_the_activation).hint == BACKWARD_HINTS["hidden"]


def test_dividing_by_n_twice_is_not_blamed_on_the_sigmoid():
    """Before: every gradient n times too small got "do not multiply by p(1 - p) again"."""
    def divides_twice(params, x, y):
        return {name: gradient / len(x) for name, gradient in references.backward(params, x, y).items()}

    hint = grade(get_task("06.backward"), divides_twice).hint
    assert hint in (_named("divides by n twice"), BACKWARD_HINTS["mean_twice"]) and "sigmoid" not in hint, hint
    assert _diagnosis(lambda right: {name: value / 8 for name, value in right.items()}) == BACKWARD_HINTS["mean_twice"]


def test_the_inactive_units_case_has_inactive_units():
    """The case named for inactive units holds hidden units that are off on some samples and on on others."""
    for seed in (None, *HIDDEN_SEEDS):
        case = next(case for case in get_task("06.backward").cases(seed) if "inactive" in case.name)
        params, x, _ = case.inputs
        h1, h2, _ = references._relu_forward(params, x)
        assert 0.2 < np.mean(h1 == 0) < 0.95 and np.mean(h2 == 0) < 0.95, (np.mean(h1 == 0), np.mean(h2 == 0))


def test_the_diagnosis_judges_agreement_as_the_judge_does():
    """Gradients the judge accepts are not diagnosed (before: "the bias gradients are wrong" for right ones); float32 ones too."""
    assert _diagnosis(lambda right: right) is None
    assert _diagnosis(lambda right: {name: value.astype(np.float32) for name, value in right.items()}) is None
    float32_transposed = lambda right: {**right, "W1": right["W1"].T.astype(np.float32)}  # noqa: E731
    assert _diagnosis(float32_transposed) == BACKWARD_HINTS["first_weights"]
