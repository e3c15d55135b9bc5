"""The data with the decision boundary behind it; a click adds, removes or traces a point."""

from __future__ import annotations

from html import escape

import numpy as np
import panel as pn
from bokeh.events import Tap
from bokeh.models import ColumnDataSource, LinearColorMapper

from ...common.widgets import plain_figure, wrapping_row
from ..datasets import DOMAIN, Point
from ..messages import text
from ..model import NetworkResult
from ..training import GRID
from .base import CLASS_COLORS, Part, diverging_palette

SCORE_RANGE = 2.0  # the heat map saturates at scores ±2
HIT_RADIUS = 0.12  # a click this close to a point (in plot units) is on the point
CLICK_MODES = ("edit", "trace")


def boundary_image(result: NetworkResult) -> np.ndarray:
    """The boundary scores as a GRID × GRID array, row 0 at the bottom (Bokeh's image convention)."""
    return np.asarray(result.boundary, dtype=float).reshape(GRID, GRID)


class DataPlot(Part):
    """Points (filled: training, hollow: test), the boundary heat map, the traced point ringed."""

    def build(self) -> None:
        lo, hi = DOMAIN
        self.boundary_source = ColumnDataSource(data={"image": [np.zeros((GRID, GRID))]})
        self.points_source = ColumnDataSource(
            data={"x1": [], "x2": [], "color": [], "alpha": [], "label": [], "split": []}
        )
        self.ring_source = ColumnDataSource(data={"x1": [], "x2": []})
        self._shown_points: tuple[Point, ...] | None = None
        fig = plain_figure(height=360, x_range=(lo, hi), y_range=(lo, hi), match_aspect=True, min_border=4)
        fig.css_classes = ["mg-net-data"]
        mapper = LinearColorMapper(palette=diverging_palette(), low=-SCORE_RANGE, high=SCORE_RANGE)
        fig.image(
            image="image",
            x=lo,
            y=lo,
            dw=hi - lo,
            dh=hi - lo,
            source=self.boundary_source,
            color_mapper=mapper,
        )
        fig.scatter(
            x="x1", y="x2", source=self.points_source, size=9, line_width=2,
            fill_color="color", line_color="color", fill_alpha="alpha",
        )  # fmt: skip
        fig.scatter(
            x="x1", y="x2", source=self.ring_source, size=20, fill_alpha=0, line_color="black", line_width=2
        )
        fig.xaxis.axis_label, fig.yaxis.axis_label = "x1", "x2"
        fig.on_event(Tap, self._on_tap)
        self.figure = fig
        self.mode = pn.widgets.RadioButtonGroup(
            options=list(CLICK_MODES), value="edit", color="light", css_classes=["mg-net-mode"],
            styles={"flex": "1 1 270px"},  # a flex basis, so that a narrow row wraps instead of overlapping
        )
        self.add_class = pn.widgets.RadioButtonGroup(
            options=[0, 1], value=self.model.add_label, color="light", css_classes=["mg-net-class"],
            styles={"flex": "1 1 190px"},
        )
        self.add_class.link(self.model, value="add_label")
        self.mode.param.watch(self._on_mode, "value")
        # the keyboard's way to add a point
        lo, hi = DOMAIN
        self.new_x1 = pn.widgets.FloatInput(label="x1", value=0.0, start=lo, end=hi, step=0.1, width=90)
        self.new_x2 = pn.widgets.FloatInput(label="x2", value=0.0, start=lo, end=hi, step=0.1, width=90)
        self.add_button = pn.widgets.Button(
            css_classes=["mg-net-add"], align="end", styles={"flex": "1 1 160px"}
        )
        self.add_button.on_click(
            lambda _e: self.model.add_point(self.new_x1.value or 0.0, self.new_x2.value or 0.0)
        )
        self.legend = pn.pane.HTML(sizing_mode="stretch_width", margin=(0, 8))

    def _on_mode(self, _event: object) -> None:
        editing = self.mode.value == "edit"
        self.add_class.visible = self.new_x1.visible = self.new_x2.visible = self.add_button.visible = editing

    def click(self, x1: float, x2: float) -> None:
        """What a click at (x1, x2) does: edit mode removes the point there or adds one; trace mode
        traces the point there."""
        hit = self.model.nearest_point(x1, x2, HIT_RADIUS)
        if self.mode.value == "trace":
            if hit is not None:
                self.model.selected = hit
        elif hit is not None:
            self.model.remove_point(hit)
        else:
            self.model.add_point(x1, x2)

    def _on_tap(self, event: Tap) -> None:
        if event.x is not None and event.y is not None:
            with pn.io.hold():
                self.click(float(event.x), float(event.y))

    def relabel(self, lang: str) -> None:
        self.mode.options = {text(f"net_click_{m}", lang): m for m in CLICK_MODES}
        self.add_class.options = {text(f"net_class_{c}", lang): c for c in (0, 1)}
        self.legend.object = (
            f'<div class="mg-muted" style="font-size:12px">{escape(text("net_legend", lang))}</div>'
        )
        self.figure.title.text = text("net_data_title", lang)
        self.add_button.name = text("net_add_point", lang)

    def update(self, result: NetworkResult) -> None:
        self.boundary_source.data = {"image": [boundary_image(result)]}
        if result.points is not self._shown_points:  # Play changes the boundary, not the points
            self._shown_points = result.points
            self._show_points(result.points)
        trace = result.trace
        ring = {"x1": [trace.point.x1], "x2": [trace.point.x2]} if trace else {"x1": [], "x2": []}
        if ring != self.ring_source.data:
            self.ring_source.data = ring

    def _show_points(self, points: tuple[Point, ...]) -> None:
        self.points_source.data = {
            "x1": [p.x1 for p in points],
            "x2": [p.x2 for p in points],
            "color": [CLASS_COLORS[p.label] for p in points],
            "alpha": [0.0 if p.test else 0.9 for p in points],
            "label": [p.label for p in points],
            "split": ["test" if p.test else "train" for p in points],
        }

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            wrapping_row(self.mode, self.add_class),  # a phone puts the two toggles one above the other
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
            self.legend,
            wrapping_row(self.new_x1, self.new_x2, self.add_button, align_items="end"),
            sizing_mode="stretch_width",
        )
