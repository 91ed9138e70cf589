"""Reference answers, right answers in other styles and known-wrong answers of exercise 10: recurrent networks."""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 10.lstm_step ----------------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h, c, kernel, recurrent_kernel, bias):
    """Reference: keras.layers.LSTMCell's step in float64, gates in Keras's column order i, f, c, o."""
    z = x @ kernel + h @ recurrent_kernel + bias
    i, f, g, o = np.split(z, 4, axis=-1)
    c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c_new), c_new


def _lstm_variant(*, order="ifco", forget=True, output_tanh=True, new_cell_in_output=True, candidate=np.tanh):
    """A known-wrong LSTM step: the gates read in another order, or one of the equations changed."""

    def step(x, h, c, kernel, recurrent_kernel, bias):
        blocks = dict(zip(order, np.split(x @ kernel + h @ recurrent_kernel + bias, 4, axis=-1)))
        i, f, g, o = _sigmoid(blocks["i"]), _sigmoid(blocks["f"]), candidate(blocks["c"]), _sigmoid(blocks["o"])
        c_new = (f * c if forget else c) + i * g
        shown = c_new if new_cell_in_output else c
        return o * (np.tanh(shown) if output_tanh else shown), c_new

    return step


def _lstm_keras_cell():
    """Right: keras.layers.LSTMCell with the weights set, float32, returns tensors."""
    import keras  # noqa: PLC0415

    def step(x, h, c, kernel, recurrent_kernel, bias):
        cell = keras.layers.LSTMCell(recurrent_kernel.shape[0])
        cell.build(x.shape)
        cell.set_weights([kernel.astype(np.float32), recurrent_kernel.astype(np.float32), bias.astype(np.float32)])
        output, (h_new, c_new) = cell(x.astype(np.float32), [h.astype(np.float32), c.astype(np.float32)])
        return h_new, c_new

    return step


def _lstm_tf_ops():
    """Right: TensorFlow ops in float64, tf.split and tf.sigmoid, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def step(x, h, c, kernel, recurrent_kernel, bias):
        z = tf.matmul(x, kernel) + tf.matmul(h, recurrent_kernel) + bias
        i, f, g, o = tf.split(z, 4, axis=-1)
        c_new = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
        return tf.sigmoid(o) * tf.tanh(c_new), c_new

    return step


def _lstm_unit_loop(x, h, c, kernel, recurrent_kernel, bias):
    """Right: Python loops over the batch and the units, one weighted sum per gate."""
    units = recurrent_kernel.shape[0]
    h_new, c_new = np.zeros_like(h), np.zeros_like(c)
    for n in range(x.shape[0]):
        for u in range(units):
            gate = [sum(x[n, k] * kernel[k, block * units + u] for k in range(x.shape[1]))
                    + sum(h[n, k] * recurrent_kernel[k, block * units + u] for k in range(units)) + bias[block * units + u]
                    for block in range(4)]
            i, f, o = (1.0 / (1.0 + math.exp(-gate[b])) for b in (0, 1, 3))
            c_new[n, u] = f * c[n, u] + i * math.tanh(gate[2])
            h_new[n, u] = o * math.tanh(c_new[n, u])
    return h_new, c_new


def _lstm_float32_expit(x, h, c, kernel, recurrent_kernel, bias):
    """Right: NumPy in float32 with scipy.special.expit, the four blocks sliced by hand."""
    from scipy.special import expit  # noqa: PLC0415

    x, h, c, kernel, recurrent_kernel, bias = (np.asarray(a, dtype=np.float32) for a in (x, h, c, kernel, recurrent_kernel, bias))
    u = recurrent_kernel.shape[0]
    z = x @ kernel + h @ recurrent_kernel + bias
    c_new = expit(z[:, u:2 * u]) * c + expit(z[:, :u]) * np.tanh(z[:, 2 * u:3 * u])
    return expit(z[:, 3 * u:]) * np.tanh(c_new), c_new


# --- 10.bidirectional --------------------------------------------------------------


def _run_rnn(x, weights):
    """The lesson's simple_rnn: every state of a SimpleRNN, h_0 = 0."""
    kernel, recurrent_kernel, bias = weights
    h = np.zeros((x.shape[0], recurrent_kernel.shape[0]))
    states = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t, :] @ kernel + h @ recurrent_kernel + bias)
        states.append(h)
    return np.stack(states, axis=1)


