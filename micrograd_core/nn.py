"""Neural-network building blocks, compatible with micrograd's ``nn`` module."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence

from .activations import ActivationName, activation_function, identity
from .engine import Value, stable_sigmoid

Input = Value | float


class Module:
    """Anything with parameters: ``parameters()`` lists them, ``zero_grad()`` resets their grads."""

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self) -> list[Value]:
        return []


class Neuron(Module):
    """act(w · x + b), with weights drawn uniformly from [-1, 1] and the bias starting at 0.

    ``nonlin=False`` makes it linear, as in micrograd; ``activation`` picks relu (default), tanh,
    sigmoid or linear (``micrograd_core.activations``).
    """

    def __init__(self, nin: int, nonlin: bool = True, activation: ActivationName = "relu") -> None:
        if isinstance(nin, bool) or not isinstance(nin, int) or nin < 1:
            raise ValueError(f"Neuron needs nin ≥ 1 inputs, got {nin!r}")
        activate = activation_function(activation)  # a ValueError naming the choices for an unknown name
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.nonlin = nonlin
        self.activation: ActivationName = activation if nonlin else "linear"
        self._activate = activate if nonlin else identity

    def __call__(self, x: Sequence[Input]) -> Value:
        if len(x) != len(self.w):
            raise ValueError(f"Neuron expects {len(self.w)} inputs, got {len(x)}")
        act = self.b
        for wi, xi in zip(self.w, x, strict=True):
            act = act + wi * xi
        return self._activate(act)

    def evaluate(self, x: Sequence[float]) -> float:
        """The same number as ``self(x).data``, bit for bit, computed with floats: no graph, no grads."""
        return _evaluate_layers([[_frozen(self)]], _float_inputs(x, len(self.w)))[0]

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]

    def __repr__(self) -> str:
        kind = "ReLU" if self.activation == "relu" else self.activation.capitalize()
        return f"{kind}Neuron({len(self.w)})"


class Layer(Module):
    """``nout`` independent neurons that read the same inputs."""

    def __init__(self, nin: int, nout: int, **kwargs: object) -> None:
        if isinstance(nout, bool) or not isinstance(nout, int) or nout < 1:
            raise ValueError(f"Layer needs nout ≥ 1 neurons, got {nout!r}")
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]  # type: ignore[arg-type]

    def __call__(self, x: Sequence[Input]) -> Value | list[Value]:
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def evaluate(self, x: Sequence[float]) -> float | list[float]:
        """``self(x)``'s data, bit for bit, computed with floats (a float for a one-neuron layer)."""
        out = _evaluate_layers([[_frozen(n) for n in self.neurons]], _float_inputs(x, len(self.neurons[0].w)))
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):
    """A stack of layers; every layer is non-linear except the last, as in micrograd."""

    def __init__(self, nin: int, nouts: Sequence[int], activation: ActivationName = "relu") -> None:
        sizes = [nin, *nouts]
        self.layers = [
            Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1, activation=activation)
            for i in range(len(nouts))
        ]

    def __call__(self, x: Sequence[Input]) -> Value | list[Value]:
        out: Value | list[Value] = list(x)  # type: ignore[arg-type]
        for layer in self.layers:
            out = layer(out if isinstance(out, list) else [out])
        return out

    def evaluate(self, x: Sequence[float]) -> float | list[float]:
        """``self(x)``'s data, bit for bit (same operations in the same order), computed with floats.

        No graph is built, so it is several times faster than the ``Value`` forward; use it where no
        gradient is wanted (plotting a decision boundary). Raises what the ``Value`` forward raises:
        ValueError for a non-finite input, OverflowError where a pre-activation overflows.
        """
        out = self.evaluate_many([x])[0]
        return out

    def evaluate_many(self, points: Iterable[Sequence[float]]) -> list[float | list[float]]:
        """``evaluate`` for each point, reading the parameters once (they must not change meanwhile)."""
        outputs = self.evaluate_layers(points)[-1]
        if len(outputs) == 1:
            return list(outputs[0])
        return [list(row) for row in zip(*outputs, strict=True)]

    def evaluate_layers(self, points: Iterable[Sequence[float]]) -> list[list[list[float]]]:
        """Every neuron's output at every point, graph-free: ``result[layer][neuron][point]``.

        The last layer's outputs are what ``evaluate_many`` returns; the hidden ones show what each
        unit computes (e.g. its own heat map over a grid). Bit for bit the ``Value`` forward's data.
        """
        layers = [[_frozen(n) for n in layer.neurons] for layer in self.layers]
        nin = len(self.layers[0].neurons[0].w)
        rows = list(points)
        if not rows:
            return [[[] for _ in layer] for layer in layers]
        return _evaluate_columns(layers, _float_columns(rows, nin))

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"


