"""What the lab's views share: their stylesheet, click handlers that hold the document, error text."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import panel as pn

from micrograd_core import ExpressionError

from ...i18n import t

LAB_CSS = """
.mg-lab-error { color: #c53030; }
.mg-lab-error mark { background: #fed7d7; color: #c53030; border-bottom: 2px solid #c53030; }
.mg-lab-steps { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px;
                white-space: pre-wrap; margin: 0; }
.mg-lab-code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px;
               white-space: pre; overflow-x: auto; background: #f7fafc; padding: 6px; margin: 0; }
"""
# a row whose fixed-width items (buttons) wrap inside a narrow card instead of widening it
WRAP = {"flex-wrap": "wrap", "min-width": "0", "width": "100%"}
# Bokeh gives a layout the width of its widest child as a minimum; this lets a card (and a phone's
# screen) be narrower: rows wrap, the graph and tables scroll inside their box
NARROW_CSS = ":host { min-width: 0 !important; max-width: 100%; }"


def label_width(label: str) -> int:
    """Pixels for a button as wide as its label: fixed-width buttons wrap in a row, stretching ones do not."""
    return 24 + 7 * len(label)


def held(action: Callable[[], object]) -> Callable[[object], None]:
    """A click handler running ``action`` with the document's changes held and sent as one message.

    Panel runs click events outside the document lock; changes to a figure's Bokeh models made there
    must go through ``pn.io.hold`` (as the neuron's Step button does), or the server refuses them.
    """

    def run(_event: object) -> None:
        with pn.io.hold():
            action()

    return run


def error_text(error: ExpressionError, lang: str) -> str:
    """An ``ExpressionError`` in ``lang``, with its 1-based character number."""
    try:
        message = t(f"error_{error.code}", lang, **error.details)
    except KeyError:  # a code with no translation yet: the engine's English message
        message = error.message
    return t("lab_error", lang, message=message, position=error.position + 1)


def marked(text: str, position: int) -> str:
    """``text`` as HTML around ``position``, that character marked (a visible space past the end)."""
    head, mark, tail = (
        text[max(0, position - 60) : position],
        text[position : position + 1],
        text[position + 1 :],
    )
    shown_mark = escape(mark) if mark.strip() else "␣"
    return f"<code>{escape(head)}<mark>{shown_mark}</mark>{escape(tail[:40])}</code>"
