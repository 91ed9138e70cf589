"""Reference answers, right answers in other styles and known-wrong answers of exercise 00.

Hand-made features versus a network that learns its own.
"""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer


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


def _asymmetry_left_half(images):
    """Known-wrong: compares the left half of each image with its mirror only, leaving out the middle column of an odd width."""
    half = images.shape[2] // 2
    return np.abs(images[:, :, :half] - images[:, :, ::-1][:, :, :half]).mean(axis=(1, 2))


# --- right answers in other styles -------------------------------------------------------------------------------

def _ink_tensorflow():
    """Right: tf.reduce_mean over the two pixel axes, returning a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda images: tf.reduce_mean(images, axis=[1, 2])


def _ink_loop(images):
    """Right: a Python loop over the images and their pixels."""
    return np.array([sum(float(pixel) for row in image for pixel in row) / image.size for image in images])


def _asymmetry_keras():
    """Right: keras.ops (flip, abs, mean), returning a tensor."""
    import keras  # noqa: PLC0415

    return lambda images: keras.ops.mean(keras.ops.abs(images - keras.ops.flip(images, axis=2)), axis=(1, 2))


def _asymmetry_loop(images):
    """Right: a Python loop over the images, each mirrored with np.fliplr."""
    return np.array([np.mean(np.abs(image - np.fliplr(image))) for image in images])


def _asymmetry_float32(images):
    """Right: NumPy's flip, in float32."""
    images = images.astype(np.float32)
    return np.abs(images - np.flip(images, axis=2)).mean(axis=(1, 2))


def _accuracy_tensorflow():
    """Right: TensorFlow, returning a 0-d float32 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    return lambda y_true, y_pred: tf.reduce_mean(tf.cast(tf.equal(y_true, y_pred), tf.float32))


def _accuracy_keras_metric():
    """Right: keras.metrics.Accuracy, whose result is a 0-d float32 tensor."""
    import keras  # noqa: PLC0415

    def accuracy_metric(y_true, y_pred):
        metric = keras.metrics.Accuracy()
        metric.update_state(y_true, y_pred)
        return metric.result()

    return accuracy_metric


def _accuracy_loop(y_true, y_pred):
    """Right: count the matches in a Python loop."""
    right = 0
    for label, prediction in zip(y_true, y_pred):
        if label == prediction:
            right += 1
    return right / len(y_true)


def _accuracy_scikit_learn():
    """Right: scikit-learn's accuracy_score."""
    from sklearn.metrics import accuracy_score  # noqa: PLC0415

    return accuracy_score


def _compile_and_fit(model, x_train, y_train, *, optimizer, loss="sparse_categorical_crossentropy", epochs=20):
    """Compile `model` with `optimizer` and `loss`, train it quietly, and return it."""
    model.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=epochs, batch_size=64, verbose=0)
    return model


def _functional_network(x_train, y_train):
    """Right: the same network written with Keras's functional API."""
    import keras  # noqa: PLC0415

    inputs = keras.Input((x_train.shape[1],))
    hidden = keras.layers.Dense(32, activation="relu")(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(hidden)
    return _compile_and_fit(keras.Model(inputs, outputs), x_train, y_train, optimizer=keras.optimizers.Adam(0.01))


def _wide_network_sgd(x_train, y_train):
    """Right: 128 hidden units, trained with SGD and momentum."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    return _compile_and_fit(model, x_train, y_train, optimizer=keras.optimizers.SGD(0.05, momentum=0.9))


def _image_layers_network(x_train, y_train):
    """Right: pixels reshaped to 8x8 images, rescaled to [-1, 1] and flattened again by Keras layers, trained with RMSprop."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Reshape((8, 8)), keras.layers.Rescaling(2.0, offset=-1.0),
                              keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    return _compile_and_fit(model, x_train, y_train, optimizer=keras.optimizers.RMSprop(0.003))


def _logits_network(x_train, y_train):
    """Right: a linear output layer (logits) with a from_logits loss; the check predicts the highest score either way."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)])
    return _compile_and_fit(model, x_train, y_train, optimizer=keras.optimizers.Adam(0.01),
                            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))


REFERENCES = {
    "00.ink": Reference(ink, (
        WrongAnswer("averages the whole batch into one number", lambda: lambda images: float(np.mean(images))),
        WrongAnswer("averages over one axis only", lambda: lambda images: np.mean(images, axis=1)),
        WrongAnswer("sums instead of averaging", lambda: lambda images: np.sum(images, axis=(1, 2))),
        WrongAnswer("averages over the images instead of the pixels", lambda: lambda images: np.mean(images, axis=(0, 1))),
        WrongAnswer("divides by 64 pixels whatever the image size", lambda: lambda images: np.sum(images, axis=(1, 2)) / 64),
    ), right_answers=(
        RightAnswer("TensorFlow tf.reduce_mean, returns a tensor", _ink_tensorflow),
        RightAnswer("NumPy in float32", lambda: lambda images: images.astype(np.float32).mean(axis=(1, 2))),
        RightAnswer("a Python loop over images and pixels", lambda: _ink_loop),
        RightAnswer("rows of pixels, then the mean of each row", lambda: lambda images: images.reshape(len(images), -1).mean(axis=1)),
    )),
    "00.asymmetry": Reference(asymmetry, (
        WrongAnswer("mirrors top-bottom instead of left-right", lambda: lambda images: np.abs(images - images[:, ::-1, :]).mean(axis=(1, 2))),
        WrongAnswer("forgets the absolute value", lambda: lambda images: (images - images[:, :, ::-1]).mean(axis=(1, 2))),
        WrongAnswer("reverses the order of the images", lambda: lambda images: np.abs(images - images[::-1]).mean(axis=(1, 2))),
        WrongAnswer("squares the differences instead of taking their absolute value",
                    lambda: lambda images: ((images - images[:, :, ::-1]) ** 2).mean(axis=(1, 2))),
        WrongAnswer("averages over the left half of the columns only", lambda: _asymmetry_left_half),
    ), right_answers=(
        RightAnswer("keras.ops flip, abs and mean, returns a tensor", _asymmetry_keras),
        RightAnswer("a Python loop over the images with np.fliplr", lambda: _asymmetry_loop),
        RightAnswer("NumPy flip in float32", lambda: _asymmetry_float32),
    )),
    "00.accuracy": Reference(accuracy, (
        WrongAnswer("counts the right predictions", lambda: lambda y_true, y_pred: int(np.sum(y_true == y_pred))),
        WrongAnswer("returns a percentage", lambda: lambda y_true, y_pred: 100 * float(np.mean(y_true == y_pred))),
        WrongAnswer("returns the error rate", lambda: lambda y_true, y_pred: float(np.mean(y_true != y_pred))),
        WrongAnswer("hard-codes the notebook's example", lambda: lambda y_true, y_pred: 0.6),
    ), right_answers=(
        RightAnswer("TensorFlow, returns a 0-d float32 tensor", _accuracy_tensorflow),
        RightAnswer("keras.metrics.Accuracy, returns a 0-d float32 tensor", _accuracy_keras_metric),
        RightAnswer("a Python loop counting the matches", lambda: _accuracy_loop),
        RightAnswer("scikit-learn accuracy_score", _accuracy_scikit_learn),
    )),
    "00.pixel_network": Reference(train_pixel_network, (
        WrongAnswer("never trains the network", lambda: _untrained_network),
        WrongAnswer("returns the History from fit instead of the model", lambda: _history_instead_of_model),
        WrongAnswer("learns from two hand-made features only", lambda: _two_feature_network),
    ), right_answers=(
        RightAnswer("Keras functional API", lambda: _functional_network),
        RightAnswer("Keras, 128 hidden units and SGD with momentum", lambda: _wide_network_sgd),
        RightAnswer("Keras Reshape, Rescaling and Flatten layers, RMSprop", lambda: _image_layers_network),
        RightAnswer("Keras, a linear output layer and a from_logits loss", lambda: _logits_network),
    )),
}
