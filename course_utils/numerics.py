"""Numeric helpers shared by lessons 05 and 06: how far apart two gradients are.

Lesson 05 (section 6) defines the relative error and uses it to compare a
chain-rule gradient with central differences and `tf.GradientTape`; lesson 06
(section 4) uses the same function for its gradient checks.
"""
from __future__ import annotations

import numpy as np


def relative_error(a, b) -> float:
    """The relative error ‖a - b‖ / max(‖a‖, ‖b‖) of two arrays of the same shape (lesson 05, section 6).

    It does not depend on the arrays' scale: a correct gradient agrees with
    central differences to about 1e-8 or better in float64, a wrong factor
    gives an error near 1 (a sign error gives 2).

    Args:
        a: An array-like of floats (a gradient).
        b: An array-like of the same shape (another estimate of it).

    Returns:
        The relative error as a Python float; 0.0 when both arrays are zero.

    Raises:
        ValueError: When the shapes differ.

    Example:
        >>> relative_error([3.0, 4.0], [3.0, 4.0])
        0.0
        >>> relative_error([1.0, 0.0], [2.0, 0.0])
        0.5
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"Expected two arrays of the same shape. Received: shapes {a.shape} and {b.shape}")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0.0 else float(np.linalg.norm(a - b) / scale)
