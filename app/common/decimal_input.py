"""A number typed as text, for a ``param.Number``: "0.3" and "0,3" both work; anything else is refused
with a message under the box (the value is kept), and a number outside the bounds is clamped and says so.

Bokeh's own number input (``FloatInput``) drops a decimal comma in the browser before Python sees it, so
a French reader typing "0,3" saw nothing happen; here the text reaches Python and is parsed there.
"""

from __future__ import annotations

from html import escape

import panel as pn
import param

from ..i18n import t
from .formatting import fmt_step, parse_decimal
from .widgets import CSS


class DecimalInput(pn.viewable.Viewer):
    """A text box bound both ways to ``owner.<name>`` (a bounded ``param.Number`` with a ``step``)."""

    def __init__(self, owner: param.Parameterized, name: str, css_class: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.owner, self.key = owner, name
        parameter = owner.param[name]
        self.step = float(parameter.step or 0.001)
        self.bounds = (float(parameter.bounds[0]), float(parameter.bounds[1]))
        self.lang = "en"
        self.box = pn.widgets.TextInput(css_classes=[css_class], sizing_mode="stretch_width")
        # a Panel pane, not an HtmlBox: a raw Bokeh model changed from this widget's own server-side
        # callback fails Bokeh's document lock; Panel's pane takes it (and the message is rare)
        self.message = pn.pane.HTML("", margin=(0, 10), stylesheets=[CSS])
        self.box.param.watch(self._on_text, "value")
        owner.param.watch(self._show, name)
        self._show()

    def relabel(self, label: str, lang: str) -> None:
        """Translate the label and write the value in ``lang`` (``0,050`` in French)."""
        self.lang = lang
        self.box.name = label
        self._show()
        self.message.object = ""

    def _show(self, *_events: object) -> None:
        self.box.value = fmt_step(float(getattr(self.owner, self.key)), self.step, self.lang)

    def _on_text(self, event: param.parameterized.Event) -> None:
        # Panel runs a TextInput's server callback outside the document lock; what the new value
        # redraws (raw Bokeh models among it) must change under the lock: on the next tick.
        if str(event.new) == fmt_step(float(getattr(self.owner, self.key)), self.step, self.lang):
            return  # our own writing of the current value (checked now: a deferred check would be stale)
        doc = pn.state.curdoc
        if doc is not None and doc.session_context is not None:
            doc.add_next_tick_callback(lambda: self._take(str(event.new)))
        else:
            self._take(str(event.new))

    def _take(self, text: str) -> None:
        if text == fmt_step(float(getattr(self.owner, self.key)), self.step, self.lang):
            return  # our own writing of the current value
        number = parse_decimal(text)
        lo, hi = self.bounds
        if number is None:
            example = fmt_step(0.3, 0.1, self.lang)
            self._say(t("input_not_a_number", self.lang, value=text[:40], example=example))
            self._show()
            return
        clamped = min(max(number, lo), hi)
        self._say(t("input_clamped", self.lang, lo=lo, hi=hi, new=clamped) if clamped != number else "")
        setattr(self.owner, self.key, clamped)
        self._show()

    def _say(self, text: str) -> None:
        self.message.object = f'<div class="mg-bad" role="alert">{escape(text)}</div>' if text else ""

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(self.box, self.message, sizing_mode="stretch_width", margin=0)
