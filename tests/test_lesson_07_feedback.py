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


def test_leaving_out_the_bias_fails_on_every_seed_and_is_named():
    """The centred-features case makes the bias direction the steepest, so a Hessian without the column of ones is off."""
    from course_instructor.references.lesson_07 import _rate_no_bias

    for seed in (None, *HIDDEN_SEEDS):
        result = grade(get_task("07.largest_stable_rate"), _rate_no_bias, seed)
        assert not result.passed
        assert result.hint == f"{KNOWN_MISTAKE_HINT}leaves out the bias (no column of ones).", result.hint


def test_a_rate_just_above_the_answer_diverges_and_just_below_converges():
    """What the task text promises: 2/λ_max is the limit of batch gradient descent on the drawn data sets."""
    from course_instructor.references.lesson_07 import largest_stable_rate

    for case in get_task("07.largest_stable_rate").cases(None):
        (x,) = case.inputs
        design = np.hstack([x, np.ones((len(x), 1))])
        limit = largest_stable_rate(x)
        for factor, grows in ((0.98, False), (1.02, True)):
            theta = np.ones(design.shape[1])
            for _ in range(3000):
                theta = theta - factor * limit * 2 / len(x) * design.T @ (design @ theta)
            assert (np.linalg.norm(theta) > 1e3) == grows, (case.name, factor, np.linalg.norm(theta))


def test_the_cosine_schedule_equals_keras_past_the_end_of_the_decay():
    """Keras's CosineDecay clips the step at decay_steps: the reference and Keras agree there, where the unclipped cosine climbs."""
    import keras

    from course_instructor.references.lesson_07 import cosine_decay

    schedule = keras.optimizers.schedules.CosineDecay(0.2, 10, alpha=0.1)
    keras_rates = np.array([float(schedule(step)) for step in range(25)])
    assert np.allclose(cosine_decay(0.2, 10, 0.1, 25), keras_rates, atol=1e-6)
