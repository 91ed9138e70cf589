"""Reference answers and known-wrong answers of exercise 07: gradient descent."""
from __future__ import annotations

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 07.mse_gradient -------------------------------------------------------


def mse_gradient(w, b, x, y):
    """Reference: the gradient of L = mean((w·x + b - y)²) with respect to w and b."""
    residual = w * np.asarray(x, dtype=np.float64) + b - np.asarray(y, dtype=np.float64)
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def _mse_sum(w, b, x, y):
    """Known-wrong: sums instead of averaging."""
    residual = w * x + b - y
    return float(2.0 * np.sum(residual * x)), float(2.0 * np.sum(residual))


def _mse_no_two(w, b, x, y):
    """Known-wrong: forgets the factor 2 of the square."""
    residual = w * x + b - y
    return float(np.mean(residual * x)), float(np.mean(residual))


def _mse_sign(w, b, x, y):
    """Known-wrong: uses y - prediction."""
    residual = y - (w * x + b)
    return float(2.0 * np.mean(residual * x)), float(2.0 * np.mean(residual))


def _mse_no_x(w, b, x, y):
    """Known-wrong: forgets the factor x in grad_w."""
    residual = w * x + b - y
    return float(2.0 * np.mean(residual)), float(2.0 * np.mean(residual))


def _mse_swapped(w, b, x, y):
    """Known-wrong: returns (grad_b, grad_w)."""
    grad_w, grad_b = mse_gradient(w, b, x, y)
    return grad_b, grad_w


def _mse_tape():
    """Right, TensorFlow: a GradientTape on the mean squared error, returns 0-d tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def mse_gradient_tape(w, b, x, y):
        w, b = tf.Variable(float(w), dtype=tf.float64), tf.Variable(float(b), dtype=tf.float64)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * x + b - y))
        grad_w, grad_b = tape.gradient(loss, [w, b])
        return grad_w, grad_b

    return mse_gradient_tape


def _mse_keras_loss():
    """Right, Keras: keras.losses.MeanSquaredError under a GradientTape, in float32."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    loss_fn = keras.losses.MeanSquaredError()

    def mse_gradient_keras(w, b, x, y):
        w, b = tf.Variable(float(w), dtype=tf.float32), tf.Variable(float(b), dtype=tf.float32)
        with tf.GradientTape() as tape:
            loss = loss_fn(tf.constant(y, dtype=tf.float32), w * tf.constant(x, dtype=tf.float32) + b)
        return tuple(tape.gradient(loss, [w, b]))

    return mse_gradient_keras


def _mse_float32(w, b, x, y):
    """Right, in float32 (NumPy scalars)."""
    x, y = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    residual = np.float32(w) * x + np.float32(b) - y
    return 2 * np.mean(residual * x), 2 * np.mean(residual)


def _mse_loop(w, b, x, y):
    """Right, a Python loop over the points, returning a list."""
    grad_w = grad_b = 0.0
    for x_i, y_i in zip(x, y):
        residual = w * x_i + b - y_i
        grad_w += 2 * residual * x_i / len(x)
        grad_b += 2 * residual / len(x)
    return [grad_w, grad_b]


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


# --- 07.momentum_step ------------------------------------------------------

def momentum_step(w, grad, velocity, learning_rate, beta):
    """Reference: velocity = beta·velocity - learning_rate·grad; w = w + velocity (Keras's SGD with momentum)."""
    new_velocity = beta * np.asarray(velocity, dtype=np.float64) - learning_rate * np.asarray(grad, dtype=np.float64)
    return np.asarray(w, dtype=np.float64) + new_velocity, new_velocity


def _momentum_old_velocity(w, grad, velocity, learning_rate, beta):
    """Known-wrong: moves w with the old velocity."""
    return w + velocity, beta * velocity - learning_rate * grad


def _momentum_sign(w, grad, velocity, learning_rate, beta):
    """Known-wrong: adds the gradient."""
    new_velocity = beta * velocity + learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_no_beta(w, grad, velocity, learning_rate, beta):
    """Known-wrong: forgets the velocity (no memory)."""
    new_velocity = -learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_one_minus_beta(w, grad, velocity, learning_rate, beta):
    """Known-wrong: weights the gradient by (1 - beta), like an average."""
    new_velocity = beta * velocity - (1 - beta) * learning_rate * grad
    return w + new_velocity, new_velocity


def _momentum_in_place(w, grad, velocity, learning_rate, beta):
    """Known-wrong: updates the caller's arrays in place."""
    velocity *= beta
    velocity -= learning_rate * grad
    w += velocity
    return w, velocity


