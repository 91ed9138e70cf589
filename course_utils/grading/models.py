"""Run and judge "build and train a model" tasks (first used in exercise 00).

The learner writes ``train_...(x_train, y_train) -> model``. In the learner's
process the check seeds Keras, calls it, and keeps only plain data: the
predicted labels on held-out inputs and the model's size. The judge then
computes the accuracy itself, from those labels and the held-out labels.
"""
from __future__ import annotations

import numpy as np

from .produce import WrongAnswerType
from .tasks import Case

TRAINING_SEED = 0


def summarize_classifier(model, x_test) -> dict:
    """Reduce a trained classifier to plain data: predicted labels and its size.

    Args:
        model: What the learner returned; must look like a Keras model.
        x_test: Held-out inputs to predict.

    Returns:
        ``{"predictions": (n,) int array, "n_layers": int, "n_params": int}``.

    Raises:
        WrongAnswerType: If `model` is not a Keras model, or its output is not
            one row of class scores per input.
    """
    if not (callable(getattr(model, "predict", None)) and hasattr(model, "layers") and callable(getattr(model, "count_params", None))):
        raise WrongAnswerType(f"returned a {type(model).__name__}; expected a trained keras.Model (return the model, not what fit returned)")
    scores = np.asarray(model.predict(x_test, verbose=0))
    if scores.ndim != 2 or len(scores) != len(x_test):
        raise WrongAnswerType(f"the model outputs shape {scores.shape} for {len(x_test)} inputs; expected ({len(x_test)}, number of classes)")
    return {"predictions": scores.argmax(axis=1), "n_layers": len(model.layers), "n_params": int(model.count_params())}


def run_classifier(answer, case: Case) -> dict:
    """`Task.run` for training tasks: seed, train with ``answer(*case.inputs)``, summarize.

    ``case.data["x_test"]`` holds the held-out inputs.
    """
    import keras  # noqa: PLC0415 (only training tasks pay for the import)

    keras.utils.set_random_seed(TRAINING_SEED)
    return summarize_classifier(answer(*case.inputs), case.data["x_test"])


def accuracy_at_least(threshold: float):
    """Build a judge: the held-out accuracy of the predictions must reach `threshold`.

    Args:
        threshold: Minimum accuracy, a fraction in (0, 1].

    Returns:
        A ``judge(case, value) -> problem`` function; it reads
        ``case.data["y_test"]``.
    """

    def judge(case: Case, value) -> "str | None":
        y_test = case.data["y_test"]
        predictions = value.get("predictions") if isinstance(value, dict) else None
        if not isinstance(predictions, np.ndarray) or predictions.shape != y_test.shape:
            return f"expected one predicted label per held-out input, {y_test.shape}"
        accuracy = float(np.mean(predictions == y_test))
        if accuracy < threshold:
            return f"held-out accuracy {accuracy:.1%}; needs at least {threshold:.0%}"
        return None

    return judge
