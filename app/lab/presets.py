"""One-click examples for the lab (the issue's list): expression text and variable values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """``key`` names the preset's label in the message catalogue (``lab_preset_<key>``)."""

    key: str
    text: str
    values: tuple[tuple[str, float], ...]


PRESETS: tuple[Preset, ...] = (
    Preset("tanh_abc", "(a*b + c).tanh()", (("a", 2.0), ("b", -3.0), ("c", 5.0))),
    Preset(
        "seed_neuron",
        "(x1*w1 + x2*w2 + b).relu()",
        (("x1", 2.0), ("w1", 0.5), ("x2", 3.0), ("w2", -0.5), ("b", 1.0)),
    ),
    Preset(
        "lecture_neuron",
        "tanh(x1*w1 + x2*w2 + b)",
        (("x1", 2.0), ("w1", -3.0), ("x2", 0.0), ("w2", 1.0), ("b", 6.8813735870195432)),
    ),
    Preset("square", "a*a", (("a", -3.0),)),
    Preset("difference_of_squares", "(a + b)*(a − b)", (("a", 2.0), ("b", -3.0))),
    Preset("softplus", "log(1 + exp(x))", (("x", 0.5),)),
    Preset("sigmoid", "sigmoid(x)", (("x", 0.5),)),
    Preset("sigmoid_by_hand", "1/(1 + exp(−x))", (("x", 0.5),)),
)
DEFAULT = PRESETS[0]


def preset(key: str) -> Preset:
    """The preset called ``key``; KeyError naming the choices otherwise."""
    for p in PRESETS:
        if p.key == key:
            return p
    raise KeyError(f"no preset {key!r}; choose one of {', '.join(p.key for p in PRESETS)}")
