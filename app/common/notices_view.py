"""The notices area (``data-testid="notice"``): the page's and one view's notices, translated."""

from __future__ import annotations

from html import escape
from typing import ClassVar

import panel as pn
import param

from ..i18n import notice_text
from .view import View
from .widgets import HtmlBox

NOTICE_CSS = """
.mg-notices { min-height: 4px; }
.mg-notice { background: #fffbeb; border-left: 4px solid #d69e2e; padding: 6px 10px; margin: 3px 0;
             font-size: 14px; }
.mg-notice.mg-learn { background: #fff5f5; border-left-color: #c53030; }
"""


class NoticesView(View[param.Parameterized]):
    """The page's notices then ``state.notices`` (a tuple of ``Notice``); empty but present when none."""

    watches: ClassVar[tuple[str, ...]] = ("notices",)

    def build(self) -> None:
        self.pane = HtmlBox(NOTICE_CSS)
        self.page.param.watch(self._on_state, "notices")

    def refresh(self) -> None:
        items = "".join(
            f'<div class="mg-notice mg-{escape(n.source)}" data-key="{escape(n.key)}">'
            f"{escape(notice_text(n, self.lang))}</div>"
            for n in (*self.page.notices, *getattr(self.state, "notices", ()))
        )
        self.pane.object = f'<div class="mg-notices" data-testid="notice">{items}</div>'

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
