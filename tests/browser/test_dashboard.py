"""The live neuron dashboard in real Chromium, served by `panel serve` (issue 3).

Every number the page shows is compared with what `micrograd_core` computes for the state the page is in;
the page's state is read from the page itself (its URL), never assumed.
"""

from __future__ import annotations

import math
import operator
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

import pytest
from playwright.sync_api import Locator, Page, expect

from app.i18n import t
from micrograd_core import Value

if TYPE_CHECKING:  # fixtures' types; pytest imports conftest.py itself
    from conftest import AppServer, ErrorLog

pytestmark = pytest.mark.browser

SEED = {"x1": 2.0, "x2": 3.0, "w1": 0.5, "w2": -0.5, "b": 1.0}
GRADIENT_IDS = ("grad-w1", "grad-w2", "grad-b", "grad-x1", "grad-x2")
SETTLE_TIMEOUT_S = 30.0


# --- what the engine says -------------------------------------------------------------------------------


def engine_readouts(params: Mapping[str, float], activation: str) -> dict[str, float]:
    """The neuron ŷ = f(w1·x1 + w2·x2 + b) computed with micrograd_core: out, z and ∂ŷ/∂ of every input."""
    v = {name: Value(params[name], name) for name in SEED}
    z = v["w1"] * v["x1"] + v["w2"] * v["x2"] + v["b"]
    activations: dict[str, Callable[[], Value]] = {
        "relu": z.relu,
        "tanh": z.tanh,
        "sigmoid": z.sigmoid,
        "identity": lambda: z,
    }
    out = activations[activation]()
    out.backward()
    return {"out": out.data, "z": z.data, **{f"grad-{name}": v[name].grad for name in SEED}}


def engine_loss(params: Mapping[str, float], activation: str, target: float) -> float:
    out = engine_readouts(params, activation)["out"]
    return ((Value(out) - target) ** 2).data


def close(a: float, b: float) -> bool:
    """Equal up to rounding: for numbers the test derives along another path than the app (a GD step)."""
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


# --- what the page shows --------------------------------------------------------------------------------


def by_testid(page: Page, name: str) -> Locator:
    return page.locator(f'[data-testid="{name}"]')


def shown(page: Page, name: str) -> float:
    value = by_testid(page, name).get_attribute("data-value")
    assert value is not None, f'[data-testid="{name}"] has no data-value'
    return float(value)


def shown_readouts(page: Page, names: tuple[str, ...] = ("out", "z", *GRADIENT_IDS)) -> dict[str, float]:
    return {name: shown(page, name) for name in names}


def url_params(page: Page) -> dict[str, str]:
    query: str = page.evaluate("window.location.search")
    return {key: values[-1] for key, values in parse_qs(query.lstrip("?")).items()}


def url_state(page: Page) -> dict[str, float]:
    """The slider values the page's URL records (seed values for keys it does not carry)."""
    params = url_params(page)
    return {name: float(params.get(name, default)) for name, default in SEED.items()}


def wait_until(
    condition: Callable[[], bool], page: Page, what: str, timeout_s: float = SETTLE_TIMEOUT_S
) -> None:
    """Poll `condition` (as Panel's tests/util.wait_until does) until true; fail naming `what` on timeout."""
    if not _poll(condition, page, timeout_s):
        pytest.fail(f"timed out after {timeout_s}s waiting until {what}")


