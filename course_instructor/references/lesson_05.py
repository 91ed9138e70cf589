"""Reference answers, right answers in other styles and known-wrong answers of exercise 05: gradients and the chain rule.

Tasks 1 and 2 (central differences) demand float64: their right answers in
other styles stay in float64 (a TensorFlow float64 tensor among them), and
a float32 answer is a known-wrong one. Tasks 3 and 4 are analytic: float32,
Keras and `tf.GradientTape` answers are right.
"""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer
from .lesson_02 import sigmoid as _sigmoid  # the stable sigmoid of exercise 02


# --- 05.central_difference -------------------------------------------------

def central_difference(f, x, h):
    """Reference: the central difference (f(x + h) - f(x - h)) / (2 h)."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def _central_forward(f, x, h):
    """Known-wrong: the forward difference."""
    return (f(x + h) - f(x)) / h


def _central_over_h(f, x, h):
    """Known-wrong: divides by h instead of 2h."""
    return (f(x + h) - f(x - h)) / h


def _central_sign(f, x, h):
    """Known-wrong: subtracts in the wrong order."""
    return (f(x - h) - f(x + h)) / (2.0 * h)


def _central_fixed_h(f, x, h):
    """Known-wrong: ignores h and uses 1e-5."""
    return (f(x + 1e-5) - f(x - 1e-5)) / 2e-5


def _central_float32(f, x, h):
    """Known-wrong: computes in float32 (the text says float64)."""
    x, h = np.float32(x), np.float32(h)
    return (f(x + h) - f(x - h)) / (np.float32(2.0) * h)


def _central_tensorflow():
    """Right: the two values of f as float64 tensors, their difference divided by 2h with TensorFlow; a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def central_difference_tf(f, x, h):
        right, left = tf.constant(f(x + h), tf.float64), tf.constant(f(x - h), tf.float64)
        return tf.math.divide(right - left, tf.constant(2.0 * h, tf.float64))

    return central_difference_tf


def _central_two_sided_mean(f, x, h):
    """Right: the mean of the forward and the backward difference (the same number, written another way)."""
    f_x = f(x)
    return ((f(x + h) - f_x) / h + (f_x - f(x - h)) / h) / 2.0


def _central_float64_scalars(f, x, h):
    """Right: np.float64 scalars throughout, halving after dividing by h; returns a NumPy float64."""
    x, h = np.float64(x), np.float64(h)
    return np.subtract(f(x + h), f(x - h)) / h / 2.0


# --- 05.numerical_gradient -------------------------------------------------

def numerical_gradient(f, x, h=1e-5):
    """Reference: the gradient of scalar f at array x by central differences, one coordinate at a time."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _gradient_forward(f, x, h=1e-5):
    """Known-wrong: forward differences."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    f_x = f(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        gradient[index] = (f(x) - f_x) / h
        x[index] = original
    return gradient


def _gradient_all_at_once(f, x, h=1e-5):
    """Known-wrong: perturbs every coordinate at once."""
    x = np.asarray(x, dtype=np.float64)
    return np.full(x.shape, (f(x + h) - f(x - h)) / (2.0 * h))


def _perturb_without_restoring(f, x, h):
    """Central differences that move x[i] by +h then -2h and never put it back (the shared core of two known-wrong answers)."""
    gradient = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2.0 * h
        f_minus = f(x)
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _gradient_no_restore(f, x, h=1e-5):
    """Known-wrong: works on a copy but never puts x[i] back."""
    return _perturb_without_restoring(f, np.array(x, dtype=np.float64), h)


def _gradient_over_h(f, x, h=1e-5):
    """Known-wrong: divides by h instead of 2h."""
    return 2.0 * numerical_gradient(f, x, h)


def _gradient_in_place(f, x, h=1e-5):
    """Known-wrong: perturbs the caller's array and leaves it changed."""
    return _perturb_without_restoring(f, x, h)


