"""Plain data: what crosses from the learner's process to the judge.

An answer is reduced to plain data (None, bools, numbers, strings, NumPy
arrays of numbers, and lists/dicts of those) before it is judged, so a judge
never calls the learner's objects (not even their ``==``) and can run in
another process. `dumps` / `loads` move plain data through JSON safely
(no pickle: nothing in the file can run code in the judge).
"""
from __future__ import annotations

import json

import numpy as np

_NUMERIC_KINDS = "biuf"


class NotPlainData(TypeError):
    """Raised when an answer cannot be reduced to plain data."""


def _describe_type(value) -> str:
    """Return a short, stable description of `value`'s type, e.g. ``'list'``."""
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def to_plain(value):
    """Reduce an answer to plain data, copying it.

    Tensors (anything with a ``.numpy()`` method, e.g. TensorFlow tensors and
    Keras variables) become NumPy arrays; lists and tuples of numbers become
    arrays; NumPy scalars become Python numbers.

    Args:
        value: What a learner's function returned.

    Returns:
        A plain copy: None, bool, int, float, str, a numeric `np.ndarray`, or
        a dict with string keys of plain values.

    Raises:
        NotPlainData: If `value` (or part of it) is of any other type, with a
            message naming the type received.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC_KINDS:
        return value.item()
    if type(value) in (int, float):  # exact types: a subclass could override its arithmetic
        return value
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if callable(getattr(value, "numpy", None)) and not isinstance(value, np.ndarray):
        value = value.numpy()
    if isinstance(value, (np.ndarray, list, tuple)):
        try:
            array = np.array(value, copy=True)
        except (ValueError, TypeError) as error:
            raise NotPlainData(f"a {_describe_type(value)} that is not a regular array of numbers ({error})") from None
        if array.dtype.kind not in _NUMERIC_KINDS:
            raise NotPlainData(f"a {_describe_type(value)} holding {array.dtype} values, not numbers")
        return np.asarray(array).view(np.ndarray)
    raise NotPlainData(f"an object of type {_describe_type(value)}")


def _encode(value):
    """Encode plain data as JSON-ready structures (arrays tagged with dtype and shape)."""
    if isinstance(value, np.ndarray):
        return {"__ndarray__": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def _decode(value):
    """Invert `_encode`."""
    if isinstance(value, dict) and "__ndarray__" in value:
        dtype = np.dtype(value["dtype"])
        if dtype.kind not in _NUMERIC_KINDS:
            raise ValueError(f"Expected a numeric array in plain data. Received: dtype={dtype}")
        return np.array(value["__ndarray__"], dtype=dtype).reshape(value["shape"])
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def dumps(value) -> str:
    """Serialise plain data (see `to_plain`) to a JSON string, exactly."""
    return json.dumps(_encode(value))


def loads(text: str):
    """Read plain data written by `dumps`.

    Raises:
        ValueError: If `text` is not JSON or holds a non-numeric array.
    """
    return _decode(json.loads(text))
