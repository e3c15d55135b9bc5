"""The French page and the page for assistive technology, in a real browser (issue 7, items 8, 9 and 10):
French typography and decimal commas, `<html lang>`, a decimal comma typed for η; a name and a value for every
control, a tab order through the controls only, ŷ and the gradients in a live region."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from test_dashboard import SEED, by_testid, choose, open_app, slider_title, url_params, wait_until

from app.i18n import t

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser

NNBSP = "\u202f"
SLIDERS = tuple(SEED)

# The focused element, looking into the shadow roots Bokeh renders every view in.
FOCUSED_JS = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
  return el ? {tag: el.tagName, cls: String(el.className), role: el.getAttribute('role'),
               label: el.getAttribute('aria-label'), text: (el.textContent || '').slice(0, 60)} : null;
}"""


def html_lang(page: Page) -> str:
    lang: str = page.evaluate("document.documentElement.lang")
    return lang


def test_the_french_page_reads_as_french(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_app(page, app_server, lang="fr")
    wait_until(lambda: html_lang(page) == "fr", page, '<html lang="fr">')
    # a narrow no-break space before ":" and a decimal comma, in the slider labels as in every number
    expect(slider_title(page, "x1")).to_have_text(f"x1 (entrée){NNBSP}: 2,00")
    expect(slider_title(page, "w2")).to_have_text(f"w2 (poids){NNBSP}: −0,50")
    expect(by_testid(page, "out")).to_have_text("0,5000")
    expect(by_testid(page, "out")).to_have_attribute("data-value", "0.5")  # machines still read "."
    expect(by_testid(page, "grad-x2")).to_have_text("−0,5000")
    expect(page.locator(".mg-lr input")).to_have_value("0,050")

    choose(page, "mg-language", re.compile(r"^English$"))
    wait_until(lambda: html_lang(page) == "en", page, '<html lang="en"> after switching to English')
    expect(by_testid(page, "out")).to_have_text("0.5000")
    expect(slider_title(page, "x1")).to_have_text("x1 (input): 2.00")
    errors.assert_clean()


def test_a_learning_rate_typed_with_a_decimal_comma_is_taken(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server, lang="fr")
    box = page.locator(".mg-lr input")
    box.fill("0,3")
    box.press("Enter")
    wait_until(lambda: url_params(page).get("lr") == "0.3", page, "lr=0.3 in the address")
    expect(box).to_have_value("0,300")
    box.fill("beaucoup")
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("n'est pas un nombre")
    expect(box).to_have_value("0,300")
    assert url_params(page).get("lr") == "0.3"
    errors.assert_clean()


def test_every_control_has_a_name_and_a_value_and_tab_skips_the_charts(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server)
    for name in SLIDERS:  # a slider is read out as "<its label>, slider, <its value>"
        handle = page.get_by_role("slider", name=t(f"slider_{name}", "en"), exact=True)
        expect(handle).to_have_count(1)
        expect(handle).to_have_attribute("aria-valuetext", f"{SEED[name]:.2f}".replace("-", "−"))
    expect(page.get_by_role("slider", name=t("target_label", "en"), exact=True)).to_have_count(1)
    for label in (t("language_label", "en"), t("activation_label", "en")):
        expect(page.get_by_role("combobox", name=label, exact=True)).to_have_count(1)
    expect(page.get_by_role("textbox", name=t("lr_label", "en"), exact=True)).to_have_count(1)
    for key in ("reset", "step", "play"):
        expect(page.get_by_role("button", name=t(key, "en"), exact=True)).to_have_count(1)

    # Tab from the top through the whole page once: every stop is a control with a name, no chart is a stop
    page.locator("body").click(position={"x": 2, "y": 2})
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or focused["tag"] == "BODY":
            break
        stops.append(focused)
    assert not [s for s in stops if "bk-events" in s["cls"] or s["tag"] == "CANVAS"], stops
    handles = [s["label"] for s in stops if s["role"] == "slider"]
    assert handles == [*(t(f"slider_{n}", "en") for n in SLIDERS), t("target_label", "en")], stops
    controls = ("SELECT", "BUTTON", "INPUT")
    not_controls = [s for s in stops if s["role"] != "slider" and s["tag"] not in controls]
    assert not_controls == [], stops  # a box that scrolls by a pixel is a tab stop too
    errors.assert_clean()


def test_the_output_and_gradients_are_announced_when_they_change(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server)
    status = page.get_by_role("status").filter(has_text="∂ŷ/∂w1")
    expect(status).to_have_count(1)
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("ŷ = 0.5000; ∂ŷ/∂w1 = 2.0000; ∂ŷ/∂w2 = 3.0000")
    handle = page.locator(".mg-slider-x1 .noUi-handle")
    handle.focus()
    handle.press("ArrowRight")  # x1 2.00 → 2.01: ŷ = 0.505, ∂ŷ/∂w1 = x1
    expect(status).to_contain_text("ŷ = 0.5050; ∂ŷ/∂w1 = 2.0100")
    errors.assert_clean()
