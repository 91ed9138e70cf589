"""Run and judge "build and train a model" tasks (first used in exercise 00).

The learner writes ``train_...(x_train, y_train) -> model``. In the learner's
process the check seeds Keras, calls it, and keeps only plain data: the
model's architecture (Keras's JSON) and its weights. The judge rebuilds the
model from them in its own process, refusing anything that is not built from
Keras's own layers, and predicts the held-out inputs itself: the learner's
process never sees them, and an object that merely looks like a model (one
that looks labels up, say) has no architecture to rebuild.
"""
from __future__ import annotations

import json
import threading

import numpy as np

from ..environment import import_keras
from .produce import WrongAnswerType
from .tasks import Case

TRAINING_SEED = 0
KERAS_LOCK = threading.Lock()


class ModelProblem(ValueError):
    """A reported model that cannot be rebuilt; the message says why, for the learner."""


def summarize_classifier(model) -> dict:
    """Reduce a trained Keras model to plain data: its architecture and its weights.

    Args:
        model: What the learner returned; must be a Keras model.

    Returns:
        ``{"architecture": JSON text, "weights": {"000": array, ...}}``.

    Raises:
        WrongAnswerType: If `model` is not a Keras model that can be saved.
    """
    if not (callable(getattr(model, "to_json", None)) and callable(getattr(model, "get_weights", None)) and hasattr(model, "layers")):
        raise WrongAnswerType(f"returned a {type(model).__name__}; expected a trained keras.Model (return the model, not what fit returned)")
    try:
        architecture = model.to_json()
        weights = [np.asarray(weight) for weight in model.get_weights()]
    except Exception as error:  # noqa: BLE001 (any failure means the model cannot be judged)
        raise WrongAnswerType(f"returned a model that Keras cannot save ({type(error).__name__}); build it from Keras layers") from None
    return {"architecture": str(architecture), "weights": {f"{index:03d}": weight for index, weight in enumerate(weights)}}


def run_classifier(answer, case: Case) -> dict:
    """`Task.run` for training tasks: seed, train with ``answer(*case.inputs)``, keep architecture and weights."""
    keras = import_keras()  # only training tasks pay for the import

    keras.utils.set_random_seed(TRAINING_SEED)
    return summarize_classifier(answer(*case.inputs))


def _check_architecture(node, depth: int = 0) -> None:
    """Refuse an architecture that is not made of Keras's own objects (no Lambda layers, no custom classes).

    Raises:
        ModelProblem: If it is too deep, or names code outside Keras.
    """
    if depth > 64:
        raise ModelProblem("the model's architecture is nested too deeply")
    if isinstance(node, dict):
        module, registered = node.get("module"), node.get("registered_name")
        if module is not None and not (isinstance(module, str) and (module == "keras" or module.startswith("keras."))):
            raise ModelProblem(f"the model uses {str(module)[:60]!r}; build it from Keras layers only")
        if node.get("class_name") in ("Lambda", "__lambda__") or (isinstance(registered, str) and ">" in registered):
            raise ModelProblem("the model uses a Lambda layer or a custom class; build it from Keras layers only")
        for item in node.values():
            _check_architecture(item, depth + 1)
    elif isinstance(node, list):
        for item in node:
            _check_architecture(item, depth + 1)


def rebuild_classifier(value):
    """Rebuild a model from what `summarize_classifier` reported (in the judge's process).

    Raises:
        ModelProblem: If the data is malformed, names code outside Keras, or does not fit together.
    """
    keras = import_keras()  # the judge's process imports TensorFlow here, quietly: no log lines on the learner's screen

    if not isinstance(value, dict) or not isinstance(value.get("architecture"), str) or not isinstance(value.get("weights"), dict):
        raise ModelProblem("expected a trained keras.Model")
    try:
        _check_architecture(json.loads(value["architecture"]))
        model = keras.models.model_from_json(value["architecture"])
        model.set_weights([value["weights"][key] for key in sorted(value["weights"])])
    except ModelProblem:
        raise
    except Exception as error:  # noqa: BLE001 (any failure means the model cannot be judged)
        raise ModelProblem(f"the model could not be rebuilt from its architecture and weights ({type(error).__name__})") from None
    return model


def parameter_count(value) -> int:
    """The number of parameters of a reported model (see `summarize_classifier`): the sizes of its weights added up.

    It equals Keras's ``count_params()`` of the model the judge rebuilds, since that rebuild loads exactly these weights
    (``set_weights`` refuses any other shapes).
    """
    return int(sum(np.asarray(weight).size for weight in value["weights"].values()))


def data_seed(rng, high: int = 10_000) -> int:
    """The seed of a data split for one case of a model task, never 0 (the seed of the exercise notebook's own split).

    Args:
        rng: The case generator's ``numpy.random.Generator``.
        high: One more than the largest seed.

    Returns:
        A seed drawn from ``[1, high)``.
    """
    return int(rng.integers(1, high))


def reported_layers(value) -> list:
    """Every layer of a reported model's architecture, nested models included, in order.

    Args:
        value: A reported model (see `summarize_classifier`).

    Returns:
        ``[(class_name, config), ...]``, e.g. ``[("InputLayer", {...}), ("Dense", {"units": 10, ...})]``.
    """
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("class_name"), str) and isinstance(node.get("config"), dict):
                found.append((node["class_name"], node["config"]))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(value["architecture"]))
    return found


# The hint of a model returned before any training (see `never_trained`).
UNTRAINED_HINT = ("Every bias of your model is still 0, as Keras sets them before training: fit the model on the training "
                  "data before you return it.")


def never_trained(value) -> bool:
    """True when every bias of a reported model is still 0, as Keras initialises them: it was returned before any training."""
    biases = [np.asarray(weight) for weight in value["weights"].values() if np.asarray(weight).ndim == 1]
    return bool(biases) and not any(bias.any() for bias in biases)


def held_out_accuracy(case: Case, value, expected=None) -> "float | str":  # noqa: ARG001 (a score needs no right answer)
    """The rebuilt model's accuracy on a case's held-out data, or why it cannot be measured (`Task.score` of model tasks).

    Args:
        case: Its ``private`` holds ``x_test`` and ``y_test`` (never sent to the learner's process).
        value: What `run_classifier` reported.
        expected: Unused.

    Returns:
        The accuracy, a fraction in [0, 1], or a ``str`` saying what is wrong with the model.
    """
    x_test, y_test = case.private["x_test"], case.private["y_test"]
    with KERAS_LOCK:
        try:
            scores = np.asarray(rebuild_classifier(value).predict(x_test, verbose=0))
        except ModelProblem as problem:
            return str(problem)
        except Exception as error:  # noqa: BLE001
            return f"the model could not predict the held-out inputs ({type(error).__name__})"
    if scores.ndim != 2 or len(scores) != len(x_test):
        return f"the model outputs shape {scores.shape} for {len(x_test)} inputs; expected ({len(x_test)}, number of classes)"
    return float(np.mean(scores.argmax(axis=1) == y_test))


def accuracy_at_least(threshold: float):
    """Build a judge: the rebuilt model's accuracy on the held-out data must reach `threshold`.

    Args:
        threshold: Minimum accuracy, a fraction in (0, 1].

    Returns:
        A ``judge(case, value, expected) -> problem`` function (see `held_out_accuracy`).
    """

    def judge(case: Case, value, expected=None) -> "str | None":
        accuracy = held_out_accuracy(case, value, expected)
        if isinstance(accuracy, str):
            return accuracy
        if accuracy < threshold:
            return f"held-out accuracy {accuracy:.1%}; needs at least {threshold:.0%}"
        return None

    return judge
