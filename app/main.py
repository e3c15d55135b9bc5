"""The servable page: ``panel serve app/main.py``, or ``panel convert app/main.py --to pyodide-worker``.

Wiring only: the page's state is ``app.page.PageState``, its frame ``app.shell.PageShell``, its views
the entries of ``app.views_registry.VIEWS``, its address ``app.url_sync.UrlSync``, what it tells the
browser itself (address bar, ``<html lang>``, accessibility) ``app.browser.BrowserBridge``.
"""

from __future__ import annotations

import panel as pn
from panel.io.location import Location

from app.browser import connect, session_location
from app.page import PageState
from app.shell import PageShell

# The page's own frame. No Panel template: every template carries a ReactiveHTML (its modal/actions
# helper), and rendering any ReactiveHTML (pn.FlexBox too) imports nh3, a compiled package that the
# self-contained Pyodide build lacks. Rows that may wrap give the same sidebar + main layout, and put
# the sidebar above the main area on a phone.
PAGE_CSS = """
body { margin: 0; background: #f4f6fa; }
"""
# Panel's served page has no viewport meta, so a phone would lay it out 980 px wide, zoomed out.
SERVED_PAGE_HEAD = """{% block preamble %}{{ super() }}
<meta name="viewport" content="width=device-width, initial-scale=1">{% endblock %}"""


def build(page: PageState | None = None, location: Location | None = None) -> PageShell:
    """The whole page for one browser session; with a ``location``, a live page that keeps its address."""
    shell = PageShell(page or PageState())
    if location is not None:
        connect(shell, location)
        if pn.state.curdoc is not None:
            pn.state.curdoc.template = SERVED_PAGE_HEAD
    return shell


pn.extension(sizing_mode="stretch_width", design="bootstrap", raw_css=[PAGE_CSS])
# Made before anything reads pn.state.location: Panel's own would parse the query and may raise.
LOCATION = session_location()
build(location=LOCATION).servable(title="micrograd-web", location=LOCATION or True)
