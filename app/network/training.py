"""The network's maths, done by ``micrograd_core``: build, loss, backward, update, evaluate, trace.

``Trainer`` owns one ``MLP``. Its gradients are always those of the current weights: ``step()``
applies them (w ← w − η·∂L/∂w), then runs forward + backward again at the new weights, so the
loss and every ∂L/∂w shown belong to the weights shown. A step that would leave the floats or make
the weights explode is refused: the weights stay as they were and ``step()`` says why.
Everything that needs no gradient (metrics, the boundary, hidden units) uses the graph-free
``MLP.evaluate_layers``.
"""

from __future__ import annotations

import gc
import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from micrograd_core import Value, bce_with_logits, max_margin
from micrograd_core.nn import MLP, Neuron

from .datasets import DOMAIN, Point

LOSSES: tuple[str, ...] = ("svm", "bce")
ACTIVATIONS: tuple[str, ...] = ("relu", "tanh", "sigmoid")
MAX_HIDDEN_LAYERS = 3
NEURONS_BOUNDS = (1, 8)
GRID = 50  # the boundary heat map is GRID × GRID cells over DOMAIN × DOMAIN
EXPLODED_WEIGHT = 1e6
EXPLODED_LOSS = 1e12


@dataclass(frozen=True)
class Config:
    """What defines a run: the architecture, the loss, the optimiser's settings and the seed."""

    hidden: tuple[int, ...] = (8, 8)
    activation: str = "relu"
    loss: str = "svm"
    lr: float = 0.1
    l2: float = 1e-4
    batch: int = 0  # 0: full batch
    seed: int = 1


@dataclass(frozen=True)
class Metrics:
    """Mean data loss (no L2) and accuracy on a set of points; None for an empty set."""

    loss: float | None
    accuracy: float | None


@dataclass(frozen=True)
class PointTrace:
    """One point through the network: each neuron's pre-activation z and output, and that point's
    loss's gradient to every parameter (``grads[layer][neuron]`` = (∂/∂w1, …, ∂/∂b))."""

    index: int
    point: Point
    pre: tuple[tuple[float, ...], ...]
    out: tuple[tuple[float, ...], ...]
    score: float
    loss: float
    grads: tuple[tuple[tuple[float, ...], ...], ...]


def point_loss(score: Value, label: int, loss: str) -> Value:
    """The loss of one point of class ``label`` (0 or 1) whose score (logit) is ``score``."""
    if loss == "svm":
        return max_margin(score, 2 * label - 1)
    return bce_with_logits(score, label)


def grid_centres() -> list[float]:
    lo, hi = DOMAIN
    cell = (hi - lo) / GRID
    return [lo + (i + 0.5) * cell for i in range(GRID)]


GRID_POINTS: tuple[tuple[float, float], ...] = tuple(
    (x1, x2) for x2 in grid_centres() for x1 in grid_centres()
)


