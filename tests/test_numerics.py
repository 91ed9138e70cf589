"""course_utils.numerics: the one relative error of lessons 05 and 06 (issue 13)."""
import numpy as np
import pytest

from course_utils.numerics import relative_error


def test_the_relative_error_divides_by_the_larger_norm():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error([1.0, 0.0], [2.0, 0.0]) == pytest.approx(0.5)
    assert relative_error([2.0, 0.0], [1.0, 0.0]) == pytest.approx(0.5)  # symmetric
    assert relative_error([1.0, -2.0], [-1.0, 2.0]) == pytest.approx(2.0)  # a sign error


def test_the_relative_error_does_not_depend_on_scale_and_accepts_tensors_and_matrices():
    import tensorflow as tf

    a, b = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.5]])
    assert relative_error(1e6 * a, 1e6 * b) == pytest.approx(relative_error(a, b))
    assert relative_error(tf.constant(a), b) == pytest.approx(relative_error(a, b))
    assert isinstance(relative_error(a, b), float)


def test_two_zero_arrays_have_no_error_and_different_shapes_are_refused():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match=r"same shape.*\(3,\) and \(2,\)"):
        relative_error(np.zeros(3), np.zeros(2))
