"""Notice areas: the page's and one view's notices, translated, styled by kind, announced.

Each area shows the notices of some sources (``url``, ``learn``, …) where the user is looking: the
address's at the top of the page, the learning loop's inside the Learning card.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import ClassVar

import panel as pn
import param

from ..i18n import notice_text
from ..page import PageState
from .notices import Notice
from .view import View
from .widgets import HtmlBox

NOTICE_CSS = """
.mg-notices { min-height: 4px; }
.mg-notice { background: #fffbeb; border-left: 4px solid #d69e2e; padding: 6px 10px; margin: 3px 0;
             font-size: 14px; color: #1a202c; }
.mg-notice.mg-success { background: #f0fff4; border-left-color: #2f855a; }
.mg-notice.mg-info { background: #ebf8ff; border-left-color: #3182ce; }
.mg-notice.mg-error { background: #fff5f5; border-left-color: #c53030; }
"""


def notice_html(notice: Notice, lang: str) -> str:
    """One notice as HTML: styled by its kind; an error is an alert, anything else a polite status."""
    role = 'role="alert"' if notice.kind == "error" else 'role="status" aria-live="polite"'
    return (
        f'<div class="mg-notice mg-{escape(notice.kind)} mg-{escape(notice.source)}" {role} '
        f'data-key="{escape(notice.key)}" data-kind="{escape(notice.kind)}">'
        f"{escape(notice_text(notice, lang))}</div>"
    )


def notices_html(notices: Iterable[Notice], lang: str, testid: str) -> str:
    """A notice area (present even when empty) holding ``notices``."""
    items = "".join(notice_html(n, lang) for n in notices)
    return f'<div class="mg-notices" data-testid="{escape(testid)}">{items}</div>'


class NoticesView(View[param.Parameterized]):
    """``state.notices`` (a tuple of ``Notice``) whose source is one of ``sources`` (all when None), after
    the page's own notices when ``with_page``; empty but present when none."""

    watches: ClassVar[tuple[str, ...]] = ("notices",)

    def __init__(
        self,
        state: param.Parameterized,
        page: PageState,
        sources: tuple[str, ...] | None = None,
        with_page: bool = True,
        testid: str = "notice",
    ) -> None:
        self.sources = sources
        self.with_page = with_page
        self.testid = testid
        super().__init__(state, page)

    def build(self) -> None:
        self.pane = HtmlBox(NOTICE_CSS)
        if self.with_page:
            self.page.param.watch(self._on_state, "notices")

    def refresh(self) -> None:
        own = tuple(
            n for n in getattr(self.state, "notices", ()) if self.sources is None or n.source in self.sources
        )
        shown = (*self.page.notices, *own) if self.with_page else own
        self.pane.object = notices_html(shown, self.lang, self.testid)

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
