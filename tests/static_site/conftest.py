"""Fixtures for the static-site tests: the local Pyodide distribution, the built site, a server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from static_site_support import ENV_VAR, local_pyodide_dist, run_build, serve_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def pyodide_dist() -> Path:
    dist = local_pyodide_dist()
    if dist is None:
        pytest.skip(
            f"no local Pyodide 0.29.3 distribution: set {ENV_VAR} to a folder with pyodide.js and "
            f"pyodide-lock.json (e.g. static/pyodide/ of a self-contained build made with CDN access)"
        )
    return dist


@pytest.fixture(scope="session")
def self_contained_site(pyodide_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The self-contained site, built once per session from the local distribution."""
    out = tmp_path_factory.mktemp("site") / "static"
    result = run_build("--self-contained", "--pyodide-dist", str(pyodide_dist), out=out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(self_contained_site: Path) -> Iterator[str]:
    with serve_site(self_contained_site) as url:
        yield url
