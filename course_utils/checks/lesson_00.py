"""Checks of exercise 00: hand-made features versus a network that learns its own."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.models import accuracy_at_least, run_classifier
from ..grading.tasks import Case, Task, WrongAnswer

PIXEL_NETWORK_FLOOR = 0.90


def _unseen_digit_images(count: int, seed: int) -> np.ndarray:
    """`count` 8x8 digit images (grey levels in [0, 1]) from a split the notebook does not use."""
    return load_digits(seed=seed, flatten=False).x_test[:count].astype(np.float64)


# --- 00.ink ------------------------------------------------------------------

def ink(images):
    """Reference: the mean grey level of each image, shape (n,)."""
    return np.asarray(images, dtype=np.float64).mean(axis=(1, 2))


def _ink_cases():
    rng = np.random.default_rng(1)
    return [
        Case("two 2x2 images", (np.array([[[0.0, 1.0], [1.0, 1.0]], [[0.5, 0.5], [0.0, 0.0]]]),),
             hint="One number per image: the mean over its rows and columns (axes 1 and 2)."),
        Case("20 unseen 8x8 digits", (_unseen_digit_images(20, seed=5),),
             hint="Average over both pixel axes of each image, not over the images."),
        Case("a batch of one image", (_unseen_digit_images(1, seed=6),), hint="Keep one value per image: shape (1,)."),
        Case("3 images of 3x5 pixels (not square)", (rng.uniform(size=(3, 3, 5)),),
             hint="Do not assume 8x8 images: average over axes 1 and 2 whatever their size."),
    ]


# --- 00.asymmetry ------------------------------------------------------------

def asymmetry(images):
    """Reference: mean absolute difference between each image and its left-right mirror, shape (n,)."""
    images = np.asarray(images, dtype=np.float64)
    return np.abs(images - images[:, :, ::-1]).mean(axis=(1, 2))


def _asymmetry_cases():
    rng = np.random.default_rng(2)
    return [
        Case("a symmetric and a lopsided 2x3 image", (np.array([[[1.0, 0.0, 1.0], [0.5, 1.0, 0.5]], [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]]),),
             hint="Mirror left-right (reverse the columns, the last axis); a symmetric image scores 0."),
        Case("20 unseen 8x8 digits", (_unseen_digit_images(20, seed=7),),
             hint="Take the absolute difference before averaging, or positive and negative differences cancel."),
        Case("4 images of 5x4 pixels (not square)", (rng.uniform(size=(4, 5, 4)),),
             hint="Mirror each image, not the order of the images in the batch."),
    ]


# --- 00.accuracy -------------------------------------------------------------

def accuracy(y_true, y_pred):
    """Reference: the fraction of predictions equal to the labels, a float in [0, 1]."""
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def _accuracy_cases():
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 10, size=450)
    noisy = np.where(rng.uniform(size=450) < 0.83, labels, (labels + 1) % 10)
    return [
        Case("4 predictions, 3 right", (np.array([4, 4, 0, 9]), np.array([4, 1, 0, 9])),
             hint="Accuracy is a fraction between 0 and 1: the number right divided by the number of predictions."),
        Case("every prediction right", (np.array([7, 7, 1]), np.array([7, 7, 1])), hint="All right gives 1.0, not a count or a percentage."),
        Case("every prediction wrong", (np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0])), hint="All wrong gives 0.0."),
        Case("450 predictions of 10 classes", (labels, noisy), hint="Compare element by element and average the matches."),
    ]


# --- 00.pixel_network --------------------------------------------------------

def train_pixel_network(x_train, y_train):
    """Reference: a small network on raw pixels, trained with Adam."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
    return model


