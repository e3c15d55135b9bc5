"""The network view of the page (``?view=network``) in real Chromium: add and remove points by clicking,
Step and Play, trace a point, open in the neuron view, French, a bad address, the phone's first screen."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from app.network.messages import MESSAGES

if TYPE_CHECKING:
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser


def open_view(page: Page, server: AppServer, query: str = "") -> None:
    page.goto(server.url + "?view=network" + (f"&{query}" if query else ""))
    expect(status(page)).to_have_attribute("data-steps", "0")


def status(page: Page) -> Locator:
    return page.locator("[data-testid=net-status]")


def steps(page: Page) -> int:
    return int(status(page).get_attribute("data-steps") or "-1")


def points(page: Page) -> int:
    return int(status(page).get_attribute("data-points") or "-1")


def click_plot(page: Page, fx: float, fy: float) -> None:
    """Click the data plot at a fraction (fx, fy) of its canvas."""
    canvas = page.locator(".mg-net-data").first
    # Two clicks on the canvas within BokehJS's double-tap interval make one double tap, not two taps:
    # leave the pause a person leaves between two separate clicks.
    page.wait_for_timeout(600)
    box = canvas.bounding_box()
    assert box is not None
    canvas.click(position={"x": box["width"] * fx, "y": box["height"] * fy})


def test_click_adds_a_point_and_a_click_on_it_removes_it(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_view(page, app_server)
    assert points(page) == 100
    click_plot(page, 0.8, 0.2)  # top right: no moons point there
    expect(status(page)).to_have_attribute("data-points", "101")
    click_plot(page, 0.8, 0.2)  # the same place: on the new point
    expect(status(page)).to_have_attribute("data-points", "100")
    page.locator(".mg-net-class").get_by_text("orange (0)").click()
    click_plot(page, 0.25, 0.8)
    expect(status(page)).to_have_attribute("data-points", "101")
    errors.assert_clean()


def test_step_then_play_then_pause(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_view(page, app_server)
    before = status(page).get_attribute("data-train-accuracy")
    page.locator(".mg-net-step button").click()
    expect(status(page)).to_have_attribute("data-steps", "1")
    assert status(page).get_attribute("data-train-accuracy") != before
    play = page.locator(".mg-net-play button")
    play.click()
    expect(play).to_have_text("Pause")
    deadline = time.monotonic() + 30
    while steps(page) < 6 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert steps(page) >= 6
    play.click()
    expect(play).to_have_text("Play")
    paused = steps(page)
    page.wait_for_timeout(1000)
    assert steps(page) == paused
    page.locator(".mg-net-reset button").click()
    expect(status(page)).to_have_attribute("data-steps", "0")
    errors.assert_clean()


def test_trace_a_point_and_open_a_first_layer_neuron_in_the_neuron_view(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_view(page, app_server, "layers=4&activation=tanh")
    click_plot(page, 0.85, 0.15)  # a point of our own, at a known place
    expect(status(page)).to_have_attribute("data-points", "101")
    page.locator(".mg-net-mode").get_by_text("traces a point").click()
    click_plot(page, 0.85, 0.15)
    trace = page.locator("[data-testid=net-trace]")
    expect(trace).to_have_attribute("data-index", "100")
    rows = trace.locator("tr[data-unit]")
    expect(rows).to_have_count(5)  # 4 hidden neurons and the output
    x1, x2 = float(trace.get_attribute("data-x1") or "nan"), float(trace.get_attribute("data-x2") or "nan")
    assert x1 > 1.0 and x2 > 1.0  # top right of a plot spanning −2…2
    page.locator(".mg-net-open-which select").select_option(label="2")
    page.locator(".mg-net-open button").click()
    # the page now shows the neuron view, set from the address: the point and the second neuron
    expect(page.locator("[data-testid=out]")).to_be_visible()
    deadline = time.monotonic() + 30
    while "w1=" not in page.url and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    query = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
    assert "view" not in query, page.url  # the landing view
    # the address writes each value at its slider's step (0.01); the page computes with the exact ones
    assert (float(query["x1"]), float(query["x2"]), query["act"]) == (round(x1, 2), round(x2, 2), "tanh")
    w1, w2, b = float(query["w1"]), float(query["w2"]), float(query["b"])
    z = float(page.locator("[data-testid=z]").get_attribute("data-value") or "nan")
    assert abs(z - (x1 * w1 + x2 * w2 + b)) < 0.01 * (abs(x1) + abs(x2) + abs(w1) + abs(w2) + 1)
    errors.assert_clean()


def test_the_trace_follows_the_point_number_typed_on_the_keyboard(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_view(page, app_server)
    field = page.locator(".mg-net-trace-index input")
    field.fill("7")
    field.press("Enter")
    expect(page.locator("[data-testid=net-trace]")).to_have_attribute("data-index", "7")
    errors.assert_clean()


def test_french(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_view(page, app_server, "lang=fr")
    expect(page.locator(".mg-net-step button")).to_have_text(MESSAGES["net_step"]["fr"])
    expect(status(page)).to_contain_text("Pas 0 · graine 1")
    expect(status(page)).to_contain_text(",")  # decimal comma
    errors.assert_clean()


def test_a_bad_address_shows_a_notice_and_the_view_works(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_view(page, app_server, "n=9999&layers=x")
    notices = page.locator("[data-testid=net-notices] [data-key]")
    expect(notices).to_have_count(2)
    assert points(page) == 300
    errors.assert_clean()


def test_on_a_phone_the_data_plot_and_step_play_fit_one_screen(phone: Page, app_server: AppServer) -> None:
    page = phone
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(e.message))
    open_view(page, app_server)
    assert page.evaluate("window.innerWidth") == 390, "the page is not laid out for the phone's width"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    step = page.locator(".mg-net-step").bounding_box()
    plot = page.locator(".mg-net-data").bounding_box()
    assert step is not None and plot is not None
    assert plot["width"] <= 390
    assert plot["y"] + plot["height"] - step["y"] <= 844  # from the Step button to the plot's bottom
    mode = page.locator(".mg-net-mode").bounding_box()
    label = page.locator(".mg-net-class").bounding_box()
    assert mode is not None and label is not None
    side_by_side = mode["x"] + mode["width"] <= label["x"] + 1
    stacked = mode["y"] + mode["height"] <= label["y"] + 1
    assert side_by_side or stacked, f"the click-mode and class toggles overlap: {mode} {label}"
    assert problems == []
