"""Checks of exercise 00: hand-made features versus a learned network (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.models import UNTRAINED_HINT, accuracy_at_least, data_seed, never_trained, run_classifier
from ..grading.tasks import Case, Task

PIXEL_NETWORK_FLOOR = 0.90




def _unseen_digit_images(rng, count: int) -> np.ndarray:
    """`count` 8x8 digit images (grey levels in [0, 1]) picked with `rng` from the test part of a split the notebook does not use."""
    x_test = load_digits(seed=data_seed(rng), flatten=False).x_test
    return x_test[rng.choice(len(x_test), size=count, replace=False)].astype(np.float64)


# --- 00.ink ------------------------------------------------------------------

def _ink_cases(rng):
    return [
        Case("two 2x2 images", (rng.uniform(size=(2, 2, 2)),),
             hint="One number per image: the mean over all its pixels, its rows and its columns."),
        Case("20 unseen 8x8 digits", (_unseen_digit_images(rng, 20),),
             hint="Average over the two pixel axes of each image, not over the images."),
        Case("a batch of one image", (_unseen_digit_images(rng, 1),),
             hint="Keep one value per image, even for a batch of one: shape (1,), not a single number."),
        Case("3 images of 3x5 pixels (not square)", (rng.uniform(size=(3, 3, 5)),),
             hint="Do not assume 8x8 images: average over the pixel axes whatever their size."),
    ]


# --- 00.asymmetry ------------------------------------------------------------

def _symmetric_and_lopsided(rng) -> np.ndarray:
    """Two 2x3 images: the first equal to its left-right mirror (columns a, b, a), the second not."""
    outer, middle = rng.uniform(size=(2, 1)), rng.uniform(size=(2, 1))
    symmetric = np.hstack([outer, middle, outer])
    lopsided = rng.uniform(size=(2, 3))
    lopsided[:, 2] = (lopsided[:, 0] + rng.uniform(0.2, 0.8, 2)) % 1.0  # first and last columns differ in every row
    return np.stack([symmetric, lopsided])


def _asymmetry_cases(rng):
    return [
        Case("a symmetric and a lopsided 2x3 image", (_symmetric_and_lopsided(rng),),
             hint="Mirror left-right, reversing the order of the columns (the last axis); a symmetric image scores 0."),
        Case("20 unseen 8x8 digits", (_unseen_digit_images(rng, 20),),
             hint="Take the absolute value of each difference before averaging, or positive and negative differences cancel."),
        Case("4 images of 5x4 pixels (not square)", (rng.uniform(size=(4, 5, 4)),),
             hint="Mirror each image, not the order of the images in the batch."),
    ]


# --- 00.accuracy -------------------------------------------------------------

def _with_wrong(rng, labels: np.ndarray, wrong: np.ndarray) -> np.ndarray:
    """`labels` with the entries where `wrong` is True replaced by another class (0..9)."""
    return np.where(wrong, (labels + rng.integers(1, 10, size=len(labels))) % 10, labels)


def _some_right(rng) -> tuple[int, int]:
    """A number of predictions (4 to 9) and how many are right: some but not all, never half and never 60%
    (the notebook's example)."""
    while True:
        total = int(rng.integers(4, 10))
        right = int(rng.integers(1, total))
        if 2 * right != total and 5 * right != 3 * total:
            return total, right


def _accuracy_cases(rng):
    total, right = _some_right(rng)
    labels = rng.integers(0, 10, size=total)
    some_right = _with_wrong(rng, labels, rng.permutation(total) >= right)
    all_right = rng.integers(0, 10, size=int(rng.integers(3, 8)))
    none_right = rng.integers(0, 10, size=int(rng.integers(3, 8)))
    many = rng.integers(0, 10, size=450)
    noisy = _with_wrong(rng, many, rng.uniform(size=450) >= rng.uniform(0.75, 0.95))
    return [
        Case(f"{total} predictions, {right} right", (labels, some_right),
             hint="Accuracy is a fraction between 0 and 1: the number right divided by the number of predictions."),
        Case("every prediction right", (all_right, all_right.copy()), hint="All right gives 1.0, not a count or a percentage."),
        Case("every prediction wrong", (none_right, _with_wrong(rng, none_right, np.ones(len(none_right), dtype=bool))),
             hint="All wrong gives 0.0."),
        Case("450 predictions of 10 classes", (many, noisy), hint="Compare element by element and average the matches."),
    ]


# --- 00.pixel_network --------------------------------------------------------

def _pixel_network_cases(rng):
    split = load_digits(seed=data_seed(rng))
    return [
        Case(f"trained on {len(split.x_train):,} digits, tested on {len(split.x_test)} held-out digits (needs {PIXEL_NETWORK_FLOOR:.0%})",
             (split.x_train, split.y_train), private={"x_test": split.x_test, "y_test": split.y_test},
             hint="The network learned too little: give it all the pixels, a hidden layer, 10 output units, and enough training "
                  "(epochs and a learning rate like the lesson's)."),
    ]


# The hint of a failed 00.pixel_network answer, by what its weights show.
PIXEL_NETWORK_HINTS = {
    "untrained": UNTRAINED_HINT,
    "few_inputs": "The first layer of your network sees fewer numbers than the pixels of an image: give it the raw pixels, "
                  "all of them, and let the network learn its own features.",
}


def _pixel_network_diagnosis(case: Case, value, expected=None) -> "str | None":  # noqa: ARG001 (a threshold needs no right answer)
    """Name why a trained model misses the accuracy, from its weights: never trained, or not fed every pixel; else None.

    Args:
        case: The case (its first input is the training pixels, shape (n, pixels)).
        value: The plain model data (``{"architecture": ..., "weights": {...}}``).
        expected: Unused.

    Returns:
        A hint of `PIXEL_NETWORK_HINTS`, or None when the weights show neither problem.
    """
    if never_trained(value):
        return PIXEL_NETWORK_HINTS["untrained"]
    weights = [np.asarray(weight) for _, weight in sorted(value["weights"].items())]
    kernels = [weight for weight in weights if weight.ndim >= 2]
    if kernels and all(kernel.ndim == 2 for kernel in kernels) and kernels[0].shape[0] < case.inputs[0].shape[1]:
        return PIXEL_NETWORK_HINTS["few_inputs"]
    return None


TASKS = [
    function_task(
        "00.ink", "a hand-made feature: the mean grey level (ink) of each image", 1, answer_name="ink", cases=_ink_cases,
        hint="One number per image: average all the pixels of each image, not the whole batch.",
        more_hints=(
            "images has shape (n, height, width): the pixels of one image run along the last two axes. Average over those two "
            "and keep the first, so that the result has shape (n,) whatever the size of the images (NumPy's mean takes "
            "several axes at once, as a tuple).",
        ),
    ),
    function_task(
        "00.asymmetry", "a hand-made feature: how far each image is from its mirror image", 2, answer_name="asymmetry",
        cases=_asymmetry_cases,
        hint="Mirror each image left-right (reverse the order of its columns), then average the absolute pixel differences of each image.",
        more_hints=(
            "The columns of an image run along the last axis of images, shape (n, height, width): reverse that axis only (a slice "
            "with a step of minus one does it). Subtract, take absolute values, and average over the two pixel axes as in ink: "
            "shape (n,).",
        ),
    ),
    function_task(
        "00.accuracy", "accuracy: the fraction of predictions that are right", 1, answer_name="accuracy", cases=_accuracy_cases,
        hint="Compare labels and predictions element by element and take the fraction that match: a number between 0 and 1.",
        more_hints=(
            "Comparing two arrays gives an array of True and False; True counts as 1, so the mean of that array is the fraction "
            "that match (lesson 00 computes the test accuracy of its models this way). Return that fraction, not a count "
            "or a percentage.",
        ),
    ),
    Task(
        id="00.pixel_network",
        title=f"a network trained on raw pixels reaching {PIXEL_NETWORK_FLOOR:.0%} on held-out digits",
        points=3,
        answer_name="train_pixel_network",
        make_cases=_pixel_network_cases,
        run=run_classifier,
        judge=accuracy_at_least(PIXEL_NETWORK_FLOOR),
        hint="Build a small network as in the lesson (64 pixel inputs, a hidden Dense layer with ReLU, 10 softmax outputs), "
             "compile it, fit it on the training data, and return the model.",
        more_hints=(
            "Lesson 00, section 'A small network on the raw pixels': a Sequential model of an Input of 64 values, a Dense "
            "layer of 32 units with ReLU and a Dense layer of 10 units with softmax, compiled with the Adam optimizer and the "
            "loss sparse_categorical_crossentropy (the labels are integers), then fit for about 20 epochs. Return the model "
            "itself: fit returns a History.",
        ),
        time_limit=60.0,
        compares=False,
        diagnose=_pixel_network_diagnosis,
    ),
]
