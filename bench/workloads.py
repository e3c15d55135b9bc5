"""The benchmark's workloads, written once for any micrograd-style engine (micrograd_core or micrograd).

Each workload takes an ``Engine`` (its ``Value`` class and its ``MLP``), builds exactly the same
computation on either engine from the same seeded numbers, runs it, and returns a few numbers that
must agree between engines (``check``). Only operations both engines have are used: ``+ * relu``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SEED = 1337


@dataclass(frozen=True)
class Engine:
    name: str
    Value: Any  # the engine's Value class
    MLP: Any  # the engine's nn.MLP class


def load_engine(name: str) -> Engine:
    """``"ours"`` → micrograd_core, ``"micrograd"`` → micrograd 0.1.0 from PyPI."""
    if name == "ours":
        from micrograd_core import Value
        from micrograd_core.nn import MLP
    elif name == "micrograd":
        from micrograd.engine import Value  # type: ignore[no-redef]
        from micrograd.nn import MLP  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown engine {name!r}; choose 'ours' or 'micrograd'")
    return Engine(name, Value, MLP)


# ----------------------------------------------------------------- wide graph


def wide_graph(engine: Engine, ops: int) -> Callable[[], list[float]]:
    """Sum of ops/2 products of 300 leaves, summed as a balanced tree (depth ≈ 17): build + backward."""
    rng = random.Random(SEED)
    data = [rng.uniform(-1.0, 1.0) for _ in range(300)]
    products = ops // 2

    def run() -> list[float]:
        leaves = [engine.Value(x) for x in data]
        n = len(leaves)
        level = [leaves[k % n] * leaves[(7 * k + 3) % n] for k in range(products)]
        while len(level) > 1:
            paired = [level[i] + level[i + 1] for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                paired.append(level[-1])
            level = paired
        root = level[0]
        root.backward()
        return [root.data, leaves[0].grad, leaves[-1].grad, math.fsum(v.grad for v in leaves)]

    return run


def wide_graph_op_count(ops: int) -> int:
    """Operations wide_graph(ops) performs: ops/2 products and ops/2 − 1 additions."""
    return ops // 2 + (ops // 2 - 1)


# ----------------------------------------------------------------- chain


def chain(engine: Engine, ops: int) -> Callable[[], list[float]]:
    """v ← v·1.000001, then v ← v + 0.001, alternating, ``ops`` operations deep from one leaf: build +
    backward. micrograd's recursive topological sort fails here beyond ~1,000 levels."""

    def run() -> list[float]:
        x = engine.Value(0.5)
        v = x
        for k in range(ops):
            v = v * 1.000001 if k % 2 == 0 else v + 0.001
        v.backward()
        return [v.data, x.grad]

    return run


# ----------------------------------------------------------------- micrograd's moons demo


def make_moons(n: int = 100, noise: float = 0.1, seed: int = SEED) -> tuple[list[list[float]], list[float]]:
    """Two interleaving half circles (as sklearn's make_moons) and labels ±1, from a seeded RNG."""
    rng = random.Random(seed)
    half = n // 2
    points: list[list[float]] = []
    labels: list[float] = []
    for i in range(n):
        outer = i < half
        count = half if outer else n - half
        t = math.pi * (i if outer else i - half) / max(count - 1, 1)
        x, y = (math.cos(t), math.sin(t)) if outer else (1.0 - math.cos(t), 0.5 - math.sin(t))
        points.append([x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise)])
        labels.append(-1.0 if outer else 1.0)
    return points, labels


def mlp_epoch(engine: Engine, points: int) -> Callable[[], list[float]]:
    """One step of micrograd's demo: MLP(2,[16,16,1]) forward on every point, SVM max-margin loss +
    1e-4·L2, zero_grad, backward, SGD update with lr = 1 − 0.9·0/100."""
    X, y = make_moons(points)
    model = engine.MLP(2, [16, 16, 1])
    parameters = model.parameters()
    rng = random.Random(SEED + 1)
    for p in parameters:  # the same initial weights on both engines, whatever their own RNG use
        p.data = rng.uniform(-1.0, 1.0)
    learning_rate = 1.0 - 0.9 * 0 / 100

    def run() -> list[float]:
        inputs = [[engine.Value(a) for a in row] for row in X]
        scores = [model(row) for row in inputs]
        losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum(p * p for p in parameters)
        total = data_loss + reg_loss
        accuracy = sum((yi > 0) == (si.data > 0) for yi, si in zip(y, scores, strict=True)) / len(y)
        model.zero_grad()
        total.backward()
        for p in parameters:
            p.data -= learning_rate * p.grad
        return [total.data, accuracy, math.fsum(p.data for p in parameters), parameters[0].data]

    return run


WORKLOADS: dict[str, Callable[[Engine, int], Callable[[], list[float]]]] = {
    "wide": wide_graph,
    "chain": chain,
    "mlp": mlp_epoch,
}
