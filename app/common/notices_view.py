"""The notices area (``data-testid="notice"``): URL problems and why learning stopped, translated."""

from __future__ import annotations

from html import escape

import panel as pn

from ..i18n import notice_text
from ..model import NeuronModel
from .base import html_pane

NOTICE_CSS = """
.mg-notices { min-height: 4px; }
.mg-notice { background: #fffbeb; border-left: 4px solid #d69e2e; padding: 6px 10px; margin: 3px 0;
             font-size: 14px; }
.mg-notice.mg-learn { background: #fff5f5; border-left-color: #c53030; }
"""


class NoticesView(pn.viewable.Viewer):
    """Shows ``model.notices``; empty (but present) when there is nothing to say."""

    def __init__(self, model: NeuronModel, **params: object) -> None:
        super().__init__(**params)
        self.model = model
        self.pane = html_pane(NOTICE_CSS)
        model.param.watch(self._render, ["notices", "language"])
        self._render()

    def _render(self, *_events: object) -> None:
        items = "".join(
            f'<div class="mg-notice mg-{escape(n.source)}" data-key="{escape(n.key)}">'
            f"{escape(notice_text(n, self.model.language))}</div>"
            for n in self.model.notices
        )
        self.pane.object = f'<div class="mg-notices" data-testid="notice">{items}</div>'

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane
