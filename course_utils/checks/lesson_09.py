"""Checks of exercise 09: convolutional networks (cases, judges and hints; the answers live with the instructor)."""
from __future__ import annotations

import numpy as np

from ..data import load_digits
from ..grading.builders import function_task
from ..grading.models import UNTRAINED_HINT, held_out_accuracy, never_trained, parameter_count, reported_layers, run_classifier
from ..grading.tasks import Case, Task

SMALL_CNN_FLOOR = 0.95
SMALL_CNN_BUDGET = 2_000


def _uniform(rng, shape) -> np.ndarray:
    """Values drawn uniformly from [-1, 1): images, kernels and biases."""
    return rng.uniform(-1.0, 1.0, size=shape)


def _pick(rng, values) -> int:
    """One of `values`, drawn with `rng`."""
    return int(rng.choice(values))


# --- 09.conv2d ---------------------------------------------------------------

def _conv_inputs(rng, n: int, height: int, width: int, channels: int, kernel: tuple, filters: int, stride: int, padding: str) -> tuple:
    """The arguments of one conv2d call: images, kernel, bias drawn from `rng`, then stride and padding."""
    return (_uniform(rng, (n, height, width, channels)), _uniform(rng, (*kernel, channels, filters)), _uniform(rng, filters),
            stride, padding)


def _conv2d_cases(rng):
    h_valid, w_valid = _pick(rng, [8, 10, 12]), _pick(rng, [8, 10, 12])
    h_same, w_same = int(rng.integers(5, 10)), int(rng.integers(5, 10))
    h_even, w_even = _pick(rng, [6, 8, 10]), _pick(rng, [6, 8, 10])
    h_two, w_two = int(rng.integers(4, 8)), int(rng.integers(4, 8))
    h_three, w_three = _pick(rng, [9, 12]), _pick(rng, [10, 13])
    h_wide, w_wide = int(rng.integers(5, 9)), int(rng.integers(5, 9))
    return [
        Case(f"'valid', stride 2, 3x3 kernel on {h_valid}x{w_valid} images (the last row and column fit no window)",
             _conv_inputs(rng, 2, h_valid, w_valid, 2, (3, 3), 3, 2, "valid"),
             hint="With 'valid' padding a window is used only where it fits inside the image, and it moves stride pixels at "
                  "a time, down and across: count the window positions that fit, and leave out rows and columns no window reaches."),
        Case(f"'same', stride 1, 3x3 kernel, 3 input channels and 4 filters on {h_same}x{w_same} images",
             _conv_inputs(rng, 2, h_same, w_same, 3, (3, 3), 4, 1, "same"),
             hint="With 'same' padding and stride 1 the output keeps the height and width of the input: a border of zeros one "
                  "pixel wide around each image, then windows as for 'valid'. Each filter sums over every input channel and adds "
                  "its own bias."),
        Case(f"'same', stride 2, 3x3 kernel on {h_even}x{w_even} images (one zero row at the bottom, none at the top)",
             _conv_inputs(rng, 2, h_even, w_even, 2, (3, 3), 2, 2, "same"),
             hint="With a stride the padding is not the one of stride 1: the output has the input's size divided by the stride, "
                  "rounded up, and only as many zeros are added as the last window needs, the odd one at the bottom and right."),
        Case(f"'same', stride 1, 2x2 kernel on {h_two}x{w_two} images (the extra zero row and column go at the bottom and right)",
             _conv_inputs(rng, 1, h_two, w_two, 2, (2, 2), 3, 1, "same"),
             hint="A kernel of even size needs an odd number of zero rows and columns: the smaller half goes at the top and "
                  "left, the larger half at the bottom and right, as TensorFlow does."),
        Case(f"'same', stride 3, 4x4 kernel on {h_three}x{w_three} images (rows and columns padded differently)",
             _conv_inputs(rng, 2, h_three, w_three, 1, (4, 4), 2, 3, "same"),
             hint="Work out rows and columns on their own: each has its own output size, the input size divided by the stride "
                  "and rounded up, and its own number of zeros, split with the odd one at the bottom or right."),
        Case(f"'valid', stride 1, a 2x3 kernel (2 rows, 3 columns) on one {h_wide}x{w_wide} image",
             _conv_inputs(rng, 1, h_wide, w_wide, 2, (2, 3), 2, 1, "valid"),
             hint="The kernel's first axis runs over rows and its second over columns: a 2x3 kernel covers 2 rows and 3 columns. "
                  "Slide it without flipping it: deep learning's convolution is a cross-correlation."),
    ]


