"""A first-layer neuron of the network, as the neuron view's query: x1, x2 = the traced point; w1, w2,
b = that neuron's weights; act = its activation. So the big picture opens as the one-neuron picture."""

from __future__ import annotations

from .model import NetworkResult


def neuron_query(result: NetworkResult, neuron: int) -> dict[str, str] | None:
    """The neuron view's query items for first-layer ``neuron`` at the traced point; None without one.

    The network's output neuron is linear: with no hidden layer, the neuron opens with ``identity``.
    """
    trace = result.trace
    first = result.weights[0]
    if trace is None or not 0 <= neuron < len(first):
        return None
    w1, w2, b = first[neuron]
    hidden = len(result.weights) > 1
    return {
        "x1": repr(trace.point.x1),
        "x2": repr(trace.point.x2),
        "w1": repr(w1),
        "w2": repr(w2),
        "b": repr(b),
        "act": result.config.activation if hidden else "identity",
    }