def bidirectional_rnn(x, forward_weights, backward_weights):
    """Reference: keras.layers.Bidirectional(SimpleRNN(units, return_sequences=True)), merge_mode="concat", in float64."""
    x = np.asarray(x, dtype=np.float64)
    forward = _run_rnn(x, forward_weights)
    backward = _run_rnn(x[:, ::-1, :], backward_weights)[:, ::-1, :]  # read last step first, then put back in time order
    return np.concatenate([forward, backward], axis=-1)


def _bidirectional_variant(*, reverse_input=True, reverse_back=True, backward_first=False, same_weights=False, flip_features=False):
    """A known-wrong bidirectional layer."""

    def layer(x, forward_weights, backward_weights):
        forward = _run_rnn(x, forward_weights)
        reversed_x = x[:, :, ::-1] if flip_features else (x[:, ::-1, :] if reverse_input else x)
        backward = _run_rnn(reversed_x, forward_weights if same_weights else backward_weights)
        if reverse_back and reverse_input and not flip_features:
            backward = backward[:, ::-1, :]
        return np.concatenate([backward, forward] if backward_first else [forward, backward], axis=-1)

    return layer


def _bidirectional_keras():
    """Right: keras.layers.Bidirectional around a SimpleRNN, weights set, float32, returns a tensor."""
    import keras  # noqa: PLC0415

    def layer(x, forward_weights, backward_weights):
        units = forward_weights[1].shape[0]
        both = keras.layers.Bidirectional(keras.layers.SimpleRNN(units, return_sequences=True))
        both.build(x.shape)
        both.forward_layer.set_weights([np.asarray(w, dtype=np.float32) for w in forward_weights])
        both.backward_layer.set_weights([np.asarray(w, dtype=np.float32) for w in backward_weights])
        return both(x.astype(np.float32))

    return layer


def _bidirectional_tf_scan():
    """Right: TensorFlow, tf.scan over the time steps and tf.reverse, float64 tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def run(x, weights):
        kernel, recurrent_kernel, bias = (tf.constant(w) for w in weights)
        steps = tf.transpose(tf.constant(x), [1, 0, 2])  # time first
        start = tf.zeros((x.shape[0], recurrent_kernel.shape[0]), dtype=tf.float64)
        states = tf.scan(lambda h, x_t: tf.tanh(x_t @ kernel + h @ recurrent_kernel + bias), steps, initializer=start)
        return tf.transpose(states, [1, 0, 2])

    def layer(x, forward_weights, backward_weights):
        backward = tf.reverse(run(x[:, ::-1, :].copy(), backward_weights), axis=[1])
        return tf.concat([run(x, forward_weights), backward], axis=-1)

    return layer


def _bidirectional_loops(x, forward_weights, backward_weights):
    """Right: Python loops, the backward pass walking t from the last step down to 0 and storing each state at t."""
    batch, steps, _ = x.shape
    units = forward_weights[1].shape[0]
    out = np.zeros((batch, steps, 2 * units))
    for n in range(batch):
        h = np.zeros(units)
        for t in range(steps):
            h = np.tanh(x[n, t] @ forward_weights[0] + h @ forward_weights[1] + forward_weights[2])
            out[n, t, :units] = h
        h = np.zeros(units)
        for t in reversed(range(steps)):
            h = np.tanh(x[n, t] @ backward_weights[0] + h @ backward_weights[1] + backward_weights[2])
            out[n, t, units:] = h
    return out


def _bidirectional_float32_flip(x, forward_weights, backward_weights):
    """Right: NumPy float32, np.flip on the time axis."""
    x = np.asarray(x, dtype=np.float32)
    forward_weights = [np.asarray(w, dtype=np.float32) for w in forward_weights]
    backward_weights = [np.asarray(w, dtype=np.float32) for w in backward_weights]
    backward = np.flip(_run_rnn(np.flip(x, axis=1), backward_weights).astype(np.float32), axis=1)
    return np.concatenate([_run_rnn(x, forward_weights).astype(np.float32), backward], axis=-1)


# --- 10.multi_step_windows -------------------------------------------------------


def multi_step_windows(series, window, horizon, steps):
    """Reference: windows series[i : i + window] and targets series[i + window - 1 + horizon : ... + steps]."""
    series = np.asarray(series)
    n = len(series) - window - horizon - steps + 2
    starts = np.arange(n)[:, None]
    return series[starts + np.arange(window)], series[starts + window - 1 + horizon + np.arange(steps)]


def _windows_variant(*, offset=0, ignore_horizon=False, drop_last=False, squeeze_single=False):
    """A known-wrong windowing."""

    def windows(series, window, horizon, steps):
        start = window + offset + (0 if ignore_horizon else horizon - 1)  # first target of window 0
        n = len(series) - start - steps + 1 - (1 if drop_last else 0)
        rows = np.arange(n)[:, None]
        targets = series[rows + start + np.arange(steps)]
        return series[rows + np.arange(window)], targets[:, 0] if squeeze_single and steps == 1 else targets

    return windows


def _windows_sliding_view(series, window, horizon, steps):
    """Right: numpy.lib.stride_tricks.sliding_window_view over the whole span, then split into inputs and targets."""
    span = window + horizon - 1 + steps
    rows = np.lib.stride_tricks.sliding_window_view(series, span)
    return rows[:, :window].copy(), rows[:, window + horizon - 1:].copy()


def _windows_loop(series, window, horizon, steps):
    """Right: a Python loop appending slices to lists of lists."""
    inputs, targets = [], []
    i = 0
    while i + window - 1 + horizon + steps - 1 < len(series):
        inputs.append(list(series[i:i + window]))
        targets.append(list(series[i + window - 1 + horizon:i + window - 1 + horizon + steps]))
        i += 1
    return np.array(inputs), np.array(targets)


def _windows_tf_frame():
    """Right: tf.signal.frame, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def windows(series, window, horizon, steps):
        frames = tf.signal.frame(tf.constant(series), window + horizon - 1 + steps, 1)
        return frames[:, :window], frames[:, window + horizon - 1:]

    return windows


