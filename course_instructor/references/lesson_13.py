"""Exercise 13's reference answers, right answers in other styles, and known-wrong answers (the instructor's side)."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 13.model_cost ----------------------------------------------------------------


def _walk(input_shape, layers, *, conv_size, pool=True, bias=True, channels_in_macs=True, mac_factor=1):
    """Shared walker for the reference and the known-wrong answers: `conv_size(n, k, s, padding)` gives an output side."""
    shape = tuple(int(d) for d in input_shape)
    parameters = multiply_adds = 0
    for layer in layers:
        kind = layer["type"]
        if kind == "conv2d":
            h, w, c_in = shape
            k, s, f = layer["kernel_size"], layer["strides"], layer["filters"]
            h, w = conv_size(h, k, s, layer["padding"]), conv_size(w, k, s, layer["padding"])
            parameters += (k * k * c_in + bias) * f
            multiply_adds += h * w * f * k * k * (c_in if channels_in_macs else 1)
            shape = (h, w, f)
        elif kind == "max_pool":
            if pool:
                p = layer["pool_size"]
                shape = (shape[0] // p, shape[1] // p, shape[2])
        elif kind == "global_max_pool":
            shape = (shape[-1],)
        elif kind == "flatten":
            shape = (int(np.prod(shape)),)
        elif kind == "dense":
            parameters += (shape[0] + bias) * layer["units"]
            multiply_adds += shape[0] * layer["units"]
            shape = (layer["units"],)
        else:
            raise ValueError(f"unknown layer type {kind!r}")
    return parameters, mac_factor * multiply_adds


def _conv_size(n, k, s, padding):
    return -(-n // s) if padding == "same" else (n - k) // s + 1


def model_cost(input_shape, layers):
    """Reference: (parameters, multiply-adds per example) of a Sequential spec."""
    return _walk(input_shape, layers, conv_size=_conv_size)


def _cost_no_strides(input_shape, layers):
    """Known-wrong: computes every output size as if the stride were 1."""
    return _walk(input_shape, layers, conv_size=lambda n, k, s, padding: _conv_size(n, k, 1, padding))


def _cost_same_as_valid(input_shape, layers):
    """Known-wrong: treats 'same' padding as 'valid' (every convolution shrinks the map)."""
    return _walk(input_shape, layers, conv_size=lambda n, k, s, padding: _conv_size(n, k, s, "valid"))


def _cost_no_bias(input_shape, layers):
    """Known-wrong: leaves the biases out of the parameters."""
    return _walk(input_shape, layers, conv_size=_conv_size, bias=False)


def _cost_no_channels(input_shape, layers):
    """Known-wrong: counts a convolution's multiply-adds without the input channels."""
    return _walk(input_shape, layers, conv_size=_conv_size, channels_in_macs=False)


def _cost_flops(input_shape, layers):
    """Known-wrong: returns FLOPs (two per multiply-add) instead of multiply-adds."""
    return _walk(input_shape, layers, conv_size=_conv_size, mac_factor=2)


def _cost_no_pool(input_shape, layers):
    """Known-wrong: lets max pooling keep the map's size."""
    return _walk(input_shape, layers, conv_size=_conv_size, pool=False)


