"""Bad inputs raise clear errors that name the problem; sigmoid and tanh never overflow.

The same cases run under ``python -O`` in test_optimized_mode.py (no check may rely on ``assert``).
"""

from __future__ import annotations

import math

import pytest
from engine_error_cases import (
    ERROR_CASES,
    EXTREME_INPUTS,
    ErrorCase,
    problems_with_error,
    problems_with_squash,
    raised_by,
    squash_results,
)

from micrograd_core import Value


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.id for c in ERROR_CASES])
def test_bad_input_is_rejected_with_a_clear_error(case: ErrorCase) -> None:
    assert problems_with_error(case, raised_by(case.expression)) == []


def test_the_error_checker_itself_catches_a_wrong_or_missing_error() -> None:
    case = ErrorCase("log(0)", "Value(0.0).log()", "ValueError", ("log",))
    assert problems_with_error(case, None)
    assert problems_with_error(case, ("TypeError", "log"))
    assert problems_with_error(case, ("ValueError", "math domain error"))


def test_log_error_names_log_and_x() -> None:
    with pytest.raises(ValueError, match=r"log\(-1\.0\)"):
        Value(-1.0).log()


def test_exp_overflow_names_exp() -> None:
    with pytest.raises(OverflowError, match="exp"):
        Value(709.8).exp()
    assert math.isfinite(Value(709.7).exp().data)  # just below the limit still works


def test_division_by_zero_raises_zero_division_error() -> None:
    with pytest.raises(ZeroDivisionError):
        Value(2.0) / Value(0.0)
    with pytest.raises(ZeroDivisionError):
        3 / Value(0)
    with pytest.raises(ZeroDivisionError):
        Value(0) ** -3


def test_zero_to_a_positive_fractional_power_has_an_infinite_slope_not_an_error() -> None:
    # d/dx x**0.5 at 0 is +inf, as in PyTorch: documented, not NaN.
    x = Value(0.0)
    y = x**0.5
    y.backward()
    assert y.data == 0.0
    assert x.grad == math.inf


@pytest.mark.parametrize("x", EXTREME_INPUTS)
def test_sigmoid_and_tanh_do_not_overflow(x: float) -> None:
    assert problems_with_squash(x, squash_results(x)) == []


def test_sigmoid_and_tanh_limits() -> None:
    assert Value(1e308).sigmoid().data == 1.0
    assert Value(-1e308).sigmoid().data == 0.0
    assert Value(710.0).sigmoid().data == 1.0
    tiny = Value(-710.0).sigmoid().data
    assert tiny > 0.0 and math.isclose(tiny, math.exp(-710.0), rel_tol=1e-9)
    assert Value(1e308).tanh().data == 1.0
    assert Value(-1e308).tanh().data == -1.0
    assert Value(-710.0).tanh().data == -1.0


@pytest.mark.parametrize("x", [-30.0, -5.0, -0.1, 0.1, 5.0, 30.0])
def test_sigmoid_is_symmetric(x: float) -> None:
    assert math.isclose(Value(x).sigmoid().data + Value(-x).sigmoid().data, 1.0, rel_tol=1e-15)


def test_checker_of_squash_results_flags_bad_values() -> None:
    assert problems_with_squash(1.0, {"sigmoid": (math.nan, 0.1)})
    assert problems_with_squash(1.0, {"tanh": (0.5, math.inf)})
    assert problems_with_squash(1.0, {"sigmoid": (1.5, 0.1)})
