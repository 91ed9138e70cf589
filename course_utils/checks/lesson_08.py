"""Checks of exercise 08: feedforward networks in Keras (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.models import UNTRAINED_HINT, data_seed, held_out_accuracy, never_trained, parameter_count, run_classifier
from ..grading.produce import WrongAnswerType
from ..grading.tasks import Case, Task

COMPACT_BUDGET = 640  # ten fewer than a linear model on the 64 pixels: 64 x 10 weights and 10 biases
COMPACT_FLOOR = 0.90


def _size(rng, low: int, high: int) -> int:
    """An integer drawn uniformly from [low, high] (both included)."""
    return int(rng.integers(low, high + 1))


# --- 08.dense_parameters -----------------------------------------------------

def _dense_parameters_cases(rng):
    n_linear, out_linear = _size(rng, 5, 300), _size(rng, 2, 12)
    n_mlp, hidden, classes = _size(rng, 8, 120), _size(rng, 16, 256), _size(rng, 2, 10)
    n_deep, width, depth = _size(rng, 2, 12), _size(rng, 4, 40), _size(rng, 4, 6)
    n_bottleneck, wide, narrow = _size(rng, 20, 90), _size(rng, 64, 200), _size(rng, 2, 9)
    return [
        Case(f"one layer, a linear model: {n_linear} inputs, units [{out_linear}]", (n_linear, [out_linear]),
             hint="One layer has one kernel, a weight for every pair of an input and a unit, and one bias for every unit."),
        Case(f"{n_mlp} inputs, units [{hidden}, {classes}] (a hidden layer and an output layer)", (n_mlp, [hidden, classes]),
             hint="The output layer's inputs are the hidden layer's units, not the network's inputs."),
        Case(f"{depth} layers of {width} units and then one output unit, on {n_deep} inputs", (n_deep, [width] * depth + [1]),
             hint="Every layer in the list counts, the last one (the output layer) too; each reads the units of the layer before it."),
        Case(f"a bottleneck given as a tuple: units ({wide}, {narrow}, {wide}) on {n_bottleneck} inputs", (n_bottleneck, (wide, narrow, wide)),
             hint="Accept any sequence of units, a tuple as well as a list, and count every layer's biases: one per unit."),
    ]


# --- 08.early_stopping_gap -----------------------------------------------------

LOWER_IS_BETTER = ("loss", "mae", "mse")


def _values(rng, low: float, high: float, size: int) -> np.ndarray:
    """`size` distinct values drawn uniformly from [low, high), rounded to 4 decimals."""
    while True:
        values = np.round(rng.uniform(low, high, size=size), 4)
        if len(np.unique(values)) == size:
            return values


def _make_lowest(values: np.ndarray, index: int, rng) -> np.ndarray:
    """`values` with entry `index` set clearly below all the others (by 0.01 to 0.05)."""
    values = values.copy()
    others = np.delete(values, index)
    values[index] = round(float(others.min()) - float(rng.uniform(0.01, 0.05)), 4)
    return values


def _history(rng, epochs: int, best: int, metric: str, *, tie: "int | None" = None, train_lowest: "int | None" = None,
             metric_best: "int | None" = None, negative_gap: bool = False) -> dict:
    """A Keras-like ``history.history`` dict (lists of floats, one per epoch) with a known best epoch.

    Args:
        rng: The NumPy generator.
        epochs: Number of epochs.
        best: 0-based epoch with the lowest validation loss.
        metric: "loss", "mae" or "accuracy" (also recorded, with its "val_" twin, when it is not "loss").
        tie: Another 0-based epoch, after `best`, given exactly the same lowest validation loss.
        train_lowest: 0-based epoch with the lowest training loss (default: the last one).
        metric_best: 0-based epoch where the validation metric is best (default: chosen at random, not `best`).
        negative_gap: Make the validation metric better than the training metric at `best` (as with dropout).
    """
    val_loss = _make_lowest(_values(rng, 0.4, 1.2, epochs), best, rng)
    if tie is not None:
        val_loss[tie] = val_loss[best]
    loss = np.sort(_values(rng, 0.05, 0.9, epochs))[::-1].copy()  # training loss falls every epoch
    if train_lowest is not None:
        loss = _make_lowest(loss, train_lowest, rng)
    history = {"loss": loss, "val_loss": val_loss}
    if metric != "loss":
        if metric_best is None:
            metric_best = int(rng.choice([epoch for epoch in range(epochs) if epoch not in (best, tie)]))
        if metric == "accuracy":
            train = np.sort(_values(rng, 0.75, 0.999, epochs))
            val = np.round(1.0 - _make_lowest(1.0 - _values(rng, 0.6, 0.9, epochs), metric_best, rng), 4)
            if negative_gap:
                train[best] = round(float(val[best]) - float(rng.uniform(0.01, 0.05)), 4)
        else:
            train = np.sort(_values(rng, 10.0, 40.0, epochs))[::-1].copy()
            val = _make_lowest(_values(rng, 30.0, 60.0, epochs), metric_best, rng)
            if negative_gap:
                train[best] = round(float(val[best]) + float(rng.uniform(1.0, 5.0)), 4)
        history[metric], history[f"val_{metric}"] = train, val
    return {key: [float(value) for value in values] for key, values in history.items()}


def _early_stopping_gap_cases(rng):
    epochs_mae, epochs_acc, epochs_last = _size(rng, 20, 40), _size(rng, 10, 25), _size(rng, 8, 20)
    epochs_first, epochs_tie, epochs_dropout = _size(rng, 6, 15), _size(rng, 12, 30), _size(rng, 15, 30)
    best_mae, best_acc = _size(rng, 4, epochs_mae - 6), _size(rng, 3, epochs_acc - 4)
    best_tie = _size(rng, 2, epochs_tie - 6)
    tie = _size(rng, best_tie + 1, epochs_tie - 3)  # never the last epoch
    best_dropout = _size(rng, 4, epochs_dropout - 8)
    train_lowest = _size(rng, best_dropout + 1, epochs_dropout - 3)  # a noisy training loss, lowest before the end
    return [
        Case(f"{epochs_mae} epochs that overfit, metric 'mae'", (_history(rng, epochs_mae, best_mae, "mae"), "mae"),
             hint="The best epoch is the one with the lowest validation loss, val_loss, the quantity early stopping watches, "
                  "counted from 1 as Keras prints it."),
        Case(f"{epochs_acc} epochs, metric 'accuracy' (higher is better)", (_history(rng, epochs_acc, best_acc, "accuracy"), "accuracy"),
             hint="For accuracy, higher is better: the validation score is worse when it is lower, so the gap is training "
                  "accuracy minus validation accuracy."),
        Case(f"{epochs_last} epochs, the validation loss lowest at the last one, metric 'loss'",
             (_history(rng, epochs_last, epochs_last - 1, "loss"), "loss"),
             hint="For a loss, lower is better: the gap is the validation loss minus the training loss at the best epoch."),
        Case(f"{epochs_first} epochs, the validation loss lowest after the first one, metric 'accuracy'",
             (_history(rng, epochs_first, 0, "accuracy"), "accuracy"),
             hint="Epochs are counted from 1: the first epoch is epoch 1."),
        Case(f"{epochs_tie} epochs, two of them tie for the lowest validation loss, metric 'accuracy'",
             (_history(rng, epochs_tie, best_tie, "accuracy", tie=tie), "accuracy"),
             hint="When two epochs tie, the first of them counts: early stopping only moves on for a strictly lower loss."),
        Case(f"{epochs_dropout} epochs with dropout, validation better than training at the best epoch, metric 'mae'",
             (_history(rng, epochs_dropout, best_dropout, "mae", train_lowest=train_lowest, negative_gap=True), "mae"),
             hint="Keep the sign: when the validation score is better than the training score, the gap is negative."),
    ]


# --- 08.residual_model ---------------------------------------------------------

def _residual_case(rng, name: str, n_inputs: int, units: int, n_outputs: int, n_samples: int, hint: str) -> Case:
    """A case: the sizes the learner's function receives, and the weights and inputs the check loads and predicts."""
    shapes = [(n_inputs, units), (units,), (units, units), (units,), (units, n_outputs), (n_outputs,)]
    weights = [(rng.normal(size=shape) / np.sqrt(shape[0] if len(shape) == 2 else 4.0)).astype(np.float32) for shape in shapes]
    x = rng.normal(size=(n_samples, n_inputs)).astype(np.float32)
    return Case(name, (n_inputs, units, n_outputs), data={"weights": weights, "x": x}, hint=hint)