def _gradient_step_1e4(f, x, h=1e-4):
    """Known-wrong: a default step of 1e-4 (right when h is given; truncation error shows on a fast-curving f)."""
    return numerical_gradient(f, x, h)


def _gradient_step_1e7(f, x, h=1e-7):
    """Known-wrong: a default step of 1e-7 (right when h is given; rounding error shows where f's values are large)."""
    return numerical_gradient(f, x, h)


def _gradient_ignores_h(f, x, h=1e-5):
    """Known-wrong: always uses 1e-5, whatever h it is given."""
    return numerical_gradient(f, x)


def _gradient_float32(f, x, h=1e-5):
    """Known-wrong: right steps, but in float32 (the text says float64)."""
    x = np.array(x, dtype=np.float32)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + np.float32(h)
        f_plus = f(x)
        x[index] = original - np.float32(h)
        f_minus = f(x)
        x[index] = original
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _gradient_tensorflow():
    """Right: the perturbed points built with TensorFlow (one-hot steps on the flattened x), a float64 tensor of x's shape."""
    import tensorflow as tf  # noqa: PLC0415

    def numerical_gradient_tf(f, x, h=1e-5):
        x = tf.constant(x, tf.float64)
        flat = tf.reshape(x, [-1])
        size = int(tf.size(flat))
        entries = []
        for i in range(size):
            step = tf.one_hot(i, size, on_value=h, off_value=0.0, dtype=tf.float64)
            plus, minus = tf.reshape(flat + step, x.shape).numpy(), tf.reshape(flat - step, x.shape).numpy()
            entries.append((f(plus) - f(minus)) / (2.0 * h))
        return tf.reshape(tf.constant(entries, tf.float64), x.shape)

    return numerical_gradient_tf


def _gradient_identity_rows(f, x, h=1e-5):
    """Right: steps taken from the rows of h times an identity matrix, on the flattened x."""
    x = np.asarray(x, dtype=np.float64)
    flat, steps = x.ravel(), h * np.eye(x.size)
    return np.array([(f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2.0 * h)
                     for step in steps]).reshape(x.shape)


def _gradient_flat_copies(f, x, h=1e-5):
    """Right: a Python loop over flat indices, with two fresh copies of x per index."""
    x = np.array(x, dtype=np.float64)
    gradient = np.empty(x.size)
    for i in range(x.size):
        plus, minus = x.copy(), x.copy()
        plus.flat[i] += h
        minus.flat[i] -= h
        gradient[i] = (f(plus) - f(minus)) / (2.0 * h)
    return gradient.reshape(x.shape)


# --- 05.sigmoid_derivative -------------------------------------------------

def sigmoid_derivative(z):
    """Reference: σ'(z) = σ(z)(1 - σ(z))."""
    s = _sigmoid(z)
    return s * (1.0 - s)


# --- 05.chain_rule ---------------------------------------------------------

