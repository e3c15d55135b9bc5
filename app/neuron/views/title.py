"""The page heading (``data-testid="title"``) and its one-line promise, translated."""

from __future__ import annotations

from html import escape

import panel as pn

from ...common.widgets import HtmlBox
from ...i18n import t
from .base import NeuronView


class TitleView(NeuronView):
    """The translated ``<h1 data-testid="title">`` and subtitle."""

    def build(self) -> None:
        self.pane = HtmlBox(margin=(0, 8))

    def relabel(self, lang: str) -> None:
        self.pane.object = (
            '<h1 data-testid="title" style="margin:4px 0 2px 0;font-size:1.6em">'
            f"{escape(t('page_title', lang))}</h1>"
            f'<div style="color:#4a5568">{escape(t("page_subtitle", lang))}</div>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
