"""Reference answers and known-wrong answers of exercise 00: hand-made features versus a network that learns its own."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer


def ink(images):
    """Reference: the mean grey level of each image, shape (n,)."""
    return np.asarray(images, dtype=np.float64).mean(axis=(1, 2))


def asymmetry(images):
    """Reference: mean absolute difference between each image and its left-right mirror, shape (n,)."""
    images = np.asarray(images, dtype=np.float64)
    return np.abs(images - images[:, :, ::-1]).mean(axis=(1, 2))


def accuracy(y_true, y_pred):
    """Reference: the fraction of predictions equal to the labels, a float in [0, 1]."""
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def train_pixel_network(x_train, y_train):
    """Reference: a small network on raw pixels, trained with Adam."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
    return model


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


REFERENCES = {
    "00.ink": Reference(ink, (
        WrongAnswer("averages the whole batch into one number", lambda: lambda images: float(np.mean(images))),
        WrongAnswer("averages over one axis only", lambda: lambda images: np.mean(images, axis=1)),
        WrongAnswer("sums instead of averaging", lambda: lambda images: np.sum(images, axis=(1, 2))),
        WrongAnswer("averages over the images instead of the pixels", lambda: lambda images: np.mean(images, axis=(0, 1))),
    )),
    "00.asymmetry": Reference(asymmetry, (
        WrongAnswer("mirrors top-bottom instead of left-right", lambda: lambda images: np.abs(images - images[:, ::-1, :]).mean(axis=(1, 2))),
        WrongAnswer("forgets the absolute value", lambda: lambda images: (images - images[:, :, ::-1]).mean(axis=(1, 2))),
        WrongAnswer("reverses the order of the images", lambda: lambda images: np.abs(images - images[::-1]).mean(axis=(1, 2))),
    )),
    "00.accuracy": Reference(accuracy, (
        WrongAnswer("counts the right predictions", lambda: lambda y_true, y_pred: int(np.sum(y_true == y_pred))),
        WrongAnswer("returns a percentage", lambda: lambda y_true, y_pred: 100 * float(np.mean(y_true == y_pred))),
        WrongAnswer("returns the error rate", lambda: lambda y_true, y_pred: float(np.mean(y_true != y_pred))),
        WrongAnswer("hard-codes the notebook's example", lambda: lambda y_true, y_pred: 0.6),
    )),
    "00.pixel_network": Reference(train_pixel_network, (
        WrongAnswer("never trains the network", lambda: _untrained_network),
        WrongAnswer("returns the History from fit instead of the model", lambda: _history_instead_of_model),
        WrongAnswer("learns from two hand-made features only", lambda: _two_feature_network),
    )),
}
