"""The neuron's maths, done by micrograd_core once per change and frozen into a ``NeuronResult``.

ŷ = f(w1·x1 + w2·x2 + b) and its loss are built from labelled ``Value``s in one graph, and
``backward()`` runs from ŷ and from the loss (see ``compute`` for exactly what runs); every number
the views show (data, grads, local slopes, gradient check, loss and its grads, the curve of f) is
read off the engine here, so no view repeats any of the maths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from micrograd_core import GradCheckReport, Value, grad_check, trace
from micrograd_core.activations import ACTIVATION_NAMES, activation_function

ACTIVATIONS = ACTIVATION_NAMES
INPUT_NAMES: tuple[str, ...] = ("x1", "x2", "w1", "w2", "b")
GRAD_NAMES: tuple[str, ...] = ("w1", "w2", "b", "x1", "x2")  # order of the gradient views
LEARNED: tuple[str, ...] = ("w1", "w2", "b")  # what gradient descent updates
CHECK_EPS = 1e-5
CHECK_TOL = 1e-4
CURVE_HALF_WIDTH = 5.0
CURVE_SAMPLES = 121
TANGENT_HALF_WIDTH = 1.5


@dataclass(frozen=True)
class GraphNode:
    """One node of the neuron's graph as the engine left it after ``backward()``."""

    name: str
    op: str
    data: float
    grad: float


@dataclass(frozen=True)
class GraphEdge:
    """``source`` feeds ``target`` (indices into the node tuple); ``local`` = ∂target/∂source."""

    source: int
    target: int
    local: float


@dataclass(frozen=True)
class NeuronResult:
    """Everything the dashboard shows for one state of the sliders (immutable)."""

    inputs: Mapping[str, float]
    activation: str
    z: float
    out: float
    slope: float  # f'(z) = ∂ŷ/∂z, the local gradient of the activation
    grads: Mapping[str, float]  # ∂ŷ/∂name for every input
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    check: GradCheckReport  # the engine's own report: ``rows``, ``ok``, ``eps``, ``tol``
    at_kink: bool  # ReLU evaluated so close to z = 0 that the centred difference straddles the kink
    target: float
    loss: float
    loss_grads: Mapping[str, float]  # ∂L/∂name for w1, w2, b
    curve_z: tuple[float, ...]
    curve_f: tuple[float, ...]
    tangent_z: tuple[float, float]
    tangent_f: tuple[float, float]


def activate(z: Value, activation: str) -> Value:
    """f(z) for one of ``ACTIVATIONS`` (identity returns ``z`` itself: no extra node)."""
    return activation_function(activation)(z)


def build_neuron(
    x1: Value, x2: Value, w1: Value, w2: Value, b: Value, activation: str
) -> tuple[Value, Value]:
    """Build ŷ = f(x1·w1 + x2·w2 + b) from the given leaves; returns (ŷ, z) with labelled nodes."""
    p1 = x1 * w1
    p1.label = "x1·w1"
    p2 = x2 * w2
    p2.label = "x2·w2"
    s = p1 + p2
    s.label = "s"
    z = s + b
    z.label = "z"
    out = activate(z, activation)
    out.label = "ŷ" if out is not z else "ŷ = z"
    return out, z


def compute(values: Mapping[str, float], activation: str, target: float) -> NeuronResult:
    """Run the neuron and its loss with micrograd_core and freeze what the engine computed.

    One graph holds ŷ and, on top of it, L = (ŷ − y*)². ``backward()`` runs twice on it: from ŷ for
    ∂ŷ/∂· (what the gradient, graph and curve views show) and from L for ∂L/∂· (what learning uses);
    these are different numbers, and ∂L/∂· cannot be recovered from ∂ŷ/∂· without re-deriving the
    chain rule here. The gradient check is the engine's ``grad_check``, which builds the neuron again
    for its own backward and for two forward evaluations per input (the centred differences).
    """
    leaves = {name: Value(values[name], label=name) for name in INPUT_NAMES}
    out, z = build_neuron(leaves["x1"], leaves["x2"], leaves["w1"], leaves["w2"], leaves["b"], activation)
    loss = (out - Value(target, label="y*")) ** 2

    out.backward()
    graph = trace(out)
    index = {id(v): i for i, v in enumerate(graph.nodes)}
    nodes = tuple(GraphNode(v.label, v.op, v.data, v.grad) for v in graph.nodes)
    edges = tuple(
        GraphEdge(index[id(src)], index[id(dst)], local)
        for dst in graph.nodes
        for src, local in zip(dst.inputs, dst.local_grads, strict=True)
    )
    grads = {name: leaves[name].grad for name in INPUT_NAMES}
    slope = z.grad

    loss.zero_grad()
    loss.backward()
    loss_grads = {name: leaves[name].grad for name in LEARNED}

    check = grad_check(
        lambda x1, x2, w1, w2, b: build_neuron(x1, x2, w1, w2, b, activation)[0],
        [values[n] for n in INPUT_NAMES],
        eps=CHECK_EPS,
        tol=CHECK_TOL,
        names=INPUT_NAMES,
        raise_on_failure=False,
    )
    reach = CHECK_EPS * max(1.0, abs(values["x1"]), abs(values["x2"]))
    at_kink = activation == "relu" and abs(z.data) <= reach

    curve_z, curve_f = activation_curve(activation, curve_origin(z.data))
    h = TANGENT_HALF_WIDTH
    return NeuronResult(
        inputs=MappingProxyType(dict(values)),
        activation=activation,
        z=z.data,
        out=out.data,
        slope=slope,
        grads=MappingProxyType(grads),
        nodes=nodes,
        edges=edges,
        check=check,
        at_kink=at_kink,
        target=target,
        loss=loss.data,
        loss_grads=MappingProxyType(loss_grads),
        curve_z=curve_z,
        curve_f=curve_f,
        tangent_z=(z.data - h, z.data + h),
        tangent_f=(out.data - slope * h, out.data + slope * h),
    )


def curve_origin(z: float) -> float:
    """Centre of the plotted z window: 0 while z is near, else z rounded (so the curve rarely changes)."""
    if abs(z) <= CURVE_HALF_WIDTH - 1.0:
        return 0.0
    return float(round(z))


@lru_cache(maxsize=64)
def activation_curve(activation: str, origin: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Samples of f(z) on [origin − 5, origin + 5], each computed by the engine's own activation."""
    lo = origin - CURVE_HALF_WIDTH
    step = 2.0 * CURVE_HALF_WIDTH / (CURVE_SAMPLES - 1)
    zs = tuple(lo + i * step for i in range(CURVE_SAMPLES))
    fs = tuple(activate(Value(z), activation).data for z in zs)
    return zs, fs
