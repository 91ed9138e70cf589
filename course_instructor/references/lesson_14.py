"""Exercise 14's reference answers, right answers in other styles, and known-wrong answers (the instructor's side)."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer, fit_with_cosine_decay

# --- 14.train_step ------------------------------------------------------------------


def _step(weights, bias, x, y, learning_rate, l2, *, reduce=np.mean, penalise_bias=False, penalty_factor=2.0, sign=-1.0,
          loss_after=False, unstable=False):
    """Shared NumPy step for the reference and the known-wrong answers (float64, gradients by hand)."""
    weights, x, y = (np.asarray(a, dtype=np.float64) for a in (weights, x, y))
    bias = float(bias)

    def loss_of(w, b):
        logits = x @ w + b
        if unstable:
            p = 1.0 / (1.0 + np.exp(-logits))
            with np.errstate(divide="ignore", invalid="ignore"):
                per_example = -(y * np.log(p) + (1 - y) * np.log(1 - p))
        else:
            per_example = np.logaddexp(0.0, logits) - y * logits
        return reduce(per_example) + l2 * (np.sum(w ** 2) + (b ** 2 if penalise_bias else 0.0))

    logits = x @ weights + bias
    error = 1.0 / (1.0 + np.exp(-logits)) - y
    scale = 1.0 / len(y) if reduce is np.mean else 1.0
    grad_w = scale * x.T @ error + penalty_factor * l2 * weights
    grad_b = scale * error.sum() + (2.0 * l2 * bias if penalise_bias else 0.0)
    new_w, new_b = weights + sign * learning_rate * grad_w, bias + sign * learning_rate * grad_b
    return new_w, new_b, float(loss_of(new_w, new_b) if loss_after else loss_of(weights, bias))


def train_step(weights, bias, x, y, learning_rate, l2):
    """Reference: one gradient step on mean binary cross-entropy from logits plus l2 times the sum of squared weights."""
    return _step(weights, bias, x, y, learning_rate, l2)


def _step_tf_tape():
    """Right: tf.Variable parameters, tf.nn.sigmoid_cross_entropy_with_logits under a GradientTape, float64 tensors returned."""
    import tensorflow as tf  # noqa: PLC0415

    def step(weights, bias, x, y, learning_rate, l2):
        w, b = tf.Variable(np.asarray(weights, dtype=np.float64)), tf.Variable(float(bias), dtype=tf.float64)
        x, y = tf.constant(x, dtype=tf.float64), tf.constant(y, dtype=tf.float64)
        with tf.GradientTape() as tape:
            logits = tf.linalg.matvec(x, w) + b
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits)) + l2 * tf.reduce_sum(w ** 2)
        grad_w, grad_b = tape.gradient(loss, [w, b])
        w.assign_sub(learning_rate * grad_w)
        b.assign_sub(learning_rate * grad_b)
        return tf.convert_to_tensor(w), tf.convert_to_tensor(b), loss

    return step


def _step_keras_float32():
    """Right: keras.ops and keras.losses.binary_crossentropy(from_logits=True) under a GradientTape, in float32 (tensors)."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    def step(weights, bias, x, y, learning_rate, l2):
        w = tf.constant(np.asarray(weights, dtype=np.float32))
        b = tf.constant(np.float32(bias))
        x, y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
        with tf.GradientTape() as tape:
            tape.watch([w, b])
            logits = keras.ops.matmul(x, w) + b
            loss = keras.ops.mean(keras.losses.binary_crossentropy(y[:, None], logits[:, None], from_logits=True))
            loss = loss + l2 * keras.ops.sum(keras.ops.square(w))
        grad_w, grad_b = tape.gradient(loss, [w, b])
        return w - learning_rate * grad_w, b - learning_rate * grad_b, loss

    return step


def _step_python_loop(weights, bias, x, y, learning_rate, l2):
    """Right: plain Python floats and loops over the examples, a stable log(1 + e^z) written with math."""
    weights = [float(v) for v in weights]
    n = len(y)
    grad_w, grad_b, loss = [0.0] * len(weights), 0.0, 0.0
    for row, label in zip(x, y):
        z = sum(float(xi) * wi for xi, wi in zip(row, weights)) + float(bias)
        softplus = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        loss += (softplus - float(label) * z) / n
        p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        for i, xi in enumerate(row):
            grad_w[i] += (p - float(label)) * float(xi) / n
        grad_b += (p - float(label)) / n
    loss += l2 * sum(wi * wi for wi in weights)
    new_w = [wi - learning_rate * (gi + 2 * l2 * wi) for wi, gi in zip(weights, grad_w)]
    return np.array(new_w), float(bias) - learning_rate * grad_b, loss


