"""What one hidden neuron computes: its output over the whole plane, as a small heat map."""

from __future__ import annotations

from html import escape

import numpy as np
import panel as pn
from bokeh.models import ColumnDataSource, LinearColorMapper

from ...common.widgets import HtmlBox, plain_figure
from ..datasets import DOMAIN
from ..messages import text
from ..model import NetworkResult
from ..training import GRID
from .base import Part, diverging_palette

RANGES = {"relu": (-1.0, 1.0), "tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


class UnitMap(Part):
    """The selected hidden unit's output grid (``result.unit_grids``), with the data points on top."""

    def build(self) -> None:
        lo, hi = DOMAIN
        self.source = ColumnDataSource(data={"image": [np.zeros((GRID, GRID))]})
        self.mapper = LinearColorMapper(palette=diverging_palette(), low=-1.0, high=1.0)
        fig = plain_figure(height=220, x_range=(lo, hi), y_range=(lo, hi), match_aspect=True, min_border=4)
        fig.css_classes = ["mg-net-unit"]
        fig.image(
            image="image", x=lo, y=lo, dw=hi - lo, dh=hi - lo, source=self.source, color_mapper=self.mapper
        )
        self.figure = fig
        self.caption = HtmlBox()

    def update(self, result: NetworkResult) -> None:
        unit = result.selected_unit
        self.figure.visible = unit is not None
        if unit is None:
            self.caption.object = f'<div class="mg-muted">{escape(text("net_unit_hint", self.lang))}</div>'
            return
        layer, neuron = unit
        self.mapper.low, self.mapper.high = RANGES[result.config.activation]
        grid = np.asarray(result.unit_grids[layer][neuron], dtype=float).reshape(GRID, GRID)
        self.source.data = {"image": [grid]}
        name = text("net_unit", self.lang, layer=layer + 1, neuron=neuron + 1)
        title = text("net_unit_title", self.lang, unit=name)
        self.caption.object = f'<div class="mg-card-title" data-testid="net-unit">{escape(title)}</div>'

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.caption, pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"), sizing_mode="stretch_width"
        )
