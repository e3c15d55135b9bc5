"""The built page before Python is live, in real Chromium: phones, lost input, shared links (issue 7).

The worker script is held back (routed, answered only when the test says so), so "before Python is
live" lasts as long as the test needs, whatever the machine's speed. The phone test uses Chromium's
real mobile emulation (viewport meta honoured), not a narrow desktop window.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from site_page import (
    LOAD_TIMEOUT_MS,
    PHONE,
    START,
    expected,
    shown,
    slider_value,
    wait_until_interactive,
    worker_held,
)

from sitebuild.page import BANNER_ID

pytestmark = [pytest.mark.browser, pytest.mark.slow]

W1_HANDLE = ".mg-slider-w1 .noUi-handle"

# How opaque the veil over an element is (0: none): the page's fixed ::after layer covers the viewport.
VEIL_OVER_JS = """(el) => {
  const veil = getComputedStyle(document.body, "::after");
  if (veil.content === "none" || veil.position !== "fixed" || veil.display === "none") return 0;
  const channels = veil.backgroundColor.match(/[\\d.]+/g).map(Number);
  const rect = el.getBoundingClientRect();
  const covered = rect.top >= 0 && rect.bottom <= window.innerHeight && rect.width > 0;
  return covered ? (channels.length === 4 ? channels[3] : 1) : 0;
}"""


def wait_for_prerender(page: Page) -> None:
    page.locator(W1_HANDLE).first.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
    page.locator("[data-testid='out']").first.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)


def veil_over(page: Page, testid: str) -> float:
    return float(page.locator(f"[data-testid='{testid}']").first.evaluate(VEIL_OVER_JS))


def test_a_phone_gets_the_phone_layout(browser: Browser, site_url: str) -> None:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        with worker_held(page):
            page.goto(site_url)
            wait_for_prerender(page)
            assert page.evaluate("window.innerWidth") == 390
    finally:
        context.close()


def test_input_while_loading_is_not_silently_lost(page: Page, site_url: str) -> None:
    with worker_held(page) as held:
        page.goto(site_url)
        wait_for_prerender(page)
        assert held, "the page must have asked for its worker"
        banner = page.locator(f"#{BANNER_ID}")
        assert banner.is_visible()
        assert "Loading Python" in banner.inner_text() and "controls come alive" in banner.inner_text()
        assert veil_over(page, "out") >= 0.5, "the not-yet-live numbers must look inactive"

        handle = page.locator(W1_HANDLE).first
        before = handle.get_attribute("aria-valuenow")
        handle.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        box = handle.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2)
        assert handle.get_attribute("aria-valuenow") == before, "a pre-rendered slider moved while inert"
        assert page.evaluate("document.activeElement === document.body"), "nothing may take focus yet"

    wait_until_interactive(page)
    assert veil_over(page, "out") == 0
    assert slider_value(page, "w1") == START["w1"]
    assert shown(page) == pytest.approx(expected(START), rel=1e-9, abs=1e-12)
    page.locator(W1_HANDLE).first.focus()
    page.keyboard.press("ArrowRight")
    for _ in range(100):
        if slider_value(page, "w1") != START["w1"]:
            break
        page.wait_for_timeout(100)
    assert slider_value(page, "w1") > START["w1"], "once live, the same key press moves the slider"


def test_a_shared_link_never_shows_the_default_numbers_as_its_own(page: Page, site_url: str) -> None:
    with worker_held(page):
        page.goto(site_url + "?lang=fr&act=tanh&w1=-1")
        wait_for_prerender(page)
        banner = page.locator(f"#{BANNER_ID}")
        assert banner.is_visible()
        text = banner.inner_text()
        assert "Chargement de Python" in text and "pas encore ceux de votre lien" in text, text
        assert banner.get_attribute("lang") == "fr"
        assert veil_over(page, "out") >= 0.5, "the default example's value must not look live"

    wait_until_interactive(page)
    # The moment the banner goes, the numbers already are the link's: no wrong value shown as live.
    want = expected({**START, "w1": -1.0}, "tanh")
    assert shown(page) == pytest.approx(want, rel=1e-9, abs=1e-12)
    assert veil_over(page, "out") == 0
