"""The classic backward() bugs, on purpose: the code learners write, run on the engine's graph.

The engine (``micrograd_core``) stays correct; these variants live here, in the teaching code.
Each returns every node's grad after the buggy backward pass, for the gradient check to judge.
"""

from __future__ import annotations

from micrograd_core import Value, topological_order

NONE = "none"
ASSIGN = "assign"  # grad = … instead of grad += …
TWICE = "twice"  # backward() twice without zero_grad() in between
MICROGRAD = "micrograd"  # micrograd 0.1.0's backward() twice: it re-propagates accumulated grads
BUGS: tuple[str, ...] = (NONE, ASSIGN, TWICE, MICROGRAD)


def grads_with_bug(root: Value, bug: str) -> dict[Value, float]:
    """Every node's grad after running ``bug``'s version of backward on ``root``'s graph."""
    order = topological_order(root)
    if bug == NONE:
        root.zero_grad()
        root.backward()
        return {v: v.grad for v in order}
    if bug == TWICE:
        root.zero_grad()
        root.backward()
        root.backward()  # the bug: no root.zero_grad() before the second call
        return {v: v.grad for v in order}
    if bug == ASSIGN:
        return _backward_assigning(order)
    if bug == MICROGRAD:
        grads = {v: 0.0 for v in order}
        _micrograd_backward(order, grads)
        _micrograd_backward(order, grads)
        return grads
    raise ValueError(f"unknown bug {bug!r}; choose one of {', '.join(BUGS)}")


def _backward_assigning(order: list[Value]) -> dict[Value, float]:
    """backward() with ``child.grad = …``: a node fed by several others keeps only the last one."""
    grads = {v: 0.0 for v in order}
    grads[order[-1]] = 1.0
    for v in reversed(order):
        for child, local in zip(v.inputs, v.local_grads, strict=True):
            grads[child] = local * grads[v]  # the bug: = instead of +=
    return grads


def _micrograd_backward(order: list[Value], grads: dict[Value, float]) -> None:
    """micrograd 0.1.0's backward(): root grad = 1, then each node adds local × its *accumulated* grad."""
    grads[order[-1]] = 1.0
    for v in reversed(order):
        for child, local in zip(v.inputs, v.local_grads, strict=True):
            grads[child] += local * grads[v]


def shared_nodes(root: Value) -> list[Value]:
    """Nodes that feed more than one input slot: where ``grad =`` loses contributions."""
    uses: dict[Value, int] = {}
    for v in topological_order(root):
        for child in v.inputs:
            uses[child] = uses.get(child, 0) + 1
    return [v for v, n in uses.items() if n > 1]
