"""Reading and driving the built site's page in Chromium: what the live Python shows, and what it should."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page, Route

from micrograd_core import Value
from sitebuild.page import BANNER_ID

LOAD_TIMEOUT_MS = 120_000
START = {"x1": 2.0, "x2": 3.0, "w1": 0.5, "w2": -0.5, "b": 1.0}  # the contract's seed example, ReLU
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}  # Chromium's real mobile emulation: the viewport meta is honoured
READOUTS = ("out", "z", "grad-w1", "grad-w2", "grad-b", "grad-x1", "grad-x2")


@contextmanager
def worker_held(page: Page) -> Iterator[list[Route]]:
    """Hold every request for the worker script (main.js) until the block ends: Python cannot start."""
    held: list[Route] = []
    page.route("**/main.js", lambda route: held.append(route))
    try:
        yield held
    finally:
        for route in held:
            route.continue_()
        page.unroute("**/main.js")


def wait_until_interactive(page: Page) -> None:
    """Python rendered the live document and applied the URL's state (the page dropped its banner)."""
    page.wait_for_function("() => !document.body.classList.contains('pn-loading')", timeout=LOAD_TIMEOUT_MS)
    page.locator(f"#{BANNER_ID}").wait_for(state="detached", timeout=LOAD_TIMEOUT_MS)
    page.locator("[data-testid='out']").first.wait_for(timeout=LOAD_TIMEOUT_MS)


def expected(params: dict[str, float], activation: str = "relu") -> dict[str, float]:
    """micrograd_core's forward and backward pass for the neuron f(w1·x1 + w2·x2 + b)."""
    v = {name: Value(value, label=name) for name, value in params.items()}
    z = v["w1"] * v["x1"] + v["w2"] * v["x2"] + v["b"]
    out = getattr(z, activation)()
    out.backward()
    return {"out": out.data, "z": z.data, **{f"grad-{name}": node.grad for name, node in v.items()}}


def shown(page: Page) -> dict[str, float]:
    return {
        testid: float(page.locator(f"[data-testid='{testid}']").first.get_attribute("data-value") or "nan")
        for testid in READOUTS
    }


SLIDER_VALUE_JS = """(cls) => {
  let value = null;  // the live document is the last one Bokeh embedded
  for (const doc of Bokeh.documents)
    for (const model of doc._all_models.values())
      if ((model.css_classes || []).includes(cls)) value = model.value;
  return value;
}"""


def slider_value(page: Page, name: str) -> float:
    """The slider's exact value from its Bokeh model (the handle's aria text is rounded)."""
    value = page.evaluate(SLIDER_VALUE_JS, f"mg-slider-{name}")
    assert isinstance(value, (int, float)), f"no Bokeh model with css class mg-slider-{name}"
    return float(value)


def wait_until_shown(page: Page, want: dict[str, float], timeout_s: float = 30.0) -> dict[str, float]:
    deadline = timeout_s * 1000
    while True:
        got = shown(page)
        if all(math.isclose(got[k], want[k], rel_tol=1e-9, abs_tol=1e-12) for k in want) or deadline <= 0:
            return got
        page.wait_for_timeout(100)
        deadline -= 100