# --- 09.stack_shapes ---------------------------------------------------------

def _stack_shapes_cases(rng):
    filters = [int(value) for value in rng.integers(4, 65, size=8)]
    h_digits, w_digits = int(rng.integers(8, 17)), int(rng.integers(8, 17))
    odd = _pick(rng, [9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31])
    c_odd = int(rng.integers(2, 9))
    h_pool, w_pool, c_pool = _pick(rng, [11, 13, 15, 17]), int(rng.integers(10, 20)), int(rng.integers(2, 17))
    h_rgb, w_rgb = int(rng.integers(12, 33)), int(rng.integers(12, 33))
    h_mixed, w_mixed, c_mixed = _pick(rng, [13, 15, 17, 19]), int(rng.integers(20, 33)), int(rng.integers(2, 9))
    return [
        Case(f"{h_digits}x{w_digits} grey images, a 'valid' convolution then 2x2 pooling",
             ((h_digits, w_digits, 1), [("conv", filters[0], 3, 1, "valid"), ("pool", 2, 2, "valid")]),
             hint="A 'valid' window fits at as many positions as the size minus the kernel size, plus one (stride 1). Pooling "
                  "keeps the channels and has no parameters."),
        Case(f"'same' convolutions with stride 2 on {odd}x{odd} images with {c_odd} channels (the size rounds up)",
             ((odd, odd, c_odd), [("conv", filters[1], 3, 2, "same"), ("conv", filters[2], 3, 2, "same")]),
             hint="With 'same' padding the output size is the input size divided by the stride, rounded up: an odd size gets "
                  "one more output than half of it."),
        Case(f"two poolings of {h_pool}x{w_pool} maps with {c_pool} channels ('valid' pooling rounds down)",
             ((h_pool, w_pool, c_pool), [("pool", 2, 2, "valid"), ("pool", 3, 2, "valid")]),
             hint="'valid' pooling drops the rows and columns left over: count the windows that fit, moving stride pixels at a "
                  "time. Pooling has no weights and keeps the number of channels."),
        Case(f"{h_rgb}x{w_rgb} colour images (3 channels) through three convolutions",
             ((h_rgb, w_rgb, 3), [("conv", filters[3], 5, 1, "valid"), ("conv", filters[4], 3, 1, "same"),
                                  ("conv", filters[5], 1, 1, "valid")]),
             hint="Each filter of a convolution has one weight per kernel position and per input channel, plus one bias; the "
                  "input channels of a layer are the filters of the layer before."),
        Case(f"'same' pooling, then strided 'valid' convolutions on {h_mixed}x{w_mixed} maps with {c_mixed} channels",
             ((h_mixed, w_mixed, c_mixed), [("pool", 2, 2, "same"), ("conv", filters[6], 3, 2, "valid"),
                                            ("conv", filters[7], 2, 1, "valid")]),
             hint="Treat height and width on their own, layer after layer: 'same' rounds the size divided by the stride up, "
                  "'valid' counts the windows that fit, moving stride pixels at a time."),
    ]


# --- 09.max_pool_backward ----------------------------------------------------

def _distinct(rng, shape, low: float, high: float) -> np.ndarray:
    """Values from [low, high) drawn without ties (a permutation of evenly spaced levels, slightly jittered)."""
    size = int(np.prod(shape))
    levels = (rng.permutation(size) + rng.uniform(0.2, 0.8, size=size)) / size
    return (low + (high - low) * levels).reshape(shape)


