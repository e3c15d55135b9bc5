"""The backward pass, one node at a time: what ``Value.backward()`` does, written down step by step.

``backward_steps(root)`` visits the nodes in the order ``backward()`` does (reverse topological
order, the root first) and records, for each node, the grad it passes on and every contribution
``local derivative × upstream grad`` it adds into an input, with the input's grad before and after.
It computes exactly what ``backward()`` computes, with the same floating-point operations in the same
order, but leaves every ``Value.grad`` untouched: replaying the contributions with ``+=`` from zero
gives ``backward()``'s grads bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Value, topological_order


@dataclass(frozen=True)
class Contribution:
    """``node`` adds ``product = local × upstream`` into the grad of its ``slot``-th input ``target``.

    ``before`` and ``after`` are the target's grad around this ``+=``: where a node feeds several
    others, they show the sum accumulating.
    """

    target: Value
    slot: int
    local: float  # ∂node/∂target, the engine's local_grads[slot]
    upstream: float  # node's grad, complete by the time backward reaches node
    product: float
    before: float
    after: float


@dataclass(frozen=True)
class BackwardStep:
    """One node of the backward pass: its complete ``grad`` and what it sends to its inputs."""

    node: Value
    grad: float
    contributions: tuple[Contribution, ...]


def forward_order(root: Value) -> tuple[Value, ...]:
    """The nodes in the order their data was computed: inputs first, ``root`` last."""
    return tuple(topological_order(root))


def backward_steps(root: Value) -> tuple[BackwardStep, ...]:
    """Every node ``root`` depends on, in ``backward()``'s order (root first), with its contributions.

    Leaves are steps too (with no contributions): ``backward()`` visits them and does nothing.
    """
    order = topological_order(root)
    grads = {v: 0.0 for v in order}
    grads[root] = 1.0
    steps: list[BackwardStep] = []
    for v in reversed(order):
        g = grads[v]
        contributions = []
        for slot, (target, local) in enumerate(zip(v.inputs, v.local_grads, strict=True)):
            product = local * g
            before = grads[target]
            after = before + product
            grads[target] = after
            contributions.append(Contribution(target, slot, local, g, product, before, after))
        steps.append(BackwardStep(v, g, tuple(contributions)))
    return tuple(steps)
