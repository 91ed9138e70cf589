"""Reference answers and known-wrong answers of exercise 07: gradient descent."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 07.minibatches --------------------------------------------------------

def _yield_batches(x, y, batch_size, order):
    """Cut `order` (positions of samples) into consecutive batches of `batch_size`; yield (x[batch], y[batch])."""
    for first in range(0, len(order), batch_size):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def minibatches(x, y, batch_size, rng):
    """Reference: one epoch of shuffled mini-batches (x_batch, y_batch); the last one may be smaller."""
    return _yield_batches(x, y, batch_size, rng.permutation(len(x)))


def _batches_drop_last(x, y, batch_size, rng):
    """Known-wrong: only n // batch_size full batches."""
    order = rng.permutation(len(x))
    return [(x[order[i * batch_size:(i + 1) * batch_size]], y[order[i * batch_size:(i + 1) * batch_size]])
            for i in range(len(x) // batch_size)]


def _batches_range_stop_early(x, y, batch_size, rng):
    """Known-wrong: range(0, n - batch_size, batch_size) loses the end of the data."""
    order = rng.permutation(len(x))
    for first in range(0, len(x) - batch_size, batch_size):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def _batches_no_shuffle(x, y, batch_size, rng):
    """Known-wrong: consecutive batches in the original order."""
    for first in range(0, len(x), batch_size):
        yield x[first:first + batch_size], y[first:first + batch_size]


def _batches_two_permutations(x, y, batch_size, rng):
    """Known-wrong: shuffles x and y with two different permutations."""
    x_shuffled, y_shuffled = x[rng.permutation(len(x))], y[rng.permutation(len(y))]
    for first in range(0, len(x), batch_size):
        yield x_shuffled[first:first + batch_size], y_shuffled[first:first + batch_size]


def _batches_with_replacement(x, y, batch_size, rng):
    """Known-wrong: draws positions with replacement."""
    return _yield_batches(x, y, batch_size, rng.integers(0, len(x), size=len(x)))


def _batches_overlapping(x, y, batch_size, rng):
    """Known-wrong: sliding windows with step 1."""
    order = rng.permutation(len(x))
    for first in range(0, max(1, len(x) - batch_size + 1)):
        batch = order[first:first + batch_size]
        yield x[batch], y[batch]


def _batches_fixed_seed(x, y, batch_size, rng):
    """Known-wrong: ignores rng and shuffles with a new generator seeded 0."""
    return _yield_batches(x, y, batch_size, np.random.default_rng(0).permutation(len(x)))


def _batches_global_random(x, y, batch_size, rng):
    """Known-wrong: ignores rng and shuffles with NumPy's global generator."""
    return _yield_batches(x, y, batch_size, np.random.permutation(len(x)))


def _batches_shuffle_in_place(x, y, batch_size, rng):
    """Known-wrong: shuffles the caller's x and y in place (with two different shuffles)."""
    rng.shuffle(x)
    rng.shuffle(y)
    for first in range(0, len(x), batch_size):
        yield x[first:first + batch_size], y[first:first + batch_size]


def _batches_list(x, y, batch_size, rng):
    """Right, a function that returns a list of the batches."""
    order = rng.permutation(len(x))
    return [(x[order[first:first + batch_size]], y[order[first:first + batch_size]]) for first in range(0, len(x), batch_size)]


def _batches_choice(x, y, batch_size, rng):
    """Right, rng.choice without replacement, and np.array_split into the right number of slices."""
    order = rng.choice(len(x), size=len(x), replace=False)
    count = -(-len(x) // batch_size)
    cuts = list(range(batch_size, batch_size * count, batch_size))
    for batch in np.split(order, cuts):
        yield x[batch], y[batch]


def _batches_argsort(x, y, batch_size, rng):
    """Right, the order of rng.random keys (argsort), and a while loop."""
    order = np.argsort(rng.random(len(x)))
    first = 0
    while first < len(x):
        yield np.take(x, order[first:first + batch_size], axis=0), np.take(y, order[first:first + batch_size], axis=0)
        first += batch_size


def _batches_tf_data():
    """Right, tf.data: the shuffled data batched by a Dataset, yielding TensorFlow tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def minibatches_tf(x, y, batch_size, rng):
        order = rng.permutation(len(x))
        return iter(tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size))

    return minibatches_tf


def _batches_tf_gather():
    """Right, tf.gather of tensors with the shuffled positions, yielding TensorFlow tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def minibatches_gather(x, y, batch_size, rng):
        x, y = tf.constant(x), tf.constant(y)
        order = tf.constant(rng.permutation(len(x)))
        for first in range(0, len(x), batch_size):
            yield tf.gather(x, order[first:first + batch_size]), tf.gather(y, order[first:first + batch_size])

    return minibatches_gather


# --- 07.largest_stable_rate ------------------------------------------------

def _design(x):
    """The design matrix [x, 1] of a linear regression with a bias."""
    x = np.asarray(x, dtype=np.float64)
    return np.hstack([x, np.ones((len(x), 1))])


def largest_stable_rate(x):
    """Reference: 2 / λ_max of the Hessian (2/n) AᵀA of the mean squared error, A = [x, 1]."""
    design = _design(x)
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(design) * design.T @ design)[-1])


def _rate_no_bias(x):
    """Known-wrong: leaves out the column of ones (the bias)."""
    x = np.asarray(x, dtype=np.float64)
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(x) * x.T @ x)[-1])


