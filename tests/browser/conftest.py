"""Fixtures for the dashboard's browser tests: Debian Chromium through pytest-playwright, the app served by
`panel serve` on 127.0.0.1, and a guard that fails a test on any browser console error, page error, request
leaving 127.0.0.1, or server-side traceback.

Follows Panel's own UI tests (panel/tests/ui): wait for the document instead of sleeping, drive sliders with
the keyboard on the noUiSlider handle, and collect `console` messages of type "error".
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Route, expect

ROOT = Path(__file__).resolve().parents[2]
# The servable app; overridable to debug these fixtures against another Panel script.
APP_SCRIPT = Path(os.environ.get("MICROGRAD_WEB_APP_SCRIPT", ROOT / "app" / "main.py")).resolve()
# The same page with a second view registered, for the view switcher (the app registers one view today).
TWO_VIEW_SCRIPT = Path(__file__).resolve().parent / "two_views_app.py"
HOST = "127.0.0.1"

# Flags required on this machine and in CI (no GPU, no sandbox, no phoning home).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60.0
PAGE_TIMEOUT_MS = 30_000  # generous like Panel's UI tests: the machine (and CI) is shared
PLAYWRIGHT_EXPECT_DEFAULT_MS = 5_000


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    chosen = os.environ.get("CHROMIUM_PATH")
    if chosen:
        if not os.access(chosen, os.X_OK):
            pytest.fail(f"CHROMIUM_PATH={chosen!r} is not an executable file")
        return chosen
    candidates = ["/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at the system Chromium (Playwright downloads none)."""
    path = chromium_path()
    if path is None:
        reason = "no Chromium binary: install Debian's `chromium` or set CHROMIUM_PATH"
        if os.environ.get("MICROGRAD_WEB_REQUIRE_BROWSER"):
            pytest.fail(f"{reason} (MICROGRAD_WEB_REQUIRE_BROWSER is set, so this is an error)")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    """pytest-playwright's context with generous timeouts (restored afterwards for other test suites)."""
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    yield context
    expect.set_options(timeout=PLAYWRIGHT_EXPECT_DEFAULT_MS)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _http_status(url: str) -> int | None:
    """The HTTP status of a GET of `url`, or None while nothing accepts connections there."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, OSError):
        return None


@dataclass
class AppServer:
    """A running `panel serve SCRIPT`; `url` is the app's page, `log` the server's combined output."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path
    script: Path
    url: str = field(init=False)

    def __post_init__(self) -> None:
        self.url = f"http://{HOST}:{self.port}/{self.script.stem}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _start_server(log: Path, script: Path) -> AppServer:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "panel",
        "serve",
        str(script),
        "--address",
        HOST,
        "--port",
        str(port),
        f"--allow-websocket-origin={HOST}:{port}",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    server = AppServer(process, port, log, script)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    status = None
    while time.monotonic() < deadline and process.poll() is None:
        status = _http_status(server.url)
        if status == 200:
            return server
        if status is not None:
            break  # the server runs but the app's page fails: waiting will not help
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(
        f"`{' '.join(command)}` did not serve {server.url} (HTTP status {status}); "
        f"its output:\n{server.log_text()}"
    )


def _serve(script: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """``script`` served on a free port of 127.0.0.1 (retried if the port got taken), stopped afterwards."""
    if not script.is_file():
        pytest.fail(f"{script} does not exist: the browser tests need the servable app")
    log_dir = tmp_path_factory.mktemp("panel-serve")
    for attempt in range(3):
        try:
            server = _start_server(log_dir / f"serve-{attempt}.log", script)
            break
        except RuntimeError as error:
            if "already in use" not in str(error) or attempt == 2:
                raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The dashboard served for the session."""
    yield from _serve(APP_SCRIPT, tmp_path_factory)


@pytest.fixture(scope="session")
def two_view_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The page with two views registered, served for the session."""
    yield from _serve(TWO_VIEW_SCRIPT, tmp_path_factory)


# Server log lines that mean Python raised while serving a session, handling a browser event or a timer.
SERVER_ERROR_MARKERS = (
    "Traceback (most recent call last)",
    "error handling message",
    "Exception in callback",
)


@dataclass
class ErrorLog:
    """Everything that went wrong while a test drove the page: console errors, uncaught page errors,
    requests to hosts other than 127.0.0.1, and tracebacks in the server's log."""

    server: AppServer
    server_log_offset: int
    problems: list[str] = field(default_factory=list)
    reported: bool = False  # a failed assert_clean() already told the test; teardown need not repeat it

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "favicon" not in message.location.get("url", ""):
            self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error: Error) -> None:
        self.problems.append(f"page error: {error.message}")

    def new_server_errors(self) -> list[str]:
        text = self.server.log_text()[self.server_log_offset :]
        return [line for line in text.splitlines() if any(marker in line for marker in SERVER_ERROR_MARKERS)]

    def assert_clean(self) -> None:
        """Fail with the full list if anything went wrong so far."""
        found = self.problems + [f"server log: {line}" for line in self.new_server_errors()]
        self.reported = bool(found)
        assert not found, (
            "the page reported errors:\n"
            + "\n".join(found)
            + ("\n--- server log ---\n" + self.server.log_text()[self.server_log_offset :] if found else "")
        )


def _block_other_hosts(errors: ErrorLog) -> Any:
    def handle(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in (HOST, "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            errors.problems.append(f"request to another host blocked: {route.request.url}")
            route.abort()

    return handle


@pytest.fixture
def errors(page: Page, app_server: AppServer) -> Iterator[ErrorLog]:
    """Records console/page errors, off-host requests and server tracebacks; fails the test if any occurred.

    Requests to other hosts are aborted so the app behaves the same here (offline) as anywhere else: a page
    that needs a CDN is a bug for a dashboard that must also run as an offline static site.
    """
    yield from _watch(page, app_server)


@pytest.fixture
def two_view_errors(page: Page, two_view_server: AppServer) -> Iterator[ErrorLog]:
    """``errors`` for the two-view page."""
    yield from _watch(page, two_view_server)


def _watch(page: Page, server: AppServer) -> Iterator[ErrorLog]:
    log = ErrorLog(server, len(server.log_text()))
    page.on("console", log.on_console)
    page.on("pageerror", log.on_page_error)
    page.route("**/*", _block_other_hosts(log))
    yield log
    if not log.reported:
        log.assert_clean()


# Playwright's real mobile emulation of a 390 px phone: a narrow desktop window would hide the viewport meta.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}


@pytest.fixture
def phone(browser: Any, app_server: AppServer) -> Iterator[Page]:
    """A page in Playwright's real mobile emulation (390×844, mobile, touch, pixel ratio 3)."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    expect.set_options(timeout=PAGE_TIMEOUT_MS)  # as ``context`` does for every other page
    yield context.new_page()
    expect.set_options(timeout=PLAYWRIGHT_EXPECT_DEFAULT_MS)
    context.close()
