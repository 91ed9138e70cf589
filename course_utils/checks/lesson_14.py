"""Checks of exercise 14: frameworks and the capstone (cases, judges and hints; the answers live with the instructor).

Task 1 is a function judged against a right answer's value. Tasks 2 and 3 are
the capstone projects: the learner's training function runs in the learner's
process (`run_classifier`), and the judge rebuilds the returned model and
scores it on held-out data drawn with the case's seed, which never reaches that
process; a rubric of accuracy thresholds turns the score into points.
"""
from __future__ import annotations

import numpy as np

from ..data import encode_sentences, load_sentiment, load_shifted_digits
from ..grading.builders import function_task
from ..grading.models import UNTRAINED_HINT, data_seed, held_out_accuracy, never_trained, reported_layers, run_classifier
from ..grading.tasks import Case, Task

IMAGE_RUBRIC = ((0.40, 1), (0.80, 2), (0.90, 4))
SENTIMENT_RUBRIC = ((0.55, 1), (0.80, 2), (0.95, 4))
TRAINING_BUDGET = 60.0  # seconds for one call of a capstone training function
SENTIMENT_PAIRS = 1000


def _rounded(rng, low: float, high: float, decimals: int = 2) -> float:
    """A number drawn uniformly from [low, high), rounded to `decimals` (it appears in a case's name)."""
    return round(float(rng.uniform(low, high)), decimals)


# --- 14.train_step ---------------------------------------------------------------

def _step_inputs(rng, n: int, features: int, *, l2: float, scale: float = 1.0, labels=None) -> tuple:
    """weights, bias, x, y, learning rate and l2 of one step of regularised logistic regression."""
    weights = rng.normal(size=features)
    x = rng.normal(scale=scale, size=(n, features))
    y = (rng.uniform(size=n) < 0.5).astype(np.float64) if labels is None else labels
    return weights, _rounded(rng, -0.5, 0.5), x, y, _rounded(rng, 0.05, 0.5), l2


def _large_logits_inputs(rng) -> tuple:
    """Examples whose logits reach 40 or more in size, some with the wrong label: the sigmoid rounds to exactly 0 or 1."""
    features, n = int(rng.integers(3, 6)), int(rng.integers(6, 12))
    weights = rng.normal(size=features)
    weights *= 45.0 / np.linalg.norm(weights)
    x = rng.normal(size=(n, features))
    x[:2] = np.sign(weights) * rng.uniform(0.8, 1.2, (2, features))  # two logits above 40 ...
    y = (rng.uniform(size=n) < 0.5).astype(np.float64)
    y[:2] = (0.0, 1.0)  # ... one labelled 0 (a confident mistake), one labelled 1
    return weights, _rounded(rng, -0.5, 0.5), x, y, _rounded(rng, 0.001, 0.01, 4), 0.0


def _train_step_cases(rng):
    n, features = int(rng.integers(20, 60)), int(rng.integers(3, 8))
    l2 = _rounded(rng, 0.01, 0.2)
    one = _step_inputs(rng, 1, int(rng.integers(2, 6)), l2=_rounded(rng, 0.01, 0.2))
    all_positive = int(rng.integers(5, 15))
    return [
        Case(f"{n} examples of {features} features, no penalty (l2 is 0)", _step_inputs(rng, n, features, l2=0.0),
             hint="The loss is the mean over the examples of the binary cross-entropy of the logits; take its gradient with "
                  "respect to the weights and the bias, and step against it, scaled by the learning rate."),
        Case(f"an L2 penalty of {l2} on the weights", _step_inputs(rng, n, features, l2=l2),
             hint="The penalty is l2 times the sum of the squared weights, added to the mean cross-entropy: it pulls every "
                  "weight towards zero, and its gradient is twice l2 times the weight. The bias is not penalised."),
        Case("large logits (some above 40 in size): the sigmoid rounds to exactly 0 or 1", _large_logits_inputs(rng),
             hint="Compute the cross-entropy from the logits, not from the sigmoid's output: for a large logit the sigmoid is "
                  "exactly 1 in floating point and the logarithm of 1 minus it is minus infinity. Frameworks' losses with "
                  "from_logits do this for you."),
        Case("a single example, with a penalty", one,
             hint="With one example the mean is that example's loss; the bias is still a single number, and the weights "
                  "still an array of one entry per feature."),
        Case(f"{all_positive} examples, every label 1", _step_inputs(rng, all_positive, 3, l2=0.0, labels=np.ones(all_positive)),
             hint="Return the loss measured before the step, with the weights and the bias as they were given, and the "
                  "updated weights and bias."),
    ]


# --- the capstone: a model trained by the learner, scored on held-out data ------------------------------------------



def _image_cases(rng):
    split = load_shifted_digits(seed=data_seed(rng, 100_000))
    return [
        Case(f"trained on {len(split.x_train):,} shifted, noisy digits, tested on {len(split.x_test)} held-out ones "
             f"(within {TRAINING_BUDGET:.0f} s)",
             (split.x_train, split.y_train), private={"x_test": split.x_test, "y_test": split.y_test},
             hint="A network that sees the image as one flat row of pixels must learn every digit at every position "
                  "separately. Convolutions share their filters across positions and pooling forgives small shifts: "
                  "that is what lesson 09's network had over the MLP."),
    ]