def _rate_no_two(x):
    """Known-wrong: the Hessian without the factor 2 of the square."""
    design = _design(x)
    return float(2.0 / np.linalg.eigvalsh(design.T @ design / len(design))[-1])


def _rate_sum(x):
    """Known-wrong: the Hessian of the sum of squares, not the mean (no 1/n)."""
    design = _design(x)
    return float(2.0 / np.linalg.eigvalsh(2.0 * design.T @ design)[-1])


def _rate_smallest(x):
    """Known-wrong: uses the smallest eigenvalue."""
    design = _design(x)
    return float(2.0 / np.linalg.eigvalsh(2.0 / len(design) * design.T @ design)[0])


def _rate_one_over(x):
    """Known-wrong: returns 1 / λ_max."""
    return 0.5 * largest_stable_rate(x)


def _rate_tensorflow():
    """Right, TensorFlow: tf.linalg.eigvalsh of the Hessian; returns a 0-d float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def largest_stable_rate_tf(x):
        x = tf.constant(x, tf.float64)
        design = tf.concat([x, tf.ones([tf.shape(x)[0], 1], tf.float64)], axis=1)
        hessian = 2.0 * tf.matmul(design, design, transpose_a=True) / tf.cast(tf.shape(x)[0], tf.float64)
        return 2.0 / tf.reduce_max(tf.linalg.eigvalsh(hessian))

    return largest_stable_rate_tf


def _rate_singular_values(x):
    """Right: the largest singular value σ of A, with λ_max = 2σ²/n."""
    design = _design(x)
    sigma = np.linalg.svd(design, compute_uv=False)[0]
    return 2.0 / (2.0 * sigma ** 2 / len(design))


def _rate_power_iteration(x):
    """Right: power iteration on the Hessian, in a Python loop."""
    design = _design(x)
    hessian = 2.0 / len(design) * design.T @ design
    vector = np.ones(hessian.shape[0])
    estimate = 0.0
    for _ in range(100_000):
        product = hessian @ vector
        new_estimate = float(np.linalg.norm(product))
        vector = product / new_estimate
        if abs(new_estimate - estimate) <= 1e-15 * new_estimate:
            break
        estimate = new_estimate
    return 2.0 / new_estimate


def _rate_scipy():
    """Right: scipy.linalg.eigh of the Hessian, the largest eigenvalue only."""
    from scipy.linalg import eigh  # noqa: PLC0415

    def largest_stable_rate_scipy(x):
        design = _design(x)
        hessian = 2.0 / len(design) * design.T @ design
        top = eigh(hessian, eigvals_only=True, subset_by_index=[hessian.shape[0] - 1, hessian.shape[0] - 1])
        return 2.0 / top[0]

    return largest_stable_rate_scipy


# --- 07.cosine_decay -------------------------------------------------------

def cosine_decay(initial_rate, decay_steps, alpha, steps):
    """Reference: η₀ (α + (1 - α) ½ (1 + cos(π min(t, T) / T))) for t = 0, ..., steps - 1 (Keras's CosineDecay)."""
    t = np.minimum(np.arange(steps), decay_steps)
    return initial_rate * (alpha + (1 - alpha) * 0.5 * (1 + np.cos(np.pi * t / decay_steps)))


def _cosine_no_clip(initial_rate, decay_steps, alpha, steps):
    """Known-wrong: does not clip the step at decay_steps (the cosine climbs back)."""
    t = np.arange(steps)
    return initial_rate * (alpha + (1 - alpha) * 0.5 * (1 + np.cos(np.pi * t / decay_steps)))


def _cosine_no_alpha(initial_rate, decay_steps, alpha, steps):
    """Known-wrong: ignores alpha (decays to zero)."""
    return cosine_decay(initial_rate, decay_steps, 0.0, steps)


def _cosine_alpha_absolute(initial_rate, decay_steps, alpha, steps):
    """Known-wrong: adds alpha as a rate of its own instead of a fraction of η₀."""
    t = np.minimum(np.arange(steps), decay_steps)
    return alpha + initial_rate * (1 - alpha) * 0.5 * (1 + np.cos(np.pi * t / decay_steps))


def _cosine_full_wave(initial_rate, decay_steps, alpha, steps):
    """Known-wrong: the cosine itself instead of ½ (1 + cos), so the rate turns negative."""
    t = np.minimum(np.arange(steps), decay_steps)
    return initial_rate * (alpha + (1 - alpha) * np.cos(np.pi * t / decay_steps))


def _cosine_from_one(initial_rate, decay_steps, alpha, steps):
    """Known-wrong: counts the steps from 1."""
    t = np.minimum(np.arange(1, steps + 1), decay_steps)
    return initial_rate * (alpha + (1 - alpha) * 0.5 * (1 + np.cos(np.pi * t / decay_steps)))


def _cosine_keras():
    """Right, Keras: keras.optimizers.schedules.CosineDecay evaluated at every step; a float32 tensor."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    def cosine_decay_keras(initial_rate, decay_steps, alpha, steps):
        schedule = keras.optimizers.schedules.CosineDecay(initial_rate, decay_steps, alpha=alpha)
        return tf.stack([tf.convert_to_tensor(schedule(step)) for step in range(steps)])

    return cosine_decay_keras


def _cosine_loop(initial_rate, decay_steps, alpha, steps):
    """Right, a Python loop with the math module; returns a list."""
    rates = []
    for step in range(steps):
        done = min(step, decay_steps) / decay_steps
        rates.append(initial_rate * ((1 - alpha) * (1 + math.cos(math.pi * done)) / 2 + alpha))
    return rates


def _cosine_float32(initial_rate, decay_steps, alpha, steps):
    """Right, float32 NumPy, written with the squared cosine of half the angle (½ (1 + cos 2u) is cos² u)."""
    t = np.clip(np.arange(steps, dtype=np.float32), 0, decay_steps)
    factor = np.cos(np.float32(np.pi / 2) * t / np.float32(decay_steps)) ** 2
    return (np.float32(initial_rate) * (np.float32(alpha) + np.float32(1 - alpha) * factor)).astype(np.float32)


REFERENCES = {
    "07.minibatches": Reference(minibatches, (
        WrongAnswer("drops the last, smaller batch", lambda: _batches_drop_last),
        WrongAnswer("stops one step early and leaves the last samples out", lambda: _batches_range_stop_early),
        WrongAnswer("does not shuffle", lambda: _batches_no_shuffle),
        WrongAnswer("shuffles x and y with two different permutations", lambda: _batches_two_permutations),
        WrongAnswer("draws samples with replacement (rng.integers)", lambda: _batches_with_replacement),
        WrongAnswer("yields overlapping windows (step 1)", lambda: _batches_overlapping),
        WrongAnswer("ignores rng and uses a generator with a fixed seed", lambda: _batches_fixed_seed),
        WrongAnswer("ignores rng and shuffles with NumPy's global generator", lambda: _batches_global_random),
        WrongAnswer("shuffles the caller's x and y in place", lambda: _batches_shuffle_in_place),
    ), right_answers=(
        RightAnswer("tf.data.Dataset batches, yields TensorFlow tensors", _batches_tf_data),
        RightAnswer("tf.gather on tensors, yields TensorFlow tensors", _batches_tf_gather),
        RightAnswer("a function that returns a list", lambda: _batches_list),
        RightAnswer("rng.choice without replacement and np.split", lambda: _batches_choice),
        RightAnswer("argsort of rng.random keys and a while loop", lambda: _batches_argsort),
    )),
    "07.largest_stable_rate": Reference(largest_stable_rate, (
        WrongAnswer("leaves out the bias (no column of ones)", lambda: _rate_no_bias),
        WrongAnswer("forgets the factor 2 of the square in the Hessian", lambda: _rate_no_two),
        WrongAnswer("uses the Hessian of the sum, not the mean (no 1/n)", lambda: _rate_sum),
        WrongAnswer("uses the smallest eigenvalue instead of the largest", lambda: _rate_smallest),
        WrongAnswer("returns one over the largest eigenvalue instead of two over it", lambda: _rate_one_over),
    ), right_answers=(
        RightAnswer("TensorFlow tf.linalg.eigvalsh, returns a 0-d tensor", _rate_tensorflow),
        RightAnswer("the largest singular value of the design matrix", lambda: _rate_singular_values),
        RightAnswer("power iteration in a Python loop", lambda: _rate_power_iteration),
        RightAnswer("scipy.linalg.eigh, the top eigenvalue only", _rate_scipy),
    )),
    "07.cosine_decay": Reference(cosine_decay, (
        WrongAnswer("does not clip the step at decay_steps, so the rate climbs back up", lambda: _cosine_no_clip),
        WrongAnswer("ignores alpha and decays to zero", lambda: _cosine_no_alpha),
        WrongAnswer("adds alpha as a rate of its own, not as a fraction of the initial rate", lambda: _cosine_alpha_absolute),
        WrongAnswer("uses the cosine itself instead of one half of one plus the cosine", lambda: _cosine_full_wave),
        WrongAnswer("counts the steps from 1 instead of 0", lambda: _cosine_from_one),
    ), right_answers=(
        RightAnswer("keras.optimizers.schedules.CosineDecay at every step, a float32 tensor", _cosine_keras),
        RightAnswer("a Python loop with the math module, returns a list", lambda: _cosine_loop),
        RightAnswer("float32 NumPy with a squared cosine", lambda: _cosine_float32),
    )),
}