def chain_rule(w, x, b, y):
    """Reference: dL/dw for L = (σ(w·x + b) - y)²."""
    z = np.dot(w, x) + b
    a = _sigmoid(z)
    return 2.0 * (a - y) * a * (1.0 - a) * np.asarray(x, dtype=np.float64)


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_derivative_tape():
    """Right: tf.GradientTape's gradient of tf.sigmoid (element-wise, as the gradient of the sum); a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def sigmoid_derivative_tape(z):
        z = tf.constant(z, tf.float64)
        with tf.GradientTape() as tape:
            tape.watch(z)
            s = tf.sigmoid(z)
        return tape.gradient(s, z)

    return sigmoid_derivative_tape


def _sigmoid_derivative_keras():
    """Right: keras.activations.sigmoid in float32, then its value times one minus it; a float32 tensor."""
    import keras  # noqa: PLC0415

    def sigmoid_derivative_keras(z):
        s = keras.activations.sigmoid(keras.ops.convert_to_tensor(z, dtype="float32"))
        return s * (1.0 - s)

    return sigmoid_derivative_keras


def _sigmoid_derivative_float32(z):
    """Right: NumPy in float32."""
    s = np.float32(1.0) / (np.float32(1.0) + np.exp(-np.asarray(z, dtype=np.float32)))
    return s * (np.float32(1.0) - s)


def _sigmoid_derivative_loop(z):
    """Right: a Python loop over every entry, with math.exp (a stable form for each sign)."""
    def slope(value):
        s = 1.0 / (1.0 + math.exp(-value)) if value >= 0 else math.exp(value) / (1.0 + math.exp(value))
        return s * (1.0 - s)

    z = np.asarray(z, dtype=np.float64)
    return np.array([slope(float(value)) for value in z.ravel()]).reshape(z.shape)


def _sigmoid_derivative_scipy():
    """Right: scipy.special.expit for the sigmoid."""
    from scipy.special import expit  # noqa: PLC0415

    def sigmoid_derivative_expit(z):
        s = expit(z)
        return s * (1.0 - s)

    return sigmoid_derivative_expit


def _chain_rule_tape(dtype: str):
    """Right: tf.GradientTape's gradient of the loss with respect to a tf.Variable w, in `dtype`; a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def chain_rule_tape(w, x, b, y):
        w = tf.Variable(np.asarray(w), dtype=dtype)
        x = tf.constant(x, dtype)
        with tf.GradientTape() as tape:
            a = tf.sigmoid(tf.tensordot(w, x, axes=1) + tf.cast(b, dtype))
            loss = tf.square(a - tf.cast(y, dtype))
        return tape.gradient(loss, w)

    return chain_rule_tape


def _chain_rule_float32(w, x, b, y):
    """Right: NumPy in float32."""
    w, x = np.asarray(w, dtype=np.float32), np.asarray(x, dtype=np.float32)
    a = np.float32(1.0) / (np.float32(1.0) + np.exp(-(w @ x + np.float32(b))))
    return np.float32(2.0) * (a - np.float32(y)) * a * (np.float32(1.0) - a) * x


def _chain_rule_loop(w, x, b, y):
    """Right: the forward pass and each weight's derivative in Python loops, with the math module."""
    z = sum(float(wi) * float(xi) for wi, xi in zip(w, x)) + b
    a = 1.0 / (1.0 + math.exp(-z))
    upstream = 2.0 * (a - y) * a * (1.0 - a)
    return np.array([upstream * float(xi) for xi in x])


def _chain_no_sigmoid_prime(w, x, b, y):
    """Known-wrong: forgets the σ' factor."""
    a = _sig(np.dot(w, x) + b)
    return 2.0 * (a - y) * np.asarray(x, dtype=float)


def _chain_sign(w, x, b, y):
    """Known-wrong: uses y - a."""
    a = _sig(np.dot(w, x) + b)
    return 2.0 * (y - a) * a * (1.0 - a) * np.asarray(x, dtype=float)


def _chain_no_two(w, x, b, y):
    """Known-wrong: forgets the factor 2 of the square."""
    a = _sig(np.dot(w, x) + b)
    return (a - y) * a * (1.0 - a) * np.asarray(x, dtype=float)


def _chain_no_x(w, x, b, y):
    """Known-wrong: returns dL/db (no factor x) for every weight."""
    a = _sig(np.dot(w, x) + b)
    return np.full(np.shape(w), 2.0 * (a - y) * a * (1.0 - a))


def _chain_sigma_prime_of_z(w, x, b, y):
    """Known-wrong: uses z(1 - z) instead of σ(z)(1 - σ(z))."""
    z = np.dot(w, x) + b
    a = _sig(z)
    return 2.0 * (a - y) * z * (1.0 - z) * np.asarray(x, dtype=float)


