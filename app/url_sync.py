"""Keep the page's query string and the page's state in step.

The address is read from Panel's ``Location`` component (``location.search``) and written through
``replace`` (in the page: ``app.browser.BrowserBridge.replace_address``, which replaces the history
entry rather than pushing one as ``Location`` does). Every key is judged by our own parser
(``app.common.url``): Panel's own ``Location`` watcher, which parses ``search`` for ``location.sync``
(never used here) with ``panel.util.parse_query``, is removed (``drop_panel_query_parser``; under
``panel serve`` the page's Location is made without it, ``app.browser.session_location``), since
it raises on a value such as "²" (``int("²")``) and so stopped every watcher after it, ours included.

The page owns ``lang`` and ``view`` (omitted while it is the landing view); every other key belongs to
a view whose ``state`` implements ``app.common.url.UrlState``. The address written is the active
view's ``query_items()`` followed by the page's keys; an address read goes to the page first (so that
``view=`` builds the view it names) and then, whole, to every built view's ``apply_query``. A key no
one owns gets a notice from the page.

Works under ``panel serve`` (the query is known when the script runs) and in a ``pyodide-worker``
build (the browser sends the location after the first render). Nothing is written while the active
view's state has ``playing`` set: the address is written once Play stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from param.parameterized import Parameterized, Parameters

from .common.url import (
    UrlState,
    read_parameters,
    split_query,
    to_search,
    unknown_keys,
    url_keys,
    write_parameters,
)
from .page import PageState
from .shell import PageShell

PAGE_KEYS = url_keys(("language", "view"), renames={"language": "lang"})


class Location(Protocol):
    """What ``UrlSync`` needs of Panel's ``pn.state.location``: a watchable ``search``."""

    search: str
    param: Parameters


class UrlSync:
    """Two-way link between ``location.search`` and the page (its language, view and views' states)."""

    def __init__(
        self, shell: PageShell, location: Location, replace: Callable[[str], None] | None = None
    ) -> None:
        """``replace(search)`` writes the address; by default ``location.search`` is set."""
        self.shell = shell
        self.page: PageState = shell.page
        self.location = location
        self._replace = replace or self._set_search
        self._written: str | None = None
        self._busy = False
        self._watched: set[int] = set()
        drop_panel_query_parser(location)
        location.param.watch(self._on_search, "search")
        self.page.param.watch(self._on_page, ["language", "view"])
        self._watch_states()
        if location.search:
            self._on_search()
        else:
            self._write()

    def _watch_states(self) -> None:
        for state in self.shell.url_states().values():
            if id(state) not in self._watched and isinstance(state, Parameterized):
                self._watched.add(id(state))
                state.param.watch(self._on_change, [name for name in state.param if name != "name"])

    def _on_search(self, *_events: object) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            query = split_query(self.location.search)
            page = read_parameters(query, self.page, PAGE_KEYS)
            self.page.param.update(**page.values)  # a new view is built here, before its keys are read
            self._watch_states()
            states = self.shell.url_states()
            for state in states.values():
                state.apply_query(query)
            known = {*PAGE_KEYS, *(key for state in states.values() for key in state.query_items())}
            self.page.set_notices((*page.notices, *unknown_keys(query, known)))
        finally:
            self._busy = False
        self._write()

    def _on_page(self, *_events: object) -> None:
        self._watch_states()
        self._on_change()

    def _on_change(self, *_events: object) -> None:
        if self._busy or getattr(self._active(), "playing", False):
            return
        self._write()

    def _active(self) -> UrlState | None:
        return self.shell.url_states().get(self.page.view)

    def _write(self) -> None:
        active = self._active()
        items = {
            **(active.query_items() if active is not None else {}),
            **write_parameters(self.page, PAGE_KEYS),
        }
        if self.page.view == self.shell.landing:
            del items["view"]
        search = to_search(items)
        if search == self._written:
            return
        self._written = search
        self._busy = True
        try:
            self._replace(search)
        finally:
            self._busy = False

    def _set_search(self, search: str) -> None:
        self.location.search = search


def drop_panel_query_parser(location: Location) -> None:
    """Remove Panel's ``Location._update_synced`` watcher of ``search``, if ``location`` has one.

    It serves ``location.sync`` (unused here) and parses the whole query with ``panel.util.parse_query``,
    which raises on ``x1=²`` or 5,000 digits, logging an error and skipping the watchers after it.
    """
    synced = getattr(location, "_update_synced", None)
    if synced is None:
        return
    for watcher in list(location.param.watchers.get("search", {}).get("value", [])):
        if watcher.fn == synced:
            location.param.unwatch(watcher)
