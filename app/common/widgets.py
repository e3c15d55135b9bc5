"""The pieces every view draws with: the shared stylesheet, HTML blocks, readouts, figures, cards, rows."""

from __future__ import annotations

from html import escape

import panel as pn
from bokeh.models import Arrow, ColumnDataSource, CustomJSTickFormatter, Range1d, VeeHead
from bokeh.plotting import figure
from panel.models.markup import HTML as PanelHTML

from ..i18n import label_colon_space
from .formatting import DECIMAL_SEPARATOR, data_value, fmt, step_decimals

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
.mg-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
              overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }  /* no overflow: no tab stop */
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
        super().__init__()  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
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


def slider_format(step: float, lang: str) -> CustomJSTickFormatter:
    """A slider's value label (and its handle's aria-valuetext) at the slider's ``step``, in ``lang``:
    ``fmt_step`` of ``app.common.formatting``, in the browser."""
    return CustomJSTickFormatter(
        args={"decimals": step_decimals(step), "separator": DECIMAL_SEPARATOR.get(lang, ".")},
        code="const text = Math.abs(tick) < 0.5 * 10 ** -decimals ? (0).toFixed(decimals) : "
        "tick.toFixed(decimals); return text.replace('.', separator).replace('-', '\u2212');",
    )


def relabel_slider(slider: pn.widgets.FloatSlider, label: str, lang: str) -> None:
    """Give ``slider`` its translated ``label`` and its value's format in ``lang``.

    Bokeh writes the title as "<label>: <value>"; French wants a narrow no-break space before ":".
    """
    slider.param.update(name=label + label_colon_space(lang), format=slider_format(slider.step, lang))


def plain_figure(**options: object) -> figure:
    """A Bokeh figure that fills the card's width, with no toolbar or tools: the views are for looking."""
    return figure(sizing_mode="stretch_width", toolbar_location=None, tools="", **options)


def graph_canvas(
    edges: ColumnDataSource,
    *,
    head_size: int = 8,
    head_color: str = "#4a5568",
    line_color: str = "#4a5568",
    line_width: float = 1.5,
    **options: object,
) -> figure:
    """A bare figure for a computation graph (no axes, grid or outline), y from −2 to 2, with one
    arrow per row of ``edges`` (columns x0, y0 → x1, y1); the caller draws the boxes and labels."""
    fig = plain_figure(y_range=Range1d(-2.0, 2.0), **options)
    fig.axis.visible = False
    fig.grid.visible = False
    fig.outline_line_color = None
    fig.add_layout(
        Arrow(
            end=VeeHead(size=head_size, fill_color=head_color, line_color=head_color),
            x_start="x0",
            y_start="y0",
            x_end="x1",
            y_end="y1",
            line_color=line_color,
            line_width=line_width,
            source=edges,
        )
    )
    return fig


def card_title(text: str) -> str:
    """The HTML of a card's title line (``text`` is escaped)."""
    return f'<div class="mg-card-title">{escape(text)}</div>'


def muted(text: str) -> str:
    """The HTML of a grey explanatory line (``text`` is escaped)."""
    return f'<div class="mg-muted">{escape(text)}</div>'


def readout(testid: str, value: float, lang: str, css_class: str = "mg-num") -> str:
    """An element a browser test can read: text in ``lang``, exact ``repr(float)`` in ``data-value``."""
    return (
        f'<span class="{css_class}" data-testid="{testid}" data-value="{data_value(value)}">'
        f"{escape(fmt(value, lang))}</span>"
    )


def announcement(text: str) -> str:
    """HTML read out by screen readers whenever ``text`` changes, and invisible on screen.

    The ``data-mg-live`` mark makes ``app.browser``'s accessibility pass turn the box holding it into
    a polite live region: the box persists while its HTML is replaced, which a live region needs.
    """
    return f'<div class="mg-sr-only" data-mg-live="polite">{escape(text)}</div>'


CARD_STYLES = {
    "background": "white",
    "border": "1px solid #e2e8f0",
    "border-radius": "10px",
    "padding": "6px",
}


def card(*objects: pn.viewable.Viewable | pn.viewable.Viewer, grow: str = "1 1 420px") -> pn.Column:
    """A white rounded box that takes a share of the row and wraps below ~420 px."""
    return pn.Column(
        *objects,
        sizing_mode="stretch_width",
        styles={**CARD_STYLES, "flex": grow, "min-width": "0"},
        margin=6,
    )


def wrapping_row(*objects: pn.viewable.Viewable, align_items: str = "stretch") -> pn.Row:
    """A row whose items wrap onto the next line when they no longer fit side by side."""
    return pn.Row(
        *objects,
        sizing_mode="stretch_width",
        margin=0,
        styles={"flex-wrap": "wrap", "align-items": align_items},
    )


def stack(*objects: pn.viewable.Viewable, grow: str = "1 1 420px") -> pn.Column:
    """Cards one above the other that together take one share of a ``wrapping_row``."""
    return pn.Column(*objects, sizing_mode="stretch_width", styles={"flex": grow, "min-width": "0"}, margin=0)


# Side by side (wide screens) the sidebar stays in view while the page scrolls. Stacked (phones) it
# stays at the top too, as a band of at most 40% of the screen that scrolls inside itself, so that a
# slider can be moved while the views scroll by under it.
SIDEBAR_CSS = """
:host { position: sticky; top: 0; }
@media (max-width: 879px) {
  :host { z-index: 10; max-height: 40vh; overflow-y: auto; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.18); }
}
"""


def with_sidebar(sidebar: pn.viewable.Viewable | pn.viewable.Viewer, main: pn.viewable.Viewable) -> pn.Row:
    """A sidebar card (≥ 250 px) beside the main area; the sidebar goes on top on a phone."""
    return wrapping_row(
        pn.Column(
            sidebar,
            sizing_mode="stretch_width",
            styles={**CARD_STYLES, "flex": "1 1 250px", "max-width": "100%", "align-self": "flex-start"},
            stylesheets=[SIDEBAR_CSS],
            margin=6,
        ),
        pn.Column(main, sizing_mode="stretch_width", styles={"flex": "1000 1 600px", "min-width": "0"}),
        align_items="start",
    )
