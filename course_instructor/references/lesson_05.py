"""Reference answers, right answers in other styles and known-wrong answers of exercise 05: gradients and the chain rule.

Tasks 1 and 2 (central differences, a gradient check) demand float64: their
right answers in other styles stay in float64 (a TensorFlow float64 tensor
among them). Task 3 (a softplus neuron) is analytic: float32, Keras and
`tf.GradientTape` answers are right.
"""
from __future__ import annotations

import math

import numpy as np

from course_utils.numerics import relative_error

from . import Reference, RightAnswer, WrongAnswer


def _sigmoid(z):
    """The logistic sigmoid without overflow: exp is only taken of a number <= 0."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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


# --- 05.gradient_check ----------------------------------------------------

def gradient_check(f, grad_f, x):
    """Reference: ‖g - n‖ / max(‖g‖, ‖n‖) of g = grad_f(x) and n, central differences of f at x (h = 1e-5)."""
    return relative_error(grad_f(x), numerical_gradient(f, x))


def _check_sum_of_norms(f, grad_f, x):
    """Known-wrong: divides by the sum of the norms (the definition lesson 06 used before issue 13)."""
    g, n = np.asarray(grad_f(x), dtype=np.float64), numerical_gradient(f, x)
    return float(np.linalg.norm(g - n) / (np.linalg.norm(g) + np.linalg.norm(n)))


def _check_numerical_norm(f, grad_f, x):
    """Known-wrong: divides by the numerical gradient's norm only."""
    g, n = np.asarray(grad_f(x), dtype=np.float64), numerical_gradient(f, x)
    return float(np.linalg.norm(g - n) / np.linalg.norm(n))


def _check_absolute(f, grad_f, x):
    """Known-wrong: returns the norm of the difference, not divided by anything."""
    return float(np.linalg.norm(np.asarray(grad_f(x), dtype=np.float64) - numerical_gradient(f, x)))


def _check_forward(f, grad_f, x):
    """Known-wrong: forward differences for the numerical gradient."""
    return relative_error(grad_f(x), _gradient_forward(f, x))