class Diverged(Exception):
    """A step was refused; ``key`` names the reason (a message key), ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class Trainer:
    """An MLP(2, [*hidden, 1]) on a set of points, trained by gradient descent with the engine."""

    def __init__(self, config: Config, points: Sequence[Point]) -> None:
        self.config = config
        self.points: tuple[Point, ...] = tuple(points)
        self.mlp = MLP(2, [*config.hidden, 1], activation=config.activation)  # type: ignore[arg-type]
        rng = random.Random(f"{config.seed}:init")  # not the global generator: a link reproduces the run
        for neuron in self.neurons():
            for w in neuron.w:
                w.data = rng.uniform(-1.0, 1.0)  # micrograd's initialisation; biases start at 0
            neuron.b.data = 0.0
        self.steps = 0
        self.objective = math.inf
        self.grads: list[float] = []
        self.compute_gradients()

    # ----------------------------------------------------------------- the engine's part
    def neurons(self) -> list[Neuron]:
        return [n for layer in self.mlp.layers for n in layer.neurons]

    def batch(self) -> list[Point]:
        """The points of the next step: every training point, or a mini-batch drawn from the seed."""
        train = [p for p in self.points if not p.test]
        size = self.config.batch
        if size <= 0 or size >= len(train):
            return train
        return random.Random(f"{self.config.seed}:batch:{self.steps}").sample(train, size)

    def compute_gradients(self) -> None:
        """Forward + backward of the objective at the current weights: mean loss over the batch + L2·Σw²."""
        params = self.mlp.parameters()
        batch = self.batch()
        self.mlp.zero_grad()
        if not batch:  # no training point left: nothing to learn
            self.objective, self.grads = 0.0, [0.0] * len(params)
            return
        with _acyclic_graph():
            losses = [point_loss(self.score(p), p.label, self.config.loss) for p in batch]
            total = sum(losses, Value(0.0)) * (1.0 / len(losses))
            if self.config.l2 > 0.0:
                total = total + self.config.l2 * sum((p * p for p in params), Value(0.0))
            total.backward()
            self.objective = total.data
            self.grads = [p.grad for p in params]
            del losses, total  # freed here by reference counting, node by node

    def score(self, point: Point) -> Value:
        return _one(self.mlp([point.x1, point.x2]))

    def step(self) -> None:
        """One update w ← w − η·∂L/∂w, then the gradients at the new weights; raises Diverged (and
        keeps the weights) when that leaves the floats or explodes."""
        params = self.mlp.parameters()
        old = [p.data for p in params]
        old_objective, old_grads = self.objective, self.grads
        if not all(math.isfinite(g) for g in self.grads):
            raise Diverged("net_diverged_grads", lr=self.config.lr)
        new = [w - self.config.lr * g for w, g in zip(old, self.grads, strict=True)]
        largest = max((abs(w) for w in new), default=0.0)
        if not largest < EXPLODED_WEIGHT:  # also catches inf and NaN
            raise Diverged("net_diverged_weights", lr=self.config.lr, limit=EXPLODED_WEIGHT)
        for p, w in zip(params, new, strict=True):
            p.data = w
        self.steps += 1
        try:
            self.compute_gradients()
            if not self.objective < EXPLODED_LOSS:
                raise Diverged("net_diverged_loss", lr=self.config.lr, loss=self.objective)
        except (OverflowError, Diverged) as exc:
            for p, w in zip(params, old, strict=True):
                p.data = w
            self.steps -= 1
            self.objective, self.grads = old_objective, old_grads
            if isinstance(exc, Diverged):
                raise
            raise Diverged("net_diverged_overflow", lr=self.config.lr) from exc

    # ----------------------------------------------------------------- graph-free views of the network
    def weights(self) -> tuple[tuple[tuple[float, ...], ...], ...]:
        """``[layer][neuron]`` = (w1, …, b), as the engine stores them."""
        return tuple(
            tuple((*(w.data for w in n.w), n.b.data) for n in layer.neurons) for layer in self.mlp.layers
        )

    def grads_by_neuron(self) -> tuple[tuple[tuple[float, ...], ...], ...]:
        """The objective's ∂L/∂(w1, …, b), shaped like ``weights()``."""
        flat = iter(self.grads)
        return tuple(
            tuple(tuple(next(flat) for _ in range(len(n.w) + 1)) for n in layer.neurons)
            for layer in self.mlp.layers
        )

    def evaluate(self, xs: Sequence[tuple[float, float]]) -> list[list[list[float]]]:
        """Every neuron's output at every (x1, x2), without a graph: ``[layer][neuron][point]``."""
        return self.mlp.evaluate_layers(xs)

    def trace(self, index: int) -> PointTrace:
        """Point ``index`` forward through every neuron, then its own loss's backward."""
        point = self.points[index]
        self.mlp.zero_grad()
        inputs: list[Value | float] = [point.x1, point.x2]
        pre, out = [], []
        for layer in self.mlp.layers:
            values = [n(inputs) for n in layer.neurons]
            # each output is the activation node; its input is z (a linear neuron's output is z)
            pre.append(
                tuple(
                    (v.inputs[0] if n.activation != "linear" else v).data
                    for n, v in zip(layer.neurons, values, strict=True)
                )
            )
            out.append(tuple(v.data for v in values))
            inputs = list(values)
        score = _one(inputs)
        loss = point_loss(score, point.label, self.config.loss)
        loss.backward()
        grads = tuple(
            tuple((*(w.grad for w in n.w), n.b.grad) for n in layer.neurons) for layer in self.mlp.layers
        )
        self.mlp.zero_grad()
        return PointTrace(index, point, tuple(pre), tuple(out), score.data, loss.data, grads)


@contextmanager
def _acyclic_graph() -> Iterator[None]:
    """Pause the cyclic garbage collector while a graph is built and walked.

    A graph's nodes only point to their inputs, so it has no cycles and reference counting frees it;
    but its ~20,000 new objects trigger many collections, each scanning them all (measured in
    CPython 3.11: the training step ~35 ms instead of ~55 ms, and far smaller spikes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _one(out: object) -> Value:
    """The network's single output (it always ends in one neuron)."""
    if isinstance(out, list) and len(out) == 1:
        out = out[0]
    if not isinstance(out, Value):
        raise TypeError(f"expected the network's one output Value, got {out!r}")
    return out


def metrics(points: Sequence[Point], scores: Sequence[float], loss: str) -> Metrics:
    """Mean loss and accuracy (score > 0 ⇔ class 1) of ``points`` given their scores."""
    if not points:
        return Metrics(None, None)
    total = math.fsum(point_loss(Value(s), p.label, loss).data for p, s in zip(points, scores, strict=True))
    right = sum((s > 0.0) == (p.label == 1) for p, s in zip(points, scores, strict=True))
    return Metrics(total / len(points), right / len(points))


def dead_units(
    config: Config, hidden_outputs: Sequence[Sequence[Sequence[float]]]
) -> tuple[tuple[int, int], ...]:
    """(layer, neuron) of every hidden ReLU unit whose output is 0 at every training point: its
    gradient is 0 everywhere, so training can no longer revive it."""
    if config.activation != "relu":
        return ()
    return tuple(
        (li, ni)
        for li, layer in enumerate(hidden_outputs)
        for ni, column in enumerate(layer)
        if column and not any(column)
    )
