"""Reference answers, right answers in other styles and known-wrong answers of exercise 09: convolutional networks."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer, fit_with_cosine_decay

# --- 09.conv2d ---------------------------------------------------------------


def _same_padding(size: int, kernel: int, stride: int) -> "tuple[int, int, int]":
    """TensorFlow's 'same' padding along one axis: (output size, zeros before, zeros after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2, total - total // 2


def _strided_conv(padded, kernel, bias, stride: int, h_out: int, w_out: int):
    """Sum over the kernel's offsets of the strided shifted images times the kernel slice (the lesson's loop, with steps of `stride`)."""
    kh, kw = kernel.shape[:2]
    out = np.zeros((padded.shape[0], h_out, w_out, kernel.shape[3])) + bias
    for a in range(kh):
        for b in range(kw):
            window = padded[:, a:a + stride * (h_out - 1) + 1:stride, b:b + stride * (w_out - 1) + 1:stride, :]
            out = out + window @ kernel[a, b]
    return out


def conv2d(images, kernel, bias, stride, padding):
    """Reference: keras.layers.Conv2D(filters, kernel_size, strides=stride, padding=padding) without activation, in float64."""
    images, kernel, bias = (np.asarray(value, dtype=np.float64) for value in (images, kernel, bias))
    _, h, w, _ = images.shape
    kh, kw = kernel.shape[:2]
    if padding == "same":
        (h_out, top, bottom), (w_out, left, right) = _same_padding(h, kh, stride), _same_padding(w, kw, stride)
        images = np.pad(images, ((0, 0), (top, bottom), (left, right), (0, 0)))
    else:
        h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
    return _strided_conv(images, kernel, bias, stride, h_out, w_out)


def _conv_tf_nn():
    """Right: tf.nn.conv2d, returns a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def conv(images, kernel, bias, stride, padding):
        return tf.nn.conv2d(images, kernel, strides=stride, padding=padding.upper()) + bias

    return conv


def _conv_keras_layer():
    """Right: a keras.layers.Conv2D with the weights set, float32, returns a tensor."""
    import keras  # noqa: PLC0415

    def conv(images, kernel, bias, stride, padding):
        layer = keras.layers.Conv2D(kernel.shape[3], kernel.shape[:2], strides=stride, padding=padding)
        layer.build(images.shape)
        layer.set_weights([kernel.astype(np.float32), bias.astype(np.float32)])
        return layer(images.astype(np.float32))

    return conv


def _conv_loops(images, kernel, bias, stride, padding):
    """Right: Python loops over every output pixel, with the padding worked out row by row."""
    n, h, w, c_in = images.shape
    kh, kw, _, c_out = kernel.shape
    if padding == "same":
        h_out, w_out = math.ceil(h / stride), math.ceil(w / stride)
        top = max((h_out - 1) * stride + kh - h, 0) // 2
        left = max((w_out - 1) * stride + kw - w, 0) // 2
    else:
        h_out, w_out, top, left = (h - kh) // stride + 1, (w - kw) // stride + 1, 0, 0
    out = np.zeros((n, h_out, w_out, c_out))
    for image in range(n):
        for i in range(h_out):
            for j in range(w_out):
                for o in range(c_out):
                    total = bias[o]
                    for a in range(kh):
                        for b in range(kw):
                            row, col = i * stride + a - top, j * stride + b - left
                            if 0 <= row < h and 0 <= col < w:
                                total += float(images[image, row, col, :] @ kernel[a, b, :, o])
                    out[image, i, j, o] = total
    return out


def _conv_windows_float32(images, kernel, bias, stride, padding):
    """Right: NumPy in float32, every window at once with sliding_window_view and einsum."""
    images, kernel, bias = images.astype(np.float32), kernel.astype(np.float32), bias.astype(np.float32)
    kh, kw = kernel.shape[:2]
    if padding == "same":
        (_, top, bottom), (_, left, right) = _same_padding(images.shape[1], kh, stride), _same_padding(images.shape[2], kw, stride)
        images = np.pad(images, ((0, 0), (top, bottom), (left, right), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(images, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    return np.einsum("nijcab,abco->nijo", windows, kernel) + bias


def _conv_flipped(images, kernel, bias, stride, padding):
    """Known-wrong: a true convolution (the kernel flipped), not Keras's cross-correlation."""
    return conv2d(images, np.asarray(kernel)[::-1, ::-1], bias, stride, padding)


