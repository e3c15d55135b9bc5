"""The page around the views: the header, the view switcher (from two views on), the view on show.

Views are built lazily: the landing view when the page is made, any other the first time it is
selected; a built view is kept, so switching back shows it as it was left.
"""

from __future__ import annotations

from collections.abc import Sequence

import panel as pn

from .common.url import UrlState
from .i18n import t
from .page import PageState
from .views_registry import VIEWS, ViewEntry

ACCENT = "#2b6cb0"
SHRINKABLE_CSS = ":host { min-width: 0 !important; }"
HEADER_HTML = (
    '<div style="background:{accent};color:white;padding:10px 18px;font-size:20px;font-weight:600">'
    "{brand}</div>"
)


class PageShell(pn.viewable.Viewer):
    """Header, switcher and the selected view of ``page``; ``built`` maps view keys to built views."""

    def __init__(self, page: PageState, views: Sequence[ViewEntry] = VIEWS, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.page = page
        self.entries = {entry.key: entry for entry in views}
        self.landing = views[0].key  # shown first, and left out of the address
        page.param.view.objects = list(self.entries)
        self.built: dict[str, pn.viewable.Viewable] = {}
        self.header = pn.pane.HTML(
            HEADER_HTML.format(accent=ACCENT, brand=t("brand", page.language)),
            sizing_mode="stretch_width",
            margin=0,
        )
        # A Bokeh radio button group: real <button>s (Tab and Enter/Space work), no ReactiveHTML (see
        # app/main.py on nh3). With a single view there is nothing to switch.
        self.switcher: pn.widgets.RadioButtonGroup | None = None
        if len(views) > 1:
            self.switcher = pn.widgets.RadioButtonGroup.from_param(
                page.param.view,
                options=self._titles(page.language),
                color="primary",
                variant="outline",
                css_classes=["mg-views"],
                name="",
                margin=(6, 12),
            )
            page.param.watch(self._relabel, "language")
        # Bokeh gives a column the width of its widest descendant as a minimum, fixed-width buttons and
        # figures included: on a phone that widens the page; let the views wrap and scroll instead
        self.content = pn.Column(sizing_mode="stretch_width", margin=0, stylesheets=[SHRINKABLE_CSS])
        top = [self.header] if self.switcher is None else [self.header, self.switcher]
        self.layout = pn.Column(
            *top, self.content, sizing_mode="stretch_width", margin=0, stylesheets=[SHRINKABLE_CSS]
        )
        page.param.watch(self._show, "view")
        page.param.watch(self._on_request, "request")
        self._show()

    def _titles(self, lang: str) -> dict[str, str]:
        return {t(entry.title_key, lang): key for key, entry in self.entries.items()}

    def _relabel(self, *_events: object) -> None:
        if self.switcher is not None:
            self.switcher.options = self._titles(self.page.language)

    def view(self, key: str) -> pn.viewable.Viewable:
        """The view ``key``, built on first use."""
        if key not in self.built:
            self.built[key] = self.entries[key].make(self.page)
        return self.built[key]

    def url_states(self) -> dict[str, UrlState]:
        """The built views whose ``state`` lives in the address, by view key."""
        states = {key: getattr(view, "state", None) for key, view in self.built.items()}
        return {key: state for key, state in states.items() if isinstance(state, UrlState)}

    def _on_request(self, *_events: object) -> None:
        """``page.open_view(key, query)``: build the view if needed, apply the query, show it."""
        key, query = self.page.request
        if key not in self.entries:
            return
        state = getattr(self.view(key), "state", None)
        if isinstance(state, UrlState):
            state.apply_query(query)
        self.page.view = key

    def _show(self, *_events: object) -> None:
        self.content.objects = [self.view(self.page.view)]

    def __panel__(self) -> pn.viewable.Viewable:
        return self.layout
