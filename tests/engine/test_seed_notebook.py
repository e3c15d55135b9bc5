"""Every assertion and gradient check of the seed notebook ("Micro-Autograd — Rétropropagation depuis Zéro").

The seed's cells are re-run here against micrograd_core, section by section: forward ops, backward,
gradient checks, and the two-input ReLU neuron.
"""

import math
from collections.abc import Callable

import pytest

from micrograd_core import GradCheckError, Value, grad_check

# ----------------------------------------------------------------- §2 forward pass


def test_forward_operations_of_the_seed() -> None:
    x, y = Value(2.0), Value(-3.0)
    assert (x + y).data == -1.0
    assert (x + 3).data == 5.0
    assert (x * y).data == -6.0
    assert (-x).data == -2.0
    assert (x - y).data == 5.0
    assert abs((x / Value(-4.0)).data - (-0.5)) < 1e-9
    assert (x**3).data == 8.0


def test_activations_of_the_seed() -> None:
    assert Value(3.0).relu().data == 3.0
    assert Value(-2.0).relu().data == 0.0
    assert abs(Value(1.0).exp().data - math.e) < 1e-10
    assert abs(Value(math.e).log().data - 1.0) < 1e-10


# ----------------------------------------------------------------- §3 backward pass


def test_backward_of_x_times_y_plus_x() -> None:
    x, y = Value(2.0), Value(-3.0)
    z = x * y + x
    z.backward()
    assert z.data == -4.0
    assert x.grad == -2.0  # ∂z/∂x = y + 1
    assert y.grad == 2.0  # ∂z/∂y = x


def test_backward_of_relu_of_x_squared_minus_four() -> None:
    x = Value(3.0)
    y = (x**2 - 4.0).relu()
    y.backward()
    assert y.data == 5.0
    assert x.grad == 6.0  # relu'(5) · 2x


def test_relu_of_x_squared_minus_four_is_flat_where_negative() -> None:
    x = Value(1.0)
    y = (x**2 - 4.0).relu()
    y.backward()
    assert y.data == 0.0
    assert x.grad == 0.0


# ----------------------------------------------------------------- §4 gradient checks


@pytest.mark.parametrize(
    ("name", "f", "inputs"),
    [
        ("x*y", lambda x, y: x * y, [2.0, -3.0]),
        ("x**3", lambda x: x**3, [2.0]),
        ("exp", lambda x: x.exp(), [1.0]),
        ("log", lambda x: x.log(), [2.0]),
        ("relu x>0", lambda x: x.relu(), [1.5]),
        ("relu x<0", lambda x: x.relu(), [-1.5]),
        ("relu(x*y+x)", lambda x, y: (x * y + x).relu(), [1.0, 1.0]),
    ],
)
def test_seed_gradient_checks_pass(name: str, f: Callable[..., Value], inputs: list[float]) -> None:
    report = grad_check(f, inputs)
    assert report.ok, f"{name}\n{report}"
    assert len(report.rows) == len(inputs)


def test_seed_gradient_check_values() -> None:
    # The seed's printed tables: x*y at (2, -3) → (-3, 2); relu(x*y + x) at (1, 1) → (2, 1).
    rows = grad_check(lambda x, y: x * y, [2.0, -3.0]).rows
    assert [r.autograd for r in rows] == [-3.0, 2.0]
    assert [r.numeric for r in rows] == pytest.approx([-3.0, 2.0], abs=1e-8)
    rows = grad_check(lambda x, y: (x * y + x).relu(), [1.0, 1.0]).rows
    assert [r.autograd for r in rows] == [2.0, 1.0]
    assert grad_check(lambda x: x**3, [2.0]).rows[0].autograd == 12.0
    assert grad_check(lambda x: x.log(), [2.0]).rows[0].autograd == 0.5


def test_seed_style_assertion_still_works() -> None:
    # The seed ended its check with `assert all_ok`: our failure is an AssertionError too.
    with pytest.raises(AssertionError):
        grad_check(lambda x: x.relu(), [0.0])
    with pytest.raises(GradCheckError):
        grad_check(lambda x: x.relu(), [0.0])


# ----------------------------------------------------------------- §5 the neuron


def test_seed_neuron_forward_and_backward() -> None:
    x1, x2 = Value(2.0, label="x1"), Value(3.0, label="x2")
    w1, w2, b = Value(0.5, label="w1"), Value(-0.5, label="w2"), Value(1.0, label="b")
    pre_activation = w1 * x1 + w2 * x2 + b
    out = pre_activation.relu()
    assert pre_activation.data == 0.5
    assert out.data == 0.5
    out.backward()
    assert w1.grad == 2.0  # = x1
    assert w2.grad == 3.0  # = x2
    assert b.grad == 1.0
    assert x1.grad == 0.5  # = w1
    assert x2.grad == -0.5  # = w2


def test_seed_neuron_passes_grad_check() -> None:
    report = grad_check(
        lambda x1, x2, w1, w2, b: (w1 * x1 + w2 * x2 + b).relu(),
        [2.0, 3.0, 0.5, -0.5, 1.0],
        names=["x1", "x2", "w1", "w2", "b"],
    )
    assert report.ok
    grads = {r.name: r.autograd for r in report.rows}
    assert grads == {"x1": 0.5, "x2": -0.5, "w1": 2.0, "w2": 3.0, "b": 1.0}
