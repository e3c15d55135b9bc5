"""micrograd_core.steps: the backward pass written down node by node equals backward() bit for bit."""

from __future__ import annotations

from engine_expression_graphs import Recipe, method_unary, recipes, replay
from hypothesis import given, settings

from micrograd_core import Value, backward_steps, forward_order, parse, topological_order


def _replayed(root: Value) -> dict[Value, float]:
    """Every node's grad from replaying the recorded contributions with += from zero."""
    steps = backward_steps(root)
    grads = {step.node: 0.0 for step in steps}
    grads[root] = 1.0
    for step in steps:
        for c in step.contributions:
            grads[c.target] += c.product
    return grads


def test_the_order_is_backwards_and_each_contribution_is_local_times_upstream() -> None:
    built = parse("(a*b + c).tanh()").evaluate({"a": 2.0, "b": -3.0, "c": 10.0})
    root = built.root
    steps = backward_steps(root)
    assert [s.node for s in steps] == list(reversed(topological_order(root)))
    assert forward_order(root) == tuple(topological_order(root))
    assert steps[0].node is root and steps[0].grad == 1.0
    for step in steps:
        assert len(step.contributions) == len(step.node.inputs)
        for c in step.contributions:
            assert c.target is step.node.inputs[c.slot]
            assert c.local == step.node.local_grads[c.slot]
            assert c.upstream == step.grad
            assert c.product == c.local * c.upstream
            assert c.after == c.before + c.product
    # backward_steps leaves the graph's grads alone
    assert all(v.grad == 0.0 for v in topological_order(root))


def test_a_node_feeding_two_others_shows_its_running_sum() -> None:
    built = parse("a + a*b").evaluate({"a": 2.0, "b": -3.0})
    a = built.variables["a"]
    into_a = [c for s in backward_steps(built.root) for c in s.contributions if c.target is a]
    assert [(c.before, c.product, c.after) for c in into_a] == [(0.0, 1.0, 1.0), (1.0, -3.0, -2.0)]


def test_a_square_sends_two_contributions_to_the_same_leaf() -> None:
    built = parse("a*a").evaluate({"a": -3.0})
    (first, *_) = backward_steps(built.root)
    assert [(c.slot, c.product, c.after) for c in first.contributions] == [(0, -3.0, -3.0), (1, -3.0, -6.0)]


def test_leaves_are_steps_without_contributions() -> None:
    built = parse("a*b").evaluate({"a": 2.0, "b": 3.0})
    steps = backward_steps(built.root)
    assert [len(s.contributions) for s in steps] == [2, 0, 0]


@settings(max_examples=200, deadline=None)
@given(recipes(max_leaves=4, max_steps=20))
def test_replaying_the_contributions_equals_backward_bit_for_bit(recipe: Recipe) -> None:
    nodes = replay(recipe, [Value(x) for x in recipe.leaves], method_unary)
    root = nodes[-1]
    replayed = _replayed(root)
    final = {step.node: step.grad for step in backward_steps(root)}
    root.backward()
    for v in topological_order(root):
        assert replayed[v] == v.grad
        assert final[v] == v.grad  # each node's grad is complete when backward reaches it
