"""Checks of exercise 10: recurrent networks (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _uniform(rng, shape, scale: float = 1.0) -> np.ndarray:
    """Values drawn uniformly from [-scale, scale): inputs, states and weights."""
    return rng.uniform(-scale, scale, size=shape)


def _size(rng, low: int, high: int) -> int:
    """An integer drawn uniformly from [low, high] (both included)."""
    return int(rng.integers(low, high + 1))


# --- 10.lstm_step ----------------------------------------------------------------

def _lstm_inputs(rng, batch: int, features: int, units: int, *, scale: float = 1.0, zero_state: bool = False) -> tuple:
    """x, h, c and the LSTM's kernel, recurrent kernel and bias in Keras's layout (gates in the columns)."""
    h = np.zeros((batch, units)) if zero_state else _uniform(rng, (batch, units))
    c = np.zeros((batch, units)) if zero_state else _uniform(rng, (batch, units), 2.0)
    return (_uniform(rng, (batch, features)), h, c, _uniform(rng, (features, 4 * units), scale),
            _uniform(rng, (units, 4 * units), scale), _uniform(rng, 4 * units, scale))


def _lstm_step_cases(rng):
    features, units = _size(rng, 3, 6), _size(rng, 2, 5)
    batch = _size(rng, 3, 6)
    return [
        Case(f"one sequence, {features} features, {units} units, a state of zeros (the first step)",
             _lstm_inputs(rng, 1, features, units, zero_state=True),
             hint="The kernel's columns hold the four gates side by side, in Keras's order: input gate, forget gate, candidate, "
                  "output gate, one block of units columns each."),
        Case(f"a batch of {batch}, {features} features, {units} units and a state from earlier steps",
             _lstm_inputs(rng, batch, features, units),
             hint="The new cell state keeps the old one scaled by the forget gate, and adds the candidate scaled by the input gate."),
        Case("one unit reading 2 features", _lstm_inputs(rng, 2, 2, 1),
             hint="With one unit every gate is a single column: the blocks are one column wide, in the order input, forget, "
                  "candidate, output."),
        Case(f"more units than features: 2 features, {units + 4} units", _lstm_inputs(rng, 3, 2, units + 4),
             hint="The recurrent kernel multiplies the previous output h, the kernel the input x; each adds its own four "
                  "blocks of columns, and the bias is added once."),
        Case("large weights (up to 3): gates close to 0 or 1", _lstm_inputs(rng, 4, 3, 3, scale=3.0),
             hint="The three gates use the sigmoid, the candidate uses tanh, and the new output is the output gate times the "
                  "tanh of the new cell state."),
    ]


# --- 10.bidirectional --------------------------------------------------------------

def _rnn_weights(rng, features: int, units: int) -> tuple:
    """One SimpleRNN's (kernel, recurrent_kernel, bias) in Keras's layout."""
    return _uniform(rng, (features, units)), _uniform(rng, (units, units)), _uniform(rng, units, 0.5)


def _bidirectional_inputs(rng, batch: int, steps: int, features: int, units: int) -> tuple:
    """x and two different sets of SimpleRNN weights, forward and backward."""
    return _uniform(rng, (batch, steps, features)), _rnn_weights(rng, features, units), _rnn_weights(rng, features, units)


def _bidirectional_cases(rng):
    steps = _size(rng, 4, 8)
    features, units = _size(rng, 2, 4), _size(rng, 2, 4)
    return [
        Case(f"one sequence of {steps} steps, {features} features, {units} units in each direction",
             _bidirectional_inputs(rng, 1, steps, features, units),
             hint="At step t the output holds the forward state after reading steps 0 to t, then the backward state after "
                  "reading the steps from the last one back to t: the backward states must be put back in time order."),
        Case(f"a batch of 3 sequences of {steps + 3} steps", _bidirectional_inputs(rng, 3, steps + 3, features, units),
             hint="The backward layer reads the sequence reversed in time, with its own weights, and starts from a state of zeros."),
        Case("a single step (both directions read the same input)", _bidirectional_inputs(rng, 2, 1, features, units + 1),
             hint="Even with one step the two directions use different weights: the forward units come first in the last "
                  "axis, then the backward units."),
        Case(f"one unit each way, {features + 2} features, 5 steps", _bidirectional_inputs(rng, 2, 5, features + 2, 1),
             hint="Reverse the time axis (the steps), never the features; the output has twice as many units as one direction."),
    ]


# --- 10.multi_step_windows -------------------------------------------------------

def _series(rng, length: int) -> np.ndarray:
    """A random walk rounded to 3 decimals: no two values alike, any shift visible."""
    return np.round(np.cumsum(rng.normal(size=length)) + rng.uniform(-5.0, 5.0), 3)


def _multi_step_cases(rng):
    length = _size(rng, 30, 50)
    window, horizon, steps = _size(rng, 3, 8), _size(rng, 2, 4), _size(rng, 2, 4)
    return [
        Case(f"a series of {length} values, windows of {window}, {steps} targets starting {horizon} steps ahead",
             (_series(rng, length), window, horizon, steps),
             hint="The first target is the value horizon steps after the window's last value; the targets then follow one "
                  "step apart."),
        Case(f"horizon 1 (the targets start right after the window), {steps + 1} targets",
             (_series(rng, length), window, 1, steps + 1),
             hint="With horizon 1 the first target is the value right after the window."),
        Case("a single target 6 steps ahead, windows of 4", (_series(rng, 20 + _size(rng, 0, 10)), 4, 6, 1),
             hint="With one target the targets still form a two-dimensional array, one row per window and one column."),
        Case(f"a series just long enough for 3 windows (window {window}, horizon {horizon}, {steps} targets)",
             (_series(rng, window + horizon + steps + 1), window, horizon, steps),
             hint="Keep every window whose targets all lie inside the series, the last one included: count how many starts "
                  "fit before the last target runs past the end."),
    ]


# --- 10.seasonal_naive -------------------------------------------------------------

def _seasonal_windows(rng, n: int, length: int, season: int) -> np.ndarray:
    """n windows of a noisy seasonal pattern (each window starting at its own phase), rounded to 3 decimals."""
    pattern = rng.normal(size=season) * 3.0
    starts = rng.integers(0, season, size=n)
    positions = (starts[:, None] + np.arange(length)) % season
    return np.round(pattern[positions] + rng.normal(scale=0.3, size=(n, length)), 3)


def _seasonal_naive_cases(rng):
    season = _size(rng, 5, 8)
    short = _size(rng, 2, season - 2)
    months = _size(rng, 13, 23)
    many = _size(rng, 20, 40)
    return [
        Case(f"horizon {short}, season {season}, windows of {2 * season} steps",
             (_seasonal_windows(rng, 5, 2 * season, season), short, season),
             hint="The target lies horizon steps after the window's last value; the forecast is the value of the same phase "
                  "one season before the target, which lies inside the window."),
        Case("horizon 1, season 4 (the value one season before the target)", (_seasonal_windows(rng, 4, 9, 4), 1, 4),
             hint="Count back from the target, not from the window's last value: with horizon 1 the value one season before "
                  "the target is season minus one steps before the window's last value."),
        Case(f"horizon {months}, season 12: the target is more than a season away",
             (_seasonal_windows(rng, 3, 24, 12), months, 12),
             hint="When the horizon is longer than a season, step back by whole seasons until you land inside the window: "
                  "the latest value that lies a whole number of seasons before the target."),
        Case(f"horizon equal to the season ({season}): the forecast is the window's last value",
             (_seasonal_windows(rng, 4, season + 3, season), season, season),
             hint="A target exactly one season after the last value has the last value as its seasonal twin."),
        Case(f"horizon 2, season 3, {many} windows of 7 steps",
             (_seasonal_windows(rng, many, 7, 3), 2, 3),
             hint="Return one forecast per window, a one-dimensional array as long as the number of windows."),
    ]


TASKS = [
    function_task(
        "10.lstm_step", "one step of an LSTM cell from its equations, in Keras's weight layout", 3,
        answer_name="lstm_step", cases=_lstm_step_cases, returns=("h", "c"),
        hint="Compute all four gates at once with two matrix products and the bias, then cut the result into four blocks of "
             "units columns, in Keras's order: input gate, forget gate, candidate, output gate.",
        more_hints=(
            "The input, forget and output gates pass through the sigmoid and the candidate through tanh. The new cell state "
            "is the forget gate times the old cell state plus the input gate times the candidate; the new output is the "
            "output gate times the tanh of the new cell state.",
            "Compare with Keras: build its LSTMCell layer with as many units, give it the same three weight arrays with "
            "set_weights, and call it on x with the states h and c.",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    function_task(
        "10.bidirectional", "a bidirectional SimpleRNN layer: one pass forward, one backward, outputs side by side", 3,
        answer_name="bidirectional_rnn", cases=_bidirectional_cases,
        hint="Run the lesson's simple_rnn loop twice: once forward with the forward weights, once over the sequence reversed "
             "in time with the backward weights; then line the two up step by step and join them along the units.",
        more_hints=(
            "The backward pass gives its states in the order it read them, last step first. Reverse them in time again, so "
            "that the backward state at step t summarises steps t to the end, before you join it to the forward state at "
            "step t (forward units first).",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    function_task(
        "10.multi_step_windows", "windows of a series, each with several targets starting a horizon ahead", 2,
        answer_name="multi_step_windows", cases=_multi_step_cases, returns=("windows", "targets"),
        hint="Window i starts at position i; its targets start horizon steps after the window's last value and run for "
             "steps values. Keep every window whose last target is still inside the series.",
        more_hints=(
            "Work out the number of windows first: a window of length window and targets that end horizon plus steps minus "
            "one positions after the window's last value must fit in the series. Then build each row from slices, or build "
            "all rows at once with index arrays.",
        ),
        atol=0.0, rtol=0.0,
    ),
    function_task(
        "10.seasonal_naive", "the seasonal-naive forecast: the latest value of the same phase as the target", 2,
        answer_name="seasonal_naive", cases=_seasonal_naive_cases,
        hint="Place the target on the window's time axis (horizon steps after its last position), then step back from it "
             "by whole seasons until the position falls inside the window.",
        more_hints=(
            "The number of whole seasons to step back is the horizon divided by the season, rounded up; the forecast is the "
            "window's value at the target's position minus that many seasons. Pick that column for every window at once.",
        ),
        atol=0.0, rtol=0.0,
    ),
]
