"""What every view shares: the model, in-place updates on a new result, relabelling on a language switch."""

from __future__ import annotations

from html import escape

import panel as pn
import param
from bokeh.plotting import figure
from panel.models.markup import HTML as PanelHTML

from ..model import NeuronModel
from ..neuron import NeuronResult

POSITIVE = "#2b6cb0"  # blue: raising the input raises ŷ
NEGATIVE = "#dd6b20"  # orange: raising the input lowers ŷ
ZERO = "#a0aec0"

CSS = """
:host { display: block; overflow-x: auto; }  /* wide content scrolls inside its box on a phone */
:host { --mg-pos: #2b6cb0; --mg-neg: #dd6b20; font-size: 14px; }
.mg-card-title { font-weight: 600; font-size: 15px; margin: 0 0 4px 0; }
.mg-muted { color: #4a5568; font-size: 13px; }
.mg-num { white-space: nowrap; font-variant-numeric: tabular-nums;
          font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.mg-pos { color: var(--mg-pos); }
.mg-neg { color: var(--mg-neg); }
.mg-zero { color: #718096; }
table.mg-table { border-collapse: collapse; width: 100%; font-size: 13px; }
table.mg-table th, table.mg-table td { padding: 3px 6px; border-bottom: 1px solid #e2e8f0;
                                       text-align: right; }
table.mg-table th:first-child, table.mg-table td:first-child { text-align: left; }
@media (max-width: 500px) {
  table.mg-table { font-size: 11px; }
  table.mg-table th, table.mg-table td { padding: 2px 3px; }
}
.mg-ok { color: #2f855a; font-weight: 700; }
.mg-bad { color: #c53030; font-weight: 700; }
"""


def sign_class(x: float) -> str:
    return "mg-pos" if x > 0 else "mg-neg" if x < 0 else "mg-zero"


def sign_color(x: float) -> str:
    return POSITIVE if x > 0 else NEGATIVE if x < 0 else ZERO


class HtmlBox(pn.viewable.Viewer):
    """A block of HTML whose update is one property change, both in Python and in the browser.

    It holds Panel's own HTML Bokeh model directly. Through ``pn.pane.HTML`` every change re-derives
    the pane's whole set of styles (~5 ms of Python each, measured); a Bokeh ``Div`` is cheap in
    Python but re-renders in the browser and re-lays out the whole page, plots included (measured:
    a few frames per second during Play). Panel's model just swaps its inner HTML. ``object`` is the
    HTML; the model carries it escaped, as Panel's pane does.
    """

    def __init__(self, extra_css: str = "", margin: tuple[int, int] = (4, 8)) -> None:
        super().__init__()
        css = CSS + extra_css
        self._html = ""
        self.model = PanelHTML(text="", sizing_mode="stretch_width", margin=margin, stylesheets=[css])
        # on the pane too: a Panel design replaces the model's own stylesheets with its own + the pane's
        self._pane = pn.pane.Bokeh(self.model, sizing_mode="stretch_width", stylesheets=[css])

    @property
    def object(self) -> str:
        return self._html

    @object.setter
    def object(self, html: str) -> None:
        if html != self._html:
            self._html = html
            self.model.text = escape(html)

    def __panel__(self) -> pn.viewable.Viewable:
        return self._pane


def plain_figure(**options: object) -> figure:
    """A Bokeh figure that fills the card's width, with no toolbar or tools: the views are for looking."""
    return figure(sizing_mode="stretch_width", toolbar_location=None, tools="", **options)


def html_pane(extra_css: str = "") -> HtmlBox:
    """An HTML block carrying the shared stylesheet (and ``extra_css``)."""
    return HtmlBox(extra_css)


class ModelView(pn.viewable.Viewer):
    """Base view: calls ``update(result)`` on every new result and ``relabel(lang)`` on a language switch."""

    model = param.ClassSelector(class_=NeuronModel, doc="the state this view shows")

    def __init__(self, model: NeuronModel, **params: object) -> None:
        super().__init__(model=model, **params)
        self._build()
        self.relabel(model.language)
        self.update(model.result)
        model.param.watch(self._on_result, "result")
        model.param.watch(self._on_language, "language")

    def _on_result(self, event: param.parameterized.Event) -> None:
        self.update(event.new)

    def _on_language(self, event: param.parameterized.Event) -> None:
        self.relabel(event.new)
        self.update(self.model.result)

    def _build(self) -> None:
        raise NotImplementedError

    def update(self, result: NeuronResult) -> None:
        raise NotImplementedError

    def relabel(self, lang: str) -> None:
        """Translate the fixed labels (titles, axes, widget names); text built in ``update`` needs nothing."""
