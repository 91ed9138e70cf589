"""Exercise 07's feedback fits the evidence (issue 10, items 3-5): each test failed before the change it guards."""
import numpy as np

from course_utils.checks.lesson_07 import MINIBATCH_HINTS
from course_utils.grading.judge import KNOWN_MISTAKE_HINT
from course_utils.grading.tasks import get_task

from .test_checks import HIDDEN_SEEDS, grade


def _drops_the_last_batch(x, y, batch_size, rng):
    """Only the whole batches: none at all when batch_size is larger than the data set."""
    order = rng.permutation(len(x))
    for number in range(len(x) // batch_size):
        batch = order[number * batch_size:(number + 1) * batch_size]
        yield x[batch], y[batch]


def test_an_epoch_without_batches_is_judged_as_every_sample_missing():
    """Before: zero batches made the judge itself fail ("the result could not be judged (ValueError: cannot reshape ...)")."""
    task = get_task("07.minibatches")
    for seed in (None, *HIDDEN_SEEDS):
        result = grade(task, _drops_the_last_batch, seed)
        larger = next(case for case in result.cases if "larger than" in case.name)
        assert not larger.passed and "never appear" in larger.problem, larger.problem
        assert "could not be judged" not in "".join(case.problem for case in result.cases)


def test_dropping_the_last_batch_gets_the_same_hint_on_every_seed():
    """Before: the failing cases disagreed (one could not be judged), so a case's code hint was shown instead."""
    for seed in (None, *HIDDEN_SEEDS):
        assert grade(get_task("07.minibatches"), _drops_the_last_batch, seed).hint == MINIBATCH_HINTS["dropped"]


def test_batches_of_tensorflow_tensors_from_a_dataset_pass():
    """The task text allows TensorFlow tensors: a tf.data pipeline over the rng's order is a right answer."""
    import tensorflow as tf

    def minibatches(x, y, batch_size, rng):
        order = rng.permutation(len(x))
        return tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)

    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("07.minibatches"), minibatches, seed)
        assert result.passed, result.first_problem()


def test_keras_adams_arithmetic_is_named_not_blamed_on_epsilon_inside_the_root():
    """Before: keras.optimizers.Adam's update (ε moved by the folded-in bias correction) was told "ε inside the square root"."""
    def keras_adam(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad ** 2
        alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        return w - alpha * m / (np.sqrt(v) + epsilon), m, v

    for seed in (None, *HIDDEN_SEEDS):
        hint = grade(get_task("07.adam_step"), keras_adam, seed).hint
        assert hint.startswith(KNOWN_MISTAKE_HINT) and "Keras" in hint, hint


def test_momentum_with_a_keras_optimizer_passes():
    """The lesson's convention is Keras's: keras.optimizers.SGD(momentum=beta) in float32 is a right answer."""
    from course_instructor.references.lesson_07 import _momentum_keras_sgd

    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("07.momentum_step"), _momentum_keras_sgd(), seed)
        assert result.passed, result.first_problem()
