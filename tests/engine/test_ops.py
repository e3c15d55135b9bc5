"""Each operation: its value, its analytic derivative, and agreement with centred differences.

Every case lists the function, a point, the exact value there and the exact partial derivatives;
the test checks all three: backward() against the formula, and grad_check against finite differences.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pytest

from micrograd_core import Value, grad_check


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class Case:
    id: str
    f: Callable[..., Value]
    point: tuple[float, ...]
    value: float
    grads: tuple[float, ...]


CASES = [
    # addition, numbers on either side
    Case("v+w", lambda v, w: v + w, (1.5, -2.25), -0.75, (1.0, 1.0)),
    Case("v+2", lambda v: v + 2, (1.5,), 3.5, (1.0,)),
    Case("2+v", lambda v: 2 + v, (1.5,), 3.5, (1.0,)),
    Case("0.5+v", lambda v: 0.5 + v, (-1.5,), -1.0, (1.0,)),
    # subtraction
    Case("v-w", lambda v, w: v - w, (1.5, -2.25), 3.75, (1.0, -1.0)),
    Case("v-3", lambda v: v - 3, (1.5,), -1.5, (1.0,)),
    Case("3-v", lambda v: 3 - v, (1.5,), 1.5, (-1.0,)),
    # multiplication
    Case("v*w", lambda v, w: v * w, (1.5, -2.0), -3.0, (-2.0, 1.5)),
    Case("v*4", lambda v: v * 4, (1.5,), 6.0, (4.0,)),
    Case("-2.5*v", lambda v: -2.5 * v, (1.5,), -3.75, (-2.5,)),
    # division
    Case("v/w", lambda v, w: v / w, (3.0, -2.0), -1.5, (-0.5, -0.75)),
    Case("v/4", lambda v: v / 4, (3.0,), 0.75, (0.25,)),
    Case("1/v", lambda v: 1 / v, (2.0,), 0.5, (-0.25,)),
    Case("-3.0/v", lambda v: -3.0 / v, (-1.5,), 2.0, (3.0 / 1.5**2,)),
    # powers: int, float, negative, fractional exponents; negative bases with integer exponents
    Case("v**2", lambda v: v**2, (-3.0,), 9.0, (-6.0,)),
    Case("v**3", lambda v: v**3, (-1.5,), -3.375, (6.75,)),
    Case("v**2.0", lambda v: v**2.0, (-3.0,), 9.0, (-6.0,)),
    Case("v**-1", lambda v: v**-1, (2.0,), 0.5, (-0.25,)),
    Case("v**-1 neg", lambda v: v**-1, (-4.0,), -0.25, (-0.0625,)),
    Case("v**-2", lambda v: v**-2, (2.0,), 0.25, (-0.25,)),
    Case("v**0.5", lambda v: v**0.5, (4.0,), 2.0, (0.25,)),
    Case("v**1.5", lambda v: v**1.5, (4.0,), 8.0, (3.0,)),
    Case("v**-0.5", lambda v: v**-0.5, (4.0,), 0.5, (-0.0625,)),
    Case("v**0", lambda v: v**0, (3.0,), 1.0, (0.0,)),
    Case("v**1", lambda v: v**1, (-3.0,), -3.0, (1.0,)),
    # unary minus
    Case("-v", lambda v: -v, (1.25,), -1.25, (-1.0,)),
    Case("-(v*v)", lambda v: -(v * v), (1.25,), -1.5625, (-2.5,)),
    # activations and transcendental functions
    Case("relu+", lambda v: v.relu(), (0.75,), 0.75, (1.0,)),
    Case("relu-", lambda v: v.relu(), (-0.75,), 0.0, (0.0,)),
    Case("exp", lambda v: v.exp(), (0.5,), math.exp(0.5), (math.exp(0.5),)),
    Case("exp neg", lambda v: v.exp(), (-2.0,), math.exp(-2.0), (math.exp(-2.0),)),
    Case("log", lambda v: v.log(), (0.25,), math.log(0.25), (4.0,)),
    Case("log big", lambda v: v.log(), (1e6,), math.log(1e6), (1e-6,)),
    Case("tanh", lambda v: v.tanh(), (0.3,), math.tanh(0.3), (1 - math.tanh(0.3) ** 2,)),
    Case("tanh neg", lambda v: v.tanh(), (-2.0,), math.tanh(-2.0), (1 - math.tanh(-2.0) ** 2,)),
    Case("sigmoid", lambda v: v.sigmoid(), (0.3,), _sigmoid(0.3), (_sigmoid(0.3) * (1 - _sigmoid(0.3)),)),
    Case("sigmoid neg", lambda v: v.sigmoid(), (-4.0,), _sigmoid(-4.0), (_sigmoid(-4.0) * _sigmoid(4.0),)),
    Case("sigmoid 0", lambda v: v.sigmoid(), (0.0,), 0.5, (0.25,)),
    # compositions mixing numbers and Values
    Case("(2+v)*(1/w)", lambda v, w: (2 + v) * (1 / w), (1.0, 4.0), 0.75, (0.25, -3.0 / 16.0)),
    Case("v**-1 * v**0.5", lambda v: v**-1 * v**0.5, (4.0,), 0.5, (-0.5 * 4.0**-1.5,)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_value_and_analytic_gradient(case: Case) -> None:
    leaves = [Value(x) for x in case.point]
    out = case.f(*leaves)
    out.backward()
    assert out.data == pytest.approx(case.value, rel=1e-12, abs=1e-15)
    assert [leaf.grad for leaf in leaves] == pytest.approx(case.grads, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_gradient_agrees_with_centred_differences(case: Case) -> None:
    report = grad_check(case.f, case.point)
    assert report.ok, str(report)
    for row, expected in zip(report.rows, case.grads, strict=True):
        assert row.numeric == pytest.approx(expected, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("x", [-3.0, -0.7, 0.2, 1.0, 2.5])
def test_all_ops_combined_pass_grad_check(x: float) -> None:
    def f(v: Value, w: Value) -> Value:
        positive = v * v + 1.0
        return (
            (v + w) * (2 - w) / (w * w + 0.5)
            + (positive**0.5).log()
            + positive**-1
            + (-v).exp().tanh()
            + (3 * w).sigmoid()
            + (v - 0.1).relu()
        )

    assert grad_check(f, [x, 0.5 * x - 0.3]).ok


def test_number_operand_becomes_a_constant_leaf_with_its_own_grad() -> None:
    # A number becomes a leaf node of the graph; backward() fills its grad like any other node's.
    v = Value(3.0)
    out = 2 * v
    out.backward()
    const = next(node for node in out.inputs if node is not v)
    assert const.data == 2.0
    assert const.grad == 3.0
    assert v.grad == 2.0


def test_integer_and_float_operands_give_float_data() -> None:
    assert isinstance(Value(2).data, float)
    assert isinstance((Value(2) + 1).data, float)
    assert isinstance((Value(2) ** 2).data, float)
    assert (7 / Value(2)).data == 3.5


@pytest.mark.parametrize("x", [0.3, -2.0, 7.5, 10.0, -11.95, 15.0])
def test_tanh_slope_loses_no_precision_beyond_tanh_itself(x: float) -> None:
    # Given t = tanh(x) as a float, the slope 1 − t² is computed exactly here (as a fraction);
    # the engine must agree to ~1 ulp even where 1 − t² is tiny and a naive 1 − t·t loses digits.
    v = Value(x)
    out = v.tanh()
    out.backward()
    t = Fraction(out.data)
    exact = float(1 - t * t)
    assert math.isclose(v.grad, exact, rel_tol=4e-16)
