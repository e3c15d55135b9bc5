"""The network as a drawing: where each node and edge goes and what it carries (no Bokeh here).

Column 0 holds the inputs x1, x2; column k the k-th layer of neurons; the last column the output.
An edge carries its weight w and the objective's ∂L/∂w; a node its output for the traced point (if
any), its bias b and ∂L/∂b.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import NetworkResult


@dataclass(frozen=True)
class Node:
    column: int  # 0: inputs; k ≥ 1: the (k−1)-th layer of micrograd's MLP.layers
    index: int
    x: float
    y: float
    value: float | None  # its output for the traced point
    bias: float | None  # None for an input
    bias_grad: float | None
    dead: bool = False


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    weight: float
    grad: float


def _y(i: int, count: int) -> float:
    return (count - 1) / 2 - i


def diagram(result: NetworkResult) -> tuple[list[Node], list[Edge]]:
    """Nodes (column by column, top to bottom) and edges of ``result``'s network."""
    trace = result.trace
    inputs = (trace.point.x1, trace.point.x2) if trace else (None, None)
    columns: list[list[Node]] = [[Node(0, i, 0.0, _y(i, 2), inputs[i], None, None) for i in range(2)]]
    edges: list[Edge] = []
    dead = set(result.dead)
    for li, (layer, grads) in enumerate(zip(result.weights, result.grads, strict=True)):
        column = [
            Node(
                li + 1,
                ni,
                float(li + 1),
                _y(ni, len(layer)),
                trace.out[li][ni] if trace else None,
                params[-1],
                grads[ni][-1],
                (li, ni) in dead,
            )
            for ni, params in enumerate(layer)
        ]
        for ni, params in enumerate(layer):
            for j, source in enumerate(columns[-1]):
                edges.append(Edge(source, column[ni], params[j], grads[ni][j]))
        columns.append(column)
    return [n for column in columns for n in column], edges


def nearest_hidden_unit(
    result: NetworkResult, x: float, y: float, radius: float = 0.35
) -> tuple[int, int] | None:
    """(layer, neuron) of the hidden neuron drawn nearest to (x, y), within ``radius``, or None."""
    nodes, _ = diagram(result)
    hidden_columns = len(result.weights) - 1  # the last layer is the output
    best, best_d2 = None, radius * radius
    for node in nodes:
        if 1 <= node.column <= hidden_columns:
            d2 = (node.x - x) ** 2 + (node.y - y) ** 2
            if d2 <= best_d2:
                best, best_d2 = (node.column - 1, node.index), d2
    return best
