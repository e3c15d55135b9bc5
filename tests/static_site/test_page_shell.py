"""sitebuild.page on a stand-in of Panel's page: what it adds, and failing loudly on a new template."""

from __future__ import annotations

import pytest

from sitebuild import BuildError
from sitebuild.page import BANNER_ID, LIVE_MESSAGE, NOT_LIVE_CLASS, VIEWPORT, shape_page

PANEL_PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>micrograd-web</title>
</head>
  <body class="pn-loading pn-arc">
    <div id="a" data-root-id="p1" style="display: contents;"></div>
  <div id="b" data-root-id="p2" style="display: contents;"></div>
    <script>
      const pyodideWorker = new Worker("./main.js");
    </script>
    <script type="application/json" id="p3">{}</script>
  </body>
</html>
"""


def test_page_gets_viewport_banner_and_an_inert_dimmed_document() -> None:
    html = shape_page(PANEL_PAGE)
    assert html.count(VIEWPORT) == 1 and html.index(VIEWPORT) < html.index("</head>")
    assert f'<body class="{NOT_LIVE_CLASS} pn-loading pn-arc">' in html
    assert html.count(f'id="{BANNER_ID}" role="status"') == 1
    assert html.index(BANNER_ID) < html.index("data-root-id")
    assert html.count(" inert data-root-id=") == 2
    assert "Chargement de Python" in html, "the banner's French text ships with the page"
    listener = html.index(f'event.data.type === "{LIVE_MESSAGE}"')
    assert html.index("new Worker(") < listener < html.index('id="p3"')


@pytest.mark.parametrize("marker", ["<body", '<meta charset="utf-8">', "const pyodideWorker = new Worker("])
def test_a_changed_panel_template_stops_the_build(marker: str) -> None:
    with pytest.raises(BuildError, match="template changed"):
        shape_page(PANEL_PAGE.replace(marker, "<changed"))


def test_a_page_with_another_viewport_stops_the_build() -> None:
    with pytest.raises(BuildError, match="viewport"):
        shape_page(PANEL_PAGE.replace("<title>", '<meta name="viewport" content="width=1000"><title>'))


def test_a_page_that_already_has_the_viewport_keeps_one() -> None:
    html = shape_page(PANEL_PAGE.replace("<title>", VIEWPORT + "<title>"))
    assert html.count('name="viewport"') == 1
