"""View 4: the activation curve f(z), the current point (z, ŷ) and its tangent of slope f′(z).

The slope is the engine's local gradient ∂ŷ/∂z, the very number backward() multiplies by.
"""

from __future__ import annotations

from html import escape

import panel as pn
from bokeh.models import ColumnDataSource, Range1d, Span

from ...common.widgets import NEGATIVE, POSITIVE, HtmlBox, plain_figure
from ...i18n import t
from ..maths import NeuronResult
from .base import ModelView


class ActivationView(ModelView):
    """Sources: ``curve`` (z, f), ``tangent`` (z, f: two points), ``point`` (z, f: one point)."""

    def build(self) -> None:
        self.curve = ColumnDataSource(data={"z": [], "f": []})
        self.tangent = ColumnDataSource(data={"z": [], "f": []})
        self.point = ColumnDataSource(data={"z": [], "f": []})
        fig = plain_figure(
            x_range=Range1d(-5, 5),
            y_range=Range1d(-1.2, 1.2),
            height=260,
        )
        fig.add_layout(Span(location=0, dimension="width", line_color="#cbd5e0"))
        fig.add_layout(Span(location=0, dimension="height", line_color="#cbd5e0"))
        fig.line(x="z", y="f", source=self.curve, line_width=3, line_color=POSITIVE)
        fig.line(x="z", y="f", source=self.tangent, line_width=2, line_color=NEGATIVE, line_dash="dashed")
        fig.scatter(
            x="z", y="f", source=self.point, size=11, fill_color=NEGATIVE, line_color="white", line_width=2
        )
        self.figure = fig
        self.caption = HtmlBox()
        self._window: tuple[float, float, float, float] | None = None

    def relabel(self, lang: str) -> None:
        self.figure.title.text = t("curve_title", lang)
        self.figure.xaxis.axis_label = t("curve_x", lang)
        self.figure.yaxis.axis_label = t("curve_y", lang)

    def update(self, result: NeuronResult) -> None:
        if self.curve.data["z"] != list(result.curve_z) or self.curve.data["f"] != list(result.curve_f):
            self.curve.data = {"z": list(result.curve_z), "f": list(result.curve_f)}
            lo_f, hi_f = min(result.curve_f), max(result.curve_f)
            pad = max(0.15 * (hi_f - lo_f), 0.1)
            window = (result.curve_z[0], result.curve_z[-1], lo_f - pad, hi_f + pad)
            if window != self._window:
                self._window = window
                self.figure.x_range.update(start=window[0], end=window[1])
                self.figure.y_range.update(start=window[2], end=window[3])
        self.tangent.data = {"z": list(result.tangent_z), "f": list(result.tangent_f)}
        self.point.data = {"z": [result.z], "f": [result.out]}
        lang = self.lang
        self.caption.object = (
            f'<span style="color:{NEGATIVE}">●</span> {escape(t("curve_point", lang, z=result.z))} &nbsp; '
            f'<span style="color:{NEGATIVE}">╌</span> {escape(t("curve_tangent", lang, slope=result.slope))}'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"), self.caption, sizing_mode="stretch_width"
        )
