"""Reference answers and known-wrong answers of exercise 07: gradient descent."""
from __future__ import annotations

import numpy as np

from . import Reference, WrongAnswer

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
    """Known-wrong: ignores rng and shuffles with np.random."""
    return _yield_batches(x, y, batch_size, np.random.permutation(len(x)))


def _batches_shuffle_in_place(x, y, batch_size, rng):
    """Known-wrong: shuffles the caller's x and y in place (with two different shuffles)."""
    rng.shuffle(x)
    rng.shuffle(y)
    for first in range(0, len(x), batch_size):
        yield x[first:first + batch_size], y[first:first + batch_size]


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


REFERENCES = {
    "07.mse_gradient": Reference(mse_gradient, (
        WrongAnswer("sums instead of averaging", lambda: _mse_sum),
        WrongAnswer("forgets the factor 2 of the square", lambda: _mse_no_two),
        WrongAnswer("has a sign error: y - prediction", lambda: _mse_sign),
        WrongAnswer("forgets the factor x in grad_w", lambda: _mse_no_x),
        WrongAnswer("returns (grad_b, grad_w)", lambda: _mse_swapped),
    )),
    "07.minibatches": Reference(minibatches, (
        WrongAnswer("drops the last partial batch (n // batch_size batches)", lambda: _batches_drop_last),
        WrongAnswer("stops early: range(0, n - batch_size, batch_size)", lambda: _batches_range_stop_early),
        WrongAnswer("does not shuffle", lambda: _batches_no_shuffle),
        WrongAnswer("shuffles x and y with two different permutations", lambda: _batches_two_permutations),
        WrongAnswer("draws samples with replacement (rng.integers)", lambda: _batches_with_replacement),
        WrongAnswer("yields overlapping windows (step 1)", lambda: _batches_overlapping),
        WrongAnswer("ignores rng and uses a generator with a fixed seed", lambda: _batches_fixed_seed),
        WrongAnswer("ignores rng and shuffles with np.random", lambda: _batches_global_random),
        WrongAnswer("shuffles the caller's x and y in place", lambda: _batches_shuffle_in_place),
    )),
    "07.momentum_step": Reference(momentum_step, (
        WrongAnswer("moves w with the old velocity", lambda: _momentum_old_velocity),
        WrongAnswer("has a sign error: + learning_rate·grad", lambda: _momentum_sign),
        WrongAnswer("forgets the velocity (no memory)", lambda: _momentum_no_beta),
        WrongAnswer("weights the gradient by (1 - beta)", lambda: _momentum_one_minus_beta),
        WrongAnswer("updates w and velocity in place", lambda: _momentum_in_place),
    )),
    "07.adam_step": Reference(adam_step, (
        WrongAnswer("has no bias correction", lambda: _adam_no_correction),
        WrongAnswer("averages g instead of g² in v", lambda: _adam_v_of_g),
        WrongAnswer("puts ε inside the square root", lambda: _adam_epsilon_inside),
        WrongAnswer("corrects the bias with t - 1", lambda: _adam_t_minus_one),
        WrongAnswer("corrects the bias with t + 1", lambda: _adam_t_plus_one),
        WrongAnswer("has a sign error: w + step", lambda: _adam_sign),
        WrongAnswer("uses (1 - β) on the old average and β on the gradient", lambda: _adam_betas_swapped),
        WrongAnswer("updates m and v in place", lambda: _adam_in_place),
    )),
}
