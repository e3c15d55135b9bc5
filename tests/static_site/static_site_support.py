"""Helpers for the static-site tests: where the repo and the local Pyodide distribution are, running
build.py, and serving a site under a sub-path (as GitHub project pages do) on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitebuild.serve import serving

REPO_ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "/micrograd-web/"  # served like a GitHub project page
BUILD_SUMMARY = "build-summary.txt"  # what build.py printed, beside the site the session fixture built


@contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Yield the site's base URL, e.g. http://127.0.0.1:PORT/micrograd-web/ (404 outside SUB_PATH)."""
    with serving(folder, SUB_PATH) as url:
        yield url


def run_build(*args: str, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, writing to `out`."""
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "build.py"), "--out", str(out), *args],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})}, timeout=900,
    )
