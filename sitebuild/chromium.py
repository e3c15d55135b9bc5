"""The headless Chromium that the static-site tests and the start-up benchmark drive (Playwright).

Debian's /usr/bin/chromium unless $CHROMIUM_PATH names another; the flags keep it from phoning home.
"""

from __future__ import annotations

import os

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
