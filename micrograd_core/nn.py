"""Neural-network building blocks, compatible with micrograd's ``nn`` module."""

from __future__ import annotations

import random
from collections.abc import Sequence

from .activations import ActivationName, activation_function, identity
from .engine import Value

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

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"