def _cost_valid_no_plus_one(input_shape, layers):
    """Known-wrong: a 'valid' output size without the first position, (n - k) // s."""
    return _walk(input_shape, layers, conv_size=lambda n, k, s, padding: -(-n // s) if padding == "same" else (n - k) // s)


def _cost_keras():
    """Right: builds the Keras model, reads count_params() and each layer's output shape."""
    import keras  # noqa: PLC0415

    def model_cost_keras(input_shape, layers):
        built = []
        for layer in layers:
            kind = layer["type"]
            if kind == "conv2d":
                built.append(keras.layers.Conv2D(layer["filters"], layer["kernel_size"], strides=layer["strides"], padding=layer["padding"]))
            elif kind == "max_pool":
                built.append(keras.layers.MaxPooling2D(layer["pool_size"]))
            elif kind == "global_max_pool":
                built.append(keras.layers.GlobalMaxPooling2D())
            elif kind == "flatten":
                built.append(keras.layers.Flatten())
            else:
                built.append(keras.layers.Dense(layer["units"]))
        model = keras.Sequential([keras.Input(tuple(input_shape)), *built])
        macs = 0
        for layer in model.layers:
            if isinstance(layer, keras.layers.Conv2D):
                h, w, f = layer.output.shape[1:]
                k_h, k_w = layer.kernel_size
                macs += h * w * f * k_h * k_w * layer.input.shape[-1]
            elif isinstance(layer, keras.layers.Dense):
                macs += layer.input.shape[-1] * layer.units
        return model.count_params(), macs

    return model_cost_keras


def _cost_explicit_padding(input_shape, layers):
    """Right: a Python loop that pads explicitly ('same' adds the padding TensorFlow adds) and uses math.floor."""
    if len(input_shape) == 3:
        h, w, c = input_shape
    else:
        h, w, c = None, None, input_shape[0]
    params = macs = 0
    for layer in layers:
        if layer["type"] == "conv2d":
            k, s, f = layer["kernel_size"], layer["strides"], layer["filters"]
            sizes = []
            for n in (h, w):
                pad = max((math.ceil(n / s) - 1) * s + k - n, 0) if layer["padding"] == "same" else 0
                sizes.append(math.floor((n + pad - k) / s) + 1)
            h, w = sizes
            params += f * (k * k * c) + f
            macs += h * w * f * k * k * c
            c = f
        elif layer["type"] == "max_pool":
            h, w = math.floor(h / layer["pool_size"]), math.floor(w / layer["pool_size"])
        elif layer["type"] == "global_max_pool":
            h, w = None, None
        elif layer["type"] == "flatten":
            c, h, w = h * w * c, None, None
        else:
            params += c * layer["units"] + layer["units"]
            macs += c * layer["units"]
            c = layer["units"]
    return params, macs


def _cost_numpy_ints(input_shape, layers):
    """Right: NumPy int64 results."""
    parameters, multiply_adds = model_cost(input_shape, layers)
    return np.int64(parameters), np.int64(multiply_adds)


def _cost_tensorflow():
    """Right: returns int64 TensorFlow tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def model_cost_tf(input_shape, layers):
        parameters, multiply_adds = model_cost(input_shape, layers)
        return tf.constant(parameters, tf.int64), tf.constant(multiply_adds, tf.int64)

    return model_cost_tf


# --- 13.all_reduce_mean -------------------------------------------------------------

def all_reduce_mean(gradients, batch_sizes):
    """Reference: sum of n_r g_r over the replicas, divided by the sum of n_r."""
    gradients = np.asarray(gradients, dtype=np.float64)
    sizes = np.asarray(batch_sizes, dtype=np.float64)
    return np.tensordot(sizes, gradients, axes=1) / sizes.sum()


def _reduce_plain_mean(gradients, batch_sizes):
    """Known-wrong: the plain mean of the replicas' gradients."""
    return np.mean(np.asarray(gradients, dtype=np.float64), axis=0)


def _reduce_sum(gradients, batch_sizes):
    """Known-wrong: the sum of the replicas' gradients (an all-reduce SUM of unscaled gradients)."""
    return np.sum(np.asarray(gradients, dtype=np.float64), axis=0)


def _reduce_weighted_sum(gradients, batch_sizes):
    """Known-wrong: weights by the batch sizes but never divides by the total."""
    return np.tensordot(np.asarray(batch_sizes, dtype=np.float64), np.asarray(gradients, dtype=np.float64), axes=1)


def _reduce_by_replicas(gradients, batch_sizes):
    """Known-wrong: weights by the batch sizes, divides by the number of replicas."""
    return _reduce_weighted_sum(gradients, batch_sizes) / len(batch_sizes)


def _reduce_nonempty_mean(gradients, batch_sizes):
    """Known-wrong: the plain mean over the replicas that got examples."""
    gradients = np.asarray(gradients, dtype=np.float64)
    return gradients[np.asarray(batch_sizes) > 0].mean(axis=0)


def _reduce_np_average(gradients, batch_sizes):
    """Right: np.average with weights."""
    return np.average(np.stack(gradients), axis=0, weights=batch_sizes)


def _reduce_tensorflow():
    """Right: TensorFlow ops (a scaled all-reduce sum), returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def all_reduce_mean_tf(gradients, batch_sizes):
        total = float(sum(batch_sizes))
        scaled = [tf.constant(g, tf.float64) * (n / total) for g, n in zip(gradients, batch_sizes)]
        return tf.add_n(scaled)

    return all_reduce_mean_tf


def _reduce_keras_float32():
    """Right: keras.ops in float32, returns a tensor."""
    from keras import ops  # noqa: PLC0415

    def all_reduce_mean_keras(gradients, batch_sizes):
        stacked = ops.convert_to_tensor(np.stack(gradients), "float32")
        weights = ops.convert_to_tensor(np.asarray(batch_sizes), "float32")
        weights = ops.reshape(weights, (-1,) + (1,) * (len(stacked.shape) - 1))
        return ops.sum(stacked * weights, axis=0) / ops.sum(weights)

    return all_reduce_mean_keras


def _reduce_loop(gradients, batch_sizes):
    """Right: a Python loop accumulating sums of per-example gradients."""
    total_gradient, total_examples = None, 0
    for gradient, n in zip(gradients, batch_sizes):
        part = np.array(gradient, dtype=np.float64) * n
        total_gradient = part if total_gradient is None else total_gradient + part
        total_examples += n
    return total_gradient / total_examples


# --- 13.integrated_gradients ----------------------------------------------------------

def _path_average(gradient, image, baseline, alphas):
    image, baseline = np.asarray(image, dtype=np.float64), np.asarray(baseline, dtype=np.float64)
    return np.mean([np.asarray(gradient(baseline + alpha * (image - baseline)), dtype=np.float64) for alpha in alphas], axis=0)


def integrated_gradients(gradient, image, baseline, steps):
    """Reference: (image - baseline) times the mean gradient at the midpoints of `steps` equal pieces of the path."""
    alphas = (np.arange(steps) + 0.5) / steps
    return (np.asarray(image, dtype=np.float64) - baseline) * _path_average(gradient, image, baseline, alphas)


def _ig_no_difference(gradient, image, baseline, steps):
    """Known-wrong: returns the averaged gradient without multiplying by image - baseline."""
    return _path_average(gradient, image, baseline, (np.arange(steps) + 0.5) / steps)


def _ig_times_image(gradient, image, baseline, steps):
    """Known-wrong: multiplies by the image instead of image - baseline."""
    return np.asarray(image, dtype=np.float64) * _path_average(gradient, image, baseline, (np.arange(steps) + 0.5) / steps)


def _ig_left(gradient, image, baseline, steps):
    """Known-wrong: left Riemann sum, alpha = k / steps for k = 0 .. steps - 1."""
    return (np.asarray(image) - baseline) * _path_average(gradient, image, baseline, np.arange(steps) / steps)


def _ig_right(gradient, image, baseline, steps):
    """Known-wrong: right Riemann sum, alpha = k / steps for k = 1 .. steps."""
    return (np.asarray(image) - baseline) * _path_average(gradient, image, baseline, np.arange(1, steps + 1) / steps)


def _ig_sum(gradient, image, baseline, steps):
    """Known-wrong: sums the gradients along the path instead of averaging them."""
    return steps * integrated_gradients(gradient, image, baseline, steps)


def _ig_gradient_at_image(gradient, image, baseline, steps):
    """Known-wrong: the gradient at the image only, times image - baseline (no path)."""
    return (np.asarray(image) - baseline) * np.asarray(gradient(np.asarray(image, dtype=np.float64)))


def _ig_tensorflow():
    """Right: TensorFlow ops for the path and the average, returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def integrated_gradients_tf(gradient, image, baseline, steps):
        image, baseline = tf.constant(image, tf.float64), tf.constant(baseline, tf.float64)
        alphas = (tf.range(steps, dtype=tf.float64) + 0.5) / steps
        grads = tf.stack([tf.constant(gradient((baseline + a * (image - baseline)).numpy()), tf.float64) for a in alphas])
        return (image - baseline) * tf.reduce_mean(grads, axis=0)

    return integrated_gradients_tf


def _ig_trapezoid_float32(gradient, image, baseline, steps):
    """Right: float32, the midpoints written as linspace without its ends."""
    image32, baseline32 = np.asarray(image, np.float32), np.asarray(baseline, np.float32)
    alphas = np.linspace(0.0, 1.0, 2 * steps + 1, dtype=np.float32)[1::2]
    total = np.zeros_like(image32)
    for alpha in alphas:
        total += np.asarray(gradient((baseline32 + alpha * (image32 - baseline32)).astype(np.float64)), np.float32)
    return (image32 - baseline32) * total / np.float32(steps)


def _ig_loop(gradient, image, baseline, steps):
    """Right: a Python loop over the steps, summing then dividing."""
    image, baseline = np.asarray(image, dtype=np.float64), np.asarray(baseline, dtype=np.float64)
    total = np.zeros(image.shape)
    for k in range(steps):
        total = total + gradient(baseline + (k + 0.5) / steps * (image - baseline))
    return (image - baseline) * (total / steps)


# --- 13.samples_needed -----------------------------------------------------------------

def samples_needed(sizes, errors, target_error):
    """Reference: least squares of log error on log size; (a, b, (a / target) ** (1 / b))."""
    slope, intercept = np.polyfit(np.log(np.asarray(sizes, dtype=np.float64)), np.log(np.asarray(errors, dtype=np.float64)), 1)
    a, b = math.exp(intercept), -slope
    return a, float(b), (a / target_error) ** (1.0 / b)


def _needed_semilog(sizes, errors, target_error):
    """Known-wrong: fits log error against the size itself (an exponential law)."""
    slope, intercept = np.polyfit(np.asarray(sizes, dtype=np.float64), np.log(errors), 1)
    a, b = math.exp(intercept), -slope
    return a, float(b), (a / target_error) ** (1.0 / b)


def _needed_slope_sign(sizes, errors, target_error):
    """Known-wrong: returns the slope itself as b (forgets the minus sign)."""
    slope, intercept = np.polyfit(np.log(sizes), np.log(errors), 1)
    a = math.exp(intercept)
    return a, float(slope), (a / target_error) ** (1.0 / slope)


def _needed_log10(sizes, errors, target_error):
    """Known-wrong: fits in base-10 logarithms but turns the intercept back with the natural exponential."""
    slope, intercept = np.polyfit(np.log10(sizes), np.log10(errors), 1)
    a, b = math.exp(intercept), -slope
    return a, float(b), (a / target_error) ** (1.0 / b)


def _needed_endpoints(sizes, errors, target_error):
    """Known-wrong: draws the line through the first and last points instead of fitting all of them."""
    x, y = np.log(sizes), np.log(errors)
    slope = (y[-1] - y[0]) / (x[-1] - x[0])
    a, b = math.exp(y[0] - slope * x[0]), -slope
    return a, float(b), (a / target_error) ** (1.0 / b)


def _needed_inverted(sizes, errors, target_error):
    """Known-wrong: solves the law upside down, (target / a) to the power 1 / b."""
    a, b, _ = samples_needed(sizes, errors, target_error)
    return a, b, (target_error / a) ** (1.0 / b)


def _needed_linregress(sizes, errors, target_error):
    """Right: scipy.stats.linregress on the logs."""
    from scipy.stats import linregress  # noqa: PLC0415

    fit = linregress(np.log(sizes), np.log(errors))
    a, b = math.exp(fit.intercept), -fit.slope
    return a, b, math.exp((math.log(a) - math.log(target_error)) / b)


def _needed_tensorflow():
    """Right: tf.linalg.lstsq on [log n, 1], returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def samples_needed_tf(sizes, errors, target_error):
        log_n = tf.math.log(tf.constant(sizes, tf.float64))
        design = tf.stack([log_n, tf.ones_like(log_n)], axis=1)
        solution = tf.linalg.lstsq(design, tf.math.log(tf.constant(errors, tf.float64))[:, None], fast=False)
        slope, intercept = solution[0, 0], solution[1, 0]
        a, b = tf.exp(intercept), -slope
        return a, b, tf.pow(a / target_error, 1.0 / b)

    return samples_needed_tf


def _needed_loop(sizes, errors, target_error):
    """Right: the closed-form least-squares line with a Python loop and the math module."""
    xs = [math.log(n) for n in np.asarray(sizes).tolist()]
    ys = [math.log(e) for e in np.asarray(errors).tolist()]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    a, b = math.exp(mean_y - slope * mean_x), -slope
    return [a, b, (a / target_error) ** (1 / b)]


def _needed_sklearn(sizes, errors, target_error):
    """Right: scikit-learn's LinearRegression on the logs, float32 results."""
    from sklearn.linear_model import LinearRegression  # noqa: PLC0415

    fit = LinearRegression().fit(np.log(np.asarray(sizes, dtype=np.float64))[:, None], np.log(errors))
    a, b = math.exp(fit.intercept_), -float(fit.coef_[0])
    return np.float32(a), np.float32(b), np.float32((a / target_error) ** (1 / b))


REFERENCES = {
    "13.model_cost": Reference(model_cost, (
        WrongAnswer("ignores the strides, as if every convolution had stride 1", lambda: _cost_no_strides),
        WrongAnswer("treats 'same' padding as 'valid', so every convolution shrinks the map", lambda: _cost_same_as_valid),
        WrongAnswer("leaves the biases out of the parameter count", lambda: _cost_no_bias),
        WrongAnswer("counts a convolution's multiply-adds without its input channels", lambda: _cost_no_channels),
        WrongAnswer("returns FLOPs, two per multiply-add, instead of multiply-adds", lambda: _cost_flops),
        WrongAnswer("lets max pooling keep the map's size", lambda: _cost_no_pool),
        WrongAnswer("forgets the first position in a 'valid' output size", lambda: _cost_valid_no_plus_one),
    ), right_answers=(
        RightAnswer("a Keras model built from the spec: count_params and layer output shapes", _cost_keras),
        RightAnswer("a Python loop with explicit padding and math.floor", lambda: _cost_explicit_padding),
        RightAnswer("NumPy int64 results", lambda: _cost_numpy_ints),
        RightAnswer("int64 TensorFlow tensors", _cost_tensorflow),
    )),
    "13.all_reduce_mean": Reference(all_reduce_mean, (
        WrongAnswer("takes the plain mean of the replicas' gradients", lambda: _reduce_plain_mean),
        WrongAnswer("sums the replicas' gradients without scaling them", lambda: _reduce_sum),
        WrongAnswer("weights by the batch sizes but never divides by the total", lambda: _reduce_weighted_sum),
        WrongAnswer("weights by the batch sizes and divides by the number of replicas", lambda: _reduce_by_replicas),
        WrongAnswer("averages only the replicas that got examples, without weights", lambda: _reduce_nonempty_mean),
    ), right_answers=(
        RightAnswer("np.average with weights", lambda: _reduce_np_average),
        RightAnswer("TensorFlow ops, a scaled sum, returns a tensor", _reduce_tensorflow),
        RightAnswer("keras.ops in float32, returns a tensor", _reduce_keras_float32),
        RightAnswer("a Python loop", lambda: _reduce_loop),
    )),
    "13.integrated_gradients": Reference(integrated_gradients, (
        WrongAnswer("returns the averaged gradient without multiplying by the image minus the baseline", lambda: _ig_no_difference),
        WrongAnswer("multiplies by the image instead of the image minus the baseline", lambda: _ig_times_image),
        WrongAnswer("uses the left ends of the pieces, starting at the baseline", lambda: _ig_left),
        WrongAnswer("uses the right ends of the pieces, ending at the image", lambda: _ig_right),
        WrongAnswer("sums the gradients along the path instead of averaging them", lambda: _ig_sum),
        WrongAnswer("takes the gradient at the image only, with no path", lambda: _ig_gradient_at_image),
    ), right_answers=(
        RightAnswer("TensorFlow ops, returns a tensor", _ig_tensorflow),
        RightAnswer("float32 with linspace midpoints", lambda: _ig_trapezoid_float32),
        RightAnswer("a Python loop over the steps", lambda: _ig_loop),
    )),
    "13.samples_needed": Reference(samples_needed, (
        WrongAnswer("fits the log error against the size itself, an exponential law", lambda: _needed_semilog),
        WrongAnswer("returns the slope itself as b, forgetting the minus sign", lambda: _needed_slope_sign),
        WrongAnswer("fits base-10 logarithms but turns the intercept back with the natural exponential", lambda: _needed_log10),
        WrongAnswer("draws the line through the first and last points instead of fitting them all", lambda: _needed_endpoints),
        WrongAnswer("solves the law upside down, the target over a", lambda: _needed_inverted),
    ), right_answers=(
        RightAnswer("scipy.stats.linregress", lambda: _needed_linregress),
        RightAnswer("tf.linalg.lstsq, returns tensors", _needed_tensorflow),
        RightAnswer("a Python loop with the math module, returns a list", lambda: _needed_loop),
        RightAnswer("scikit-learn LinearRegression, float32 results", lambda: _needed_sklearn),
    )),
}
