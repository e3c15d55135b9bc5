"""The one home of the Pyodide settings: which version, where a local distribution is, its Python.

The version is the one npm installs (package-lock.json: the `pyodide` package that the build, the
in-Pyodide tests and the benchmarks run in Node); everything else here derives from it. A local
distribution (a test and benchmark fixture, never part of the product) is named by ENV_VAR, else
DEFAULT_LOCAL_DIST.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NPM_LOCK = REPO_ROOT / "package-lock.json"
NPM_PYODIDE = REPO_ROOT / "node_modules" / "pyodide"  # `npm ci` puts the pinned release here
# the worker's snapshot decoder
NPM_XZ = REPO_ROOT / "node_modules" / "xz-decompress" / "dist" / "package" / "xz-decompress.min.js"
LOCK_NAME = "pyodide-lock.json"
ENV_VAR = "MICROGRAD_WEB_PYODIDE_DIST"


def _pinned_version() -> str:
    version = json.loads(NPM_LOCK.read_text(encoding="utf-8"))["packages"]["node_modules/pyodide"]["version"]
    if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise ValueError(f"{NPM_LOCK}: the pyodide package's version {version!r} is not an exact release")
    return version


PYODIDE_VERSION = _pinned_version()
OFFICIAL_URL = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
DEFAULT_LOCAL_DIST = Path.home() / ".cache" / "pyodide-dist" / f"pyodide-{PYODIDE_VERSION}"

# Pyodide's interpreter, for evaluating dependency markers ("exceptiongroup; python_version < '3.11'").
PYODIDE_MARKERS = {
    "sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
    "platform_machine": "wasm32", "python_version": "3.13", "python_full_version": "3.13.2",
    "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": "",
}


def local_dist_location() -> Path:
    """Where the local distribution should be: $MICROGRAD_WEB_PYODIDE_DIST, else DEFAULT_LOCAL_DIST."""
    configured = os.environ.get(ENV_VAR)
    return Path(configured).expanduser() if configured else DEFAULT_LOCAL_DIST


def local_dist() -> Path | None:
    """The local distribution if there is one (a folder with pyodide.js and its lock), else None."""
    path = local_dist_location()
    return path if (path / LOCK_NAME).is_file() and (path / "pyodide.js").is_file() else None