# --- the capstone: shared builders --------------------------------------------------------


def _cnn_layers(keras, *, logits=False, filters=(16, 32)):
    """Two Conv2D layers with pooling between them, a global max pooling and Dense(10)."""
    return [
        keras.layers.Conv2D(filters[0], 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(filters[1], 3, padding="same", activation="relu"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(10, activation=None if logits else "softmax"),
    ]


def train_image_classifier(x_train, y_train):
    """Reference: a small CNN (two convolutions, pooling, global max pooling), Adam, 20 epochs.

    The learning rate decays from 0.01 to 0 along a cosine (lesson 07's schedules). On the shifted digits of seeds
    1 to 40 it reached 95.1% to 98.7% (mean 96.8%); a constant 0.005 for 15 epochs reached 85.1% to 97.3% (mean
    95.2%), below the rubric's top threshold, 90%, on one of them.
    """
    import keras  # noqa: PLC0415

    return fit_with_cosine_decay(keras.Sequential([keras.Input(x_train.shape[1:]), *_cnn_layers(keras)]), x_train, y_train, epochs=20)


def _image_functional_logits(x_train, y_train):
    """Right: the Functional API, logits and a from_logits loss (Keras)."""
    import keras  # noqa: PLC0415

    inputs = keras.Input(x_train.shape[1:])
    outputs = inputs
    for layer in _cnn_layers(keras, logits=True):
        outputs = layer(outputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.005), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0)
    return model


def _image_one_hot(x_train, y_train):
    """Right: Keras, one-hot labels and categorical cross-entropy, a wider first convolution."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input(x_train.shape[1:]), *_cnn_layers(keras, filters=(24, 32))])
    model.compile(optimizer=keras.optimizers.Adam(0.005), loss="categorical_crossentropy")
    model.fit(x_train, keras.utils.to_categorical(y_train, 10), epochs=15, batch_size=32, verbose=0)
    return model


def _image_flatten_head(x_train, y_train):
    """Right: Keras, two pooled convolution blocks, Flatten and a hidden Dense layer with dropout."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([
        keras.Input(x_train.shape[1:]),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(), keras.layers.Dropout(0.2), keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.005), loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0)
    return model


def _image_mlp(x_train, y_train):
    """Known-wrong (partial points): lesson 08's MLP on the flattened pixels, which must learn each position separately."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input(x_train.shape[1:]), keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
    return model


def _image_untrained(x_train, y_train):
    """Known-wrong: builds and compiles the reference network but never trains it."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input(x_train.shape[1:]), *_cnn_layers(keras)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def _image_history(x_train, y_train):
    """Known-wrong: returns what fit returns (a History), not the model."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input(x_train.shape[1:]), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model.fit(x_train[:64], y_train[:64], epochs=1, verbose=0)


# --- 14.sentiment_classifier -------------------------------------------------------------


def _vocabulary_size() -> int:
    from course_utils.data import sentiment_vocabulary  # noqa: PLC0415

    return len(sentiment_vocabulary())


def _fit_text_model(model, ids_train, y_train, *, epochs=5, learning_rate=0.01, loss="sparse_categorical_crossentropy"):
    import keras  # noqa: PLC0415

    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss)
    model.fit(ids_train, y_train, epochs=epochs, batch_size=32, verbose=0)
    return model


def train_sentiment_classifier(ids_train, y_train):
    """Reference: Embedding(mask_zero=True), a GRU of 16 units and Dense(2, softmax), Adam, 5 epochs."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],), dtype="int64"), keras.layers.Embedding(_vocabulary_size(), 16, mask_zero=True),
                              keras.layers.GRU(16), keras.layers.Dense(2, activation="softmax")])
    return _fit_text_model(model, ids_train, y_train)


def _sentiment_lstm_logits(ids_train, y_train):
    """Right: Keras Functional API, an LSTM without masking (it learns to carry through the padding), logits out."""
    import keras  # noqa: PLC0415

    inputs = keras.Input((ids_train.shape[1],), dtype="int32")
    hidden = keras.layers.LSTM(16)(keras.layers.Embedding(_vocabulary_size(), 16)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(2)(hidden))
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(ids_train, y_train, epochs=6, batch_size=32, verbose=0)
    return model


