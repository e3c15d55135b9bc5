"""The network view as the page shows it: ``make_view(page)``, registered in ``app/views_registry.py``.

The view's ``state`` is its ``NetworkModel`` (an ``app.common.url.UrlState``: the page's URL sync
calls ``apply_query`` / ``query_items``). "Open in the neuron view" calls ``on_open_neuron(query)``
with the neuron view's query items (x1, x2, w1, w2, b, act); by default the page shows the neuron
view with them (``PageState.open_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import panel as pn

from ..common.widgets import HtmlBox, card, muted, wrapping_row
from ..neuron.player import Player
from ..page import PageState
from .messages import text
from .model import NetworkModel
from .views.controls import Settings, Transport
from .views.curves import Curves
from .views.data_plot import DataPlot
from .views.diagram import Diagram
from .views.trace import TracePanel
from .views.unit_map import UnitMap

FRAME_MS = 150  # Play's period; a frame's Python takes ~50 ms in CPython, ~100 ms in Pyodide
OpenNeuron = Callable[[dict[str, str]], None]


class NetworkView(pn.viewable.Viewer):
    """The data plot with Step/Play first (a phone's first screen), then the diagram and a hidden
    unit's map, the curves, the traced point and the settings."""

    def __init__(
        self, page: PageState, model: NetworkModel | None = None, on_open_neuron: OpenNeuron | None = None
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.page = page
        self.state = model or NetworkModel()
        m = self.state
        self.transport = Transport(m, page)
        self.data_plot = DataPlot(m, page)
        self.diagram = Diagram(m, page)
        self.unit_map = UnitMap(m, page)
        self.curves = Curves(m, page)
        self.trace = TracePanel(m, page, on_open_neuron=on_open_neuron)
        self.settings = Settings(m, page)
        self.header = HtmlBox()
        self._relabel()
        page.param.watch(lambda _e: self._relabel(), "language")
        self.layout = pn.Column(
            self.header,
            wrapping_row(
                card(self.transport, self.data_plot, grow="1 1 360px"),
                card(self.diagram, self.unit_map, grow="1 1 360px"),
            ),
            wrapping_row(card(self.curves), card(self.trace)),
            card(self.settings, grow="0 0 auto"),
            sizing_mode="stretch_width",
            css_classes=["mg-network-view"],
        )

    @property
    def model(self) -> NetworkModel:
        return self.state

    def _relabel(self) -> None:
        lang = self.page.language
        self.header.object = f'<h2 style="margin:4px 0">{escape(text("net_title", lang))}</h2>' + muted(
            text("net_subtitle", lang)
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.layout


def make_view(page: PageState, on_open_neuron: OpenNeuron | None = None) -> NetworkView:
    """The network view of ``page`` (the registry's factory); Play animates only on a live page.

    "Open in the neuron view" calls ``on_open_neuron(query)``; by default the page shows the neuron
    view with that query (``PageState.open_view``).
    """

    def open_neuron(query: dict[str, str]) -> None:
        page.open_view("neuron", query)

    view = NetworkView(page, on_open_neuron=on_open_neuron or open_neuron)
    if pn.state.curdoc is not None:  # a served page or the Pyodide build, not a test building the layout
        Player(view.state)
    return view
