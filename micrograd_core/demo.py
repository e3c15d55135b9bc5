"""``python -m micrograd_core.demo``: the seed notebook's neuron, forward and backward, printed once."""

from __future__ import annotations

from .engine import Value
from .gradcheck import grad_check
from .graph import trace


def neuron(x1: Value, x2: Value, w1: Value, w2: Value, b: Value) -> Value:
    """ŷ = ReLU(w1·x1 + w2·x2 + b), the seed notebook's neuron."""
    return (w1 * x1 + w2 * x2 + b).relu()


def main() -> None:
    names = ("x1", "x2", "w1", "w2", "b")
    point = (2.0, 3.0, 0.5, -0.5, 1.0)
    leaves = [Value(v, label=n) for v, n in zip(point, names, strict=True)]
    out = neuron(*leaves)
    out.backward()
    print(f"ŷ = ReLU(w1·x1 + w2·x2 + b) = {out.data}")
    for leaf in leaves:
        print(f"  ∂ŷ/∂{leaf.label:<2} = {leaf.grad:+.4f}")
    print("\nThe graph, inputs first (each node: op, data, grad):")
    for node in trace(out).nodes:
        print(f"  {node.label or node.op:>6}  data={node.data:+.4f}  grad={node.grad:+.4f}")
    print("\nGradient check (autograd vs centred differences):")
    print(grad_check(neuron, point, names=names))


if __name__ == "__main__":
    main()