def _sentiment_simple_rnn_one_hot(ids_train, y_train):
    """Right: Keras, a SimpleRNN (lesson 10's plain recurrent layer), one-hot labels and categorical cross-entropy."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],)), keras.layers.Embedding(_vocabulary_size(), 12, mask_zero=True),
                              keras.layers.SimpleRNN(16), keras.layers.Dense(2, activation="softmax")])
    return _fit_text_model(model, ids_train, keras.utils.to_categorical(y_train, 2), loss="categorical_crossentropy")


def _sentiment_convolution(ids_train, y_train):
    """Right: Keras, a Conv1D over word pairs and triples (it sees local order), global max pooling."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],), dtype="int64"), keras.layers.Embedding(_vocabulary_size(), 16),
                              keras.layers.Conv1D(32, 3, padding="same", activation="relu"), keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(2, activation="softmax")])
    return _fit_text_model(model, ids_train, y_train, epochs=6)


def _sentiment_bag_of_words(ids_train, y_train):
    """Known-wrong (partial points): averages the word vectors, so a review and its reordered twin look the same."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],), dtype="int64"), keras.layers.Embedding(_vocabulary_size(), 16),
                              keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    return _fit_text_model(model, ids_train, y_train)


def _sentiment_one_sigmoid(ids_train, y_train):
    """Known-wrong: one sigmoid output (a probability of positive) where the task asks for two scores."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],), dtype="int64"), keras.layers.Embedding(_vocabulary_size(), 16),
                              keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1, activation="sigmoid")])
    return _fit_text_model(model, ids_train, y_train, epochs=2, loss="binary_crossentropy")


def _sentiment_untrained(ids_train, y_train):
    """Known-wrong: builds and compiles the reference network but never trains it."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((ids_train.shape[1],), dtype="int64"), keras.layers.Embedding(_vocabulary_size(), 16, mask_zero=True),
                              keras.layers.GRU(16), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


REFERENCES = {
    "14.train_step": Reference(train_step, (
        WrongAnswer("sums the cross-entropy over the examples instead of averaging it",
                    lambda: lambda *a: _step(*a, reduce=np.sum)),
        WrongAnswer("penalises the bias too", lambda: lambda *a: _step(*a, penalise_bias=True)),
        WrongAnswer("forgets the factor 2 in the penalty's gradient", lambda: lambda *a: _step(*a, penalty_factor=1.0)),
        WrongAnswer("steps along the gradient instead of against it", lambda: lambda *a: _step(*a, sign=1.0)),
        WrongAnswer("returns the loss after the step instead of before it", lambda: lambda *a: _step(*a, loss_after=True)),
        WrongAnswer("computes the cross-entropy from the sigmoid's output, which overflows for large logits",
                    lambda: lambda *a: _step(*a, unstable=True)),
    ), (
        RightAnswer("tf.GradientTape with tf.Variable parameters, float64 tensors", _step_tf_tape),
        RightAnswer("keras.ops and keras.losses under a GradientTape, float32 tensors", _step_keras_float32),
        RightAnswer("a Python loop over the examples with math", lambda: _step_python_loop),
    )),
    "14.image_classifier": Reference(train_image_classifier, (
        WrongAnswer("uses lesson 08's MLP on the flat pixels", lambda: _image_mlp),
        WrongAnswer("never trains the network", lambda: _image_untrained),
        WrongAnswer("returns the History from fit instead of the model", lambda: _image_history),
    ), (
        RightAnswer("Keras Functional API, logits and a from_logits loss", lambda: _image_functional_logits),
        RightAnswer("Keras, one-hot labels and categorical cross-entropy", lambda: _image_one_hot),
        RightAnswer("Keras, pooled convolution blocks, Flatten and dropout", lambda: _image_flatten_head),
    )),
    "14.sentiment_classifier": Reference(train_sentiment_classifier, (
        WrongAnswer("averages the word vectors (a bag of words)", lambda: _sentiment_bag_of_words),
        WrongAnswer("gives one sigmoid output instead of two scores", lambda: _sentiment_one_sigmoid),
        WrongAnswer("never trains the network", lambda: _sentiment_untrained),
    ), (
        RightAnswer("Keras Functional API, an LSTM without masking, logits", lambda: _sentiment_lstm_logits),
        RightAnswer("Keras, a SimpleRNN and one-hot labels", lambda: _sentiment_simple_rnn_one_hot),
        RightAnswer("Keras, a Conv1D over neighbouring words", lambda: _sentiment_convolution),
    )),
}