def _residual_cases(rng):
    n_a, units_a, outputs_a, batch_a = _size(rng, 6, 40), _size(rng, 8, 48), _size(rng, 2, 10), _size(rng, 5, 20)
    n_b, units_b, outputs_b = _size(rng, 2, 5), _size(rng, 12, 40), _size(rng, 2, 6)
    n_c, units_c = _size(rng, 5, 30), _size(rng, 4, 24)
    n_d, units_d, outputs_d = _size(rng, 3, 20), _size(rng, 3, 16), _size(rng, 2, 8)
    return [
        _residual_case(rng, f"{n_a} inputs, {units_a} units, {outputs_a} outputs, a batch of {batch_a} samples",
                       n_a, units_a, outputs_a, batch_a,
                       hint="Add the first hidden layer's output to the second's, then apply the output layer to the sum."),
        _residual_case(rng, f"{n_b} inputs and wider hidden layers of {units_b} units, {outputs_b} outputs",
                       n_b, units_b, outputs_b, _size(rng, 5, 20),
                       hint="Both hidden layers have the same number of units, so their outputs can be added; the skip "
                            "starts after the first hidden layer, not at the input."),
        _residual_case(rng, f"{n_c} inputs, {units_c} units and one output (a regression head)", n_c, units_c, 1, _size(rng, 5, 20),
                       hint="The output layer has no activation: it returns the raw numbers (logits for a classifier)."),
        _residual_case(rng, f"{n_d} inputs, {units_d} units, {outputs_d} outputs, a batch of one sample", n_d, units_d, outputs_d, 1,
                       hint="Both hidden layers use ReLU, and the ReLU of the second comes before the addition."),
    ]


