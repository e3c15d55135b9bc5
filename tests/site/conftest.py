"""Fixtures for the site tests: the local Pyodide distribution, built sites, a sub-path server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.serving import serve_site

REPO_ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "MICROGRAD_WEB_PYODIDE_DIST"
DEFAULT_DIST = Path.home() / ".cache" / "pyodide-dist" / "pyodide-0.29.3"


def local_pyodide_dist() -> Path | None:
    """The local Pyodide distribution tests may use: $MICROGRAD_WEB_PYODIDE_DIST, else the default path."""
    configured = os.environ.get(ENV_VAR)
    path = Path(configured) if configured else DEFAULT_DIST
    return path if (path / "pyodide-lock.json").is_file() and (path / "pyodide.js").is_file() else None


@pytest.fixture(scope="session")
def pyodide_dist() -> Path:
    dist = local_pyodide_dist()
    if dist is None:
        pytest.skip(
            f"no local Pyodide 0.29.3 distribution: set {ENV_VAR} to a folder with pyodide.js and "
            f"pyodide-lock.json (see /work/shared/pyodide-dist/README.md); this machine cannot reach the CDN"
        )
    return dist


def run_build(*args: str, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, writing to `out`."""
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "build.py"), "--out", str(out), *args],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})}, timeout=900,
    )


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
