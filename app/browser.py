"""What the page tells the browser itself: its address, its ``<html lang>``, and accessibility fixes.

Each is a hidden widget whose value Python sets and whose JS callback acts on the document. A model
change reaches the browser's JS the same way under ``panel serve`` and in the ``pyodide-worker``
build (where Python runs in a worker), so this works in both.

- **Address**: Panel's ``Location`` writes ``search`` with ``history.pushState``, so every slider tick
  was a history entry and Back showed an address the page did not show. The address is written here
  with ``history.replaceState`` instead: Back leaves the page, and the address always equals the page.
- **Language**: ``document.documentElement.lang`` follows the page's language (at load and on switch).
- **Accessibility** (run at load and after every relabel): Bokeh gives a slider handle (noUiSlider's
  ``.noUi-handle``, role "slider") no accessible name, so each gets its slider's visible title as
  ``aria-label`` and an ``aria-valuetext`` written as its label writes it; each Bokeh chart's event
  layer (``.bk-events``, ``tabindex=0`` for Bokeh's own key events, which these tool-less charts never
  use) leaves the tab order; and the box around each
  ``app.common.widgets.announcement`` becomes a polite live region (ŷ and the gradients are read out).

The values are pushed only once the document is in the browser (``pn.state.onload``): the initial
value of a model triggers no JS callback.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param
from panel.io.location import Location

from .page import PageState
from .shell import PageShell
from .url_sync import UrlSync, drop_panel_query_parser


class QuietLocation(Location):
    """Panel's ``Location`` without its query parser for ``location.sync`` (see ``app.url_sync``).

    ``Location.from_request`` sets ``search`` as it builds the object, so under ``panel serve`` a link
    like ``?x1=²`` raised before the page existed; this class never parses the query itself.
    """

    def _update_synced(self, event: Any = None) -> None:
        """Nothing: the page reads the query with its own parser (``app.url_sync``)."""


def session_location() -> Location | None:
    """The Location of this browser session whose ``search`` ``UrlSync`` reads; None outside a page.

    Under ``panel serve`` it is made here from the request (pass it to ``servable(location=…)``);
    in the Pyodide build it is Panel's (empty until the browser sends its address), unwatched.
    """
    doc = pn.state.curdoc
    if doc is None:
        return None
    request = getattr(doc.session_context, "request", None)
    if request is not None:
        location: Location = QuietLocation.from_request(request)  # type: ignore[no-untyped-call]
        return location
    panels = pn.state.location
    if panels is not None:
        drop_panel_query_parser(panels)
    return panels

# Bokeh renders every view in its own shadow root: look through all of them.
SWEEP_JS = """
function sweep(root) {
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) { sweep(el.shadowRoot); }
  }
  const title = root.querySelector('.bk-slider-title');
  const name = title && title.firstChild && title.firstChild.nodeType === Node.TEXT_NODE
    ? title.firstChild.textContent.replace(/[\\s\\u202f\\u00a0]*:\\s*$/, '') : '';
  for (const handle of root.querySelectorAll('.noUi-handle')) {
    if (name) { handle.setAttribute('aria-label', name); }
  }
  const target = root.querySelector('.noUi-target');
  if (target && target.noUiSlider) {
    // noUiSlider writes aria-valuetext with a '.': write it as the title does, in the page's language
    const api = target.noUiSlider;
    const decimals = Math.max(0, -Math.floor(Math.log10(api.options.step || 1) + 1e-9));
    const say = (values, index, raw) => {
      const separator = document.documentElement.lang === 'fr' ? ',' : '.';
      const text = (Math.abs(raw[0]) < 0.5 * 10 ** -decimals ? 0 : raw[0]).toFixed(decimals);
      const handle = root.querySelector('.noUi-handle');
      const spoken = text.replace('.', separator).replace('-', '\u2212');
      if (handle) { handle.setAttribute('aria-valuetext', spoken); }
    };
    api.off('update.mgaria');
    api.on('update.mgaria', say);
    say(null, 0, [Number(api.get(true))]);
  }
  for (const layer of root.querySelectorAll('.bk-events')) { layer.tabIndex = -1; }
  for (const live of root.querySelectorAll('[data-mg-live]')) {
    const box = live.parentElement;
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', live.dataset.mgLive);
    box.setAttribute('aria-atomic', 'true');
  }
}
// now, and again once Bokeh has laid out views that render late
for (const delay of [0, 300, 1500]) { setTimeout(() => sweep(document), delay); }
"""
ADDRESS_JS = (
    "if (source.value) { window.history.replaceState(window.history.state, '', "
    "source.value + window.location.hash); }"
)
LANG_JS = "if (source.value) { document.documentElement.lang = source.value; }"


class BrowserBridge(pn.viewable.Viewer):
    """Hidden widgets carrying the address, the language and an accessibility pass to the browser."""

    search = param.String(default="", doc="the query string the address should show, with its '?'")

    def __init__(self, page: PageState, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.page = page
        self._live = False
        self._address = pn.widgets.TextInput(visible=False)
        self._lang = pn.widgets.TextInput(visible=False)
        self._sweeps = pn.widgets.IntInput(visible=False, value=0)
        self._address.jscallback(value=ADDRESS_JS)
        self._lang.jscallback(value=LANG_JS)
        self._sweeps.jscallback(value=SWEEP_JS)
        page.param.watch(self._push, ["language", "view"])
        self.param.watch(self._push, "search")

    def replace_address(self, search: str) -> None:
        """Show ``search`` in the address bar without adding a history entry."""
        self.search = search

    def start(self, *_events: object) -> None:
        """The document is in the browser: send everything (again), and from now on every change.

        Called on load and when the browser reports its address: in the Pyodide worker, a change made
        at load can reach the browser inside the first document (no change event, so no callback ran).
        Each value is cleared and set again so that its callback surely runs.
        """
        self._live = True
        self._address.value = self._lang.value = ""
        self._push()

    def _push(self, *_events: object) -> None:
        if not self._live:
            return
        self._address.value = self.search
        self._lang.value = self.page.language
        self._sweeps.value = (self._sweeps.value or 0) + 1  # new labels (language), new views (view)

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Row(self._address, self._lang, self._sweeps, visible=False, margin=0)


def connect(shell: PageShell, location: Location) -> None:
    """Make ``shell`` a live page: its address read from ``location`` and written back, its language
    and accessibility pass sent to the browser once the document is there."""
    bridge = BrowserBridge(shell.page)
    shell.layout.append(bridge)
    UrlSync(shell, location, bridge.replace_address)
    pn.state.onload(bridge.start)
    location.param.watch(bridge.start, "href")  # the Pyodide worker hears the browser's address late