def _check_tensorflow():
    """Right: the numerical gradient and the norms in TensorFlow float64; returns a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def gradient_check_tf(f, grad_f, x):
        g = tf.constant(grad_f(x), tf.float64)
        n = tf.constant(numerical_gradient(f, x), tf.float64)
        return tf.norm(g - n) / tf.maximum(tf.norm(g), tf.norm(n))

    return gradient_check_tf


def _check_loop(f, grad_f, x):
    """Right: Python loops with the math module, one coordinate at a time."""
    x = [float(v) for v in x]
    g = [float(v) for v in grad_f(np.array(x))]
    n = []
    for i in range(len(x)):
        plus, minus = list(x), list(x)
        plus[i] += 1e-5
        minus[i] -= 1e-5
        n.append((f(np.array(plus)) - f(np.array(minus))) / 2e-5)
    difference = math.sqrt(sum((a - b) ** 2 for a, b in zip(g, n)))
    return difference / max(math.sqrt(sum(a * a for a in g)), math.sqrt(sum(b * b for b in n)))


def _check_course_helper(f, grad_f, x):
    """Right: course_utils.numerics.relative_error on steps from an identity matrix."""
    from course_utils.numerics import relative_error as helper  # noqa: PLC0415

    return helper(np.asarray(grad_f(x)), _gradient_identity_rows(f, x))


# --- 05.softplus_neuron ----------------------------------------------------

def softplus_neuron_gradient(w, x, b, y):
    """Reference: dL/dw = 2(a - y) σ(z) x for a = softplus(z), z = x·w + b (softplus' is the sigmoid)."""
    z = np.dot(x, w) + b
    a = np.logaddexp(0.0, z)
    return 2.0 * (a - y) * _sigmoid(z) * np.asarray(x, dtype=np.float64)


def _softplus_sigmoid_slope(w, x, b, y):
    """Known-wrong: uses the sigmoid neuron's slope σ(z)(1 - σ(z)) (lesson 05) for softplus."""
    z = np.dot(x, w) + b
    s = _sigmoid(z)
    return 2.0 * (np.logaddexp(0.0, z) - y) * s * (1.0 - s) * np.asarray(x, dtype=np.float64)


def _softplus_itself(w, x, b, y):
    """Known-wrong: uses softplus itself as its slope."""
    z = np.dot(x, w) + b
    a = np.logaddexp(0.0, z)
    return 2.0 * (a - y) * a * np.asarray(x, dtype=np.float64)


def _softplus_sign(w, x, b, y):
    """Known-wrong: target minus prediction."""
    return -softplus_neuron_gradient(w, x, b, y)


def _softplus_no_two(w, x, b, y):
    """Known-wrong: forgets the factor 2 of the square."""
    return 0.5 * softplus_neuron_gradient(w, x, b, y)


def _softplus_no_x(w, x, b, y):
    """Known-wrong: forgets the factor x (returns dL/db for every weight)."""
    z = np.dot(x, w) + b
    return np.full(np.shape(w), 2.0 * (np.logaddexp(0.0, z) - y) * _sigmoid(z))


def _softplus_tape(dtype: str, keras_activation: bool = False):
    """Right: tf.GradientTape on a tf.Variable (tf.nn.softplus, or keras.activations.softplus); returns a tensor."""
    def softplus_neuron_tape(w, x, b, y):
        import tensorflow as tf  # noqa: PLC0415

        w = tf.Variable(np.asarray(w), dtype=dtype)
        with tf.GradientTape() as tape:
            z = tf.reduce_sum(tf.constant(x, dtype) * w) + tf.constant(b, dtype)
            if keras_activation:
                import keras  # noqa: PLC0415

                a = keras.activations.softplus(z)
            else:
                a = tf.nn.softplus(z)
            loss = (a - tf.constant(y, dtype)) ** 2
        return tape.gradient(loss, w)

    return softplus_neuron_tape


def _softplus_loop(w, x, b, y):
    """Right: Python loops with the math module; softplus' slope written as e^z / (1 + e^z)."""
    z = sum(float(wi) * float(xi) for wi, xi in zip(w, x)) + b
    a = math.log1p(math.exp(z))
    slope = math.exp(z) / (1.0 + math.exp(z))
    return np.array([2.0 * (a - y) * slope * float(xi) for xi in x])


def _softplus_scipy():
    """Right: scipy.special.expit for the slope, in float32."""
    from scipy.special import expit  # noqa: PLC0415

    def softplus_neuron_scipy(w, x, b, y):
        w, x = np.asarray(w, np.float32), np.asarray(x, np.float32)
        z = x @ w + np.float32(b)
        return (2 * (np.logaddexp(np.float32(0), z) - np.float32(y)) * expit(z) * x).astype(np.float32)

    return softplus_neuron_scipy


REFERENCES = {
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
    "05.gradient_check": Reference(gradient_check, (
        WrongAnswer("divides by the sum of the two norms instead of the larger one", lambda: _check_sum_of_norms),
        WrongAnswer("divides by the numerical gradient's norm only", lambda: _check_numerical_norm),
        WrongAnswer("returns the norm of the difference without dividing by a norm", lambda: _check_absolute),
        WrongAnswer("uses forward differences for the numerical gradient", lambda: _check_forward),
    ), right_answers=(
        RightAnswer("TensorFlow float64 norms, returns a 0-d tensor", _check_tensorflow),
        RightAnswer("Python loops with the math module", lambda: _check_loop),
        RightAnswer("course_utils.numerics.relative_error on identity-matrix steps", lambda: _check_course_helper),
    )),
    "05.softplus_neuron": Reference(softplus_neuron_gradient, (
        WrongAnswer("uses the sigmoid neuron's slope σ(z)(1 - σ(z)) instead of softplus's", lambda: _softplus_sigmoid_slope),
        WrongAnswer("uses softplus itself as its slope", lambda: _softplus_itself),
        WrongAnswer("subtracts the prediction from the target (a sign error)", lambda: _softplus_sign),
        WrongAnswer("forgets the factor 2 of the square", lambda: _softplus_no_two),
        WrongAnswer("forgets the factor x (returns dL/db for every weight)", lambda: _softplus_no_x),
    ), right_answers=(
        RightAnswer("tf.GradientTape on a float64 tf.Variable with tf.nn.softplus, returns a tensor", lambda: _softplus_tape("float64")),
        RightAnswer("tf.GradientTape in float32 with keras.activations.softplus, returns a tensor",
                    lambda: _softplus_tape("float32", keras_activation=True)),
        RightAnswer("Python loops with the math module", lambda: _softplus_loop),
        RightAnswer("scipy.special.expit in float32", _softplus_scipy),
    )),
}
