"""View 3: the neuron's computation graph, left to right, each node showing its data and grad.

Nodes and edges are the engine's own (``micrograd_core.trace`` → ``NeuronResult.nodes/edges``);
this module only places them: a node's column is its depth (leaves sit just left of the node
that uses them) and its row the mean of its inputs' rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import panel as pn
from bokeh.models import ColumnDataSource, Range1d

from ...common.formatting import GRAPH_DIGITS, fmt
from ...common.widgets import NEGATIVE, POSITIVE, HtmlBox, card_title, graph_canvas, muted
from ...i18n import t
from ..maths import GraphEdge, GraphNode, NeuronResult
from .base import ModelView
from .graph_geometry import (
    BOX_H,
    BOX_W,
    EDGE_FONT_PX,
    GRAD_OFFSET_PX,
    HEIGHT_PX,
    MIN_WIDTH_PX,
    TITLE_FONT_PX,
    TITLE_OFFSET_PX,
    VALUE_FONT_PX,
    edge_label_anchor,
    ranges,
)

# Never narrower than MIN_WIDTH_PX: on a phone the card scrolls sideways and the labels stay legible. As
# a CSS style, not the pane's min_width, which Panel would pass on to every enclosing layout (the page).
FIGURE_STYLES = {"min-width": f"{MIN_WIDTH_PX}px"}
OP_SYMBOLS = {"*": "×", "+": "+", "relu": "ReLU", "tanh": "tanh", "sigmoid": "σ"}
FILL = {1: "#ebf4ff", -1: "#fffaf0", 0: "#f7fafc"}
BORDER = {1: POSITIVE, -1: NEGATIVE, 0: "#a0aec0"}


def layout(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> list[tuple[float, float]]:
    """(column, row) of each node: inputs on the left, the root on the right."""
    n = len(nodes)
    inputs: list[list[int]] = [[] for _ in range(n)]
    consumers: list[list[int]] = [[] for _ in range(n)]
    for e in edges:
        inputs[e.target].append(e.source)
        consumers[e.source].append(e.target)
    depth = [0] * n
    for i in range(n):  # nodes come in topological order: inputs first
        if inputs[i]:
            depth[i] = 1 + max(depth[j] for j in inputs[i])
    column = list(depth)
    late = [i for i in range(n) if not inputs[i] and consumers[i] and min(depth[c] for c in consumers[i]) > 1]
    for i in late:
        column[i] = min(depth[c] for c in consumers[i]) - 1

    first = [i for i in range(n) if column[i] == 0]
    first.sort(key=lambda i: _leaf_rank(nodes[i].name))
    row = [0.0] * n
    for k, i in enumerate(first):
        row[i] = (len(first) - 1) / 2.0 - k
    for i in range(n):
        placed = [row[j] for j in inputs[i] if j not in late]
        if placed:
            row[i] = sum(placed) / len(placed)
    for i in late:
        row[i] = min(row[c] for c in consumers[i]) - 1.0
    return [(float(c), r) for c, r in zip(column, row, strict=True)]


def _leaf_rank(name: str) -> tuple[str, str]:
    # x1, w1, x2, w2: each input next to its weight, so that the product sits between them
    return (name[1:], name[:1].replace("x", "a"))


def _sign(x: float) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


def node_texts(node: GraphNode, lang: str = "en") -> tuple[str, str, str]:
    """The three lines in a node's box: its name (and operation), its data, its grad (at GRAPH_DIGITS)."""
    title = f"{node.name} ({OP_SYMBOLS.get(node.op, node.op)})" if node.op else node.name
    return title, fmt(node.data, lang, GRAPH_DIGITS), f"∂ {fmt(node.grad, lang, GRAPH_DIGITS)}"


def edge_text(edge: GraphEdge, lang: str = "en") -> str:
    """An edge's label: its local derivative (a tiny one in short scientific form, to fit between boxes)."""
    text = fmt(edge.local, lang, GRAPH_DIGITS)
    return f"×{fmt(edge.local, lang, GRAPH_DIGITS - 1) if 'e' in text else text}"


