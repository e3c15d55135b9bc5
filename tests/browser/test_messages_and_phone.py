"""Where the page says things and how it reads on a phone (issue 7, items 4, 6 and 7), in real Chromium.

A learning message appears inside the Learning card, in view of the Step button that caused it, styled and
announced by its kind; a too-large η visibly overshoots and runs the sliders to their limit; on a phone
(Playwright's real mobile emulation) the computation graph scrolls inside its card at a legible size and
the sliders stay at hand while the views scroll by.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect
from test_dashboard import SEED, by_testid, engine_loss, open_app, shown, slider_title, url_params, wait_until

from app.neuron.views.graph_geometry import MIN_WIDTH_PX

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 720}


def in_viewport(page: Page, element: Locator) -> bool:
    """The element's whole bounding box lies inside the window."""
    box = element.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and 0 <= box["x"] <= size["width"]


def on_top(page: Page, element: Locator) -> bool:
    """Nothing covers the element's centre (Panel renders in shadow roots: walk down through them)."""
    return bool(
        element.evaluate(
            """e => { const r = e.getBoundingClientRect();
                      let hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                      while (hit && hit.shadowRoot) {
                        const inner = hit.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                        if (!inner || inner === hit) break;
                        hit = inner;
                      }
                      return hit === e || e.contains(hit); }"""
        )
    )


def test_a_learning_message_appears_next_to_step_in_view_with_its_kind(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    page.set_viewport_size(LAPTOP)
    open_app(page, app_server)
    rate = page.locator(".mg-lr input")
    rate.scroll_into_view_if_needed()
    rate.fill("0.3")
    rate.press("Enter")
    step = page.locator(".mg-step button")
    step.scroll_into_view_if_needed()
    wait_until(lambda: url_params(page).get("lr") == "0.3", page, "η = 0.3 is in use")
    step.click()

    message = page.locator('.mg-notice[data-key^="learn_"]').first  # wherever the page writes it
    expect(message).to_be_attached()
    assert in_viewport(page, message), "the message is out of sight of the Step button that caused it"
    assert in_viewport(page, step)
    in_card = by_testid(page, "learn-notice")
    rose = in_card.locator('[data-key="learn_rose"]')
    expect(rose).to_be_visible()
    expect(rose).to_have_attribute("data-kind", "warning")
    expect(rose).to_have_attribute("role", "status")
    expect(in_card.locator('[data-key="learn_overshoot"]')).to_be_visible()
    expect(by_testid(page, "notice")).not_to_contain_text("loss")  # nothing about learning at the top
    errors.assert_clean()


def test_a_too_large_rate_visibly_overshoots_then_stops_at_the_slider_limit(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server, lr="0.3")
    start = shown(page, "loss")
    assert start == engine_loss(SEED, "relu", 1.0)
    assert shown(page, "loss-grad-w1") == -2.0  # ∂L/∂w1 = 2(ŷ − y*)·x1, what the step uses
    step = page.locator(".mg-step button")
    step.click()
    wait_until(lambda: shown(page, "loss") > start, page, "the step was applied and the loss rose")
    assert math.isclose(shown(page, "loss"), 3.7**2)  # ŷ jumped from 0.5 past y* = 1 to 4.7
    expect(slider_title(page, "w1")).to_contain_text("1.10")
    step.click()
    limit = by_testid(page, "learn-notice").locator('[data-key="learn_limit"]')
    expect(limit).to_be_visible()
    expect(limit).to_contain_text("w2")
    expect(slider_title(page, "w2")).to_contain_text("−5.00")  # ran to its end (written with "−")
    assert "nan" not in page.locator("body").inner_text().lower()
    errors.assert_clean()


def test_the_dead_neuron_notice_sits_under_the_output(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    page.set_viewport_size(LAPTOP)
    open_app(page, app_server, b="0.5")  # z = 0 exactly
    dead = by_testid(page, "output-notice").locator('[data-key="dead_neuron"]')
    expect(dead).to_be_visible()
    expect(dead).to_contain_text("≤ 0")
    out = by_testid(page, "out").bounding_box()
    box = dead.bounding_box()
    assert out is not None and box is not None
    assert 0 <= box["y"] - (out["y"] + out["height"]) < 120, "the notice is not right under ŷ"
    errors.assert_clean()


def test_on_a_phone_the_graph_scrolls_in_its_card_and_the_sliders_stay_at_hand(
    phone: Page, app_server: AppServer
) -> None:
    page = phone
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(e.message))
    open_app(page, app_server)
    assert page.evaluate("window.innerWidth") == 390, "the page is not laid out for the phone's width"
    wait_until(
        lambda: page.evaluate("document.documentElement.scrollWidth") <= 390, page, "no sideways page scroll"
    )

    graph = page.locator(".mg-graph").first
    canvas = graph.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    size = canvas.bounding_box()
    assert size is not None and size["width"] >= MIN_WIDTH_PX - 1, "the graph is squeezed, illegible"
    scroll = graph.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll[0] > scroll[1], "the graph is wider than the card but cannot be scrolled to"

    # Scroll the graph to just below the controls band, which stays at the top: move w1 while watching it.
    handle = page.locator(".mg-slider-w1 .noUi-handle").first
    handle.scroll_into_view_if_needed()  # inside the band, which scrolls on its own
    top = canvas.bounding_box()
    assert top is not None
    page.evaluate("dy => window.scrollBy(0, dy)", top["y"] - 420)
    page.wait_for_timeout(300)
    assert in_viewport(page, handle), "the w1 slider scrolled away from the graph"
    assert on_top(page, handle), "the w1 slider is covered"
    graph_box = canvas.bounding_box()
    assert graph_box is not None and 380 < graph_box["y"] < 844 - 200, "the graph is out of view"
    assert page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y)", [graph_box["x"] + 100, graph_box["y"] + 100]
    )
    before = shown(page, "z")
    handle.focus()
    handle.press("ArrowRight")
    wait_until(lambda: shown(page, "z") != before, page, "moving w1 changes the result")
    assert problems == []