def _momentum_tensorflow():
    """Right, TensorFlow ops, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def momentum_step_tf(w, grad, velocity, learning_rate, beta):
        new_velocity = beta * tf.constant(velocity) - learning_rate * tf.constant(grad)
        return tf.constant(w) + new_velocity, new_velocity

    return momentum_step_tf


def _momentum_keras_sgd():
    """Right, Keras: keras.optimizers.SGD(momentum=beta) on a float32 variable, its velocity set first."""
    import keras  # noqa: PLC0415

    def momentum_step_keras(w, grad, velocity, learning_rate, beta):
        variable = keras.Variable(np.asarray(w, dtype=np.float32))
        optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=beta)
        optimizer.build([variable])
        if beta:  # Keras keeps no velocity when momentum is 0
            optimizer.momentums[0].assign(np.asarray(velocity, dtype=np.float32))
        optimizer.apply_gradients([(np.asarray(grad, dtype=np.float32), variable)])
        new_w = variable.numpy()
        return new_w, (optimizer.momentums[0].numpy() if beta else new_w - np.asarray(w, dtype=np.float32))

    return momentum_step_keras


def _momentum_float32(w, grad, velocity, learning_rate, beta):
    """Right, in float32."""
    w, grad, velocity = (np.asarray(a, dtype=np.float32) for a in (w, grad, velocity))
    new_velocity = np.float32(beta) * velocity - np.float32(learning_rate) * grad
    return w + new_velocity, new_velocity


def _momentum_loop(w, grad, velocity, learning_rate, beta):
    """Right, a Python loop over the entries."""
    new_w, new_velocity = np.empty(np.shape(w)), np.empty(np.shape(w))
    for index in np.ndindex(np.shape(w)):
        new_velocity[index] = beta * velocity[index] - learning_rate * grad[index]
        new_w[index] = w[index] + new_velocity[index]
    return new_w, new_velocity


# --- 07.adam_step ----------------------------------------------------------

def adam_step(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Reference: one Adam step with bias correction (t counts from 1); returns (w, m, v)."""
    grad = np.asarray(grad, dtype=np.float64)
    m = beta_1 * np.asarray(m, dtype=np.float64) + (1.0 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=np.float64) + (1.0 - beta_2) * grad ** 2
    m_hat = m / (1.0 - beta_1 ** t)
    v_hat = v / (1.0 - beta_2 ** t)
    return np.asarray(w, dtype=np.float64) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def _adam_moments(grad, m, v, beta_1, beta_2):
    """The running averages of known-wrong Adam answers that get them right (new arrays)."""
    return beta_1 * m + (1 - beta_1) * grad, beta_2 * v + (1 - beta_2) * grad ** 2


