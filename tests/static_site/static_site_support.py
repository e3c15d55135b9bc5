"""Helpers for the static-site tests: where the repo and the local Pyodide distribution are, running
build.py, and serving a site under a sub-path (as GitHub project pages do) on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "MICROGRAD_WEB_PYODIDE_DIST"
DEFAULT_DIST = Path.home() / ".cache" / "pyodide-dist" / "pyodide-0.29.3"
SUB_PATH = "/micrograd-web/"  # served like a GitHub project page


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at SUB_PATH only; everything else is 404, like a project page."""

    def translate_path(self, path: str) -> str:
        parsed = urllib.parse.urlsplit(path).path
        if not parsed.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path(path[len(SUB_PATH) - 1:])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Yield the site's base URL, e.g. http://127.0.0.1:PORT/micrograd-web/."""
    handler = functools.partial(_SubPathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def local_pyodide_dist() -> Path | None:
    """The local Pyodide distribution tests may use: $MICROGRAD_WEB_PYODIDE_DIST, else the default path."""
    configured = os.environ.get(ENV_VAR)
    path = Path(configured) if configured else DEFAULT_DIST
    return path if (path / "pyodide-lock.json").is_file() and (path / "pyodide.js").is_file() else None


def run_build(*args: str, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, writing to `out`."""
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "build.py"), "--out", str(out), *args],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})}, timeout=900,
    )
