"""The built site's static pre-render (issue 9): plain HTML/CSS as the first paint, replaced in place by
the live document. The worker is held back where a test needs "before Python" to last."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from site_page import (
    LOAD_TIMEOUT_MS,
    PHONE,
    READOUTS,
    START,
    expected,
    shown,
    slider_value,
    wait_until_shown,
    worker_held,
)
from static_site_support import BUILD_SUMMARY, REPO_ROOT

from sitebuild.page import BANNER_ID
from sitebuild.prerender import HOW_TO_GET_IT, PRERENDER_ID

pytestmark = pytest.mark.slow

COPY = f"#{PRERENDER_ID}"
W1_HANDLE = ".mg-slider-w1 .noUi-handle"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "laptop": {"viewport": {"width": 1024, "height": 768}},
    "phone": PHONE,
}
# The page is never wider than the window (a wide card may scroll inside itself, as the live page's do).
PAGE_OVERFLOW_JS = "() => document.documentElement.scrollWidth - window.innerWidth"
# Stand in for the page's switch to live (sitebuild.page): the test decides when the banner goes.
HOLD_GO_LIVE_JS = """
Object.defineProperty(window, "mgGoLive", {
  configurable: true,
  set(goLive) { window.mgRealGoLive = goLive; },
  get() { return () => { window.mgLiveAsked = true; }; },
});
"""


def test_built_page_is_the_static_prerender_with_no_script_in_the_way(self_contained_site: Path) -> None:
    html = (self_contained_site / "index.html").read_text(encoding="utf-8")
    copy = html[html.index(f'<div id="{PRERENDER_ID}" inert'):html.index(" data-root-id=")]
    assert copy.count('<template shadowrootmode="open">') > 50
    for testid, value in expected(START).items():
        assert re.search(rf'data-testid="{testid}" data-value="{value!r}">[^<]*', copy), testid
    assert 'data-testid="grad-w1" data-value="2.0">2.0000<' in copy
    assert copy.count('<img alt="" class="bk-layer"') >= 8 and "<canvas" not in copy
    assert "<script" not in copy
    assert "bootstrap.min.css" not in copy, "its rules the copy uses are in a shared file of the site"
    for href in re.findall(r'<link rel="stylesheet" href="\./([^"]+)"', copy):
        assert (self_contained_site / href).is_file(), href
    head = html[:html.index("</head>")]
    for attributes in re.findall(r"<script\b([^>]*)>", head):
        assert " defer" in attributes or 'type="esms-options"' in attributes or " src=" not in attributes
    assert not re.search(r"<script(?: type=\"text/javascript\")?>\s*(?!document\.addEventListener)", head)
    assert "embed_document" not in html, "BokehJS no longer renders a pre-render of its own"
    summary = (self_contained_site.parent / BUILD_SUMMARY).read_text(encoding="utf-8")
    assert re.search(r"^Static pre-render: added \(\d+ shadow roots, 8 images;", summary, re.M), summary


@pytest.mark.browser
def test_before_python_the_copy_shows_the_default_inert_under_the_banner(page: Page, site_url: str) -> None:
    with worker_held(page) as held:
        page.goto(site_url + "?w1=-1")
        page.locator("[data-testid='grad-w1']").first.wait_for(timeout=LOAD_TIMEOUT_MS)
        assert held, "the page asked for its worker: Python would start"
        assert page.locator(COPY).get_attribute("inert") == ""
        default = pytest.approx(expected(START), rel=1e-9, abs=1e-12)
        assert shown(page) == default, "the default example, not the link's state"
        assert "not your link's yet" in page.locator(f"#{BANNER_ID}").inner_text()
        assert page.evaluate("window.Bokeh === undefined || Bokeh.documents.length === 0"), \
            "what shows is the static copy, not a document BokehJS rendered"
        outside_the_copy = f"!document.querySelector('{COPY}').contains(document.activeElement)"
        page.locator(W1_HANDLE).first.focus()
        page.locator(".mg-language select").first.click(force=True)  # at its place on the screen
        assert page.evaluate(outside_the_copy), "a click on a control of the copy focused it"
        for _ in range(6):
            page.keyboard.press("Tab")
            assert page.evaluate(outside_the_copy), "Tab reached a control of the static copy"


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_copy_wraps_at_every_width_and_shows_the_seeds_numbers(
    browser: Browser, site_url: str, size: str
) -> None:
    context = browser.new_context(**SIZES[size])
    try:
        page = context.new_page()
        with worker_held(page):
            page.goto(site_url)
            page.locator("[data-testid='grad-w1']").first.wait_for(timeout=LOAD_TIMEOUT_MS)
            page.wait_for_load_state("load")
            assert page.evaluate(PAGE_OVERFLOW_JS) <= 0, f"the page scrolls sideways at {size} width"
            assert shown(page) == pytest.approx(expected(START), rel=1e-9, abs=1e-12)
            for testid in READOUTS:
                readout = page.locator(f"[data-testid='{testid}']").first
                assert readout.is_visible() and readout.inner_text().strip() != "", testid
            assert page.locator("[data-testid='out']").first.inner_text().strip() == "0.5000"
    finally:
        context.close()


@pytest.mark.browser
def test_the_live_document_takes_the_copys_place_without_a_jump(page: Page, site_url: str) -> None:
    """The copy goes when the live document is drawn, the banner when the link's state applied: both
    times the readout stays where it was."""
    page.add_init_script(HOLD_GO_LIVE_JS)
    page.goto(site_url)
    readout = page.locator("[data-testid='grad-w1']").first
    readout.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_load_state("load")
    static_box = readout.bounding_box()
    page.locator(COPY).wait_for(state="detached", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function("window.mgLiveAsked === true", timeout=LOAD_TIMEOUT_MS)
    live_box = readout.bounding_box()
    assert static_box is not None and live_box is not None
    assert abs(live_box["y"] - static_box["y"]) < 4 and abs(live_box["x"] - static_box["x"]) < 4, \
        f"the readout moved from {static_box} to {live_box} when the live document replaced the copy"
    assert abs(live_box["height"] - static_box["height"]) < 4

    page.evaluate("window.mgRealGoLive()")
    page.locator(f"#{BANNER_ID}").wait_for(state="detached")
    live_box = readout.bounding_box()
    assert live_box is not None and abs(live_box["y"] - static_box["y"]) < 4, \
        f"the readout moved from {static_box} to {live_box} when the banner went"
    assert page.locator("[data-testid='out']").count() == 1, "no static copy left beside the live one"
    page.locator(W1_HANDLE).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"!document.querySelector('{COPY}')")
    for _ in range(100):
        if slider_value(page, "w1") != START["w1"]:
            break
        page.wait_for_timeout(100)
    moved = {**START, "w1": slider_value(page, "w1")}
    assert moved["w1"] > START["w1"]
    assert wait_until_shown(page, expected(moved)) == pytest.approx(expected(moved), rel=1e-9, abs=1e-12)


def test_a_build_without_playwright_succeeds_and_says_so(
    pyodide_dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("build_script", REPO_ROOT / "build.py")
    assert spec is not None and spec.loader is not None
    build_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_script)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # `import` raises ImportError
    out = tmp_path / "static"
    status = build_script.main(["--self-contained", "--pyodide-dist", str(pyodide_dist), "--out", str(out),
                                "--no-compile"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert f"Static pre-render: not added (Playwright is not installed; {HOW_TO_GET_IT})" in printed
    html = (out / "index.html").read_text(encoding="utf-8")
    assert PRERENDER_ID not in html and "embed_document" in html, "the page keeps BokehJS's pre-render"
