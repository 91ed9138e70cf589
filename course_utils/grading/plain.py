"""Plain data: what crosses from the learner's process to the judge.

An answer is reduced to plain data (None, bools, numbers, strings, NumPy
arrays of numbers, and lists/dicts of those) before it is judged, so a judge
never calls the learner's objects (not even their ``==``) and can run in
another process. `dumps` / `loads` move plain data through JSON safely
(no pickle: nothing in the file can run code in the judge).
"""
from __future__ import annotations

import base64
import json
import warnings

import numpy as np

_NUMERIC_KINDS = "biuf"
MAX_DEPTH, MAX_ITEMS = 8, 1_000


class NotPlainData(TypeError):
    """Raised when an answer cannot be reduced to plain data."""


def _describe_type(value) -> str:
    """Return a short, stable description of `value`'s type, e.g. ``'list'``."""
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def to_plain(value, depth: int = 0):
    """Reduce an answer to plain data, copying it.

    Tensors of any rank (anything with a ``.numpy()`` method, e.g. TensorFlow
    tensors and Keras variables) become NumPy arrays or scalars; lists and
    tuples of numbers become arrays; float64 and integer NumPy scalars become
    Python numbers.

    Args:
        value: What a learner's function returned.
        depth: How deep inside a container `value` lies (containers nest at
            most `MAX_DEPTH` deep).

    Returns:
        A plain copy: None, bool, int, float, str, a numeric `np.ndarray`
        (0-d for a float32 scalar, whose precision sets the tolerance), a
        list of plain values (a list or tuple that is not a regular array),
        or a dict with string keys of plain values.

    Raises:
        NotPlainData: If `value` (or part of it) is of any other type, with a
            message naming the type received.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if type(value) in (int, float):  # exact types: a subclass could override its arithmetic
        return value
    if isinstance(value, dict) and depth < MAX_DEPTH:
        return {str(key): to_plain(item, depth + 1) for key, item in value.items()}
    if callable(getattr(value, "numpy", None)) and not isinstance(value, (np.ndarray, np.generic)):
        value = value.numpy()  # a tensor or a Keras variable; a 0-d one gives a NumPy scalar
    if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC_KINDS:
        return _scalar(value)
    if isinstance(value, (np.ndarray, list, tuple)):
        return _array_or_items(value, depth)
    raise NotPlainData(f"an object of type {_describe_type(value)}")


def _scalar(value: np.generic):
    """A NumPy scalar as plain data: a Python number, or a 0-d array when its dtype is less precise than float64 (it sets the tolerance)."""
    if value.dtype.kind == "f" and value.dtype.itemsize < 8:
        return np.array(value)
    return value.item()


def _array_or_items(value, depth: int):
    """An array, list or tuple as a numeric array; a list or tuple that is not a regular array as a list of its items' plain data.

    Raises:
        NotPlainData: If it holds something that is not numbers, or is nested too deep.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.array(value, copy=True)
    except (ValueError, TypeError):
        array = None
    if array is not None and array.dtype.kind in _NUMERIC_KINDS:
        return np.asarray(array).view(np.ndarray)
    if isinstance(value, (list, tuple)) and depth < MAX_DEPTH and len(value) <= MAX_ITEMS:
        return [to_plain(item, depth + 1) for item in value]  # e.g. a tuple where a dict was asked for: the judge names it
    kind = "not a regular array of numbers" if array is None else f"holding {array.dtype} values, not numbers"
    raise NotPlainData(f"a {_describe_type(value)} {kind}")


def _encode(value):
    """Encode data as JSON-ready structures: arrays as base64 bytes with dtype and shape, tuples and generators tagged."""
    if isinstance(value, np.ndarray):
        return {"__ndarray__": base64.b64encode(value.tobytes(order="C")).decode("ascii"), "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.random.Generator):
        return {"__generator__": value.bit_generator.state}
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def _decode_array(value: dict) -> np.ndarray:
    """Rebuild an array from `_encode`'s form, checking every field (the text may come from learner code).

    Raises:
        ValueError: If a field is malformed or the array is not numeric.
    """
    dtype = np.dtype(str(value.get("dtype")))
    shape = value.get("shape")
    if dtype.kind not in _NUMERIC_KINDS or dtype.itemsize > 16:
        raise ValueError(f"Expected a numeric array in plain data. Received: dtype={dtype}")
    if not isinstance(shape, list) or len(shape) > 32 or not all(type(n) is int and n >= 0 for n in shape):
        raise ValueError(f"Expected an array shape as a list of sizes. Received: {str(shape)[:80]}")
    raw = base64.b64decode(str(value["__ndarray__"]).encode("ascii"), validate=True)
    if len(raw) != int(np.prod(shape, dtype=np.int64)) * dtype.itemsize:
        raise ValueError("Expected an array whose bytes match its shape and dtype. Received: a size mismatch")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _decode(value, *, trusted: bool, depth: int = 0):
    """Invert `_encode`; untrusted text may hold only plain data (no tuples, no generators)."""
    if depth > 64:
        raise ValueError("Expected plain data nested at most 64 deep. Received: deeper")
    if isinstance(value, dict) and "__ndarray__" in value:
        return _decode_array(value)
    if trusted and isinstance(value, dict) and "__tuple__" in value:
        return tuple(_decode(item, trusted=trusted, depth=depth + 1) for item in value["__tuple__"])
    if trusted and isinstance(value, dict) and "__generator__" in value:
        generator = np.random.default_rng()
        generator.bit_generator.state = value["__generator__"]
        return generator
    if isinstance(value, dict) and ("__tuple__" in value or "__generator__" in value):
        raise ValueError("Expected plain data. Received: a tuple or a generator, which only the course's own requests may hold")
    if isinstance(value, dict):
        return {key: _decode(item, trusted=trusted, depth=depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item, trusted=trusted, depth=depth + 1) for item in value]
    return value


def dumps(value) -> str:
    """Serialise data (plain data, tuples, NumPy generators) to a JSON string, exactly."""
    return json.dumps(_encode(value), allow_nan=True)


def loads(text: str, *, trusted: bool = False):
    """Read data written by `dumps`.

    Args:
        text: The JSON text.
        trusted: True only for text this course wrote itself (cases sent to
            a learner's process); text that learner code could have written
            may hold plain data only.

    Returns:
        The data.

    Raises:
        ValueError: If `text` is not JSON, or holds something that is not plain data.
    """
    try:
        return _decode(json.loads(text), trusted=trusted)
    except (TypeError, KeyError, AttributeError, RecursionError, ValueError) as error:
        raise ValueError(f"Expected plain data as written by dumps. Received: unreadable text ({type(error).__name__}: {str(error)[:120]})") from None
