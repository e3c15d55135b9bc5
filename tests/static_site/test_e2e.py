"""The self-contained site in real Chromium, served under a sub-path on 127.0.0.1.

Every request the page and its Pyodide worker make is recorded (browser-context level, which covers
dedicated workers); any host other than 127.0.0.1, any failed request and any response >= 400 fails
the test, as does any console error.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response
from site_page import LOAD_TIMEOUT_MS, START, expected, slider_value, wait_until_interactive, wait_until_shown
from static_site_support import run_build, serve_site

from sitebuild.snapshot import HEAP_FILES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass
class Traffic:
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host != "127.0.0.1":
            self.problems.append(f"request to another host: {request.url}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def on_failed(self, request: Request) -> None:
        self.problems.append(f"request failed ({request.failure}): {request.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def traffic(context: BrowserContext) -> Iterator[Traffic]:
    record = Traffic()
    context.on("request", record.on_request)
    context.on("response", record.on_response)
    context.on("requestfailed", record.on_failed)
    context.on("weberror", lambda error: record.console_errors.append(f"page error: {error.error}"))
    yield record


def test_site_runs_offline_under_a_sub_path(page: Page, site_url: str, traffic: Traffic) -> None:
    page.on("console", traffic.on_console)
    page.goto(site_url)
    wait_until_interactive(page)

    start = expected(START)
    assert wait_until_shown(page, start) == pytest.approx(start, rel=1e-9, abs=1e-12)
    # app/browser.py's JS callbacks work with Python in a worker too: <html lang>, the address, names
    # (written once the document is ready in the browser, which takes seconds more on a loaded machine)
    page.wait_for_function(
        "location.search.includes('w1=0.5&') && document.documentElement.lang == 'en'", timeout=120_000
    )
    history = page.evaluate("window.history.length")

    # Lower w1 with the keyboard until the ReLU switches off: every gradient must follow the engine.
    handle = page.locator(".mg-slider-w1 .noUi-handle").first
    handle.focus()
    w1 = START["w1"]
    for _ in range(200):
        handle.press("ArrowLeft")
        w1 = slider_value(page, "w1")
        if w1 < 0.2:
            break
    moved = expected({**START, "w1": w1})
    assert moved["grad-w1"] != start["grad-w1"], "the test must move w1 far enough to change the gradients"
    assert wait_until_shown(page, moved) == pytest.approx(moved, rel=1e-9, abs=1e-12)
    page.wait_for_function(f"window.location.search.includes('w1={w1:.2f}&')")
    assert page.evaluate("window.history.length") == history  # replaced, never pushed
    assert handle.get_attribute("aria-label") == "w1 (weight)"

    assert traffic.problems == []
    assert traffic.console_errors == []
    # This site starts from its memory snapshot (sitebuild/snapshot.py), under the sub-path too.
    assert page.evaluate("document.documentElement.dataset.mgStart") == "snapshot"
    snapshot = [f"{site_url}snapshot/{name}" for name in HEAP_FILES]
    assert set(snapshot) <= set(traffic.requests), "worker requests must be recorded too"
    assert not [url for url in traffic.requests if url.endswith(".whl")], "the snapshot replaces the wheels"
    assert all(url.startswith(site_url) for url in traffic.requests if not url.startswith(("data:", "blob:")))


@pytest.fixture(scope="session")
def pwa_site(pyodide_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pwa") / "static"
    args = ["--self-contained", "--pwa", "--no-compile", "--pyodide-dist", str(pyodide_dist)]
    result = run_build(*args, out=out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_pwa_second_visit_works_with_the_server_gone(page: Page, pwa_site: Path, traffic: Traffic) -> None:
    page.on("console", traffic.on_console)
    with serve_site(pwa_site) as url:
        page.goto(url)
        wait_until_interactive(page)
        # The service worker activates (and takes control) only once it has cached every file.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=LOAD_TIMEOUT_MS)
    page.reload()  # the server is shut down: everything must come from the cache
    wait_until_interactive(page)
    assert wait_until_shown(page, expected(START)) == pytest.approx(expected(START), rel=1e-9, abs=1e-12)
    assert traffic.problems == []
    assert traffic.console_errors == []
