"""Activation functions by name: the one table that ``nn`` and the dashboard both read.

``"linear"`` is micrograd's name for the identity (``Neuron(nonlin=False)``); it is kept as an
alias so that micrograd code runs unchanged, while ``ACTIVATION_NAMES`` lists each function once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Literal

from .engine import Value

ActivationName = Literal["relu", "tanh", "sigmoid", "identity", "linear"]


def identity(z: Value) -> Value:
    """f(z) = z: returns ``z`` itself, so the graph gains no node."""
    return z


ACTIVATIONS: Mapping[str, Callable[[Value], Value]] = MappingProxyType(
    {
        "relu": Value.relu,
        "tanh": Value.tanh,
        "sigmoid": Value.sigmoid,
        "identity": identity,
        "linear": identity,  # micrograd's name
    }
)
ACTIVATION_NAMES: tuple[str, ...] = tuple(name for name in ACTIVATIONS if name != "linear")  # each once


def activation_function(name: str) -> Callable[[Value], Value]:
    """The function called ``name``; a ``ValueError`` naming the choices when there is none."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown activation {name!r}; choose one of {tuple(ACTIVATIONS)}") from None