def _run_residual(answer, case: Case) -> dict:
    """Build the learner's model, load the case's weights, predict the case's inputs.

    Returns:
        ``{"parameters": model.count_params(), "outputs": (n, n_outputs) float32 array}``; when the model's weights do
        not have the task's shapes, ``outputs`` is all nan (and ``parameters`` usually tells what is wrong).

    Raises:
        WrongAnswerType: If the answer does not return a Keras model, or the model cannot read the case's inputs.
    """
    import keras  # noqa: PLC0415 (only this task pays for the import)

    model = answer(*case.inputs)
    if not isinstance(model, keras.Model):
        raise WrongAnswerType(f"returned a {type(model).__name__}; expected a keras.Model (keras.Model(inputs, outputs))")
    x, weights = case.data["x"], case.data["weights"]
    try:
        model(x[:1])  # builds a model whose weights are created on its first call
    except Exception as error:  # noqa: BLE001 (any failure means the model does not read n_inputs numbers per sample)
        raise WrongAnswerType(f"returned a model that cannot read inputs of shape {x.shape} ({type(error).__name__}); "
                              f"its Input must have shape ({case.inputs[0]},)") from None
    parameters = int(model.count_params())
    if [tuple(weight.shape) for weight in model.get_weights()] != [weight.shape for weight in weights]:
        return {"parameters": parameters, "outputs": np.full((len(x), case.inputs[2]), np.nan, dtype=np.float32)}
    model.set_weights(weights)
    return {"parameters": parameters, "outputs": np.asarray(keras.ops.convert_to_numpy(model(x)))}


RESIDUAL_ORDER_HINT = ("Your model has the right number of parameters, but its weights do not come in the task's order: "
                       "the first hidden layer, the second, then the output layer, each with its kernel before its bias.")


def _residual_diagnosis(case: Case, value, expected) -> "str | None":  # noqa: ARG001 (the case's sizes are in expected)
    """A hint for weights of the right count in the wrong order; None otherwise."""
    want = expected.get("value") if isinstance(expected, dict) else None
    if isinstance(value, dict) and isinstance(want, dict) and np.isnan(np.asarray(value.get("outputs"), dtype=float)).all() \
            and value.get("parameters") == want.get("parameters"):
        return RESIDUAL_ORDER_HINT
    return None


# --- 08.compact_network --------------------------------------------------------



def _compact_cases(rng):
    split = load_digits(seed=data_seed(rng))
    return [
        Case(f"trained on {len(split.x_train):,} digits, tested on {len(split.x_test)} held-out digits "
             f"(needs {COMPACT_FLOOR:.0%} with at most {COMPACT_BUDGET} parameters)",
             (split.x_train, split.y_train), private={"x_test": split.x_test, "y_test": split.y_test},
             hint="The network is within the budget but learned too little: give its hidden layer as many units as the "
                  "budget allows, and train long enough (a few dozen epochs with a learning rate like the lesson's)."),
    ]


def _judge_compact(case: Case, value, expected=None) -> "str | None":
    """The rebuilt model must reach the accuracy on the held-out digits, with at most `COMPACT_BUDGET` parameters."""
    accuracy = held_out_accuracy(case, value, expected)  # rebuilds the model from Keras layers and predicts
    if isinstance(accuracy, str):
        return accuracy  # the model could not be rebuilt, or predicts the wrong shape
    count = parameter_count(value)
    budget_problem = f"{count:,} parameters, over the budget of {COMPACT_BUDGET}" if count > COMPACT_BUDGET else None
    accuracy_problem = f"held-out accuracy {accuracy:.1%}; needs at least {COMPACT_FLOOR:.0%}" if accuracy < COMPACT_FLOOR else None
    return "; ".join(problem for problem in (budget_problem, accuracy_problem) if problem) or None