def _adam_no_correction(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: no bias correction."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * m / (np.sqrt(v) + epsilon), m, v


def _adam_v_of_g(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: v averages g instead of g²."""
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(np.abs(v / (1 - beta_2 ** t))) + epsilon), m, v


def _adam_epsilon_inside(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: ε inside the square root."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * (m / (1 - beta_1 ** t)) / np.sqrt(v / (1 - beta_2 ** t) + epsilon), m, v


def _adam_t_minus_one(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: bias correction with t - 1."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return w - learning_rate * (m / (1 - beta_1 ** (t - 1))) / (np.sqrt(v / (1 - beta_2 ** (t - 1))) + epsilon), m, v


def _adam_t_plus_one(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: bias correction with t + 1."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    return w - learning_rate * (m / (1 - beta_1 ** (t + 1))) / (np.sqrt(v / (1 - beta_2 ** (t + 1))) + epsilon), m, v


def _adam_sign(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: adds the step."""
    new_w, m, v = adam_step(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon)
    return 2 * np.asarray(w, dtype=np.float64) - new_w, m, v


def _adam_betas_swapped(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: (1 - β) on the old average and β on the new gradient."""
    m = (1 - beta_1) * m + beta_1 * grad
    v = (1 - beta_2) * v + beta_2 * grad ** 2
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon), m, v


def _adam_in_place(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: updates the caller's m and v in place."""
    m *= beta_1
    m += (1 - beta_1) * grad
    v *= beta_2
    v += (1 - beta_2) * grad ** 2
    return w - learning_rate * (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon), m, v


def _adam_keras_epsilon(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Known-wrong: keras.optimizers.Adam's arithmetic, which folds the bias correction into the learning rate (so ε is not the textbook's)."""
    m, v = _adam_moments(grad, m, v, beta_1, beta_2)
    alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha * m / (np.sqrt(v) + epsilon), m, v


def _adam_tensorflow():
    """Right, TensorFlow ops, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def adam_step_tf(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
        grad = tf.constant(grad)
        m = beta_1 * tf.constant(m) + (1 - beta_1) * grad
        v = beta_2 * tf.constant(v) + (1 - beta_2) * tf.square(grad)
        m_hat, v_hat = m / (1 - beta_1 ** t), v / (1 - beta_2 ** t)
        return tf.constant(w) - learning_rate * m_hat / (tf.sqrt(v_hat) + epsilon), m, v

    return adam_step_tf


def _adam_float32(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Right, in float32."""
    w, grad, m, v = (np.asarray(a, dtype=np.float32) for a in (w, grad, m, v))
    beta_1, beta_2 = np.float32(beta_1), np.float32(beta_2)
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad * grad
    m_hat, v_hat = m / (1 - beta_1 ** t), v / (1 - beta_2 ** t)
    return w - np.float32(learning_rate) * m_hat / (np.sqrt(v_hat) + np.float32(epsilon)), m, v


def _adam_loop(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon):
    """Right, a Python loop over the entries with math.sqrt, returning a list."""
    import math  # noqa: PLC0415

    new_w, new_m, new_v = np.empty(np.shape(w)), np.empty(np.shape(w)), np.empty(np.shape(w))
    for index in np.ndindex(np.shape(w)):
        new_m[index] = beta_1 * m[index] + (1 - beta_1) * grad[index]
        new_v[index] = beta_2 * v[index] + (1 - beta_2) * grad[index] ** 2
        step = (new_m[index] / (1 - beta_1 ** t)) / (math.sqrt(new_v[index] / (1 - beta_2 ** t)) + epsilon)
        new_w[index] = w[index] - learning_rate * step
    return [new_w, new_m, new_v]


REFERENCES = {
    "07.mse_gradient": Reference(mse_gradient, (
        WrongAnswer("sums instead of averaging", lambda: _mse_sum),
        WrongAnswer("forgets the factor 2 of the square", lambda: _mse_no_two),
        WrongAnswer("has a sign error: y - prediction", lambda: _mse_sign),
        WrongAnswer("forgets the factor x in grad_w", lambda: _mse_no_x),
        WrongAnswer("returns (grad_b, grad_w)", lambda: _mse_swapped),
    ), right_answers=(
        RightAnswer("a TensorFlow GradientTape, returns 0-d tensors", _mse_tape),
        RightAnswer("keras.losses.MeanSquaredError under a GradientTape, float32", _mse_keras_loss),
        RightAnswer("float32 NumPy scalars", lambda: _mse_float32),
        RightAnswer("a Python loop over the points, returns a list", lambda: _mse_loop),
    )),
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
    "07.momentum_step": Reference(momentum_step, (
        WrongAnswer("moves w with the old velocity", lambda: _momentum_old_velocity),
        WrongAnswer("adds the gradient step instead of taking it away", lambda: _momentum_sign),
        WrongAnswer("forgets the velocity (no memory)", lambda: _momentum_no_beta),
        WrongAnswer("weights the gradient by (1 - beta)", lambda: _momentum_one_minus_beta),
        WrongAnswer("updates w and velocity in place", lambda: _momentum_in_place),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns tensors", _momentum_tensorflow),
        RightAnswer("keras.optimizers.SGD with momentum on a float32 variable", _momentum_keras_sgd),
        RightAnswer("float32", lambda: _momentum_float32),
        RightAnswer("a Python loop over the entries", lambda: _momentum_loop),
    )),
    "07.adam_step": Reference(adam_step, (
        WrongAnswer("has no bias correction", lambda: _adam_no_correction),
        WrongAnswer("averages the gradient instead of its square in v", lambda: _adam_v_of_g),
        WrongAnswer("puts ε inside the square root", lambda: _adam_epsilon_inside),
        WrongAnswer("corrects the bias with t - 1", lambda: _adam_t_minus_one),
        WrongAnswer("corrects the bias with t + 1", lambda: _adam_t_plus_one),
        WrongAnswer("has a sign error: w + step", lambda: _adam_sign),
        WrongAnswer("uses (1 - β) on the old average and β on the gradient", lambda: _adam_betas_swapped),
        WrongAnswer("updates m and v in place", lambda: _adam_in_place),
        WrongAnswer("follows Keras's Adam, which scales ε by the bias correction", lambda: _adam_keras_epsilon),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns tensors", _adam_tensorflow),
        RightAnswer("float32", lambda: _adam_float32),
        RightAnswer("a Python loop over the entries, returns a list", lambda: _adam_loop),
    )),
}
