"""The expression lab in real Chromium (issue 10): typed expressions, the backward walk, hostile links, bugs.

The numbers the page shows are compared with what `micrograd_core` computes for the expression and the
values the page reports using (its `lab-out` element), never with numbers assumed by the test.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page, expect

from micrograd_core import parse

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser


def by_testid(page: Page, name: str) -> Locator:
    return page.locator(f'[data-testid="{name}"]')


def open_lab(page: Page, server: AppServer, **query: str) -> None:
    """Open the lab view (with an optional query) and wait until it shows a result."""
    page.goto(server.url + "?" + urlencode({"view": "lab", **query}))
    expect(by_testid(page, "lab-out")).to_have_count(1)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bpn-loading\b"))


def shown_state(page: Page) -> tuple[str, dict[str, float], float]:
    """The expression, the variable values and the output the page says it computed."""
    out = by_testid(page, "lab-out")
    text = out.get_attribute("data-text") or ""
    values = json.loads(out.get_attribute("data-values") or "{}")
    return text, {k: float(v) for k, v in values.items()}, float(out.get_attribute("data-value") or "nan")


def engine_grads(text: str, values: dict[str, float]) -> tuple[float, dict[str, float]]:
    built = parse(text).evaluate(values)
    built.root.backward()
    return built.root.data, {name: v.grad for name, v in built.variables.items()}


def shown_grads(page: Page) -> dict[str, float]:
    """The variables' grads at the walk's current position (absent: not reached yet)."""
    steps = by_testid(page, "lab-steps")
    names = steps.evaluate("e => e.getAttributeNames().filter(n => n.startsWith('data-grad-'))")
    return {name[len("data-grad-") :]: float(steps.get_attribute(name) or "nan") for name in names}


def position(page: Page) -> int:
    return int(by_testid(page, "lab-steps").get_attribute("data-position") or "-1")


def type_expression(page: Page, text: str) -> None:
    box = page.locator(".mg-lab-expression input")
    box.fill("")
    box.press_sequentially(text, delay=10)


def test_type_an_expression_and_step_backward_to_the_end(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_lab(page, app_server)
    typed = "a*a + a*b"
    type_expression(page, typed)
    expect(by_testid(page, "lab-out")).to_have_attribute("data-text", typed)
    text, values, out = shown_state(page)
    expected_out, expected_grads = engine_grads(text, values)
    assert out == expected_out

    page.locator(".mg-lab-first button").click()
    expect(by_testid(page, "lab-steps")).to_have_attribute("data-position", "0")
    assert shown_grads(page) == {}  # nothing reached before the walk starts
    seen_partial = False
    for _ in range(30):
        before = position(page)
        page.locator(".mg-lab-next button").click()
        expect(by_testid(page, "lab-steps")).not_to_have_attribute("data-position", str(before))
        grads = shown_grads(page)
        seen_partial = seen_partial or (len(grads) > 0 and grads != expected_grads)
        if "Done" in by_testid(page, "lab-steps").inner_text():
            break
    assert seen_partial, "the walk should show some grads before the end, not all at once"
    assert shown_grads(page) == expected_grads  # bit for bit what backward() gives
    steps_text = by_testid(page, "lab-steps").inner_text()
    assert "a.grad +=" in steps_text or "b.grad +=" in steps_text
    errors.assert_clean()


def test_the_step_slider_answers_the_keyboard(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_lab(page, app_server, expr="a*b", v_a="2", v_b="-3")
    expect(by_testid(page, "lab-out")).to_have_attribute("data-text", "a*b")
    handle = page.locator(".mg-lab-position .noUi-handle")
    handle.focus()
    end = position(page)
    handle.press("Home")
    expect(by_testid(page, "lab-steps")).to_have_attribute("data-position", "0")
    handle.press("ArrowRight")
    expect(by_testid(page, "lab-steps")).to_have_attribute("data-position", "1")
    handle.press("End")
    expect(by_testid(page, "lab-steps")).to_have_attribute("data-position", str(end))
    assert shown_grads(page) == {"a": -3.0, "b": 2.0}
    errors.assert_clean()


def test_a_hostile_link_shows_an_error_and_a_working_page(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_lab(page, app_server, expr="__import__('os')")
    error = by_testid(page, "lab-error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("data-code", "dunder")
    expect(error).to_have_attribute("data-position", "0")
    expect(error).to_contain_text("__import__")
    text, values, out = shown_state(page)  # the page still shows a graph that works
    assert out == engine_grads(text, values)[0]
    type_expression(page, "tanh(x)")
    expect(by_testid(page, "lab-out")).to_have_attribute("data-text", "tanh(x)")
    expect(by_testid(page, "lab-error")).to_have_count(0)
    errors.assert_clean()


def test_a_bug_switch_turns_the_check_red(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_lab(page, app_server, expr="a + a*b", v_a="2", v_b="-3")
    check = by_testid(page, "lab-check")
    expect(check).to_have_attribute("data-ok", "true")
    page.locator(".mg-lab-bug label").filter(has_text="grad = instead of +=").click()
    expect(check).to_have_attribute("data-ok", "false")
    expect(page.locator('[data-testid="lab-check-a"]')).to_have_attribute("data-ok", "false")
    expect(by_testid(page, "lab-check-verdict")).to_contain_text("only its last contribution")
    page.locator(".mg-lab-bug label").filter(has_text="none").click()
    expect(check).to_have_attribute("data-ok", "true")
    errors.assert_clean()
