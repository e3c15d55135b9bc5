"""backward(): any depth, shared sub-expressions, repeated calls, and zero_grad()."""

from __future__ import annotations

import math

from micrograd_core import Value, topological_order

# A chain this deep is 200× what a recursive topological sort survives (CPython's limit is 1,000).
DEPTH = 200_000


# ----------------------------------------------------------------- depth


def test_deep_multiplication_chain_has_the_analytic_gradient() -> None:
    c = 1.0 + 1e-6
    x = Value(1.0)
    v = x
    for _ in range(DEPTH):
        v = v * c
    v.backward()  # must not raise RecursionError
    assert math.isclose(v.data, c**DEPTH, rel_tol=1e-9)
    assert math.isclose(x.grad, c**DEPTH, rel_tol=1e-9)  # d(x·cᴺ)/dx = cᴺ ≈ e^0.2


def test_deep_chain_reusing_its_input_at_every_step() -> None:
    # v₀ = x, vₖ = vₖ₋₁ + x: the leaf x feeds every level, so ∂v_N/∂x = N + 1 (exact in floats).
    x = Value(0.25)
    v = x
    for _ in range(DEPTH):
        v = v + x
    v.backward()
    assert v.data == 0.25 * (DEPTH + 1)
    assert x.grad == DEPTH + 1


def test_deep_chain_of_unary_functions() -> None:
    # y = tanh(tanh(…tanh(x)…)); the derivative is the product of 1 − tanh² along the chain,
    # computed here independently in plain floats.
    x = Value(0.8)
    v = x
    for _ in range(DEPTH):
        v = v.tanh()
    v.backward()
    t, expected = 0.8, 1.0
    for _ in range(DEPTH):
        t = math.tanh(t)
        expected *= 1.0 - t * t
    assert math.isclose(v.data, t, rel_tol=1e-12)
    assert math.isclose(x.grad, expected, rel_tol=1e-9)
    assert x.grad > 0.0


def test_deep_chain_topological_order_and_zero_grad() -> None:
    x = Value(2.0)
    v = x
    for _ in range(DEPTH):
        v = -v
    order = topological_order(v)
    assert len(order) == DEPTH + 1
    assert order[0] is x and order[-1] is v
    v.backward()
    assert x.grad == 1.0  # an even number of negations
    v.zero_grad()
    assert all(node.grad == 0.0 for node in order)


# ----------------------------------------------------------------- shared sub-expressions


def test_node_used_twice_in_a_product_accumulates() -> None:
    a = Value(-3.0)
    (a * a).backward()
    assert a.grad == -6.0


def test_node_used_twice_in_a_sum_accumulates() -> None:
    a = Value(5.0)
    (a + a).backward()
    assert a.grad == 2.0


def test_node_used_many_times() -> None:
    a = Value(1.5)
    total = a
    for _ in range(9):
        total = total + a
    (total * a).backward()  # 10a · a = 10a²
    assert a.grad == 20 * 1.5


def test_diamond_graph_sums_both_paths() -> None:
    # a → b = exp(a) → (c = 2b, d = log b) → e = c + d = 2eᵃ + a, so ∂e/∂a = 2eᵃ + 1.
    a = Value(0.7)
    b = a.exp()
    c = b * 2
    d = b.log()
    e = c + d
    e.backward()
    assert math.isclose(e.data, 2 * math.exp(0.7) + 0.7, rel_tol=1e-14)
    assert math.isclose(a.grad, 2 * math.exp(0.7) + 1, rel_tol=1e-14)
    assert math.isclose(b.grad, 2 + 1 / b.data, rel_tol=1e-14)
    assert topological_order(e).count(b) == 1  # the shared node is visited once


def test_shared_intermediate_node_used_by_two_branches_of_different_depth() -> None:
    x, y = Value(2.0), Value(-1.0)
    h = x * y  # shared
    out = h * h + (h + x).tanh() * h
    out.backward()
    # out = h² + tanh(h + x)·h with h = xy:
    hv = -2.0
    t = math.tanh(hv + 2.0)
    dout_dh = 2 * hv + (1 - t * t) * hv + t
    dout_dx_direct = (1 - t * t) * hv
    assert math.isclose(h.grad, dout_dh, rel_tol=1e-14)
    assert math.isclose(x.grad, dout_dh * -1.0 + dout_dx_direct, rel_tol=1e-14)
    assert math.isclose(y.grad, dout_dh * 2.0, rel_tol=1e-14)


# ----------------------------------------------------------------- repeated backward and zero_grad


def _two_level_graph() -> tuple[Value, Value, Value, Value]:
    x, y = Value(1.5), Value(-2.0)
    h = x * y + x  # intermediate
    out = (h * 3).tanh() + h
    return x, y, h, out


def test_repeated_backward_adds_the_gradient_again() -> None:
    x, y, h, out = _two_level_graph()
    out.backward()
    first = (x.grad, y.grad, h.grad)
    for k in (2, 3):
        out.backward()
        assert math.isclose(x.grad, k * first[0], rel_tol=1e-14)
        assert math.isclose(y.grad, k * first[1], rel_tol=1e-14)
        assert math.isclose(h.grad, k * first[2], rel_tol=1e-14)
        assert out.grad == 1.0  # the root's own grad is set, not accumulated


def test_repeated_backward_on_a_chain_doubles_leaf_grads() -> None:
    # The smallest case where propagating the accumulated (not the fresh) grad would go wrong:
    # x → 2x → 6x. One backward gives 6; a second one must give 12 (as PyTorch does for leaves).
    x = Value(1.0)
    z = (x * 2) * 3
    z.backward()
    z.backward()
    assert x.grad == 12.0


def test_backward_of_two_losses_sharing_intermediates_sums_their_gradients() -> None:
    x, y = Value(0.5), Value(3.0)
    h = x * y
    loss1 = h * 2
    loss2 = h.exp()
    loss1.backward()
    loss2.backward()
    expected_dx = 2 * y.data + math.exp(h.data) * y.data
    expected_dy = 2 * x.data + math.exp(h.data) * x.data
    assert math.isclose(x.grad, expected_dx, rel_tol=1e-14)
    assert math.isclose(y.grad, expected_dy, rel_tol=1e-14)


def test_zero_grad_then_backward_gives_fresh_gradients() -> None:
    x, y, h, out = _two_level_graph()
    out.backward()
    first = (x.grad, y.grad, h.grad)
    out.backward()
    out.zero_grad()
    out.backward()
    assert (x.grad, y.grad, h.grad) == first


def test_zero_grad_resets_every_reached_node_not_only_parameters() -> None:
    x, y, h, out = _two_level_graph()
    out.backward()
    reached = topological_order(out)
    constants = [n for n in reached if n.op == "" and n not in (x, y)]
    assert constants, "the graph has a number constant (the 3 in h * 3)"
    assert all(n.grad != 0.0 for n in (x, y, h, out, *constants))
    out.zero_grad()
    assert all(n.grad == 0.0 for n in reached)


def test_zero_grad_leaves_nodes_outside_the_graph_alone() -> None:
    x = Value(2.0)
    other = x * 5  # uses x, but is not an input of out
    out = x * x
    other.backward()
    out.backward()
    assert other.grad == 1.0
    out.zero_grad()
    assert x.grad == 0.0
    assert other.grad == 1.0


def test_backward_of_a_leaf_sets_its_grad_to_one() -> None:
    x = Value(4.0)
    x.backward()
    assert x.grad == 1.0