def _poll(condition: Callable[[], bool], page: Page, timeout_s: float = SETTLE_TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


def expect_readouts(page: Page, expected: Mapping[str, float], *, exact: bool = True) -> None:
    """Wait until every readout shows the expected number (bit for bit unless `exact` is false);
    on timeout, fail listing shown vs expected."""
    names = tuple(expected)
    same: Callable[[float, float], bool] = operator.eq if exact else close

    def matches() -> bool:
        return all(same(shown(page, name), expected[name]) for name in names)

    if not _poll(matches, page):
        got = shown_readouts(page, names)
        diff = {name: (got[name], expected[name]) for name in names if not same(got[name], expected[name])}
        pytest.fail(f"readouts differ from micrograd_core (shown, expected): {diff}")


def handle_value(page: Page, name: str) -> float:
    """The value a slider's handle gives assistive technology (aria-valuetext, written as its label is)."""
    text = page.locator(f".mg-slider-{name} .noUi-handle").get_attribute("aria-valuetext")
    assert text is not None, f"the {name} handle has no aria-valuetext"
    return float(text.replace("−", "-").replace(",", "."))


def expect_url_matches_sliders(page: Page) -> None:
    """Wait until the address holds what every slider shows, at the slider's step."""

    def matches() -> bool:
        params = url_params(page)
        return all(float(params[name]) == handle_value(page, name) for name in SEED)

    if not _poll(matches, page):
        shown_values = {name: handle_value(page, name) for name in SEED}
        pytest.fail(f"the address {url_params(page)} is not what the sliders show: {shown_values}")


def open_app(page: Page, server: AppServer, **query: str) -> None:
    """Navigate to the app (with an optional query string) and wait until Panel has rendered it."""
    page.goto(server.url + (f"?{urlencode(query)}" if query else ""))
    expect(by_testid(page, "out")).to_have_count(1)
    expect(by_testid(page, "title")).to_be_visible()
    expect(by_testid(page, "title")).not_to_have_text(re.compile(r"^\s*$"))
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bpn-loading\b"))


def slider_title(page: Page, name: str) -> Locator:
    """The slider's label, as Bokeh shows it: "<name>: <value>"."""
    return page.locator(f".mg-slider-{name} .bk-slider-title")


def expect_language(page: Page, lang: str) -> None:
    """The page title and a slider label read as the app's message catalogue says for `lang`."""
    expect(by_testid(page, "title")).to_have_text(t("page_title", lang))
    expect(slider_title(page, "w1")).to_contain_text(t("slider_w1", lang))


def choose(page: Page, css_class: str, option: re.Pattern[str]) -> None:
    """Pick the option whose label matches `option` in a Panel selection widget (Select or button group)."""
    widget = page.locator(f".{css_class}")
    select = widget.locator("select")
    if select.count():
        labels = [label.strip() for label in select.locator("option").all_inner_texts()]
        matching = [label for label in labels if option.search(label)]
        assert len(matching) == 1, f"{css_class}: expected one option matching {option.pattern}, got {labels}"
        select.select_option(label=matching[0])
    else:
        widget.locator("button, label").filter(has_text=option).click()


# --- the tests ------------------------------------------------------------------------------------------


def test_page_loads_with_the_seed_example(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_app(page, app_server)
    expected = engine_readouts(SEED, "relu")
    assert expected["out"] == 0.5  # the seed notebook's example, as a sanity check of the reference
    expect_readouts(page, expected)
    assert [shown(page, name) for name in GRADIENT_IDS] == [2.0, 3.0, 1.0, 0.5, -0.5]
    assert by_testid(page, "out").inner_text().strip(), "the output readout shows no text"
    errors.assert_clean()


def test_keyboard_moves_w1_and_the_readouts_follow_the_engine(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server)
    expect_readouts(page, engine_readouts(SEED, "relu"))
    handle = page.locator(".mg-slider-w1 .noUi-handle")
    handle.focus()

    handle.press("ArrowRight")
    wait_until(lambda: url_state(page)["w1"] != SEED["w1"], page, "the URL records the moved w1")
    step = url_state(page)["w1"] - SEED["w1"]
    assert step > 0, f"ArrowRight moved w1 the wrong way (step {step})"

    for _ in range(2):
        handle.press("ArrowRight")
    wait_until(
        lambda: math.isclose(url_state(page)["w1"], SEED["w1"] + 3 * step, rel_tol=1e-9),
        page,
        "w1 has moved by three steps",
    )
    state = url_state(page)
    assert {k: v for k, v in state.items() if k != "w1"} == {k: v for k, v in SEED.items() if k != "w1"}
    expected = engine_readouts(state, "relu")
    assert expected["out"] != 0.5 and expected["grad-x1"] != 0.5, "the move should change what is shown"
    # the slider's w1 is 0.5 + 3 × 0.01 in floats; the address writes it at the slider's step (0.53)
    expect_readouts(page, expected, exact=False)
    errors.assert_clean()


def test_language_switch_changes_labels_and_back(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    assert t("page_title", "fr") != t("page_title", "en") and t("slider_w1", "fr") != t("slider_w1", "en")
    open_app(page, app_server)
    expect_language(page, "en")

    choose(page, "mg-language", re.compile(r"^fran[cç]ais$", re.IGNORECASE))
    expect_language(page, "fr")
    wait_until(lambda: url_params(page).get("lang") == "fr", page, "the URL records lang=fr")

    choose(page, "mg-language", re.compile(r"^english$", re.IGNORECASE))
    expect_language(page, "en")
    wait_until(lambda: url_params(page).get("lang") == "en", page, "the URL records lang=en")
    errors.assert_clean()


def test_url_parameters_open_that_state(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_app(page, app_server, w1="-1", x2="0.5", act="tanh", lang="fr")
    state = {**SEED, "w1": -1.0, "x2": 0.5}
    expect_readouts(page, engine_readouts(state, "tanh"))
    expect_language(page, "fr")
    errors.assert_clean()


def test_url_garbage_is_ignored_or_clamped_with_a_notice(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    open_app(page, app_server, w1="abc", w2="1e308", foo="1")
    notice = by_testid(page, "notice")
    expect(notice).to_be_visible()
    for key in ("w1", "w2", "foo"):  # one notice per problem, naming the offending key
        expect(notice).to_contain_text(key)

    # w1=abc is ignored (seed value), w2=1e308 is clamped to some finite maximum of its slider.
    # With ReLU and z > 0, ∂ŷ/∂x1 = w1 and ∂ŷ/∂x2 = w2, so the page itself tells which values it uses.
    wait_until(lambda: shown(page, "grad-x2") != SEED["w2"], page, "the clamped w2 is in use")
    w2 = shown(page, "grad-x2")
    assert math.isfinite(w2) and 1.0 < w2 < 1e300, f"w2 should be clamped to its slider's maximum, got {w2}"
    expect_readouts(page, engine_readouts({**SEED, "w2": w2}, "relu"))
    errors.assert_clean()


def test_step_lowers_the_loss_and_play_pause_stops_cleanly(
    page: Page, app_server: AppServer, errors: ErrorLog
) -> None:
    # A small rate: Play needs hundreds of frames to converge, so it is still running when Pause is pressed.
    target, learning_rate = 2.0, 0.001
    open_app(page, app_server, target=str(target), lr=str(learning_rate))
    start_loss = engine_loss(SEED, "relu", target)
    expect_readouts(page, {"loss": start_loss})

    page.locator(".mg-step button").click()
    wait_until(lambda: shown(page, "loss") < start_loss, page, "one Step lowered the loss")
    # One gradient-descent step on w1, w2, b: w ← w − lr·∂L/∂w, with ∂L/∂w = 2(ŷ − y*)·∂ŷ/∂w.
    seed = engine_readouts(SEED, "relu")
    dloss_dout = 2 * (seed["out"] - target)
    stepped = dict(SEED)
    for w in ("w1", "w2", "b"):
        stepped[w] -= learning_rate * dloss_dout * seed[f"grad-{w}"]
    expect_readouts(
        page, {**engine_readouts(stepped, "relu"), "loss": engine_loss(stepped, "relu", target)}, exact=False
    )
    after_step = shown(page, "loss")

    play = page.locator(".mg-play button")
    play.click()
    expect(play).to_have_text(t("pause", "en"))
    wait_until(lambda: shown(page, "loss") < after_step, page, "Play keeps lowering the loss")
    expect(play).to_have_text(t("pause", "en"))  # still playing: the next click pauses
    play.click()
    expect(play).to_have_text(t("play", "en"))
    # Paused (the label flips in the same server callback that stops the timer): nothing moves any more.
    paused = shown_readouts(page, ("loss", "out", *GRADIENT_IDS))
    page.wait_for_timeout(1000)
    still = shown_readouts(page, ("loss", "out", *GRADIENT_IDS))
    assert still == paused, "the page kept changing after Pause"
    assert paused["loss"] < after_step
    expect_url_matches_sliders(page)  # the readouts use the unrounded values; the address, the slider steps

    page.locator(".mg-step button").click()
    wait_until(lambda: shown(page, "loss") < paused["loss"], page, "Step after Pause still lowers the loss")
    errors.assert_clean()


def test_activation_choice_and_reset(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    open_app(page, app_server, w1="1.25", b="-0.75", act="tanh")
    expect_readouts(page, engine_readouts({**SEED, "w1": 1.25, "b": -0.75}, "tanh"))

    choose(page, "mg-activation", re.compile(r"^sigmo[iï]de?$", re.IGNORECASE))
    wait_until(lambda: url_params(page).get("act") == "sigmoid", page, "the URL records act=sigmoid")
    expect_readouts(page, engine_readouts({**SEED, "w1": 1.25, "b": -0.75}, "sigmoid"))

    page.locator(".mg-reset button").click()
    expect_readouts(page, engine_readouts(SEED, "relu"))
    wait_until(lambda: url_params(page).get("act") == "relu", page, "the URL records act=relu after Reset")
    assert url_state(page) == SEED
    errors.assert_clean()


def test_phone_width_has_no_horizontal_scroll(page: Page, app_server: AppServer, errors: ErrorLog) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, app_server)
    expect_readouts(page, engine_readouts(SEED, "relu"))
    expect(by_testid(page, "out")).to_be_in_viewport()

    def overflow() -> int:
        return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))

    # Bokeh lays figures out after the first paint, so give the layout time to settle before judging it.
    if not _poll(lambda: overflow() <= 0, page, timeout_s=10):
        pytest.fail(f"the page stays {overflow()}px wider than a 390px phone screen (horizontal scrolling)")
    errors.assert_clean()