def _conv_no_bias(images, kernel, bias, stride, padding):
    """Known-wrong: forgets the bias."""
    return conv2d(images, kernel, np.zeros_like(bias), stride, padding)


def _conv_stride_one(images, kernel, bias, stride, padding):
    """Known-wrong: ignores the stride."""
    return conv2d(images, kernel, bias, 1, padding)


def _conv_subsampled(images, kernel, bias, stride, padding):
    """Known-wrong: pads 'same' as for stride 1, then keeps every stride-th output."""
    return conv2d(images, kernel, bias, 1, padding)[:, ::stride, ::stride]


def _conv_extra_top_left(images, kernel, bias, stride, padding):
    """Known-wrong: puts the odd extra zero row and column at the top and left."""
    images = np.asarray(images, dtype=np.float64)
    if padding != "same":
        return conv2d(images, kernel, bias, stride, padding)
    (h_out, top, bottom), (w_out, left, right) = (_same_padding(images.shape[1], kernel.shape[0], stride),
                                                  _same_padding(images.shape[2], kernel.shape[1], stride))
    padded = np.pad(images, ((0, 0), (bottom, top), (right, left), (0, 0)))
    return _strided_conv(padded, kernel, bias, stride, h_out, w_out)


def _conv_symmetric_padding(images, kernel, bias, stride, padding):
    """Known-wrong: pads 'same' with kernel_size // 2 zeros on every side (PyTorch's habit), whatever the stride."""
    images = np.asarray(images, dtype=np.float64)
    if padding == "same":
        top, left = kernel.shape[0] // 2, kernel.shape[1] // 2
        images = np.pad(images, ((0, 0), (top, top), (left, left), (0, 0)))
    return conv2d(images, kernel, bias, stride, "valid")


def _conv_always_valid(images, kernel, bias, stride, padding):
    """Known-wrong: never pads."""
    return conv2d(images, kernel, bias, stride, "valid")


# --- 09.stack_shapes ---------------------------------------------------------

