"""sitebuild.prerender without a browser: how the page changes around a captured pre-render, the shared
stylesheets, and that no failure of the capture ever fails the build."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sitebuild import BuildError, prerender
from sitebuild.page import shape_page

PANEL_PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
<script type="esms-options">{"shimMode": true}</script>
<script type="text/javascript" src="./vendor/bokeh/bokeh-3.9.2.min.js"></script>
<script type="text/javascript">
  Bokeh.set_log_level("info");
</script>
</head>
  <body class="pn-loading pn-arc">
    <div id="a" data-root-id="p1" style="display: contents;"></div>
  <div id="b" data-root-id="p2" style="display: contents;"></div>
    <script>
      const pyodideWorker = new Worker("./main.js");
    </script>
    <script type="application/json" id="p3">{"doc": "the pre-rendered document"}</script>
    <script>
      function embed_document(root) {
        const docs_json = document.getElementById('p3').textContent;
        root.Bokeh.embed.embed_items(docs_json, render_items);
      }
    </script>
  </body>
</html>
"""
STATIC = ('<div class="bk-Column"><template shadowrootmode="open">'
          '<p data-testid="out">0.5000</p></template></div>')


def head(html: str) -> str:
    return html[:html.index("</head>")]


def test_the_static_copy_comes_first_inert_and_the_bokeh_prerender_goes() -> None:
    html = prerender.with_prerender(shape_page(PANEL_PAGE), STATIC)
    copy = html.index(f'<div id="{prerender.PRERENDER_ID}" inert style="display: contents">{STATIC}</div>')
    assert copy < html.index('data-root-id="p1"'), "in the place the live document will take"
    assert "embed_document" not in html and "the pre-rendered document" not in html
    assert html.count('data-root-id="') == 2, "the live document still goes into Panel's root elements"


def test_no_head_script_blocks_the_first_paint() -> None:
    html = prerender.with_prerender(shape_page(PANEL_PAGE), STATIC)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", head(html), re.S)
    assert scripts
    for attributes, code in scripts:
        if ' src="' in attributes:
            assert " defer" in attributes, attributes
        elif 'type="esms-options"' not in attributes:
            assert code.startswith('document.addEventListener("DOMContentLoaded"'), code
    assert 'Bokeh.set_log_level("info");' in head(html), "inline code still runs, after the deferred files"


def test_panel_sees_the_workers_messages_only_after_bokehjs_ran() -> None:
    html = prerender.with_prerender(shape_page(PANEL_PAGE), STATIC)
    runtime = html.index("const panelHandler = pyodideWorker.onmessage;")
    assert html.index("new Worker(") < runtime < html.index("</body>")
    assert "DOMContentLoaded" in html[runtime:html.index("</script>", runtime)]


@pytest.mark.parametrize("change", [
    ('id="p3"', 'id="p4"'),  # the embed script no longer names the document
    ('<script type="application/json" id="p3">', "<script>"),
    ('<script type="text/javascript" src="./vendor/bokeh/bokeh-3.9.2.min.js"></script>\n'
     '<script type="text/javascript">\n  Bokeh.set_log_level("info");\n</script>', ""),
    (' data-root-id="p1"', ""),
])
def test_a_changed_panel_template_is_an_error(change: tuple[str, str]) -> None:
    page = shape_page(PANEL_PAGE).replace(*change)
    if change[0] == ' data-root-id="p1"':
        page = page.replace(' data-root-id="p2"', "")
    with pytest.raises(BuildError, match=r"template changed|data-root-id"):
        prerender.with_prerender(page, STATIC)


def test_repeated_large_stylesheets_become_one_shared_file() -> None:
    big = ".bk-tool-icon{mask-image:var(--icon)}" + ".x{color:red}" * 400
    icons = ':host{--icon:url("data:image/svg+xml,%3Csvg fill=%22url(%23p)%22%3E%3C/svg%3E")}' * 100
    relative = ".y{background:url(img.png)}" * 300
    static = (f"<style>{big}</style>" * 3 + "<style>.small{}</style>" * 2 + f"<style>{icons}</style>" * 2
              + f"<style>{relative}</style>" * 2 + f"<style>{big}x</style>")
    shared, files = prerender.share_stylesheets(static)
    links = re.findall(r'<link rel="stylesheet" href="\./prerender/([0-9a-f]{16}\.css)">', shared)
    assert len(links) == 5 and set(links) == set(files), "big 3 times, the icons twice: two files"
    assert set(files.values()) == {big, icons}
    assert shared.count("<style>.small{}</style>") == 2, "small ones stay inline"
    assert shared.count(f"<style>{relative}</style>") == 2, "a relative url() would resolve elsewhere"
    assert shared.count(f"<style>{big}x</style>") == 1, "used once: nothing to share"


def test_a_failing_capture_leaves_the_page_as_it_was_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "index.html"
    page.write_text(PANEL_PAGE)

    def fail(site: Path, html: str) -> None:
        raise RuntimeError("Timeout 90000ms exceeded.\n  waiting for Bokeh")

    monkeypatch.setattr(prerender, "capture", fail)
    note = prerender.add_prerender(tmp_path)
    assert note.startswith("Static pre-render: not added") and "Timeout 90000ms exceeded. waiting" in note
    assert "\n" not in note and "BokehJS draws the first paint" in note
    assert page.read_text() == PANEL_PAGE
    assert not (tmp_path / prerender.SHARED_CSS).exists()


def test_without_playwright_the_note_says_how_to_get_the_prerender(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "index.html").write_text(PANEL_PAGE)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # `import` raises ImportError
    note = prerender.add_prerender(tmp_path)
    assert "Playwright is not installed" in note and prerender.HOW_TO_GET_IT in note
    assert (tmp_path / "index.html").read_text() == PANEL_PAGE


def test_without_chromium_the_note_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text(PANEL_PAGE)
    monkeypatch.setattr(prerender, "CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    note = prerender.add_prerender(tmp_path)
    assert f"no Chromium at {tmp_path / 'no-chromium'}" in note
    assert (tmp_path / "index.html").read_text() == PANEL_PAGE


def test_only_local_self_standing_stylesheets_are_cut_to_their_used_rules(tmp_path: Path) -> None:
    base = "http://127.0.0.1:8000/"
    css = {"plain.css": ".a{color:red}", "imports.css": "@import 'x.css'; .a{}",
           "font.css": ".a{src:url(f.woff)}",
           "icons.css": ':host{--i:url("data:image/svg+xml,%3Csvg fill=%22url(%23p)%22/%3E")}'}
    for name, text in css.items():
        (tmp_path / name).write_text(text)
    hrefs = [base + name for name in css] + [base + "missing.css", "https://elsewhere.example/a.css"]
    texts = prerender._stylesheet_texts(hrefs, base, tmp_path)
    assert texts == {base + "plain.css": css["plain.css"], base + "icons.css": css["icons.css"]}


def test_a_page_it_cannot_change_gets_no_shared_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = PANEL_PAGE.replace(' data-root-id="p1"', "").replace(' data-root-id="p2"', "")
    (tmp_path / "index.html").write_text(page)
    style = "<style>" + ".x{color:red}" * 200 + "</style>"
    monkeypatch.setattr(prerender, "capture", lambda site, html: prerender.Capture(style * 3, 3, 0))
    note = prerender.add_prerender(tmp_path)
    assert "not added, the capture failed (the page has no [data-root-id] element)" in note
    assert (tmp_path / "index.html").read_text() == page
    assert not (tmp_path / prerender.SHARED_CSS).exists()
