"""The servable page: ``panel serve app/main.py``, or ``panel convert app/main.py --to pyodide-worker``.

Wiring only: the page's state is ``app.page.PageState``, its frame ``app.shell.PageShell``, its views
the entries of ``app.views_registry.VIEWS``, its address ``app.url_sync.UrlSync``.
"""

from __future__ import annotations

import panel as pn

from app.page import PageState
from app.shell import PageShell
from app.url_sync import UrlSync

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


def build(page: PageState | None = None) -> PageShell:
    """The whole page for one browser session."""
    shell = PageShell(page or PageState())
    if pn.state.curdoc is not None and pn.state.location is not None:  # a live page, not a test
        UrlSync(shell, pn.state.location)
        pn.state.curdoc.template = SERVED_PAGE_HEAD
    return shell


pn.extension(sizing_mode="stretch_width", design="bootstrap", raw_css=[PAGE_CSS])
build().servable(title="micrograd-web")