def _pixel_network_cases():
    split = load_digits(seed=8)
    return [
        Case(f"trained on {len(split.x_train):,} digits, tested on {len(split.x_test)} held-out digits (needs {PIXEL_NETWORK_FLOOR:.0%})",
             (split.x_train, split.y_train), data={"x_test": split.x_test, "y_test": split.y_test},
             hint="Train longer or with a larger learning rate, use softmax outputs with sparse_categorical_crossentropy, and return the model."),
    ]


def _untrained_network(x_train, y_train):
    """Known-wrong: builds and compiles the network but never trains it."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def _history_instead_of_model(x_train, y_train):
    """Known-wrong: returns what `fit` returns (a History), not the model."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model.fit(x_train, y_train, epochs=1, verbose=0)


def _two_feature_network(x_train, y_train):
    """Known-wrong: a linear model that only sees two hand-made features (ink and asymmetry)."""
    import keras  # noqa: PLC0415

    images = keras.layers.Reshape((8, 8))
    inputs = keras.Input((64,))
    square = images(inputs)
    features = keras.layers.Concatenate()([
        keras.ops.mean(square, axis=(1, 2))[:, None],
        keras.ops.mean(keras.ops.abs(square - keras.ops.flip(square, axis=2)), axis=(1, 2))[:, None],
    ])
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(features))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
    return model


TASKS = [
    function_task(
        "00.ink", "a hand-made feature: the mean grey level (ink) of each image", 1, reference=ink, cases=_ink_cases,
        hint="images has shape (n, height, width); average over axes 1 and 2 to get shape (n,).",
        wrong_answers=(
            WrongAnswer("averages the whole batch into one number", lambda: lambda images: float(np.mean(images))),
            WrongAnswer("averages over one axis only", lambda: lambda images: np.mean(images, axis=1)),
            WrongAnswer("sums instead of averaging", lambda: lambda images: np.sum(images, axis=(1, 2))),
            WrongAnswer("averages over the images instead of the pixels", lambda: lambda images: np.mean(images, axis=(0, 1))),
        ),
    ),
    function_task(
        "00.asymmetry", "a hand-made feature: how far each image is from its mirror image", 2, reference=asymmetry, cases=_asymmetry_cases,
        hint="Mirror each image left-right (reverse its columns), then average the absolute pixel differences of each image.",
        wrong_answers=(
            WrongAnswer("mirrors top-bottom instead of left-right", lambda: lambda images: np.abs(images - images[:, ::-1, :]).mean(axis=(1, 2))),
            WrongAnswer("forgets the absolute value", lambda: lambda images: (images - images[:, :, ::-1]).mean(axis=(1, 2))),
            WrongAnswer("reverses the order of the images", lambda: lambda images: np.abs(images - images[::-1]).mean(axis=(1, 2))),
        ),
    ),
    function_task(
        "00.accuracy", "accuracy: the fraction of predictions that are right", 1, reference=accuracy, cases=_accuracy_cases,
        hint="Compare labels and predictions element by element and take the fraction that match: a number between 0 and 1.",
        wrong_answers=(
            WrongAnswer("counts the right predictions", lambda: lambda y_true, y_pred: int(np.sum(y_true == y_pred))),
            WrongAnswer("returns a percentage", lambda: lambda y_true, y_pred: 100 * float(np.mean(y_true == y_pred))),
            WrongAnswer("returns the error rate", lambda: lambda y_true, y_pred: float(np.mean(y_true != y_pred))),
            WrongAnswer("hard-codes the notebook's example", lambda: lambda y_true, y_pred: 0.6),
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
        reference=train_pixel_network,
        hint="Build keras.Sequential([keras.Input((64,)), Dense(..., 'relu'), Dense(10, 'softmax')]), compile, fit, and return the model.",
        wrong_answers=(
            WrongAnswer("never trains the network", lambda: _untrained_network),
            WrongAnswer("returns the History from fit instead of the model", lambda: _history_instead_of_model),
            WrongAnswer("learns from two hand-made features only", lambda: _two_feature_network),
        ),
        time_limit=60.0,
    ),
]
