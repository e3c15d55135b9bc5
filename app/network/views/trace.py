"""Trace one point: every neuron's z and output for it, and the gradient its loss sends to each weight;
a first-layer neuron opens in the neuron view."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import panel as pn

from ...common.formatting import data_value
from ...common.widgets import HtmlBox, sign_class
from ...page import PageState
from ..messages import number, text
from ..model import NetworkModel, NetworkResult
from ..neuron_link import neuron_query
from .base import Part

OpenNeuron = Callable[[dict[str, str]], None]
TABLE_CSS = """
td.mg-dw { text-align: left !important; font-size: 11px; white-space: normal;
           font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
td.mg-dw span { display: inline-block; min-width: 4.5em; }
"""


class TracePanel(Part):
    """A table of the traced point's forward values and gradients; "open in the neuron view"."""

    def __init__(
        self, model: NetworkModel, page: PageState, on_open_neuron: OpenNeuron | None = None
    ) -> None:
        self.on_open_neuron = on_open_neuron
        super().__init__(model, page)

    def build(self) -> None:
        self.title = HtmlBox()
        self.table = HtmlBox(TABLE_CSS)
        self.point = pn.widgets.IntInput(value=None, start=0, css_classes=["mg-net-trace-index"], width=120)
        self.point.param.watch(self._on_point, "value")
        self.which = pn.widgets.Select(
            options={"1": 0}, value=0, css_classes=["mg-net-open-which"], width=160
        )
        self.open = pn.widgets.Button(color="primary", css_classes=["mg-net-open"])
        self.open.on_click(self._on_open)
        self.remove = pn.widgets.Button(css_classes=["mg-net-remove"])
        self.remove.on_click(lambda _e: self._remove())

    def _on_open(self, _event: object) -> None:
        self.open_neuron()

    def _remove(self) -> None:
        if self.model.selected is not None:
            self.model.remove_point(self.model.selected)

    def _on_point(self, event: object) -> None:
        value = self.point.value
        if value is not None and 0 <= value < len(self.model.current.points) and value != self.model.selected:
            self.model.selected = value

    def open_neuron(self) -> dict[str, str] | None:
        """Hand the chosen first-layer neuron to the page (``on_open_neuron``); returns its query."""
        query = neuron_query(self.model.current, int(self.which.value))
        if query is not None and self.on_open_neuron is not None:
            self.model.pause()
            self.on_open_neuron(query)
        return query

    def relabel(self, lang: str) -> None:
        self.title.object = f'<div class="mg-card-title">{escape(text("net_trace_title", lang))}</div>'
        self.point.name = "#"
        self.which.name = text("net_open_which", lang)
        self.open.name = text("net_open_neuron", lang)
        self.remove.name = text("net_remove_point", lang)

    def update(self, result: NetworkResult) -> None:
        lang = self.lang
        trace = result.trace
        first = len(result.weights[0])
        options = {str(i + 1): i for i in range(first)}
        if self.which.options != options:
            self.which.options = options
        end = max(len(result.points) - 1, 0)
        if self.point.end != end:
            self.point.end = end
        self.which.visible = self.open.visible = trace is not None and self.on_open_neuron is not None
        self.remove.visible = trace is not None
        if trace is None:
            self.table.object = (
                f'<div class="mg-muted" data-testid="net-trace">{escape(text("net_trace_hint", lang))}</div>'
            )
            return
        if self.point.value != trace.index:
            self.point.value = trace.index
        p = trace.point
        split = text("net_test" if p.test else "net_train", lang)
        head = text(
            "net_trace_point",
            lang,
            x1=p.x1,
            x2=p.x2,
            label=p.label,
            split=split,
            score=trace.score,
            loss=trace.loss,
        )
        columns = text("net_trace_columns", lang).split("|")
        rows = []
        last = len(result.weights) - 1
        for li, layer in enumerate(trace.grads):
            for ni, grads in enumerate(layer):
                name = (
                    text("net_output", lang)
                    if li == last
                    else text("net_unit_short", lang, layer=li + 1, neuron=ni + 1)
                )
                dw = " ".join(_grad(g, lang) for g in grads[:-1])
                rows.append(
                    f'<tr data-unit="{li}-{ni}"><td>{escape(name)}</td>'
                    f'<td class="mg-num">{escape(number(trace.pre[li][ni], lang))}</td>'
                    f'<td class="mg-num" data-value="{data_value(trace.out[li][ni])}">'
                    f"{escape(number(trace.out[li][ni], lang))}</td>"
                    f'<td class="mg-num {sign_class(grads[-1])}">{escape(number(grads[-1], lang, 3))}</td>'
                    f'<td class="mg-dw">{dw}</td></tr>'
                )
        header = "".join(f"<th>{escape(c)}</th>" for c in columns)
        self.table.object = (
            f'<div data-testid="net-trace" data-index="{trace.index}" data-x1="{data_value(p.x1)}" '
            f'data-x2="{data_value(p.x2)}"><p>{escape(head)}</p>'
            f'<table class="mg-table"><tr>{header}</tr>{"".join(rows)}</table></div>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.title,
            self.point,
            self.table,
            pn.Row(self.which, self.open, sizing_mode="stretch_width"),
            self.remove,
            sizing_mode="stretch_width",
        )


def _grad(g: float, lang: str) -> str:
    return f'<span class="{sign_class(g)}" data-value="{data_value(g)}">{escape(number(g, lang, 3))}</span>'
