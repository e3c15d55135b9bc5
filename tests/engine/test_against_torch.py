"""PyTorch float64 as the oracle: micrograd's own two sanity checks, every unary function, and random
expression graphs whose values and leaf gradients must equal PyTorch's to 1e-9 relative.

PyTorch is a test dependency only; where it does not exist (Pyodide) this module is skipped.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from engine_expression_graphs import Recipe, close, method_unary, recipes, replay
from hypothesis import HealthCheck, given, settings

from micrograd_core import Value

torch = pytest.importorskip("torch", reason="PyTorch, the test oracle here, is not installed (e.g. Pyodide)")


def _leaf(x: float) -> Any:
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def _torch_unary(name: str, t: Any) -> Any:
    return getattr(torch, name)(t)


def _grad(t: Any) -> float:
    """A torch leaf's gradient (None, for a leaf the root does not depend on, means 0)."""
    return 0.0 if t.grad is None else float(t.grad.item())


# ----------------------------------------------------------------- micrograd's test/test_engine.py


def _sanity_expression(x: Any, relu: Any) -> Any:
    z = 2 * x + 2 + x
    q = relu(z) + z * x
    h = relu(z * z)
    return h + q + q * x


def test_micrograd_sanity_check_against_torch() -> None:
    x = Value(-4.0)
    y = _sanity_expression(x, Value.relu)
    y.backward()
    xt = _leaf(-4.0)
    yt = _sanity_expression(xt, torch.relu)
    yt.backward()
    assert y.data == yt.item()  # integer arithmetic throughout: exactly equal
    assert x.grad == xt.grad.item()


def _more_ops_expression(a: Any, b: Any, relu: Any) -> Any:
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + relu(b + a)
    d = d + 3 * d + relu(b - a)
    e = c - d
    f = e**2
    g = f / 2.0
    return g + 10.0 / f


def test_micrograd_more_ops_against_torch() -> None:
    a, b = Value(-4.0), Value(2.0)
    g = _more_ops_expression(a, b, Value.relu)
    g.backward()
    at, bt = _leaf(-4.0), _leaf(2.0)
    gt = _more_ops_expression(at, bt, torch.relu)
    gt.backward()
    assert math.isclose(g.data, gt.item(), rel_tol=1e-12)
    assert math.isclose(a.grad, at.grad.item(), rel_tol=1e-12)
    assert math.isclose(b.grad, bt.grad.item(), rel_tol=1e-12)
    # micrograd's own tolerance was 1e-6 absolute; the known result (from its README):
    assert abs(g.data - 24.7041) < 1e-4
    assert abs(a.grad - 138.8338) < 1e-4
    assert abs(b.grad - 645.5773) < 1e-4


# ----------------------------------------------------------------- each function against torch


@pytest.mark.parametrize("name", ["relu", "exp", "log", "tanh", "sigmoid"])
@pytest.mark.parametrize("x", [-7.5, -3.0, -1.0, -0.123, 0.123, 0.5, 2.0, 7.5, 10.0])
def test_unary_function_against_torch(name: str, x: float) -> None:
    if name == "log" and x <= 0.0:
        x = -x  # log's domain; the negative side is covered by the bad-input tests
    v = Value(x)
    out = getattr(v, name)()
    out.backward()
    t = _leaf(x)
    tout = _torch_unary(name, t)
    tout.backward()
    assert close(out.data, tout.item(), rel=1e-13, floor=0.0)
    assert close(v.grad, t.grad.item(), rel=1e-13, floor=1e-300)


@pytest.mark.parametrize("exponent", [2, 3, -1, -2, 0, 1, 0.5, 1.5, -0.5, 2.0, 3.7])
@pytest.mark.parametrize("x", [0.3, 1.7, -1.3])
def test_power_against_torch(exponent: int | float, x: float) -> None:
    if x < 0 and not float(exponent).is_integer():
        x = -x
    v = Value(x)
    (v**exponent).backward()
    t = _leaf(x)
    (t**exponent).backward()
    assert close((Value(x) ** exponent).data, (_leaf(x) ** exponent).item(), rel=1e-14, floor=0.0)
    assert close(v.grad, t.grad.item(), rel=1e-14, floor=0.0)


def test_numbers_on_either_side_against_torch() -> None:
    def f(v: Any) -> Any:
        return (2 + v) * (3 - v) / (1 / v) - v / 4 + 0.5 * v - (-v)

    v = Value(1.25)
    out = f(v)
    out.backward()
    t = _leaf(1.25)
    tout = f(t)
    tout.backward()
    assert close(out.data, tout.item(), rel=1e-14)
    assert close(v.grad, t.grad.item(), rel=1e-14)


# ----------------------------------------------------------------- random graphs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipes())
def test_random_graphs_match_torch_float64(recipe: Recipe) -> None:
    leaves = [Value(x) for x in recipe.leaves]
    nodes = replay(recipe, leaves, method_unary)
    nodes[-1].backward()
    tleaves = [_leaf(x) for x in recipe.leaves]
    tnodes = replay(recipe, tleaves, _torch_unary)
    tnodes[-1].backward()
    for i, (node, tnode) in enumerate(zip(nodes, tnodes, strict=True)):
        assert close(node.data, float(tnode.item())), f"n{i}: {node.data!r} vs torch {tnode.item()!r}"
    for i, (leaf, tleaf) in enumerate(zip(leaves, tleaves, strict=True)):
        assert close(leaf.grad, _grad(tleaf)), f"∂root/∂n{i}: {leaf.grad!r} vs torch {_grad(tleaf)!r}"


def test_forward_mode_oracle_agrees_with_torch_on_a_shared_graph() -> None:
    # The pure-Python oracle of test_random_graphs.py (used where torch is missing) is itself
    # checked against torch here, on a graph with a shared node, numbers on both sides and every op.
    from engine_expression_graphs import Step, forward_mode

    steps = (
        Step("*", 0, b=1),
        Step("+", 2, b=2),
        Step("/", 0, number=2, number_first=True),
        Step("-", 3, b=4),
        Step("tanh", 5),
        Step("sigmoid", 6),
        Step("**", 7, number=-1.5),
        Step("log", 8),
        Step("exp", 9),
        Step("neg", 10),
        Step("relu", 0),
        Step("*", 11, b=12),
        Step("-", 13, number=0.5, number_first=True),
    )
    recipe = Recipe((1.3, -0.7), steps)
    values, grads = forward_mode(recipe)
    tleaves = [_leaf(x) for x in recipe.leaves]
    tnodes = replay(recipe, tleaves, _torch_unary)
    tnodes[-1].backward()
    assert all(close(v, float(t.item())) for v, t in zip(values, tnodes, strict=True))
    assert all(close(g, _grad(t)) for g, t in zip(grads, tleaves, strict=True))
    assert all(_grad(t) != 0.0 for t in tleaves)
