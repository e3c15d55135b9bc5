"""The expression lab in the built, self-contained site: the real Pyodide page, opened from a link."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from site_page import LOAD_TIMEOUT_MS

from micrograd_core import parse

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_lab_computes_in_pyodide_and_refuses_hostile_text(page: Page, site_url: str) -> None:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.goto(site_url + "?" + urlencode({"view": "lab", "expr": "a*a + a*b", "v_a": "2", "v_b": "-3"}))
    page.wait_for_function("() => !document.body.classList.contains('pn-loading')", timeout=LOAD_TIMEOUT_MS)
    out = page.locator("[data-testid='lab-out']").first
    expect(out).to_have_attribute("data-text", "a*a + a*b", timeout=LOAD_TIMEOUT_MS)

    built = parse("a*a + a*b").evaluate({"a": 2.0, "b": -3.0})
    built.root.backward()
    assert float(out.get_attribute("data-value") or "nan") == built.root.data
    steps = page.locator("[data-testid='lab-steps']").first
    expect(steps).to_have_attribute("data-grad-a", repr(built.variables["a"].grad))
    expect(steps).to_have_attribute("data-grad-b", repr(built.variables["b"].grad))

    box = page.locator(".mg-lab-expression input").first
    box.fill("__import__('os')")
    box.press("Enter")
    error = page.locator("[data-testid='lab-error']").first
    expect(error).to_have_attribute("data-code", "dunder")
    expect(out).to_have_attribute("data-text", "a*a + a*b")  # the last good graph stays
    assert errors == []
