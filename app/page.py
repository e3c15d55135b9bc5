"""``PageState``: what belongs to the page rather than to one view (the language, the view shown)."""

from __future__ import annotations

from collections.abc import Mapping

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
    request = param.Parameter(default=None, doc="(view key, query items): a view asking to show another")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated

    def open_view(self, key: str, query: Mapping[str, str]) -> None:
        """Show view ``key`` with ``query`` applied to its state (the shell does it): one view handing
        the learner over to another, e.g. a network's neuron to the neuron view."""
        request = (key, dict(query))
        if request == self.request:
            self.param.trigger("request")
        else:
            self.request = request

    def set_notices(self, notices: tuple[Notice, ...]) -> None:
        if notices != self.notices:
            self.notices = notices
