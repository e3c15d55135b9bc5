"""Property test without PyTorch (so it also runs inside Pyodide): random expression graphs against
forward-mode dual numbers, an independent pure-Python derivative oracle.
"""

from __future__ import annotations

from engine_expression_graphs import Dual, Recipe, close, forward_mode, method_unary, recipes, replay
from hypothesis import HealthCheck, given, settings

from micrograd_core import Value, topological_order


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipes())
def test_backward_matches_forward_mode_on_random_graphs(recipe: Recipe) -> None:
    leaves = [Value(x) for x in recipe.leaves]
    nodes = replay(recipe, leaves, method_unary)
    nodes[-1].backward()
    expected_values, expected_grads = forward_mode(recipe)
    for node, expected in zip(nodes, expected_values, strict=True):
        assert close(node.data, expected), (node.data, expected)
    for i, (leaf, expected) in enumerate(zip(leaves, expected_grads, strict=True)):
        assert close(leaf.grad, expected), f"∂root/∂n{i}: backward {leaf.grad!r}, forward mode {expected!r}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipes())
def test_random_graphs_are_in_topological_order_and_zero_grad_clears_them(recipe: Recipe) -> None:
    nodes = replay(recipe, [Value(x) for x in recipe.leaves], method_unary)
    root = nodes[-1]
    order = topological_order(root)
    position = {id(n): i for i, n in enumerate(order)}
    assert order[-1] is root and len(position) == len(order)
    assert all(position[id(inp)] < position[id(n)] for n in order for inp in n.inputs)
    root.backward()
    root.zero_grad()
    assert all(n.grad == 0.0 for n in order)


def test_dual_numbers_oracle_knows_a_hand_derivative() -> None:
    # d/dx [x·eˣ / (1 + x²)] at x = 0.5, by hand: eˣ(1 + x)/(1 + x²) − 2x²eˣ/(1 + x²)².
    import math

    x = Dual(0.5, 1.0)
    y = x * x.exp() / (1 + x**2)
    e = math.exp(0.5)
    assert close(y.dot, e * 1.5 / 1.25 - 2 * 0.25 * e / 1.25**2, rel=1e-15, floor=0.0)