# ----------------------------------------------------------------- graph-free evaluation
# The float twin of each activation, over a column of pre-activations: exactly the arithmetic the
# Value method performs on its data.
_FLOAT_ACTIVATIONS: dict[str, Callable[[list[float]], list[float]]] = {
    "relu": lambda zs: [z if z > 0.0 else 0.0 for z in zs],
    "tanh": lambda zs: list(map(math.tanh, zs)),
    "sigmoid": lambda zs: list(map(stable_sigmoid, zs)),
    "identity": lambda zs: zs,
    "linear": lambda zs: zs,
}
_FrozenNeuron = tuple[float, list[float], Callable[[list[float]], list[float]]]


def _frozen(n: Neuron) -> _FrozenNeuron:
    """A neuron's bias, weights and float activation, read once."""
    return (n.b.data, [w.data for w in n.w], _FLOAT_ACTIVATIONS[n.activation])


def _float_inputs(x: Sequence[float], nin: int) -> list[float]:
    if len(x) != nin:
        raise ValueError(f"the network expects {nin} inputs, got {len(x)}")
    values = [float(v) for v in x]
    for v in values:
        if v - v != 0.0:
            raise ValueError(f"inputs must be finite numbers, got {v!r}")
    return values


def _float_columns(rows: list[Sequence[float]], nin: int) -> list[list[float]]:
    """The inputs of many points as ``nin`` columns of floats, checked like ``_float_inputs``."""
    for x in rows:
        if len(x) != nin:
            raise ValueError(f"the network expects {nin} inputs, got {len(x)}")
    columns = [list(map(float, column)) for column in zip(*rows, strict=True)]
    for column in columns:
        if not all(map(math.isfinite, column)):
            bad = next(v for v in column if not math.isfinite(v))
            raise ValueError(f"inputs must be finite numbers, got {bad!r}")
    return columns


def _evaluate_layers(layers: Sequence[Sequence[_FrozenNeuron]], x: list[float]) -> list[float]:
    """One input vector through ``layers``; see ``_evaluate_columns``."""
    return [column[0] for column in _evaluate_columns(layers, [[xi] for xi in x])[-1]]


def _evaluate_columns(
    layers: Sequence[Sequence[_FrozenNeuron]], columns: list[list[float]]
) -> list[list[list[float]]]:
    """Many inputs at once, one column per input feature (column j = feature j of every point).

    Each neuron computes what ``Neuron.__call__`` computes — b, then + w·x term by term, then the
    activation — for every point at once: the same operations in the same order, so the same bits,
    with one list comprehension per weight instead of one Python-level loop per point.
    """
    outputs = []
    for layer in layers:
        out = []
        for b, ws, f in layer:
            act = [b] * len(columns[0])
            for w, column in zip(ws, columns, strict=True):
                act = [a + w * xi for a, xi in zip(act, column, strict=True)]
            if not all(map(math.isfinite, act)):  # where the Value forward raises, so do we
                bad = next(z for z in act if not math.isfinite(z))
                raise OverflowError(f"a pre-activation overflows a float (gives {bad!r})")
            out.append(f(act))
        columns = out
        outputs.append(out)
    return outputs
