"""The view switcher in a real browser: keyboard-operable buttons under the header, the address naming the
view, each view built once and kept (on a page with a stand-in second view, see two_views_app.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from app.i18n import t

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog


def search(page: Page) -> str:
    value: str = page.evaluate("window.location.search")
    return value


def test_the_switcher_is_keyboard_operable_and_the_address_names_the_view(
    page: Page, two_view_server: AppServer, two_view_errors: ErrorLog
) -> None:
    page.goto(two_view_server.url + "?w1=-1")
    buttons = page.locator(".mg-views button")
    expect(buttons).to_have_text([t("view_neuron", "en"), t("brand", "en")])
    expect(page.locator("[data-testid=title]")).to_have_count(1)
    page.wait_for_function("window.location.search.includes('w1=-1&')")
    assert "view=" not in search(page)  # the landing view is the default

    buttons.nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.location.search.includes('view=again')")
    assert "w1=0.5&" in search(page)  # the second view has its own state, at its defaults
    expect(page.locator("[data-testid=title]")).to_have_count(1)

    buttons.nth(0).focus()
    page.keyboard.press("Space")
    page.wait_for_function("!window.location.search.includes('view=')")
    assert "w1=-1&" in search(page)  # the first view was kept as it was left
    two_view_errors.assert_clean()


def test_an_address_naming_the_second_view_opens_it(
    page: Page, two_view_server: AppServer, two_view_errors: ErrorLog
) -> None:
    page.goto(two_view_server.url + "?view=again&lang=fr")
    expect(page.locator(".mg-views button")).to_have_text([t("view_neuron", "fr"), t("brand", "fr")])
    expect(page.locator("[data-testid=title]")).to_have_text(t("page_title", "fr"))
    page.wait_for_function("window.location.search.includes('view=again')")
    two_view_errors.assert_clean()