def _windows_keras_dataset():
    """Right: keras.utils.timeseries_dataset_from_array, one batch holding every span."""
    import keras  # noqa: PLC0415

    def windows(series, window, horizon, steps):
        span = window + horizon - 1 + steps
        dataset = keras.utils.timeseries_dataset_from_array(series, None, sequence_length=span, batch_size=len(series))
        rows = np.concatenate([np.asarray(batch) for batch in dataset])
        return rows[:, :window], rows[:, window + horizon - 1:]

    return windows


# --- 10.seasonal_naive -------------------------------------------------------------


def seasonal_naive(windows, horizon, season):
    """Reference: the window's value a whole number of seasons (the fewest that lands in the window) before the target."""
    windows = np.asarray(windows)
    back = season * -(-horizon // season)  # seasons rounded up, in steps
    return windows[:, windows.shape[1] - 1 + horizon - back]


def _naive_repeat_last(windows, horizon, season):
    """Known-wrong: repeats the last value."""
    return windows[:, -1].copy()


def _naive_from_last_value(windows, horizon, season):
    """Known-wrong: goes back one season from the window's last value instead of from the target."""
    return windows[:, -1 - season].copy()


def _naive_one_step_early(windows, horizon, season):
    """Known-wrong: takes the value one step before the seasonal twin."""
    back = season * -(-horizon // season)
    return windows[:, windows.shape[1] - 2 + horizon - back].copy()


def _naive_phase_mean(windows, horizon, season):
    """Known-wrong: averages every value of the window in the target's phase."""
    last = windows.shape[1] - 1 + horizon - season * -(-horizon // season)
    return windows[:, last::-season].mean(axis=1)


def _naive_loop(windows, horizon, season):
    """Right: a Python loop per window, stepping back one season at a time from the target."""
    result = []
    for row in windows:
        position = len(row) - 1 + horizon
        while position > len(row) - 1:
            position -= season
        result.append(float(row[position]))
    return np.array(result)


def _naive_modulo_float32(windows, horizon, season):
    """Right: float32, the distance back from the last value as (-horizon) modulo the season."""
    return np.asarray(windows, dtype=np.float32)[:, -1 - (-horizon) % season]


def _naive_tf_gather():
    """Right: tf.gather along the time axis, returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def forecast(windows, horizon, season):
        position = windows.shape[1] - 1 + horizon - season * math.ceil(horizon / season)
        return tf.gather(tf.constant(windows), position, axis=1)

    return forecast


REFERENCES = {
    "10.lstm_step": Reference(lstm_step, (
        WrongAnswer("reads the gates in the order i, f, o, c instead of Keras's i, f, c, o", lambda: _lstm_variant(order="ifoc")),
        WrongAnswer("forgets the forget gate and keeps all of the old cell state", lambda: _lstm_variant(forget=False)),
        WrongAnswer("leaves out the tanh of the new cell state in the output", lambda: _lstm_variant(output_tanh=False)),
        WrongAnswer("computes the output from the old cell state", lambda: _lstm_variant(new_cell_in_output=False)),
        WrongAnswer("squashes the candidate with the sigmoid instead of tanh", lambda: _lstm_variant(candidate=_sigmoid)),
    ), (
        RightAnswer("keras.layers.LSTMCell with the weights set, float32 tensors", _lstm_keras_cell),
        RightAnswer("TensorFlow ops (tf.split, tf.sigmoid), float64 tensors", _lstm_tf_ops),
        RightAnswer("Python loops over the batch and the units", lambda: _lstm_unit_loop),
        RightAnswer("NumPy float32 with scipy.special.expit", lambda: _lstm_float32_expit),
    )),
    "10.bidirectional": Reference(bidirectional_rnn, (
        WrongAnswer("leaves the backward states in reversed time order", lambda: _bidirectional_variant(reverse_back=False)),
        WrongAnswer("runs the backward weights forwards over the sequence", lambda: _bidirectional_variant(reverse_input=False)),
        WrongAnswer("puts the backward units before the forward units", lambda: _bidirectional_variant(backward_first=True)),
        WrongAnswer("uses the forward weights in both directions", lambda: _bidirectional_variant(same_weights=True)),
        WrongAnswer("reverses the features instead of the time steps", lambda: _bidirectional_variant(flip_features=True)),
    ), (
        RightAnswer("keras.layers.Bidirectional around a SimpleRNN, float32 tensor", _bidirectional_keras),
        RightAnswer("TensorFlow tf.scan and tf.reverse, float64 tensor", _bidirectional_tf_scan),
        RightAnswer("Python loops, the backward pass walking t downwards", lambda: _bidirectional_loops),
        RightAnswer("NumPy float32 with np.flip", lambda: _bidirectional_float32_flip),
    )),
    "10.multi_step_windows": Reference(multi_step_windows, (
        WrongAnswer("ignores the horizon and starts the targets right after the window", lambda: _windows_variant(ignore_horizon=True)),
        WrongAnswer("starts the targets one step too late", lambda: _windows_variant(offset=1)),
        WrongAnswer("drops the last window", lambda: _windows_variant(drop_last=True)),
        WrongAnswer("returns a 1-D array of targets when there is one target per window", lambda: _windows_variant(squeeze_single=True)),
    ), (
        RightAnswer("sliding_window_view over inputs and targets together", lambda: _windows_sliding_view),
        RightAnswer("a Python loop appending slices", lambda: _windows_loop),
        RightAnswer("tf.signal.frame, returns tensors", _windows_tf_frame),
        RightAnswer("keras.utils.timeseries_dataset_from_array", _windows_keras_dataset),
    )),
    "10.seasonal_naive": Reference(seasonal_naive, (
        WrongAnswer("repeats the window's last value", lambda: _naive_repeat_last),
        WrongAnswer("goes back one season from the window's last value instead of from the target", lambda: _naive_from_last_value),
        WrongAnswer("takes the value one step before the seasonal twin", lambda: _naive_one_step_early),
        WrongAnswer("averages every value of the window in the target's phase", lambda: _naive_phase_mean),
    ), (
        RightAnswer("a Python loop stepping back one season at a time", lambda: _naive_loop),
        RightAnswer("float32, the distance back as a modulo", lambda: _naive_modulo_float32),
        RightAnswer("tf.gather along the time axis, returns a tensor", _naive_tf_gather),
    )),
}