COMPACT_HINTS = {
    "over_budget": f"Count before you train: a Dense layer has inputs times units weights plus one bias per unit, and the "
                   f"first layer reads all 64 pixels. Even a linear model (no hidden layer) is over {COMPACT_BUDGET}; a narrow "
                   f"hidden layer between the pixels and the 10 outputs costs less.",
    "untrained": UNTRAINED_HINT,
}


def _compact_diagnosis(case: Case, value, expected=None) -> "str | None":  # noqa: ARG001 (a threshold needs no right answer)
    """Name why a model fails, from its weights: over the budget, or never trained; else None (the case's hint)."""
    if parameter_count(value) > COMPACT_BUDGET:
        return COMPACT_HINTS["over_budget"]
    if never_trained(value):
        return COMPACT_HINTS["untrained"]
    return None


TASKS = [
    function_task(
        "08.dense_parameters", "the number of parameters of a stack of Dense layers, counted by hand", 2,
        answer_name="dense_parameter_count", cases=_dense_parameters_cases,
        hint="Each Dense layer has a weight for every pair of an input and a unit, plus one bias per unit; its inputs are "
             "the units of the layer before it (the network's inputs for the first layer).",
        more_hints=(
            "Walk through the list of units and keep track of how many numbers flow into the current layer: n_inputs for "
            "the first, then the previous layer's units. For each layer add inputs times units, and then units for the "
            "biases. Return the total as an integer.",
        ),
        atol=0.0, rtol=0.0,
    ),
    function_task(
        "08.early_stopping_gap", "the best epoch (lowest val_loss) and the train–validation gap there, from a History", 2,
        answer_name="early_stopping_gap", cases=_early_stopping_gap_cases, returns=("best_epoch", "gap"),
        hint="Find the epoch with the lowest val_loss (the first one if several tie), counted from 1; at that epoch compare "
             "the training and the validation value of the metric, so that a positive gap means validation is worse.",
        more_hints=(
            "The position of the smallest entry of the val_loss list, plus one, is the epoch. At that position read the "
            "metric's list and the list of its validation twin, whose key starts with val_. For a loss or an error (loss, "
            "mae, mse) validation is worse when "
            "it is larger: subtract the training value from the validation value. For accuracy it is worse when it is "
            "smaller: subtract the validation value from the training value.",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    function_task(
        "08.residual_model", "a residual network built with the Functional API", 3,
        answer_name="build_residual_model", cases=_residual_cases, run=_run_residual, diagnose=_residual_diagnosis,
        hint="Start from an Input, call two Dense layers with ReLU one after the other, add the outputs of the two with "
             "an Add layer, and call the output Dense layer (no activation) on the sum; the Model takes the input and the output.",
        more_hints=(
            "In the Functional API every layer is called on what an earlier layer returned: h from the input, r from h, "
            "then the sum of h and r (an Add layer called on the list of the two, or a plain plus sign between them), and "
            "the logits from the sum. The check loads its own weights into your model in the order of the layers, so "
            "create exactly three Dense layers, in the order first hidden, second hidden, output.",
        ),
        atol=1e-5, rtol=1e-4, time_limit=30.0,
    ),
    Task(
        id="08.compact_network",
        title=f"a digits classifier with at most {COMPACT_BUDGET} parameters reaching {COMPACT_FLOOR:.0%} on held-out digits",
        points=3,
        answer_name="train_compact_network",
        make_cases=_compact_cases,
        run=run_classifier,
        judge=_judge_compact,
        hint=f"Count the parameters before you train: the budget of {COMPACT_BUDGET} rules out a linear model on the 64 pixels, "
             f"so the pixels must pass through a narrow hidden layer on their way to the 10 outputs.",
        more_hints=(
            "With one hidden layer of k units, the network has 64 weights and a bias for every hidden unit, then k weights "
            "and a bias for every one of the 10 outputs. Take the largest k that fits the budget, end with 10 logits and a "
            "loss created with from_logits, and train with Adam for a few dozen epochs. If it falls short, try tanh in the "
            "hidden layer: in a layer this narrow, every ReLU unit that stops responding is a large share of the network.",
        ),
        time_limit=60.0,
        compares=False,
        diagnose=_compact_diagnosis,
    ),
]