class GraphView(ModelView):
    """Sources: ``nodes`` (x, y, title, data_text, grad_text, data, grad, fill, border) and
    ``edges`` (x0, y0, x1, y1, xm, ym, local, text)."""

    def build(self) -> None:
        self.nodes = ColumnDataSource(
            data={
                k: [] for k in ("x", "y", "title", "data_text", "grad_text", "data", "grad", "fill", "border")
            }
        )
        self.edges = ColumnDataSource(
            data={k: [] for k in ("x0", "y0", "x1", "y1", "xm", "ym", "local", "text")}
        )
        fig = graph_canvas(self.edges, x_range=Range1d(-0.5, 4.5), height=HEIGHT_PX, styles=FIGURE_STYLES)
        fig.text(
            x="xm",
            y="ym",
            text="text",
            source=self.edges,
            text_align="left",
            text_baseline="bottom",
            text_font_size=f"{EDGE_FONT_PX}px",
            text_color="#2d3748",
        )
        fig.rect(
            x="x",
            y="y",
            width=BOX_W,
            height=BOX_H,
            source=self.nodes,
            fill_color="fill",
            line_color="border",
            line_width=2,
            border_radius=6,
        )
        common = {"x": "x", "y": "y", "source": self.nodes, "text_align": "center", "text_baseline": "middle"}
        fig.text(
            y_offset=TITLE_OFFSET_PX,
            text="title",
            text_font_size=f"{TITLE_FONT_PX}px",
            text_font_style="bold",
            **common,
        )
        common["text_font_size"] = f"{VALUE_FONT_PX}px"
        fig.text(y_offset=0, text="data_text", text_color="#1a202c", **common)
        fig.text(y_offset=GRAD_OFFSET_PX, text="grad_text", text_color="border", **common)
        self.figure = fig
        self.heading = HtmlBox()
        self.hint = HtmlBox()
        self._shape: tuple[tuple[str, ...], tuple[tuple[int, int], ...]] | None = None
        self._positions: list[tuple[float, float]] = []

    def relabel(self, lang: str) -> None:
        self.heading.object = card_title(t("graph_title", lang))
        self.hint.object = muted(t("graph_edge_hint", lang))

    def update(self, result: NeuronResult) -> None:
        nodes, edges = result.nodes, result.edges
        shape = (tuple(n.name for n in nodes), tuple((e.source, e.target) for e in edges))
        if shape != self._shape:  # only a new activation (identity has no f node) changes the drawing
            self._shape = shape
            self._positions = layout(nodes, edges)
            (x0, x1), (y0, y1) = ranges(self._positions)
            self.figure.x_range.update(start=x0, end=x1)
            self.figure.y_range.update(start=y0, end=y1)
        pos = self._positions
        texts = [node_texts(n, self.lang) for n in nodes]
        anchors = [edge_label_anchor(pos[e.source]) for e in edges]
        self.nodes.data = {
            "x": [p[0] for p in pos],
            "y": [p[1] for p in pos],
            "title": [text[0] for text in texts],
            "data_text": [text[1] for text in texts],
            "grad_text": [text[2] for text in texts],
            "data": [n.data for n in nodes],
            "grad": [n.grad for n in nodes],
            "fill": [FILL[_sign(n.grad)] for n in nodes],
            "border": [BORDER[_sign(n.grad)] for n in nodes],
        }
        half = BOX_W / 2.0
        self.edges.data = {
            "x0": [pos[e.source][0] + half for e in edges],
            "y0": [pos[e.source][1] for e in edges],
            "x1": [pos[e.target][0] - half for e in edges],
            "y1": [pos[e.target][1] for e in edges],
            # the label sits just after the arrow's start, where arrows do not crowd yet
            "xm": [a[0] for a in anchors],
            "ym": [a[1] for a in anchors],
            "local": [e.local for e in edges],
            "text": [edge_text(e, self.lang) for e in edges],
        }

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.heading,
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
            self.hint,
            sizing_mode="stretch_width",
            css_classes=["mg-graph"],
            styles={"overflow-x": "auto"},
        )