REFERENCES = {
    "05.central_difference": Reference(central_difference, (
        WrongAnswer("uses the forward difference, from x to x + h", lambda: _central_forward),
        WrongAnswer("divides by h instead of 2h", lambda: _central_over_h),
        WrongAnswer("subtracts in the wrong order (a sign error)", lambda: _central_sign),
        WrongAnswer("ignores h and uses a fixed step of 1e-5", lambda: _central_fixed_h),
        WrongAnswer("computes in float32 instead of float64", lambda: _central_float32),
    ), right_answers=(
        RightAnswer("TensorFlow float64 ops, returns a 0-d tensor", _central_tensorflow),
        RightAnswer("the mean of a forward and a backward difference", lambda: _central_two_sided_mean),
        RightAnswer("np.float64 scalars, dividing by h then halving", lambda: _central_float64_scalars),
    )),
    "05.numerical_gradient": Reference(numerical_gradient, (
        WrongAnswer("uses forward differences", lambda: _gradient_forward),
        WrongAnswer("perturbs all coordinates at once", lambda: _gradient_all_at_once),
        WrongAnswer("forgets to put each coordinate back (on a copy)", lambda: _gradient_no_restore),
        WrongAnswer("divides by h instead of 2h", lambda: _gradient_over_h),
        WrongAnswer("perturbs the caller's x in place and leaves it changed", lambda: _gradient_in_place),
        WrongAnswer("uses a default step of 1e-4, too large: truncation error shows", lambda: _gradient_step_1e4),
        WrongAnswer("uses a default step of 1e-7, too small: rounding error shows", lambda: _gradient_step_1e7),
        WrongAnswer("ignores the h it is given and always uses 1e-5", lambda: _gradient_ignores_h),
        WrongAnswer("computes in float32 instead of float64", lambda: _gradient_float32),
    ), right_answers=(
        RightAnswer("TensorFlow one-hot steps, returns a float64 tensor", _gradient_tensorflow),
        RightAnswer("steps from the rows of an identity matrix", lambda: _gradient_identity_rows),
        RightAnswer("a Python loop over flat indices with fresh copies", lambda: _gradient_flat_copies),
    )),
    "05.sigmoid_derivative": Reference(sigmoid_derivative, (
        WrongAnswer("returns the sigmoid itself", lambda: _sig),
        WrongAnswer("applies the slope formula to z instead of to the sigmoid of z", lambda: lambda z: z * (1.0 - z)),
        WrongAnswer("adds the sigmoid to one instead of subtracting it (a sign error)", lambda: lambda z: _sig(z) * (1.0 + _sig(z))),
        WrongAnswer("uses tanh's slope formula, one minus the square, on the sigmoid", lambda: lambda z: 1.0 - _sig(z) ** 2),
    ), right_answers=(
        RightAnswer("tf.GradientTape gradient of tf.sigmoid, returns a float64 tensor", _sigmoid_derivative_tape),
        RightAnswer("keras.activations.sigmoid in float32, returns a tensor", _sigmoid_derivative_keras),
        RightAnswer("NumPy in float32", lambda: _sigmoid_derivative_float32),
        RightAnswer("a Python loop with math.exp", lambda: _sigmoid_derivative_loop),
        RightAnswer("scipy.special.expit", _sigmoid_derivative_scipy),
    )),
    "05.chain_rule": Reference(chain_rule, (
        WrongAnswer("misses the sigmoid's slope factor", lambda: _chain_no_sigmoid_prime),
        WrongAnswer("subtracts the prediction from the target (a sign error)", lambda: _chain_sign),
        WrongAnswer("forgets the factor 2 of the square", lambda: _chain_no_two),
        WrongAnswer("forgets the factor x (returns dL/db for every weight)", lambda: _chain_no_x),
        WrongAnswer("applies the sigmoid's slope formula to z instead of to the sigmoid of z", lambda: _chain_sigma_prime_of_z),
    ), right_answers=(
        RightAnswer("tf.GradientTape on a float64 tf.Variable, returns a tensor", lambda: _chain_rule_tape("float64")),
        RightAnswer("tf.GradientTape in float32, returns a float32 tensor", lambda: _chain_rule_tape("float32")),
        RightAnswer("NumPy in float32", lambda: _chain_rule_float32),
        RightAnswer("Python loops with the math module", lambda: _chain_rule_loop),
    )),
}
