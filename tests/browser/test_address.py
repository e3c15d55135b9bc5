"""The address in a real browser (issue 7, items 5 and 12): every key judged on its own, nothing logged as an
error; slider moves replace the history entry instead of pushing one; the address equals what the page shows,
rounded to each control's step."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from test_dashboard import (
    SEED,
    by_testid,
    engine_readouts,
    expect_readouts,
    handle_value,
    open_app,
    url_params,
    wait_until,
)

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser


def open_raw(page: Page, server: AppServer, query: str) -> None:
    """``open_app`` with a query string written exactly as given (already percent-encoded)."""
    page.goto(server.url + query)
    expect(by_testid(page, "out")).to_have_count(1)
    expect(by_testid(page, "title")).to_be_visible()


@pytest.mark.parametrize(
    ("query", "bad_key"),
    [
        ("?zz=%C2%B2&w1=-2", "zz"),  # Panel's own parser raised on int("²") and dropped w1 with it
        ("?x1=%C2%B2&w1=-2", "x1"),
        ("?x1=" + "9" * 5000 + "&w1=-2", "x1"),  # more digits than int() converts; as a float, infinite
    ],
)
def test_a_bad_key_gets_a_notice_and_the_good_keys_still_apply(
    page: Page, app_server: AppServer, errors: ErrorLog, query: str, bad_key: str
) -> None:
    open_raw(page, app_server, query)
    expect_readouts(page, engine_readouts({**SEED, "w1": -2.0}, "relu"))  # the bad key ignored, w1 applied
    notice = by_testid(page, "notice")
    expect(notice).to_contain_text(bad_key)
    wait_until(lambda: url_params(page).get("w1") == "-2", page, "the address keeps w1=-2")
    errors.assert_clean()


def test_slider_moves_replace_the_history_entry_and_the_address_follows_the_page(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server)
    expect_readouts(page, engine_readouts(SEED, "relu"))
    wait_until(lambda: "w1" in url_params(page), page, "the address carries the state")
    start = page.evaluate("window.history.length")

    handle = page.locator(".mg-slider-w1 .noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    wait_until(lambda: handle_value(page, "w1") > 0.545, page, "w1 moved five steps")
    wait_until(lambda: math.isclose(float(url_params(page)["w1"]), 0.55), page, "the address has w1 ≈ 0.55")
    # five moves, and no new history entry: Back leaves the page instead of showing a state nobody saw
    assert page.evaluate("window.history.length") == start
    assert url_params(page)["w1"] == "0.55"  # at the slider's step, no float noise
    params = url_params(page)
    for name in SEED:  # the address equals the page: every slider, at the slider's step
        assert float(params[name]) == round(handle_value(page, name), 2), name
    errors.assert_clean()


def test_the_address_is_rounded_to_each_controls_step(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    # float noise as a Step leaves it (0.1 + 0.2, 0.7000000000000002) comes back rounded to the step
    open_raw(page, app_server, "?w1=0.30000000000000004&target=0.7000000000000002&lr=0.05000000000000001")
    wait_until(lambda: url_params(page).get("target") == "0.7", page, "target=0.7 in the address")
    params = url_params(page)
    assert (params["w1"], params["target"], params["lr"]) == ("0.3", "0.7", "0.05")
    errors.assert_clean()
