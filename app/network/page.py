"""The network view, assembled: ``make_view(page)`` is what the page calls when the view is first shown.

``page`` is anything with a ``language`` parameter. The view's state is ``view.model`` (a
``NetworkModel``): the page's URL sync calls ``view.model.apply_query(query)`` and reads
``view.model.query_items()``. ``on_open_neuron(query)`` is called by "open in the neuron view" with the
neuron view's query items (x1, x2, w1, w2, b, act); the page switches views and applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import panel as pn
import param

from ..player import Player
from ..views.base import html_pane
from .messages import text
from .model import NetworkModel
from .views.controls import Settings, Transport
from .views.curves import Curves
from .views.data_plot import DataPlot
from .views.diagram import Diagram
from .views.trace import TracePanel
from .views.unit_map import UnitMap

FRAME_MS = 150  # Play's period; a frame's Python takes ~50 ms in CPython, ~100 ms in Pyodide
CARD_STYLES = {
    "background": "white",
    "border": "1px solid #e2e8f0",
    "border-radius": "10px",
    "padding": "6px",
    "min-width": "0",
}


def _card(*objects: pn.viewable.Viewable, grow: str = "1 1 380px") -> pn.Column:
    return pn.Column(*objects, sizing_mode="stretch_width", styles={**CARD_STYLES, "flex": grow}, margin=6)


def _row(*objects: pn.viewable.Viewable) -> pn.Row:
    return pn.Row(
        *objects,
        sizing_mode="stretch_width",
        margin=0,
        styles={"flex-wrap": "wrap", "align-items": "stretch"},
    )


class NetworkView(pn.viewable.Viewer):
    """The whole network view: data plot with Step/Play first (a phone's first screen), then the
    diagram, the curves, the traced point and the settings."""

    def __init__(
        self,
        page: param.Parameterized,
        model: NetworkModel | None = None,
        on_open_neuron: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        super().__init__()
        self.page = page
        self.model = model or NetworkModel()
        m = self.model
        self.transport = Transport(m, page)
        self.data_plot = DataPlot(m, page)
        self.diagram = Diagram(m, page)
        self.unit_map = UnitMap(m, page)
        self.curves = Curves(m, page)
        self.trace = TracePanel(m, page, on_open_neuron=on_open_neuron)
        self.settings = Settings(m, page)
        self.header = html_pane()
        self._relabel()
        page.param.watch(lambda _e: self._relabel(), "language")
        self.player = Player(m, period_ms=FRAME_MS) if pn.state.curdoc is not None else None  # type: ignore[arg-type]
        self._layout = pn.Column(
            self.header,
            _row(
                _card(self.transport, self.data_plot, grow="1 1 360px"),
                _card(self.diagram, self.unit_map, grow="1 1 360px"),
            ),
            _row(_card(self.curves), _card(self.trace)),
            _card(self.settings, grow="0 0 auto"),
            sizing_mode="stretch_width",
            css_classes=["mg-network-view"],
        )

    def _relabel(self) -> None:
        lang = str(self.page.language)
        self.header.object = (
            f'<h2 style="margin:4px 0">{escape(text("net_title", lang))}</h2>'
            f'<div class="mg-muted">{escape(text("net_subtitle", lang))}</div>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self._layout


def make_view(
    page: param.Parameterized, on_open_neuron: Callable[[dict[str, str]], None] | None = None
) -> NetworkView:
    """The network view for ``page`` (which has a ``language`` parameter); build it when first shown."""
    return NetworkView(page, on_open_neuron=on_open_neuron)
