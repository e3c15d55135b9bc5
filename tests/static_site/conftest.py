"""Fixtures for the static-site tests: the local Pyodide distribution, the built site, a server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from static_site_support import BUILD_SUMMARY, run_build, serve_site

from sitebuild.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from sitebuild.pyodide_settings import ENV_VAR, PYODIDE_VERSION, local_dist


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    return {"executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def pyodide_dist() -> Path:
    dist = local_dist()
    if dist is None:
        pytest.skip(
            f"no local Pyodide {PYODIDE_VERSION} distribution: set {ENV_VAR} to a folder with pyodide.js and "
            f"pyodide-lock.json (e.g. static/pyodide/ of a self-contained build made with CDN access)"
        )
    return dist


@pytest.fixture(scope="session")
def self_contained_site(pyodide_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The self-contained site, built once per session from the local distribution."""
    out = tmp_path_factory.mktemp("site") / "static"
    result = run_build("--self-contained", "--pyodide-dist", str(pyodide_dist), out=out)
    assert result.returncode == 0, result.stdout + result.stderr
    (out.parent / BUILD_SUMMARY).write_text(result.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def site_url(self_contained_site: Path) -> Iterator[str]:
    with serve_site(self_contained_site) as url:
        yield url
