"""Retake the README's main screenshot: `python docs/screenshots.py` (needs Chromium, see README "Tests").

Serves app/main.py with `panel serve` on 127.0.0.1, opens the page in headless Chromium at a desktop
width and writes each picture listed in SHOTS; what a picture shows is set by its link and the buttons
pressed, so anyone can reproduce it. (docs/lab.png and docs/network.png were taken by hand.)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# file name -> (query string, buttons to press, in order, before the picture is taken)
SHOTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "screenshot.png": ("", ("Step",) * 6),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_served(url: str, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"panel serve did not answer at {url}")


def main() -> int:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "panel", "serve", str(ROOT / "app" / "main.py"), "--address", "127.0.0.1",
         "--port", str(port), f"--allow-websocket-origin=127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/main"
        wait_until_served(base)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                         args=CHROMIUM_ARGS)
            for name, (query, presses) in SHOTS.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(base + query, timeout=120_000)
                # Panel renders into shadow roots: Playwright's locators pierce them, querySelector does not
                page.locator("[data-testid], .mg-views").first.wait_for(timeout=120_000)
                page.wait_for_timeout(4000)
                for label in presses:
                    page.get_by_role("button", name=label, exact=True).first.click()
                    page.wait_for_timeout(400)
                page.evaluate("window.scrollTo(0, 0)")  # the sticky sidebar follows a Step button's scroll
                page.wait_for_timeout(1000)
                page.screenshot(path=str(ROOT / "docs" / name), full_page=True)
                print(f"wrote docs/{name}")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