def _layer_size(size: int, window: int, stride: int, padding: str) -> int:
    """Keras's output size along one axis."""
    return -(-size // stride) if padding == "same" else (size - window) // stride + 1


def stack_shapes(input_shape, layers):
    """Reference: (height, width, channels, parameters) after each layer, as a (k, 4) integer array."""
    height, width, channels = input_shape
    rows = []
    for layer in layers:
        if layer[0] == "conv":
            _, filters, kernel_size, stride, padding = layer
            parameters = kernel_size * kernel_size * channels * filters + filters
            channels = filters
        else:
            _, kernel_size, stride, padding = layer
            parameters = 0
        height = _layer_size(height, kernel_size, stride, padding)
        width = _layer_size(width, kernel_size, stride, padding)
        rows.append((height, width, channels, parameters))
    return np.array(rows, dtype=np.int64)


def _stack_keras_model():
    """Right: a keras.Sequential model built from the descriptions; shapes and count_params read from Keras."""
    import keras  # noqa: PLC0415

    def shapes(input_shape, layers):
        built = [keras.layers.Conv2D(layer[1], layer[2], strides=layer[3], padding=layer[4]) if layer[0] == "conv"
                 else keras.layers.MaxPooling2D(layer[1], strides=layer[2], padding=layer[3]) for layer in layers]
        model = keras.Sequential([keras.Input(tuple(input_shape)), *built])
        return [(*layer.output.shape[1:], layer.count_params()) for layer in model.layers]

    return shapes


def _stack_tf_zeros():
    """Right: runs zeros through tf.nn.conv2d and tf.nn.max_pool2d, returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def shapes(input_shape, layers):
        x = tf.zeros((1, *input_shape))
        rows = []
        for layer in layers:
            if layer[0] == "conv":
                _, filters, size, stride, padding = layer
                parameters = (size * size * x.shape[-1] + 1) * filters
                x = tf.nn.conv2d(x, tf.zeros((size, size, x.shape[-1], filters)), strides=stride, padding=padding.upper())
            else:
                _, size, stride, padding = layer
                parameters = 0
                x = tf.nn.max_pool2d(x, size, stride, padding.upper())
            rows.append([x.shape[1], x.shape[2], x.shape[3], parameters])
        return tf.constant(rows)

    return shapes


def _stack_float_loop(input_shape, layers):
    """Right: a Python loop with math.ceil and math.floor, floats in a list of tuples."""
    height, width, channels = (float(value) for value in input_shape)
    rows = []
    for layer in layers:
        kind, *settings = layer
        if kind == "conv":
            filters, size, stride, padding = settings
        else:
            size, stride, padding = settings
            filters = channels
        if padding == "same":
            height, width = math.ceil(height / stride), math.ceil(width / stride)
        else:
            height, width = math.floor((height - size) / stride) + 1, math.floor((width - size) / stride) + 1
        parameters = (size * size * channels + 1.0) * filters if kind == "conv" else 0.0
        channels = float(filters)
        rows.append((float(height), float(width), channels, parameters))
    return rows


def _stack_counted_windows(input_shape, layers):
    """Right: counts the window positions one by one ('same' counts positions from 0 in steps of stride)."""
    def count(size, window, stride, padding):
        positions, start = 0, 0
        while (start < size) if padding == "same" else (start + window <= size):
            positions, start = positions + 1, start + stride
        return positions

    height, width, channels = input_shape
    rows = []
    for layer in layers:
        window, stride, padding = layer[-3:]
        height, width = count(height, window, stride, padding), count(width, window, stride, padding)
        parameters = (window * window * channels + 1) * layer[1] if layer[0] == "conv" else 0
        channels = layer[1] if layer[0] == "conv" else channels
        rows.append([height, width, channels, parameters])
    return np.array(rows)


def _stack_variant(*, bias: bool = True, in_channels: bool = True, same_up: bool = True, valid_plus_one: bool = True,
                   strides: bool = True):
    """A known-wrong stack_shapes that makes the mistakes named by the False arguments."""

    def shapes(input_shape, layers):
        height, width, channels = input_shape
        rows = []
        for layer in layers:
            if layer[0] == "conv":
                _, filters, size, stride, padding = layer
                parameters = size * size * (channels if in_channels else 1) * filters + (filters if bias else 0)
                channels = filters
            else:
                _, size, stride, padding = layer
                parameters = 0
            stride = stride if strides else 1

            def along(value):
                if padding == "same":
                    return -(-value // stride) if same_up else value // stride
                return (value - size) // stride + (1 if valid_plus_one else 0)

            height, width = along(height), along(width)
            rows.append((height, width, channels, parameters))
        return np.array(rows)

    return shapes


# --- 09.max_pool_backward ----------------------------------------------------

def _windows(x, size: int):
    """The part of x that windows cover, as (n, rows, size, cols, size, c)."""
    n, h, w, c = x.shape
    rows, cols = h // size, w // size
    return x[:, :rows * size, :cols * size, :].reshape(n, rows, size, cols, size, c)


def _scatter(x, per_window, size: int):
    """Put a (n, rows, size, cols, size, c) array back into the shape of x, with zeros where no window reaches."""
    n, rows, _, cols, _, c = per_window.shape
    grad = np.zeros(x.shape)
    grad[:, :rows * size, :cols * size, :] = per_window.reshape(n, rows * size, cols * size, c)
    return grad


def max_pool_backward(x, grad_output, pool_size):
    """Reference: each window's upstream gradient routed to the position of the window's maximum (no ties)."""
    x = np.asarray(x, dtype=np.float64)
    windows = _windows(x, pool_size)
    mask = windows == windows.max(axis=(2, 4), keepdims=True)
    upstream = np.asarray(grad_output, dtype=np.float64)[:, :, None, :, None, :]
    return _scatter(x, mask * upstream, pool_size)


def _pool_tf_tape():
    """Right: tf.GradientTape through tf.nn.max_pool2d, returns a float64 tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def backward(x, grad_output, pool_size):
        x = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            output = tf.nn.max_pool2d(x, pool_size, pool_size, "VALID")
        return tape.gradient(output, x, output_gradients=tf.constant(grad_output))

    return backward


def _pool_keras_tape():
    """Right: keras.layers.MaxPooling2D under a GradientTape, float32, returns a tensor."""
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    def backward(x, grad_output, pool_size):
        x = tf.constant(x, dtype=tf.float32)
        layer = keras.layers.MaxPooling2D(pool_size)
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_sum(layer(x) * tf.constant(grad_output, dtype=tf.float32))
        return tape.gradient(loss, x)

    return backward


def _pool_loops(x, grad_output, pool_size):
    """Right: Python loops over every window, argmax turned into a row and a column."""
    grad = np.zeros_like(x)
    n, rows, cols, c = grad_output.shape
    for image in range(n):
        for channel in range(c):
            for i in range(rows):
                for j in range(cols):
                    window = x[image, i * pool_size:(i + 1) * pool_size, j * pool_size:(j + 1) * pool_size, channel]
                    row, col = np.unravel_index(np.argmax(window), window.shape)
                    grad[image, i * pool_size + row, j * pool_size + col, channel] += grad_output[image, i, j, channel]
    return grad


def _pool_float32_repeat(x, grad_output, pool_size):
    """Right: NumPy in float32, the pooled maximum and the gradient repeated back over each window."""
    x, grad_output = x.astype(np.float32), grad_output.astype(np.float32)
    rows, cols = grad_output.shape[1] * pool_size, grad_output.shape[2] * pool_size
    pooled = _windows(x, pool_size).max(axis=(2, 4))
    up = lambda a: np.repeat(np.repeat(a, pool_size, axis=1), pool_size, axis=2)  # noqa: E731
    grad = np.zeros_like(x)
    grad[:, :rows, :cols] = (x[:, :rows, :cols] == up(pooled)) * up(grad_output)
    return grad


def _pool_average(x, grad_output, pool_size):
    """Known-wrong: spreads each gradient evenly over its window (average pooling's backward pass)."""
    windows = _windows(np.asarray(x, dtype=np.float64), pool_size)
    return _scatter(x, np.ones_like(windows) * grad_output[:, :, None, :, None, :] / pool_size ** 2, pool_size)


def _pool_copy_everywhere(x, grad_output, pool_size):
    """Known-wrong: copies each window's gradient to every position of the window."""
    windows = _windows(np.asarray(x, dtype=np.float64), pool_size)
    return _scatter(x, np.ones_like(windows) * grad_output[:, :, None, :, None, :], pool_size)


def _pool_minimum(x, grad_output, pool_size):
    """Known-wrong: routes the gradient to each window's smallest value."""
    windows = _windows(np.asarray(x, dtype=np.float64), pool_size)
    mask = windows == windows.min(axis=(2, 4), keepdims=True)
    return _scatter(x, mask * grad_output[:, :, None, :, None, :], pool_size)


def _pool_largest_absolute(x, grad_output, pool_size):
    """Known-wrong: routes the gradient to the value of largest size (absolute value) in each window."""
    windows = np.abs(_windows(np.asarray(x, dtype=np.float64), pool_size))
    mask = windows == windows.max(axis=(2, 4), keepdims=True)
    return _scatter(x, mask * grad_output[:, :, None, :, None, :], pool_size)


def _pool_row_column_swapped(x, grad_output, pool_size):
    """Known-wrong: reads the maximum's position inside the window with row and column swapped."""
    grad = np.zeros(x.shape)
    n, rows, cols, c = grad_output.shape
    for image in range(n):
        for channel in range(c):
            for i in range(rows):
                for j in range(cols):
                    window = x[image, i * pool_size:(i + 1) * pool_size, j * pool_size:(j + 1) * pool_size, channel]
                    col, row = np.unravel_index(np.argmax(window), window.shape)
                    grad[image, i * pool_size + row, j * pool_size + col, channel] += grad_output[image, i, j, channel]
    return grad


# --- 09.small_cnn --------------------------------------------------------------

def _two_block_cnn(keras, *, logits: bool = False):
    """Two small Conv2D layers, each followed by 2x2 pooling, then Dense(10): 1,898 parameters."""
    return [
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation=None if logits else "softmax"),
    ]


