"""The lab's graph: any expression's DAG, left to right, in the neuron graph's style.

Each box shows the node's name (or its operation), its data and ∂ its grad; each arrow carries the
local derivative near its head (a node has at most two inputs, so at most two labels meet there).
The current step's node is outlined; nodes the walk has not computed or reached show no number.
The sources are updated in place; the figure is resized only when the graph's shape changes.
"""

from __future__ import annotations

from typing import ClassVar

import panel as pn
from bokeh.models import ColumnDataSource, Range1d, ScrollBox

from ...common.view import View
from ...common.widgets import NEGATIVE, POSITIVE, HtmlBox, card_title, graph_canvas
from ...i18n import t
from ..layout import layered_layout
from ..model import LabModel
from ..walk import clamp, num, walk_state
from .base import NARROW_CSS

BOX_W = 0.6
BOX_H = 0.78
CELL_PX = (175, 86)  # pixels per column and per row
TITLE_CHARS = 11  # a variable's name longer than this is cut
OP_SYMBOLS = {"*": "×", "+": "+", "-": "−", "/": "÷", "neg": "−x", "sigmoid": "σ"}
FILL = {1: "#ebf4ff", -1: "#fffaf0", 0: "#f7fafc"}
BORDER = {1: POSITIVE, -1: NEGATIVE, 0: "#a0aec0"}
CURRENT = "#d69e2e"
UNREACHED = "#cbd5e0"
SLOT_OFFSET = (0.14, -0.14)  # where the first / second input's arrow meets the box


def _sign(x: float | None) -> int:
    return 0 if x is None else 1 if x > 0 else -1 if x < 0 else 0


def title(name: str, label: str, op: str) -> str:
    """What a box is called: its label when short (a, a·b, 2), else its short name and operation (n3 tanh)."""
    if name != label:
        return f"{name}  {OP_SYMBOLS.get(op, op)}"
    return name if len(name) <= TITLE_CHARS else name[: TITLE_CHARS - 1] + "…"


class LabGraphView(View[LabModel]):
    """Sources ``nodes`` (x, y, title, label, data_text, grad_text, fill, border, width) and ``edges``
    (x0, y0, x1, y1, xl, yl, text)."""

    watches: ClassVar[tuple[str, ...]] = ("result", "position")

    def build(self) -> None:
        self.title = HtmlBox()
        self.nodes = ColumnDataSource(
            data={
                k: []
                for k in ("x", "y", "title", "label", "data_text", "grad_text", "fill", "border", "width")
            }
        )
        self.edges = ColumnDataSource(data={k: [] for k in ("x0", "y0", "x1", "y1", "xl", "yl", "text")})
        fig = graph_canvas(
            self.edges, head_size=7, line_color="#718096", line_width=1.3,
            x_range=Range1d(-0.6, 4.6), height=300,
        )  # fmt: skip
        fig.sizing_mode = "fixed"
        fig.width = 600
        fig.rect(
            x="x",
            y="y",
            width=BOX_W,
            height=BOX_H,
            source=self.nodes,
            fill_color="fill",
            line_color="border",
            line_width="width",
            border_radius=6,
        )
        fig.text(
            x="xl",
            y="yl",
            text="text",
            source=self.edges,
            text_align="right",
            text_baseline="middle",
            text_font_size="10px",
            text_color="#2d3748",
        )
        common = {"x": "x", "y": "y", "source": self.nodes, "text_align": "center", "text_baseline": "middle"}
        fig.text(y_offset=-18, text="title", text_font_size="12px", text_font_style="bold", **common)
        fig.text(y_offset=0, text="data_text", text_font_size="12px", text_color="#1a202c", **common)
        fig.text(y_offset=16, text="grad_text", text_font_size="12px", text_color="border", **common)
        self.figure = fig
        # a wide graph scrolls inside its card instead of widening the page
        self.box = ScrollBox(
            child=fig, sizing_mode="stretch_width", vertical_scrollbar="hidden", stylesheets=[NARROW_CSS]
        )
        self._shape: tuple[object, ...] | None = None
        self._positions: list[tuple[int, float]] = []

    def relabel(self, lang: str) -> None:
        self.title.object = card_title(t("lab_graph_title", lang))

    def refresh(self) -> None:
        """Draw the result as the walk shows it at the current position."""
        result = self.state.current
        state = walk_state(result, clamp(result, self.state.position))
        lang = self.lang
        shape = (len(result.nodes), tuple((e.source, e.target) for e in result.edges))
        if shape != self._shape:
            self._shape = shape
            self._positions = layered_layout(len(result.nodes), [(e.source, e.target) for e in result.edges])
            xs = [p[0] for p in self._positions]
            ys = [p[1] for p in self._positions]
            self.figure.x_range.update(start=min(xs) - 0.55, end=max(xs) + 0.55)
            self.figure.y_range.update(start=min(ys) - 0.55, end=max(ys) + 0.55)
            self.figure.width = max(360, int((max(xs) - min(xs) + 1.1) * CELL_PX[0]))
            self.figure.height = max(200, int((max(ys) - min(ys) + 1.1) * CELL_PX[1]))
        pos = self._positions
        signs = [_sign(g) for g in state.grads]
        self.nodes.data = {
            "x": [float(p[0]) for p in pos],
            "y": [p[1] for p in pos],
            "title": [title(n.name, n.label, n.op) for n in result.nodes],
            "label": [n.label for n in result.nodes],
            "data_text": ["" if d is None else num(d, lang, 3) for d in state.data],
            "grad_text": ["" if g is None else f"∂ {num(g, lang, 3)}" for g in state.grads],
            "fill": [FILL[s] if state.data[i] is not None else "white" for i, s in enumerate(signs)],
            "border": [
                CURRENT if i == state.current else BORDER[s] if state.grads[i] is not None else UNREACHED
                for i, s in enumerate(signs)
            ],
            "width": [4.0 if i == state.current else 1.5 for i in range(len(result.nodes))],
        }
        half = BOX_W / 2.0
        ends = [(pos[e.target][0] - half, pos[e.target][1] + SLOT_OFFSET[e.slot]) for e in result.edges]
        self.edges.data = {
            "x0": [pos[e.source][0] + half for e in result.edges],
            "y0": [pos[e.source][1] for e in result.edges],
            "x1": [x for x, _ in ends],
            "y1": [y for _, y in ends],
            "xl": [x - 0.04 for x, _ in ends],
            "yl": [
                y + (0.09 if e.slot == 0 else -0.09) for (_, y), e in zip(ends, result.edges, strict=True)
            ],
            "text": [f"×{num(e.local, lang, 3)}" for e in result.edges],
        }

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.title, pn.pane.Bokeh(self.box, sizing_mode="stretch_width"), sizing_mode="stretch_width"
        )
