"""Retake the README's screenshots: `python docs/screenshots.py` (needs Chromium, see README "Tests").

Serves app/main.py with `panel serve` on 127.0.0.1, opens each view in headless Chromium at a
desktop width and writes docs/<view>.png. What each picture shows is set by its link below, so a
screenshot is reproducible by anyone who opens the same link.
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


def wait_until_served(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
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
                page.goto(base + query)
                page.wait_for_selector(".bk-root, .bk-Column", state="attached", timeout=60_000)
                page.wait_for_timeout(2500)
                for label in presses:
                    page.get_by_role("button", name=label, exact=True).first.click()
                    page.wait_for_timeout(400)
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