def train_small_cnn(x_train, y_train):
    """Reference: two small Conv2D layers, each followed by 2x2 pooling, then Dense(10): 1,898 parameters.

    Adam's learning rate decays from 0.01 to 0 along a cosine over 30 epochs (lesson 07's schedules). Over 100
    hidden-case seeds (`benchmarks/reference_margins.py`) it reached 96.2% to 99.1%, median 97.9%; a constant 0.005
    for 20 epochs reached 95.1% to 98.9% over 80, too close to the 95% floor for a grade.
    """
    import keras  # noqa: PLC0415

    return fit_with_cosine_decay(keras.Sequential([keras.Input((8, 8, 1)), *_two_block_cnn(keras)]), x_train, y_train, epochs=30)


def _small_cnn_functional_logits(x_train, y_train):
    """Right: the Functional API, logits out and a from_logits loss (Keras)."""
    import keras  # noqa: PLC0415

    inputs = keras.Input((8, 8, 1))
    outputs = inputs
    for layer in _two_block_cnn(keras, logits=True):
        outputs = layer(outputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.005), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
    return model


def _small_cnn_one_conv(x_train, y_train):
    """Right: one 'valid' Conv2D layer of 16 filters, 2x2 pooling and Dense(10) (Keras, 1,610 parameters)."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(16, 3, activation="relu"), keras.layers.MaxPooling2D(2),
                              keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
    return model


def _small_cnn_one_hot(x_train, y_train):
    """Right: Keras, one Conv2D layer of 12 filters (1,210 parameters), one-hot labels and categorical cross-entropy."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(12, 3, activation="relu"), keras.layers.MaxPooling2D(2),
                              keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="categorical_crossentropy")
    model.fit(x_train, keras.utils.to_categorical(y_train, 10), epochs=20, batch_size=32, verbose=0)
    return model