def _sentiment_cases(rng):
    split = load_sentiment(n_pairs=SENTIMENT_PAIRS, seed=data_seed(rng, 100_000))
    ids_train, ids_test = encode_sentences(split.x_train), encode_sentences(split.x_test)
    return [
        Case(f"trained on {len(ids_train):,} reviews as word ids, tested on {len(ids_test)} held-out ones "
             f"(within {TRAINING_BUDGET:.0f} s)",
             (ids_train, split.y_train), private={"x_test": ids_test, "y_test": split.y_test},
             hint="Most reviews come in pairs with the same words in another order and the opposite label: a model that "
                  "averages or sums its word vectors cannot tell them apart. Read the words in order, as lesson 10's "
                  "recurrent networks did."),
    ]




# The hints of a failed capstone model, by what its architecture and weights show.
CAPSTONE_HINTS = {
    "untrained": UNTRAINED_HINT,
    "one_output": "Your model gives one number per review. The grader takes the class with the largest score, so give the "
                  "last layer two units, one per class, with a softmax (or logits and a from_logits loss) and integer labels.",
}


def _capstone_diagnosis(case: Case, value, expected=None) -> "str | None":  # noqa: ARG001 (a rubric needs no right answer)
    """Name why a reported model fails, from its architecture and weights; None to fall back to the case's hint."""
    if never_trained(value):
        return CAPSTONE_HINTS["untrained"]
    units = [config.get("units") for name, config in reported_layers(value) if name == "Dense"]
    if units and units[-1] == 1:
        return CAPSTONE_HINTS["one_output"]
    return None


def _capstone_task(**fields) -> Task:
    """A capstone project: the learner's training function runs in the learner's process, the judge scores the returned
    model's accuracy on held-out data, a rubric turns it into up to 4 points, and one call has `TRAINING_BUDGET` seconds.

    Args:
        **fields: The project's own `Task` fields: id, title, answer_name, make_cases, hint, more_hints, rubric.

    Returns:
        The `Task`.
    """
    return Task(points=4, run=run_classifier, judge=None, time_limit=TRAINING_BUDGET, diagnose=_capstone_diagnosis,
                compares=False, score=held_out_accuracy, **fields)


TASKS = [
    function_task(
        "14.train_step", "one step of gradient descent on a regularised logistic regression, written with a GradientTape", 2,
        answer_name="train_step", cases=_train_step_cases, returns=("weights", "bias", "loss"), atol=1e-8, rtol=1e-7,
        hint="Compute the loss from the weights and bias you are given, take its gradient with respect to both (a "
             "GradientTape does it for you), then step each one against its gradient.",
        more_hints=(
            "With TensorFlow: make the weights and the bias variables (or watch them on the tape), compute the logits as "
            "the examples times the weights plus the bias, the mean binary cross-entropy from the logits (a loss with "
            "from_logits, which stays finite for large logits), plus l2 times the sum of the squared weights. Ask the tape "
            "for both gradients.",
            "The new weights are the old ones minus the learning rate times their gradient, and likewise the bias. Return "
            "the new weights, the new bias and the loss computed before the step, in that order.",
        ),
    ),
    _capstone_task(
        id="14.image_classifier",
        title="capstone 1: an image classifier for shifted, noisy digits, graded on held-out images",
        answer_name="train_image_classifier",
        make_cases=_image_cases,
        hint="Build a Keras model from layers (Sequential or Functional) that maps the images to 10 scores, compile it, fit it "
             "on the training images and return the model. Then improve it until the held-out accuracy clears the top "
             "threshold.",
        more_hints=(
            "A flat MLP learns each digit at each position on its own. Two small Conv2D layers with pooling between them "
            "(or a global pooling at the end) recognise a stroke wherever it is, with fewer parameters. Adam for about twenty "
            "epochs is enough, with a learning rate that decays as lesson 07's schedules do, so that the last epochs settle.",
            "Check on the notebook's own split before you run the check: train on its training images, measure the "
            "accuracy on its test images, and keep the training within the time budget.",
        ),
        rubric=IMAGE_RUBRIC,
    ),
    _capstone_task(
        id="14.sentiment_classifier",
        title="capstone 2: a sentiment classifier for reviews given as word ids, graded on held-out reviews",
        answer_name="train_sentiment_classifier",
        make_cases=_sentiment_cases,
        hint="Build a Keras model from layers that takes rows of integer word ids and gives 2 scores (negative, positive): "
             "an Embedding layer first, then something that reads the sentence, then the output layer. Fit it and return it.",
        more_hints=(
            "Word order decides most labels here: a recurrent layer (an LSTM or a GRU of a few units) after the Embedding "
            "reads the words in order. The Embedding needs as many rows as the vocabulary has words; mask_zero makes the "
            "recurrent layer skip the padding.",
            "Check on the notebook's own split before you run the check, and if the accuracy stalls near 60%, your model "
            "is ignoring the order of the words.",
        ),
        rubric=SENTIMENT_RUBRIC,
    ),
]
