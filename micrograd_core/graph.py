"""The public walk of a computation graph, for views that draw it."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Value, topological_order


@dataclass(frozen=True)
class Graph:
    """A root's nodes in topological order (inputs first, root last) and its edges.

    Each edge is ``(input, output)``: data flows along it forwards, grad flows back along it.
    """

    nodes: tuple[Value, ...]
    edges: tuple[tuple[Value, Value], ...]


def trace(root: Value) -> Graph:
    """Collect every node ``root`` depends on and every input→output edge between them."""
    nodes = topological_order(root)
    edges = tuple((child, node) for node in nodes for child in node.inputs)
    return Graph(nodes=tuple(nodes), edges=edges)
