"""Keep the page's query string and the model in step, through Panel's ``Location`` component.

Works under ``panel serve`` (the query is known when the script runs) and in a ``pyodide-worker``
build (the browser sends the location after the first render): in both cases a change of
``location.search`` that we did not write is parsed with ``url_state.parse_query`` and applied.
Nothing is written while Play runs, so an animation does not fill the browser history.
"""

from __future__ import annotations

import param

from .model import NeuronModel
from .url_state import URL_PARAMETERS


class UrlSync:
    """Two-way link between ``location.search`` and the model's URL parameters."""

    def __init__(self, model: NeuronModel, location: param.Parameterized) -> None:
        self.model = model
        self.location = location
        self._busy = False
        location.param.watch(self._on_search, "search")
        model.param.watch(self._on_model, [*URL_PARAMETERS, "playing"])
        if location.search:
            self._on_search()
        else:
            self._write()

    def _on_search(self, *_events: object) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self.model.apply_query(self.location.search)
        finally:
            self._busy = False
        self._write()

    def _on_model(self, *_events: object) -> None:
        if self._busy or self.model.playing:
            return
        self._write()

    def _write(self) -> None:
        query = self.model.query()
        if query == self.location.search:
            return
        self._busy = True
        try:
            self.location.search = query
        finally:
            self._busy = False