def _pool_inputs(rng, n: int, height: int, width: int, channels: int, size: int, *, low: float = -1.0, high: float = 1.0) -> tuple:
    """x without ties, an upstream gradient of the pooled shape, and the pool size."""
    x = _distinct(rng, (n, height, width, channels), low, high)
    return x, _uniform(rng, (n, height // size, width // size, channels)), size


def _max_pool_backward_cases(rng):
    h_left, w_left = _pick(rng, [7, 10]), _pick(rng, [8, 11])
    n_batch, c_batch = int(rng.integers(2, 5)), int(rng.integers(3, 6))
    return [
        Case("2x2 windows on one 4x4 image", _pool_inputs(rng, 1, 4, 4, 1, 2),
             hint="Each window passes its gradient to one input only, the position of its largest value; every other input of "
                  "the window gets 0."),
        Case(f"3x3 windows on {h_left}x{w_left} images (the last rows and columns belong to no window)",
             _pool_inputs(rng, 2, h_left, w_left, 1, 3),
             hint="The gradient has the shape of x: rows and columns that no window covers did not reach the output, so their "
                  "gradient is 0."),
        Case(f"2x2 windows on a batch of {n_batch} images with {c_batch} channels (each channel pooled on its own)",
             _pool_inputs(rng, n_batch, 6, 8, c_batch, 2),
             hint="Find the maximum of each window separately for every image and every channel, and place that window's "
                  "gradient at its position in the same image and channel."),
        Case("2x2 windows where every value is negative (the maximum is the least negative)",
             _pool_inputs(rng, 1, 6, 6, 2, 2, low=-5.0, high=-0.5),
             hint="The maximum of negative numbers is the one closest to zero: compare the values themselves, not their sizes."),
        Case("4x4 windows on 8x12 images", _pool_inputs(rng, 1, 8, 12, 2, 4),
             hint="Inside each window, the row of the maximum and its column must both be found; place the gradient at that row "
                  "and that column, in that order."),
    ]


# --- 09.small_cnn --------------------------------------------------------------

def _small_cnn_cases(rng):
    split = load_digits(seed=int(rng.integers(1, 10_000)), flatten=False)
    x_train, x_test = split.x_train[..., None], split.x_test[..., None]
    return [
        Case(f"trained on {len(x_train):,} digits, tested on {len(x_test)} held-out digits "
             f"(needs {SMALL_CNN_FLOOR:.0%} with at most {SMALL_CNN_BUDGET:,} parameters)",
             (x_train, split.y_train), private={"x_test": x_test, "y_test": split.y_test},
             hint="The network learned too little: check that it trains long enough (about 20 to 30 epochs with Adam, steadier "
                  "with a learning rate that decays as in lesson 07), that its last layer has 10 units, and that the loss "
                  "fits the labels (integers) and the outputs."),
    ]




def _judge_small_cnn(case: Case, value, expected=None) -> "str | None":
    """The reported model must hold a Conv2D layer, stay within the parameter budget and reach the accuracy floor."""
    if not isinstance(value, dict) or not isinstance(value.get("weights"), dict) or not isinstance(value.get("architecture"), str):
        return "expected a trained keras.Model"
    accuracy = held_out_accuracy(case, value, expected)  # rebuilds the model from Keras layers only, and predicts
    if isinstance(accuracy, str):
        return accuracy
    if "Conv2D" not in [name for name, _ in reported_layers(value)]:
        return "the model has no Conv2D layer; the task asks for a convolutional network"
    parameters = parameter_count(value)
    if parameters > SMALL_CNN_BUDGET:
        return f"the model has {parameters:,} parameters; at most {SMALL_CNN_BUDGET:,} are allowed"
    if accuracy < SMALL_CNN_FLOOR:
        return f"held-out accuracy {accuracy:.1%} with {parameters:,} parameters; needs at least {SMALL_CNN_FLOOR:.0%}"
    return None


# The hint of a failed 09.small_cnn answer, by what its architecture and weights show.
SMALL_CNN_HINTS = {
    "no_conv": "Your model has no Conv2D layer: the task is to fit the budget with a convolutional network, whose filters "
               "are shared by every position of the image.",
    "budget": "Your model has too many parameters. A convolution's parameters do not grow with the image, but a Dense layer "
              "after Flatten has one weight per value it receives: shrink the maps with pooling (or strides) before they "
              "reach the Dense layer, and use few filters.",
    "untrained": UNTRAINED_HINT,
}


def _small_cnn_diagnosis(case: Case, value, expected=None) -> "str | None":  # noqa: ARG001
    """Name why a reported model fails, from its architecture and weights (no Keras needed); None to fall back to the case's hint."""
    if "Conv2D" not in [name for name, _ in reported_layers(value)]:
        return SMALL_CNN_HINTS["no_conv"]
    if parameter_count(value) > SMALL_CNN_BUDGET:
        return SMALL_CNN_HINTS["budget"]
    if never_trained(value):
        return SMALL_CNN_HINTS["untrained"]
    return None


TASKS = [
    function_task(
        "09.conv2d", "a convolution with a stride and 'valid' or 'same' padding, as keras.layers.Conv2D computes it", 3,
        answer_name="conv2d", cases=_conv2d_cases,
        hint="Pad first (for 'same' only), then slide the window as the lesson's conv2d did, but stride pixels at a time, and "
             "keep only the window positions that fit inside the padded image.",
        more_hints=(
            "Start from the output size: for 'valid', the number of window positions that fit when the window moves stride "
            "pixels at a time; for 'same', the input size divided by the stride, rounded up. For 'same', the zeros needed are "
            "what the last window reaches past the image; split them between top and bottom (left and right) with the odd "
            "one at the bottom (right).",
            "Then each output pixel is the bias plus the sum, over the kernel's rows, columns and input channels, of kernel "
            "weight times the input pixel under it, where the window of output row i starts at padded row i times the stride. "
            "Compare your function with Keras's Conv2D layer, whose weights you can set, on the random images of the cell under the task.",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    function_task(
        "09.stack_shapes", "the output shape and the parameter count of every layer of a conv/pool stack", 2,
        answer_name="stack_shapes", cases=_stack_shapes_cases,
        hint="Go through the layers in order, carrying the current height, width and channels: each layer's output is the "
             "next layer's input.",
        more_hints=(
            "Height and width follow the same rule for convolution and pooling: 'valid' counts the positions where the window "
            "fits, moving stride pixels at a time; 'same' divides the size by the stride and rounds up. A convolution's "
            "output has as many channels as it has filters; a pooling keeps the channels.",
            "A convolution's parameters: each filter has a weight for every kernel row, kernel column and input channel, plus "
            "one bias. Pooling has none. You can check your numbers with a Sequential model of Keras built from the same "
            "layers: its summary lists each layer's output shape and parameters.",
        ),
        atol=0.0, rtol=0.0,
    ),
    function_task(
        "09.max_pool_backward", "the backward pass of max pooling: each window's gradient routed to its maximum", 2,
        answer_name="max_pool_backward", cases=_max_pool_backward_cases,
        hint="Max pooling passes one value of each window on, so only that input influences the output: it receives the whole "
             "gradient of its window, and every other input receives 0.",
        more_hints=(
            "Start from an array of zeros shaped like x. For every image, channel and window, find where the window's largest "
            "value sits (its row and its column inside the window), and add the window's upstream gradient there.",
            "Without loops: cut the covered part of x into windows with a reshape, compare each window with its own maximum to "
            "get a mask that is 1 at the maximum only, multiply the mask by the upstream gradient repeated over the window, "
            "and put the result back in the shape of x, with zeros where no window reaches.",
        ),
        atol=1e-9, rtol=1e-9,
    ),
    Task(
        id="09.small_cnn",
        title=f"a CNN with at most {SMALL_CNN_BUDGET:,} parameters reaching {SMALL_CNN_FLOOR:.0%} on held-out digits",
        points=3,
        answer_name="train_small_cnn",
        make_cases=_small_cnn_cases,
        run=run_classifier,
        judge=_judge_small_cnn,
        hint="Count before you train: keep a Conv2D layer or two with few filters, shrink the maps with pooling, and give the "
             "last Dense layer 10 units. Then compile, fit, and return the model.",
        more_hints=(
            "The parameters of Conv2D layers do not depend on the image size, while a Dense layer after Flatten has one weight "
            "per value it receives. A layer of 8 filters, 2x2 pooling, a layer of 16 filters and 2x2 pooling again leave 64 "
            "values for the last Dense layer. Call count_params on your model before training it.",
        ),
        time_limit=60.0,
        compares=False,
        diagnose=_small_cnn_diagnosis,
    ),
]
