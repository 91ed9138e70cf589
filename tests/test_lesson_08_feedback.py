"""Exercise 08's checks judge what their task texts promise, and their feedback fits the evidence."""
import numpy as np

from course_utils.checks.lesson_08 import COMPACT_BUDGET, COMPACT_HINTS, RESIDUAL_ORDER_HINT, parameter_count
from course_utils.grading.models import rebuild_classifier, run_classifier
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade


def test_the_budget_is_counted_as_keras_counts_the_rebuilt_model():
    """The judge adds up the reported weights; that is count_params() of the model it rebuilds (non-trainable weights too)."""
    import keras

    def with_batch_normalization(x_train, y_train):
        model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(6, activation="tanh"),
                                  keras.layers.BatchNormalization(), keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(x_train, y_train, epochs=1, verbose=0)
        return model

    value = run_classifier(with_batch_normalization, get_task("08.compact_network").cases()[0])
    assert parameter_count(value) == rebuild_classifier(value).count_params() == 64 * 6 + 6 + 4 * 6 + 6 * 10 + 10


def test_a_model_just_over_the_budget_is_refused_with_its_count_and_the_counting_hint():
    import keras

    def nine_units(x_train, y_train):  # 64 x 9 + 9 + 9 x 10 + 10 = 685 parameters: accurate, but over the budget
        model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(9, activation="tanh"), keras.layers.Dense(10)])
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
        return model

    result = grade(get_task("08.compact_network"), nine_units)
    assert not result.passed and f"685 parameters, over the budget of {COMPACT_BUDGET}" in result.first_problem()
    assert result.hint == COMPACT_HINTS["over_budget"]


def test_a_residual_model_with_its_layers_created_in_another_order_is_told_so():
    """Right count, wrong order of weights: the hint says which order the check loads them in."""
    import keras

    class OutputFirst(keras.Model):
        def __init__(self, units, n_outputs):
            super().__init__()
            self.output_layer = keras.layers.Dense(n_outputs)
            self.first = keras.layers.Dense(units, activation="relu")
            self.second = keras.layers.Dense(units, activation="relu")

        def call(self, x):
            hidden = self.first(x)
            return self.output_layer(hidden + self.second(hidden))

    def build_residual_model(n_inputs, units, n_outputs):
        model = OutputFirst(units, n_outputs)
        model(keras.ops.zeros((1, n_inputs)))
        return model

    for seed in (None, HIDDEN_SEEDS[0]):
        result = grade(get_task("08.residual_model"), build_residual_model, seed)
        assert not result.passed and result.hint == RESIDUAL_ORDER_HINT, result.hint


def test_a_residual_model_for_the_wrong_input_size_is_a_wrong_type_with_the_expected_shape():
    import keras

    def fixed_inputs(n_inputs, units, n_outputs):
        inputs = keras.Input(shape=(n_inputs + 1,))
        hidden = keras.layers.Dense(units, activation="relu")(inputs)
        total = keras.layers.Add()([hidden, keras.layers.Dense(units, activation="relu")(hidden)])
        return keras.Model(inputs, keras.layers.Dense(n_outputs)(total))

    result = grade(get_task("08.residual_model"), fixed_inputs)
    assert result.status == "returns the wrong type" and "its Input must have shape" in result.first_problem()


def test_the_gap_of_a_real_keras_history_is_read_at_the_epoch_early_stopping_keeps():
    """The cases imitate History.history; a real one, from fit with EarlyStopping, agrees with the callback's best epoch."""
    import keras

    from course_instructor.references.lesson_08 import early_stopping_gap

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = (x @ np.array([1.0, -2.0, 0.5]) + rng.normal(scale=0.5, size=64)).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse", metrics=["mae"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    history = model.fit(x, y, validation_split=0.25, epochs=40, batch_size=16, callbacks=[stop], verbose=0)
    best_epoch, gap = early_stopping_gap(history.history, "mae")
    assert best_epoch == stop.best_epoch + 1
    assert gap == history.history["val_mae"][best_epoch - 1] - history.history["mae"][best_epoch - 1]
