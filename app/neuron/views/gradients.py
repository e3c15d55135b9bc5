"""View 2: a bar per gradient ∂ŷ/∂w1 … ∂ŷ/∂x2, coloured by sign, with the values also as text."""

from __future__ import annotations

from html import escape

import panel as pn
from bokeh.models import ColumnDataSource, FactorRange

from ...common.formatting import fmt
from ...common.widgets import HtmlBox, plain_figure, readout, sign_class, sign_color
from ...i18n import t
from ..maths import GRAD_NAMES, NeuronResult
from .base import ModelView

FACTORS = [f"∂ŷ/∂{name}" for name in GRAD_NAMES]
LABEL_GAP_PX = 4  # between a bar's end and its value label, so the text never touches the bar


class GradientsView(ModelView):
    """Bar chart + text list of ∂ŷ/∂· (``source`` columns: factor, grad, color, text, baseline, offset)."""

    def build(self) -> None:
        self.source = ColumnDataSource(
            data={"factor": [], "grad": [], "color": [], "text": [], "baseline": [], "offset": []}
        )
        fig = plain_figure(
            x_range=FactorRange(*FACTORS),
            height=260,
        )
        fig.vbar(x="factor", top="grad", width=0.6, color="color", source=self.source)
        fig.text(
            x="factor",
            y="grad",
            text="text",
            source=self.source,
            y_offset="offset",
            text_align="center",
            text_baseline="baseline",
            text_font_size="12px",
            text_color="#1a202c",
        )
        fig.y_range.range_padding = 0.25
        fig.xgrid.grid_line_color = None
        fig.xaxis.major_label_text_font_size = "13px"
        self.figure = fig
        self.text = HtmlBox()

    def relabel(self, lang: str) -> None:
        self.figure.title.text = t("grads_title", lang)
        self.figure.yaxis.axis_label = t("grads_axis", lang)

    def update(self, result: NeuronResult) -> None:
        grads = [result.grads[name] for name in GRAD_NAMES]
        self.source.data = {
            "factor": FACTORS,
            "grad": grads,
            "color": [sign_color(g) for g in grads],
            "text": [fmt(g, self.lang) for g in grads],
            # each label sits just outside its bar's end: above a positive bar, below a negative one
            "baseline": ["top" if g < 0 else "bottom" for g in grads],
            "offset": [LABEL_GAP_PX if g < 0 else -LABEL_GAP_PX for g in grads],  # screen y grows downwards
        }
        by_name, lang = result.grads, self.lang
        items = " ".join(
            f'<span style="margin-right:14px;white-space:nowrap">∂ŷ/∂{name} = '
            f"{readout(f'grad-{name}', by_name[name], lang, f'mg-num {sign_class(by_name[name])}')}</span>"
            for name in GRAD_NAMES
        )
        self.text.object = (
            f'<div>{items}</div><div class="mg-muted">{escape(t("grads_hint", self.lang))}</div>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"), self.text, sizing_mode="stretch_width"
        )
