"""Independent references for the app's tests: the neuron built with micrograd_core.nn, and plain-math
centred differences (no micrograd_core at all)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from micrograd_core import Value
from micrograd_core.nn import Neuron

SEED = {"x1": 2.0, "x2": 3.0, "w1": 0.5, "w2": -0.5, "b": 1.0}
NAMES = ("x1", "x2", "w1", "w2", "b")
PLAIN: dict[str, Callable[[float], float]] = {
    "relu": lambda z: max(0.0, z),
    "tanh": math.tanh,
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "identity": lambda z: z,
}


def engine_neuron(values: Mapping[str, float], activation: str) -> tuple[float, float, dict[str, float]]:
    """(ŷ, z, ∂ŷ/∂ each input) from micrograd_core.nn.Neuron with the weights and bias set by hand."""
    neuron = Neuron(2, activation=activation)  # type: ignore[arg-type]
    neuron.w = [Value(values["w1"]), Value(values["w2"])]
    neuron.b = Value(values["b"])
    xs = [Value(values["x1"]), Value(values["x2"])]
    out = neuron(xs)
    out.backward()
    z = values["w1"] * values["x1"] + values["w2"] * values["x2"] + values["b"]
    grads = {
        "x1": xs[0].grad,
        "x2": xs[1].grad,
        "w1": neuron.w[0].grad,
        "w2": neuron.w[1].grad,
        "b": neuron.b.grad,
    }
    return out.data, z, grads


def plain_output(values: Mapping[str, float], activation: str) -> float:
    z = values["w1"] * values["x1"] + values["w2"] * values["x2"] + values["b"]
    return PLAIN[activation](z)


def centred_difference(values: Mapping[str, float], activation: str, name: str, eps: float = 1e-6) -> float:
    up = {**values, name: values[name] + eps}
    down = {**values, name: values[name] - eps}
    return (plain_output(up, activation) - plain_output(down, activation)) / (2 * eps)
