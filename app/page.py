"""``PageState``: what belongs to the page rather than to one view (the language, the view shown)."""

from __future__ import annotations

import param

from .common.notices import Notice
from .i18n import LANGUAGES
from .views_registry import VIEWS


class PageState(param.Parameterized):
    """The page's language and the key of the view on show; every view reads its language here."""

    language: param.Selector[str] = param.Selector(
        default="en", objects=list(LANGUAGES), doc="language of every label"
    )
    view: param.Selector[str] = param.Selector(
        default=VIEWS[0].key, objects=[entry.key for entry in VIEWS], doc="key of the view on show"
    )
    notices = param.Parameter(default=(), doc="Notice objects about the page itself (its address)")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated

    def set_notices(self, notices: tuple[Notice, ...]) -> None:
        if notices != self.notices:
            self.notices = notices
