"""What every part of the network view shares: the model, the page's language, in-place updates."""

from __future__ import annotations

import panel as pn
import param

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


class Part(pn.viewable.Viewer):
    """A piece of the view: ``update(result)`` on every result, ``relabel(lang)`` on a language switch.

    ``page`` is anything with a ``language`` parameter ("en" or "fr").
    """

    model = param.ClassSelector(class_=NetworkModel, doc="the state this part shows")

    def __init__(self, model: NetworkModel, page: param.Parameterized, **params: object) -> None:
        super().__init__(model=model, **params)
        self.page = page
        self._build()
        self.relabel(self.lang)
        self.update(model.current)
        model.param.watch(lambda e: self.update(e.new), "result")
        page.param.watch(self._on_language, "language")

    @property
    def lang(self) -> str:
        return str(self.page.language)

    def _on_language(self, _event: param.parameterized.Event) -> None:
        self.relabel(self.lang)
        self.update(self.model.current)

    def _build(self) -> None:
        raise NotImplementedError

    def update(self, result: NetworkResult) -> None:
        raise NotImplementedError

    def relabel(self, lang: str) -> None:
        """Translate the fixed labels; text made in ``update`` needs nothing."""
