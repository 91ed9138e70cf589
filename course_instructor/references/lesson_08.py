"""Reference answers, right answers in other styles and known-wrong answers of exercise 08: feedforward networks in Keras."""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 08.dense_parameters -----------------------------------------------------


def dense_parameter_count(n_inputs, units):
    """Reference: weights and biases of Dense layers of `units` stacked on `n_inputs` inputs (a loop)."""
    total, previous = 0, n_inputs
    for width in units:
        total += previous * width + width
        previous = width
    return total


def _count_zip(n_inputs, units):
    """Right: one term per (inputs, units) pair of consecutive sizes."""
    sizes = [n_inputs, *units]
    return sum(fan_in * fan_out + fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def _count_numpy(n_inputs, units):
    """Right: a dot product of the layer sizes, plus the biases."""
    sizes = np.array([n_inputs, *units], dtype=np.int64)
    return int(sizes[:-1] @ sizes[1:] + sizes[1:].sum())


def _make_count_keras():
    """Right: build the stack in Keras and ask it."""
    import keras  # noqa: PLC0415

    def dense_parameter_count(n_inputs, units):
        model = keras.Sequential([keras.Input(shape=(n_inputs,))] + [keras.layers.Dense(width) for width in units])
        return model.count_params()

    return dense_parameter_count


def _count_no_biases(n_inputs, units):
    """Known-wrong: kernels only."""
    sizes = [n_inputs, *units]
    return sum(fan_in * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def _count_inputs_everywhere(n_inputs, units):
    """Known-wrong: every layer reads the network's inputs."""
    return sum(n_inputs * width + width for width in units)


def _count_one_bias_per_layer(n_inputs, units):
    """Known-wrong: one bias per layer instead of one per unit."""
    return _count_no_biases(n_inputs, units) + len(units)


def _count_without_output(n_inputs, units):
    """Known-wrong: leaves the last layer out."""
    return dense_parameter_count(n_inputs, list(units)[:-1])


def _count_without_first_kernel(n_inputs, units):
    """Known-wrong: counts the weights between the listed layers only, not those from the inputs."""
    return dense_parameter_count(n_inputs, units) - n_inputs * units[0]


# --- 08.early_stopping_gap -----------------------------------------------------

def _gap_at(history, metric, epoch_index):
    """Validation minus training value of a lower-is-better metric (training minus validation for accuracy)."""
    train, val = history[metric][epoch_index], history["val_" + metric][epoch_index]
    return float(train - val) if metric == "accuracy" else float(val - train)


def early_stopping_gap(history, metric):
    """Reference: (epoch with the lowest val_loss, counted from 1, first on ties; the gap of `metric` there)."""
    best = int(np.argmin(np.asarray(history["val_loss"], dtype=np.float64)))
    return best + 1, _gap_at(history, metric, best)


def _gap_loop(history, metric):
    """Right: a Python loop that moves on only for a strictly lower validation loss."""
    best = 0
    for epoch, value in enumerate(history["val_loss"]):
        if value < history["val_loss"][best]:
            best = epoch
    sign = -1.0 if metric == "accuracy" else 1.0
    return best + 1, sign * (history["val_" + metric][best] - history[metric][best])


def _gap_min_key(history, metric):
    """Right: Python's min over the epoch numbers (it keeps the first of ties), epochs from 1."""
    epochs = range(1, len(history["val_loss"]) + 1)
    best = min(epochs, key=lambda epoch: history["val_loss"][epoch - 1])
    higher_is_better = metric in ("accuracy",)
    train, val = history[metric][best - 1], history[f"val_{metric}"][best - 1]
    return best, (train - val) if higher_is_better else (val - train)


def _make_gap_keras():
    """Right: keras.ops in float32, returns tensors."""
    import keras  # noqa: PLC0415

    def early_stopping_gap(history, metric):
        val_loss = keras.ops.convert_to_tensor(history["val_loss"], dtype="float32")
        best = keras.ops.nonzero(keras.ops.equal(val_loss, keras.ops.min(val_loss)))[0][0]  # the first of ties
        train = keras.ops.take(keras.ops.convert_to_tensor(history[metric], dtype="float32"), best)
        val = keras.ops.take(keras.ops.convert_to_tensor(history["val_" + metric], dtype="float32"), best)
        return best + 1, (train - val) if metric == "accuracy" else (val - train)

    return early_stopping_gap


def _gap_from_zero(history, metric):
    """Known-wrong: the position of the best epoch, counted from 0."""
    best = int(np.argmin(history["val_loss"]))
    return best, _gap_at(history, metric, best)


def _gap_last_epoch(history, metric):
    """Known-wrong: the last epoch, whatever the validation loss."""
    last = len(history["val_loss"]) - 1
    return last + 1, _gap_at(history, metric, last)


def _gap_lowest_training_loss(history, metric):
    """Known-wrong: the epoch of the lowest training loss."""
    best = int(np.argmin(history["loss"]))
    return best + 1, _gap_at(history, metric, best)


def _gap_best_metric(history, metric):
    """Known-wrong: the epoch with the best validation value of the metric."""
    values = np.asarray(history["val_" + metric], dtype=np.float64)
    best = int(np.argmax(values) if metric == "accuracy" else np.argmin(values))
    return best + 1, _gap_at(history, metric, best)


def _gap_last_of_ties(history, metric):
    """Known-wrong: the last of several epochs with the lowest validation loss."""
    values = np.asarray(history["val_loss"], dtype=np.float64)
    best = int(np.flatnonzero(values == values.min())[-1])
    return best + 1, _gap_at(history, metric, best)


def _gap_absolute(history, metric):
    """Known-wrong: the size of the gap without its sign."""
    epoch, gap = early_stopping_gap(history, metric)
    return epoch, abs(gap)


def _gap_train_minus_val(history, metric):
    """Known-wrong: training minus validation for every metric."""
    epoch, _ = early_stopping_gap(history, metric)
    return epoch, float(history[metric][epoch - 1] - history["val_" + metric][epoch - 1])


def _gap_val_minus_train(history, metric):
    """Known-wrong: validation minus training for every metric."""
    epoch, _ = early_stopping_gap(history, metric)
    return epoch, float(history["val_" + metric][epoch - 1] - history[metric][epoch - 1])


def _gap_swapped(history, metric):
    """Known-wrong: (gap, epoch) instead of (epoch, gap)."""
    epoch, gap = early_stopping_gap(history, metric)
    return gap, epoch


# --- 08.residual_model ---------------------------------------------------------

def build_residual_model(n_inputs, units, n_outputs):
    """Reference: x -> h = relu(Dense) -> r = relu(Dense)(h) -> Add(h, r) -> Dense(n_outputs) logits (Functional API)."""
    import keras  # noqa: PLC0415

    inputs = keras.Input(shape=(n_inputs,))
    hidden = keras.layers.Dense(units, activation="relu")(inputs)
    residual = keras.layers.Dense(units, activation="relu")(hidden)
    total = keras.layers.Add()([hidden, residual])
    return keras.Model(inputs, keras.layers.Dense(n_outputs)(total))


def _make_residual(combine=None, second_activation="relu", after_add=None, output_activation=None):
    """A residual-like network built with the Functional API, with the given variations (for right and wrong answers)."""
    import keras  # noqa: PLC0415

    def build(n_inputs, units, n_outputs):
        inputs = keras.Input(shape=(n_inputs,))
        hidden = keras.layers.Dense(units, activation="relu")(inputs)
        residual = keras.layers.Dense(units, activation=second_activation)(hidden)
        total = combine(hidden, residual)
        if after_add:
            total = keras.layers.Activation(after_add)(total)
        return keras.Model(inputs, keras.layers.Dense(n_outputs, activation=output_activation)(total))

    return build


def _make_residual_plus():
    """Right: the + operator on Keras tensors."""
    return _make_residual(combine=lambda hidden, residual: hidden + residual)


def _make_residual_add_function():
    """Right: keras.layers.add, the functional form of Add."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=lambda hidden, residual: keras.layers.add([hidden, residual]))


def _make_residual_ops():
    """Right: keras.ops.add on Keras tensors."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=keras.ops.add)


def _make_residual_activation_layers():
    """Right: linear Dense layers followed by separate Activation layers, named layers."""
    import keras  # noqa: PLC0415

    def build_residual_model(n_inputs, units, n_outputs):
        inputs = keras.Input(shape=(n_inputs,), name="features")
        hidden = keras.layers.Activation("relu")(keras.layers.Dense(units, name="first")(inputs))
        residual = keras.layers.ReLU()(keras.layers.Dense(units, name="second")(hidden))
        total = keras.layers.Add(name="skip")([residual, hidden])
        return keras.Model(inputs, keras.layers.Dense(n_outputs, name="logits")(total), name="residual")

    return build_residual_model


def _make_residual_subclass():
    """Right: a subclass of keras.Model whose layers are created in the task's order."""
    import keras  # noqa: PLC0415

    class Residual(keras.Model):
        def __init__(self, units, n_outputs):
            super().__init__()
            self.first = keras.layers.Dense(units, activation="relu")
            self.second = keras.layers.Dense(units, activation="relu")
            self.output_layer = keras.layers.Dense(n_outputs)

        def call(self, x):
            hidden = self.first(x)
            return self.output_layer(hidden + self.second(hidden))

    def build_residual_model(n_inputs, units, n_outputs):
        model = Residual(units, n_outputs)
        model(keras.ops.zeros((1, n_inputs)))  # a first call creates the weights
        return model

    return build_residual_model


def _make_residual_no_skip():
    """Known-wrong: a plain MLP."""
    return _make_residual(combine=lambda hidden, residual: residual)


def _make_residual_concatenate():
    """Known-wrong: concatenates h and r."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=lambda hidden, residual: keras.layers.Concatenate()([hidden, residual]))


def _make_residual_softmax():
    """Known-wrong: softmax on the output."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=lambda hidden, residual: keras.layers.Add()([hidden, residual]), output_activation="softmax")


def _make_residual_relu_after_add():
    """Known-wrong: the second layer's ReLU moved after the addition (ResNet's order)."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=lambda hidden, residual: keras.layers.Add()([hidden, residual]), second_activation=None,
                          after_add="relu")


def _make_residual_no_second_relu():
    """Known-wrong: no ReLU on the second layer."""
    import keras  # noqa: PLC0415

    return _make_residual(combine=lambda hidden, residual: keras.layers.Add()([hidden, residual]), second_activation=None)


# --- 08.compact_network --------------------------------------------------------

def _sequential(hidden, output_activation=None):
    """A Sequential network on 64 pixels: Dense hidden layers (width, activation) and 10 outputs."""
    import keras  # noqa: PLC0415

    layers = [keras.Input(shape=(64,))] + [keras.layers.Dense(width, activation=activation) for width, activation in hidden]
    return keras.Sequential(layers + [keras.layers.Dense(10, activation=output_activation)])


def _compile_logits(model, learning_rate=0.01):
    """Compile for integer labels and logits out, with Adam."""
    import keras  # noqa: PLC0415

    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    return model


def train_compact_network(x_train, y_train):
    """Reference: 64 -> 8 tanh -> 10 logits (610 parameters), Adam, 30 epochs."""
    model = _compile_logits(_sequential([(8, "tanh")]))
    model.fit(x_train, y_train, epochs=30, batch_size=64, verbose=0)
    return model


def _compact_functional(x_train, y_train):
    """Right: the same network written with the Functional API."""
    import keras  # noqa: PLC0415

    inputs = keras.Input(shape=(x_train.shape[1],))
    logits = keras.layers.Dense(10)(keras.layers.Dense(8, activation="tanh")(inputs))
    model = _compile_logits(keras.Model(inputs, logits))
    model.fit(x_train, y_train, epochs=30, batch_size=64, verbose=0)
    return model


def _compact_softmax(x_train, y_train):
    """Right: ReLU, softmax outputs and the loss given by name."""
    import keras  # noqa: PLC0415

    model = _sequential([(8, "relu")], output_activation="softmax")
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=40, batch_size=32, verbose=0)
    return model


def _compact_tanh_early_stopping(x_train, y_train):
    """Right: 7 tanh units, a validation split and early stopping."""
    import keras  # noqa: PLC0415

    model = _compile_logits(_sequential([(7, "tanh")]))
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)
    model.fit(x_train, y_train, validation_split=0.2, epochs=40, batch_size=32, callbacks=[stop], verbose=0)
    return model


def _compact_lesson_mlp(x_train, y_train):
    """Known-wrong: the lesson's 64-128-10 MLP, 9,610 parameters."""
    model = _compile_logits(_sequential([(128, "relu")]), learning_rate=3e-3)
    model.fit(x_train, y_train, epochs=5, batch_size=64, verbose=0)
    return model


def _compact_linear(x_train, y_train):
    """Known-wrong: a linear model on the pixels, 650 parameters."""
    model = _compile_logits(_sequential([]))
    model.fit(x_train, y_train, epochs=5, batch_size=64, verbose=0)
    return model


def _compact_untrained(x_train, y_train):
    """Known-wrong: compiled but never trained."""
    return _compile_logits(_sequential([(8, "tanh")]))


def _compact_two_units(x_train, y_train):
    """Known-wrong: a bottleneck of 2 units, too narrow for 10 digits."""
    model = _compile_logits(_sequential([(2, "relu")]))
    model.fit(x_train, y_train, epochs=30, batch_size=64, verbose=0)
    return model


def _compact_history(x_train, y_train):
    """Known-wrong: returns what fit returns."""
    model = _compile_logits(_sequential([(8, "tanh")]))
    return model.fit(x_train, y_train, epochs=1, batch_size=64, verbose=0)


REFERENCES = {
    "08.dense_parameters": Reference(dense_parameter_count, (
        WrongAnswer("forgets the biases", lambda: _count_no_biases),
        WrongAnswer("lets every layer read the network's inputs instead of the previous layer's units", lambda: _count_inputs_everywhere),
        WrongAnswer("counts one bias per layer instead of one per unit", lambda: _count_one_bias_per_layer),
        WrongAnswer("leaves out the last layer, the output layer", lambda: _count_without_output),
        WrongAnswer("leaves out the first layer's kernel, the weights from the inputs", lambda: _count_without_first_kernel),
    ), right_answers=(
        RightAnswer("a formula over consecutive sizes with zip", lambda: _count_zip),
        RightAnswer("NumPy dot product of the layer sizes", lambda: _count_numpy),
        RightAnswer("keras.Sequential of Dense layers and count_params()", _make_count_keras),
    )),
    "08.early_stopping_gap": Reference(early_stopping_gap, (
        WrongAnswer("counts the epochs from 0", lambda: _gap_from_zero),
        WrongAnswer("takes the last epoch instead of the one with the lowest validation loss", lambda: _gap_last_epoch),
        WrongAnswer("takes the epoch with the lowest training loss", lambda: _gap_lowest_training_loss),
        WrongAnswer("takes the epoch where the validation metric is best, not the validation loss", lambda: _gap_best_metric),
        WrongAnswer("takes the last of several tied epochs", lambda: _gap_last_of_ties),
        WrongAnswer("returns the size of the gap without its sign", lambda: _gap_absolute),
        WrongAnswer("subtracts the validation value from the training value for every metric", lambda: _gap_train_minus_val),
        WrongAnswer("subtracts the training value from the validation value for every metric", lambda: _gap_val_minus_train),
        WrongAnswer("returns (gap, epoch) instead of (epoch, gap)", lambda: _gap_swapped),
    ), right_answers=(
        RightAnswer("a Python loop with a strict comparison", lambda: _gap_loop),
        RightAnswer("Python min over the epoch numbers with a key", lambda: _gap_min_key),
        RightAnswer("keras.ops in float32, returns tensors", _make_gap_keras),
    )),
    "08.residual_model": Reference(build_residual_model, (
        WrongAnswer("has no skip connection (a plain MLP)", _make_residual_no_skip),
        WrongAnswer("concatenates the two hidden outputs instead of adding them", _make_residual_concatenate),
        WrongAnswer("ends with a softmax instead of returning logits", _make_residual_softmax),
        WrongAnswer("moves the second layer's ReLU after the addition", _make_residual_relu_after_add),
        WrongAnswer("leaves out the second layer's ReLU", _make_residual_no_second_relu),
    ), right_answers=(
        RightAnswer("Keras tensors added with the + operator", _make_residual_plus),
        RightAnswer("keras.layers.add, the functional form of Add", _make_residual_add_function),
        RightAnswer("keras.ops.add on Keras tensors", _make_residual_ops),
        RightAnswer("Keras linear Dense layers with separate Activation and ReLU layers, named", _make_residual_activation_layers),
        RightAnswer("a subclass of keras.Model, called once before it is returned", _make_residual_subclass),
    )),
    "08.compact_network": Reference(train_compact_network, (
        WrongAnswer("uses the lesson's MLP with 128 hidden units, far over the budget", lambda: _compact_lesson_mlp),
        WrongAnswer("uses a linear model, whose 650 parameters are just over the budget", lambda: _compact_linear),
        WrongAnswer("never trains the network", lambda: _compact_untrained),
        WrongAnswer("squeezes the pixels through 2 hidden units, too few to tell 10 digits apart", lambda: _compact_two_units),
        WrongAnswer("returns the History from fit instead of the model", lambda: _compact_history),
    ), right_answers=(
        RightAnswer("Keras functional API", lambda: _compact_functional),
        RightAnswer("Keras, ReLU, softmax outputs and the loss given by name", lambda: _compact_softmax),
        RightAnswer("Keras, 7 tanh units, a validation split and early stopping", lambda: _compact_tanh_early_stopping),
    )),
}