def _small_cnn_lesson_sized(x_train, y_train):
    """Known-wrong: the lesson's network on 8x8 digits, over the budget (trained briefly: the budget decides)."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
                              keras.layers.Conv2D(32, 3, padding="same", activation="relu"), keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(10)])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x_train, y_train, epochs=1, batch_size=64, verbose=0)
    return model


def _small_cnn_dense_only(x_train, y_train):
    """Known-wrong: a small MLP, within the budget but without a convolution (trained briefly: the layers decide)."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=1, batch_size=64, verbose=0)
    return model


def _small_cnn_untrained(x_train, y_train):
    """Known-wrong: builds and compiles the reference network but never trains it."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), *_two_block_cnn(keras)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def _small_cnn_history(x_train, y_train):
    """Known-wrong: returns what fit returns (a History), not the model."""
    import keras  # noqa: PLC0415

    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 3, activation="relu"), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model.fit(x_train[:64], y_train[:64], epochs=1, verbose=0)


REFERENCES = {
    "09.conv2d": Reference(conv2d, (
        WrongAnswer("flips the kernel (a true convolution, not Keras's cross-correlation)", lambda: _conv_flipped),
        WrongAnswer("forgets the bias", lambda: _conv_no_bias),
        WrongAnswer("ignores the stride", lambda: _conv_stride_one),
        WrongAnswer("pads 'same' as for stride 1, then keeps every stride-th output", lambda: _conv_subsampled),
        WrongAnswer("puts the odd extra zero row and column at the top and left", lambda: _conv_extra_top_left),
        WrongAnswer("pads 'same' with half the kernel size on every side, whatever the stride", lambda: _conv_symmetric_padding),
        WrongAnswer("never pads, even for 'same'", lambda: _conv_always_valid),
    ), (
        RightAnswer("tf.nn.conv2d, returns a float64 tensor", _conv_tf_nn),
        RightAnswer("keras.layers.Conv2D with the weights set, float32 tensor", _conv_keras_layer),
        RightAnswer("Python loops over every output pixel", lambda: _conv_loops),
        RightAnswer("NumPy float32, sliding_window_view and einsum", lambda: _conv_windows_float32),
    )),
    "09.stack_shapes": Reference(stack_shapes, (
        WrongAnswer("forgets the bias in the parameter count", lambda: _stack_variant(bias=False)),
        WrongAnswer("forgets the input channels in the parameter count", lambda: _stack_variant(in_channels=False)),
        WrongAnswer("rounds the 'same' size down instead of up", lambda: _stack_variant(same_up=False)),
        WrongAnswer("forgets to add one to the 'valid' size", lambda: _stack_variant(valid_plus_one=False)),
        WrongAnswer("ignores the strides", lambda: _stack_variant(strides=False)),
    ), (
        RightAnswer("a keras.Sequential model, shapes and count_params read from Keras", _stack_keras_model),
        RightAnswer("zeros through tf.nn.conv2d and tf.nn.max_pool2d, returns a tensor", _stack_tf_zeros),
        RightAnswer("a Python loop with math.ceil, floats in a list of tuples", lambda: _stack_float_loop),
        RightAnswer("window positions counted one by one", lambda: _stack_counted_windows),
    )),
    "09.max_pool_backward": Reference(max_pool_backward, (
        WrongAnswer("spreads each gradient evenly over its window (average pooling's backward pass)", lambda: _pool_average),
        WrongAnswer("copies each window's gradient to every position of the window", lambda: _pool_copy_everywhere),
        WrongAnswer("routes the gradient to each window's smallest value", lambda: _pool_minimum),
        WrongAnswer("routes the gradient to the value of largest absolute size", lambda: _pool_largest_absolute),
        WrongAnswer("swaps the row and the column of the maximum inside its window", lambda: _pool_row_column_swapped),
    ), (
        RightAnswer("tf.GradientTape through tf.nn.max_pool2d, returns a float64 tensor", _pool_tf_tape),
        RightAnswer("keras.layers.MaxPooling2D under a GradientTape, float32 tensor", _pool_keras_tape),
        RightAnswer("Python loops over every window", lambda: _pool_loops),
        RightAnswer("NumPy float32, maxima repeated back over the windows", lambda: _pool_float32_repeat),
    )),
    "09.small_cnn": Reference(train_small_cnn, (
        WrongAnswer("exceeds the parameter budget (the lesson's network)", lambda: _small_cnn_lesson_sized),
        WrongAnswer("has no convolution layer", lambda: _small_cnn_dense_only),
        WrongAnswer("never trains the network", lambda: _small_cnn_untrained),
        WrongAnswer("returns the History from fit instead of the model", lambda: _small_cnn_history),
    ), (
        RightAnswer("Keras Functional API, logits and a from_logits loss", lambda: _small_cnn_functional_logits),
        RightAnswer("Keras, one Conv2D layer of 16 filters", lambda: _small_cnn_one_conv),
        RightAnswer("Keras, 12 filters, one-hot labels and categorical cross-entropy", lambda: _small_cnn_one_hot),
    )),
}
