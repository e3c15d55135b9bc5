"""grad_check: a structured per-input report, a printable table, and GradCheckError on disagreement."""

from __future__ import annotations

import math

import pytest

from micrograd_core import GradCheckError, GradCheckReport, GradCheckRow, Value, grad_check


def test_report_has_one_row_per_input_with_autograd_numeric_and_ok() -> None:
    report = grad_check(lambda x, y: x * y + x, [2.0, -3.0])
    assert isinstance(report, GradCheckReport)
    assert report.ok is True
    assert report.failures == ()
    assert (report.eps, report.tol) == (1e-5, 1e-4)
    x_row, y_row = report.rows
    assert isinstance(x_row, GradCheckRow)
    assert (x_row.name, x_row.value, x_row.autograd, x_row.ok) == ("x0", 2.0, -2.0, True)
    assert (y_row.name, y_row.value, y_row.autograd, y_row.ok) == ("x1", -3.0, 2.0, True)
    assert x_row.numeric == pytest.approx(-2.0, abs=1e-9)
    assert y_row.numeric == pytest.approx(2.0, abs=1e-9)
    assert x_row.error == abs(x_row.autograd - x_row.numeric)


def test_numeric_column_is_the_centred_difference() -> None:
    eps = 1e-3
    report = grad_check(lambda x: x**3, [2.0], eps=eps)
    centred = ((2.0 + eps) ** 3 - (2.0 - eps) ** 3) / (2 * eps)  # = 3x² + ε² exactly
    assert report.rows[0].numeric == pytest.approx(centred, rel=1e-12)
    assert report.rows[0].numeric != pytest.approx(12.0, rel=1e-9)  # so the ε² term is really there


def test_names_label_the_rows_and_must_match_the_inputs() -> None:
    report = grad_check(lambda w, b: w * 2 + b, [0.5, 1], names=["w", "b"])
    assert [r.name for r in report.rows] == ["w", "b"]
    assert report.rows[1].value == 1.0
    with pytest.raises(ValueError, match="names"):
        grad_check(lambda w, b: w + b, [0.5, 1.0], names=["w"])


def test_report_prints_as_a_table() -> None:
    text = str(grad_check(lambda x, y: x * y, [2.0, -3.0], names=["x", "y"]))
    lines = text.splitlines()
    for column in ("input", "value", "autograd", "numeric", "ok"):
        assert column in lines[0]
    assert set(lines[1]) == {"-"}
    assert len(lines) == 4
    assert lines[2].split()[0] == "x" and "-3.00000000" in lines[2] and lines[2].endswith("✓")
    assert lines[3].split()[0] == "y" and "2.00000000" in lines[3] and lines[3].endswith("✓")


def test_kink_of_relu_at_zero_is_reported_not_hidden() -> None:
    report = grad_check(lambda x: x.relu(), [0.0], raise_on_failure=False)
    assert report.ok is False
    (row,) = report.rows
    assert row.autograd == 0.0  # relu'(0) taken as 0
    assert row.numeric == pytest.approx(0.5)  # (ε − 0) / 2ε
    assert row.ok is False
    assert report.failures == (row,)
    assert str(report).splitlines()[2].endswith("✗")


def test_failure_raises_grad_check_error_listing_only_failing_inputs() -> None:
    with pytest.raises(GradCheckError) as caught:
        grad_check(lambda a, b: a.relu() + b * b, [0.0, 1.5], names=["a", "b"])
    error = caught.value
    assert isinstance(error, AssertionError)
    first_line = str(error).splitlines()[0]
    assert "a (autograd 0 vs numeric 0.5)" in first_line
    assert "b" not in first_line.replace("numeric", "")
    assert [r.name for r in error.report.failures] == ["a"]
    assert [r.ok for r in error.report.rows] == [False, True]
    assert str(error.report) in str(error)  # the table comes with the message


def test_detached_operand_is_caught() -> None:
    # A classic bug: using x.data inside f cuts the graph, so autograd misses half the derivative.
    report = grad_check(lambda x: x * Value(x.data), [3.0], raise_on_failure=False)
    assert report.rows[0].autograd == 3.0
    assert report.rows[0].numeric == pytest.approx(6.0)
    assert not report.ok


def test_tolerance_is_relative_for_large_gradients() -> None:
    # With ε = 1e-3 the truncation error of eˣ at 10 is ≈ eˣ·ε²/6 ≈ 4e-3: far above tol = 1e-4 in
    # absolute terms, yet a relative error of 2e-7.
    report = grad_check(lambda x: x.exp(), [10.0], eps=1e-3)
    assert report.ok
    assert report.rows[0].autograd == math.exp(10.0)
    assert report.rows[0].error > 1e-4


def test_tight_tolerance_fails_on_finite_difference_error() -> None:
    report = grad_check(lambda x: x**3, [2.0], eps=1e-2, tol=1e-6, raise_on_failure=False)
    assert not report.ok  # the ε² = 1e-4 truncation error exceeds tol


def test_passing_check_with_raise_disabled_returns_the_report() -> None:
    assert grad_check(lambda x: x.tanh(), [0.3], raise_on_failure=False).ok


def test_invalid_eps_or_tol_is_rejected() -> None:
    with pytest.raises(ValueError, match="eps"):
        grad_check(lambda x: x, [1.0], eps=-1e-5)
    with pytest.raises(ValueError, match="tol"):
        grad_check(lambda x: x, [1.0], tol=0.0)


def test_f_must_return_a_value() -> None:
    with pytest.raises(TypeError, match="Value"):
        grad_check(lambda x: 2.0, [1.0])  # type: ignore[arg-type, return-value]


def test_error_inside_f_at_a_shifted_point_propagates() -> None:
    # log at 5e-6 is fine, but the centred difference evaluates it at 5e-6 − 1e-5 < 0.
    with pytest.raises(ValueError, match="log"):
        grad_check(lambda x: x.log(), [5e-6])
