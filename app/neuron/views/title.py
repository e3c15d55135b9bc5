"""The page heading (``data-testid="title"``) and its one-line promise, translated."""

from __future__ import annotations

from html import escape

import panel as pn

from ..i18n import t
from ..model import NeuronModel
from .base import HtmlBox


class TitleView(pn.viewable.Viewer):
    """The translated ``<h1 data-testid="title">`` and subtitle."""

    def __init__(self, model: NeuronModel, **params: object) -> None:
        super().__init__(**params)
        self.model = model
        self.pane = HtmlBox(margin=(0, 8))
        model.param.watch(self._render, "language")
        self._render()

    def _render(self, *_events: object) -> None:
        lang = self.model.language
        self.pane.object = (
            '<h1 data-testid="title" style="margin:4px 0 2px 0;font-size:1.6em">'
            f"{escape(t('page_title', lang))}</h1>"
            f'<div style="color:#4a5568">{escape(t("page_subtitle", lang))}</div>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane
