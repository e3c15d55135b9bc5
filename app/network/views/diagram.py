"""The network diagram: nodes coloured by their output for the traced point, edges by the sign and
size of their weight; hover shows w and ∂L/∂w; a tap on a hidden neuron shows what it computes."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import panel as pn
from bokeh.events import Tap
from bokeh.models import ColumnDataSource, HoverTool

from ...common.widgets import HtmlBox, plain_figure
from ..diagram import diagram, nearest_hidden_unit
from ..messages import number, text
from ..model import NetworkResult
from .base import CLASS_COLORS, Part, diverging_palette

NODE_PALETTE = diverging_palette(steps=64)
UNKNOWN = "#edf2f7"
DEAD = "#c53030"


def node_color(value: float | None) -> str:
    """Orange for −1, white for 0, blue for +1 (clipped beyond)."""
    if value is None:
        return UNKNOWN
    t = min(max((value + 1.0) / 2.0, 0.0), 1.0)
    return NODE_PALETTE[min(int(t * len(NODE_PALETTE)), len(NODE_PALETTE) - 1)]


class Diagram(Part):
    """``nodes``, ``edges`` and ``edge_dots`` sources; the dots carry the edges' hover text."""

    def build(self) -> None:
        self.nodes = ColumnDataSource(
            data={k: [] for k in ("x", "y", "color", "line", "width", "name", "value", "b", "gb")}
        )
        self.edges = ColumnDataSource(data={k: [] for k in ("x0", "y0", "x1", "y1", "color", "width")})
        self.edge_dots = ColumnDataSource(data={k: [] for k in ("x", "y", "color", "name", "w", "g")})
        fig = plain_figure(height=300, min_border=4)
        fig.css_classes = ["mg-net-diagram"]
        fig.axis.visible = False
        fig.grid.visible = False
        fig.segment(
            x0="x0",
            y0="y0",
            x1="x1",
            y1="y1",
            color="color",
            line_width="width",
            source=self.edges,
            alpha=0.7,
        )
        dots = fig.scatter(x="x", y="y", source=self.edge_dots, size=6, color="color", alpha=0.8)
        nodes = fig.scatter(
            x="x",
            y="y",
            source=self.nodes,
            size=26,
            fill_color="color",
            line_color="line",
            line_width="width",
        )
        fig.add_tools(
            HoverTool(renderers=[dots], tooltips=[("", "@name"), ("w", "@w"), ("∂L/∂w", "@g")]),
            HoverTool(
                renderers=[nodes], tooltips=[("", "@name"), ("out", "@value"), ("b", "@b"), ("∂L/∂b", "@gb")]
            ),
        )
        fig.on_event(Tap, self._on_tap)
        self.figure = fig
        self.note = HtmlBox()
        self._shape: tuple[tuple[int, ...], str] | None = None

    def _on_tap(self, event: Tap) -> None:
        if event.x is None or event.y is None:
            return
        unit = nearest_hidden_unit(self.model.current, float(event.x), float(event.y))
        if unit is not None:
            with pn.io.hold():
                self.model.selected_unit = unit

    def relabel(self, lang: str) -> None:
        self.figure.title.text = text("net_diagram_title", lang)

    def update(self, result: NetworkResult) -> None:
        lang = self.lang
        nodes, edges = diagram(result)
        last = len(result.weights)
        selected = result.selected_unit

        def name(column: int, index: int) -> str:
            if column == 0:
                return f"x{index + 1} ({text('net_input', lang)})"
            if column == last:
                return text("net_output", lang)
            return text("net_unit", lang, layer=column, neuron=index + 1)

        def show(x: float | None) -> str:
            return "—" if x is None else number(x, lang)

        shape = (result.config.hidden, lang)  # what fixes positions and names
        fixed = shape == self._shape
        self._shape = shape
        nodes_data: dict[str, Sequence[object]] = {
            "color": [node_color(n.value) for n in nodes],
            "line": [DEAD if n.dead else "#1a202c" for n in nodes],
            "width": [4 if n.dead or (n.column - 1, n.index) == selected else 1 for n in nodes],
            "value": [show(n.value) for n in nodes],
            "b": [show(n.bias) for n in nodes],
            "gb": [show(n.bias_grad) for n in nodes],
        }
        largest = max((abs(e.weight) for e in edges), default=1.0) or 1.0
        colors = [CLASS_COLORS[e.weight > 0] for e in edges]
        edges_data: dict[str, Sequence[object]] = {
            "color": colors,
            "width": [0.5 + 5.0 * abs(e.weight) / largest for e in edges],
        }
        dots_data: dict[str, Sequence[object]] = {
            "color": colors,
            "w": [number(e.weight, lang) for e in edges],
            "g": [number(e.grad, lang) for e in edges],
        }
        if fixed:  # during Play only colours, widths and numbers change: send those columns alone
            self.nodes.data.update(nodes_data)
            self.edges.data.update(edges_data)
            self.edge_dots.data.update(dots_data)
        else:
            self.nodes.data = {
                "x": [n.x for n in nodes],
                "y": [n.y for n in nodes],
                "name": [name(n.column, n.index) for n in nodes],
                **nodes_data,
            }
            self.edges.data = {
                "x0": [e.source.x for e in edges],
                "y0": [e.source.y for e in edges],
                "x1": [e.target.x for e in edges],
                "y1": [e.target.y for e in edges],
                **edges_data,
            }
            # hover dots at 3/4 of each edge, where the edges into one neuron are apart
            self.edge_dots.data = {
                "x": [e.source.x + 0.75 * (e.target.x - e.source.x) for e in edges],
                "y": [e.source.y + 0.75 * (e.target.y - e.source.y) for e in edges],
                "name": [
                    f"{name(e.source.column, e.source.index)} → {name(e.target.column, e.target.index)}"
                    for e in edges
                ],
                **dots_data,
            }
        dead = ", ".join(text("net_unit", lang, layer=li + 1, neuron=ni + 1) for li, ni in result.dead)
        hint = f'<div class="mg-muted" style="font-size:12px">{escape(text("net_diagram_hint", lang))}</div>'
        warning = (
            f'<div class="mg-bad" data-testid="net-dead">{escape(text("net_dead", lang, units=dead))}</div>'
            if dead
            else ""
        )
        self.note.object = hint + warning

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"), self.note, sizing_mode="stretch_width"
        )
