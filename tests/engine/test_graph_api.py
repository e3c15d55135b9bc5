"""The graph the views draw: op, label, inputs, local_grads on each node; trace() and topological_order()."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from micrograd_core import Graph, Value, topological_order, trace


def _seed_neuron() -> tuple[dict[str, Value], Value]:
    leaves = {
        name: Value(v, label=name)
        for name, v in [("x1", 2.0), ("x2", 3.0), ("w1", 0.5), ("w2", -0.5), ("b", 1.0)]
    }
    out = (leaves["w1"] * leaves["x1"] + leaves["w2"] * leaves["x2"] + leaves["b"]).relu()
    return leaves, out


def test_leaf_has_no_op_inputs_or_local_grads() -> None:
    v = Value(0.5, label="w1")
    assert (v.data, v.grad, v.op, v.label) == (0.5, 0.0, "", "w1")
    assert v.inputs == ()
    assert v.local_grads == ()
    assert Value(1.0).label == ""


def test_label_can_be_set_on_a_computed_node() -> None:
    z = Value(1.0) + Value(2.0)
    z.label = "z"
    assert z.label == "z"
    assert "label='z'" in repr(z)


@pytest.mark.parametrize(
    ("make", "op", "local_grads"),
    [
        (lambda a, b: a + b, "+", (1.0, 1.0)),
        (lambda a, b: a - b, "-", (1.0, -1.0)),
        (lambda a, b: a * b, "*", (-4.0, 3.0)),
        (lambda a, b: a / b, "/", (-0.25, -3.0 / 16.0)),
    ],
)
def test_binary_node_records_op_inputs_and_local_derivatives(
    make: Callable[[Value, Value], Value], op: str, local_grads: tuple[float, float]
) -> None:
    a, b = Value(3.0, label="a"), Value(-4.0, label="b")
    out = make(a, b)
    assert out.op == op
    assert out.inputs == (a, b)
    assert out.local_grads == pytest.approx(local_grads, rel=1e-15)


@pytest.mark.parametrize(
    ("make", "op", "local_grad"),
    [
        (lambda a: -a, "neg", -1.0),
        (lambda a: a**2, "**2", 6.0),
        (lambda a: a**-1, "**-1", -1.0 / 9.0),
        (lambda a: a**0.5, "**0.5", 0.5 / math.sqrt(3.0)),
        (lambda a: a.relu(), "relu", 1.0),
        (lambda a: a.exp(), "exp", math.exp(3.0)),
        (lambda a: a.log(), "log", 1.0 / 3.0),
        (lambda a: a.tanh(), "tanh", 1.0 - math.tanh(3.0) ** 2),
        (lambda a: a.sigmoid(), "sigmoid", math.exp(-3.0) / (1.0 + math.exp(-3.0)) ** 2),
    ],
)
def test_unary_node_records_op_input_and_local_derivative(
    make: Callable[[Value], Value], op: str, local_grad: float
) -> None:
    a = Value(3.0)
    out = make(a)
    assert out.op == op
    assert out.inputs == (a,)
    assert out.local_grads == pytest.approx((local_grad,), rel=1e-12)


def test_number_operand_becomes_a_constant_leaf_in_operand_order() -> None:
    v = Value(5.0)
    left, right = 2 - v, v - 2
    assert left.inputs[1] is v and right.inputs[0] is v
    for const in (left.inputs[0], right.inputs[1]):
        assert (const.data, const.op, const.inputs) == (2.0, "", ())


def test_trace_returns_nodes_in_topological_order_root_last() -> None:
    leaves, out = _seed_neuron()
    graph = trace(out)
    assert isinstance(graph, Graph)
    nodes = list(graph.nodes)
    assert nodes[-1] is out
    assert len(set(map(id, nodes))) == len(nodes)  # each node once
    position = {id(n): i for i, n in enumerate(nodes)}
    for node in nodes:
        for inp in node.inputs:
            assert position[id(inp)] < position[id(node)]
    assert {id(v) for v in leaves.values()} <= set(position)


def test_trace_lists_operands_first_operand_first() -> None:
    # Depth-first, first operand first: the order a reader follows w1·x1 + w2·x2 + b.
    _, out = _seed_neuron()
    described = [n.label or n.op for n in trace(out).nodes]
    assert described == ["w1", "x1", "*", "w2", "x2", "*", "+", "b", "+", "relu"]


def test_trace_edges_are_input_output_pairs_one_per_operand() -> None:
    leaves, out = _seed_neuron()
    graph = trace(out)
    expected = [(inp, node) for node in graph.nodes for inp in node.inputs]
    assert list(graph.edges) == expected
    assert len(graph.edges) == 9  # 4 binary nodes × 2 + relu × 1
    assert (leaves["w1"], graph.nodes[2]) in graph.edges


def test_trace_keeps_both_edges_of_a_node_used_twice() -> None:
    a = Value(2.0)
    sq = a * a
    graph = trace(sq)
    assert graph.nodes == (a, sq)
    assert graph.edges == ((a, sq), (a, sq))


def test_trace_of_a_diamond_visits_the_shared_node_once() -> None:
    a = Value(0.3)
    b = a.exp()
    e = b * 2 + b.log()
    graph = trace(e)
    assert sum(n is b for n in graph.nodes) == 1
    assert sum(edge[0] is b for edge in graph.edges) == 2


def test_trace_and_topological_order_agree() -> None:
    _, out = _seed_neuron()
    assert list(trace(out).nodes) == topological_order(out)


def test_trace_of_a_leaf_is_the_leaf() -> None:
    v = Value(1.0)
    assert trace(v) == Graph(nodes=(v,), edges=())


def test_graph_is_immutable() -> None:
    graph = trace(Value(1.0) * 2)
    with pytest.raises(AttributeError):
        graph.nodes = ()  # type: ignore[misc]


def test_backward_fills_the_traced_nodes_grads() -> None:
    _, out = _seed_neuron()
    out.backward()
    grads = {n.label: n.grad for n in trace(out).nodes if n.label}
    assert grads == {"w1": 2.0, "x1": 0.5, "w2": 3.0, "x2": -0.5, "b": 1.0}
    # Chain rule at every edge: an input's grad is the sum over its edges of local × output grad.
    graph = trace(out)
    for node in graph.nodes:
        if node is out:
            continue
        incoming = sum(
            local * user.grad
            for user in graph.nodes
            for inp, local in zip(user.inputs, user.local_grads, strict=True)
            if inp is node
        )
        assert node.grad == pytest.approx(incoming, rel=1e-15)
