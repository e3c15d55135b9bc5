"""What every part of the network view shares: colours, and the common ``View`` of a ``NetworkModel``."""

from __future__ import annotations

from typing import ClassVar

from ...common.view import View
from ..model import NetworkModel, NetworkResult

CLASS_COLORS = ("#dd6b20", "#2b6cb0")  # class 0 orange, class 1 blue: the neuron view's sign colours


def diverging_palette(low: str = CLASS_COLORS[0], high: str = CLASS_COLORS[1], steps: int = 64) -> list[str]:
    """``steps`` colours from ``low`` through white to ``high`` (light, so points stay visible on top)."""

    def rgb(color: str) -> tuple[int, int, int]:
        return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)

    def mix(a: tuple[int, int, int], t: float) -> str:
        # towards white, keeping at most 45% of the colour
        return "#" + "".join(f"{round(255 + (c - 255) * 0.45 * t):02x}" for c in a)

    half = steps // 2
    lows = [mix(rgb(low), 1 - i / half) for i in range(half)]
    highs = [mix(rgb(high), (i + 1) / half) for i in range(half)]
    return lows + highs


class Part(View[NetworkModel]):
    """A piece of the network view: draws ``update(result)`` on every new result of the model."""

    watches: ClassVar[tuple[str, ...]] = ("result",)

    @property
    def model(self) -> NetworkModel:
        return self.state

    def refresh(self) -> None:
        self.update(self.state.current)

    def update(self, result: NetworkResult) -> None:
        raise NotImplementedError
