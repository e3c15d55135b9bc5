"""Run Python inside real Pyodide (Node.js), offline: build micrograd_core's wheel, gather pure-Python wheels.

``run_in_pyodide.mjs`` does the Pyodide side; this module prepares its inputs and calls it:

- ``build_engine_wheel()`` builds the engine's wheel the way the site build does (so installing it in
  Pyodide also proves what the site ships);
- ``pure_wheels(["pytest", "hypothesis"])`` returns pure-Python wheels of those distributions and of
  everything they need under Pyodide, at the versions installed here, downloaded once with
  ``pip download`` into a cache (``MICROGRAD_WEB_WHEEL_CACHE``, default ``~/.cache/micrograd-web/
  pyodide-wheels``) — Pyodide itself never touches the network;
- ``run_in_pyodide(wheels, args)`` runs the Node script and returns the finished process.

Used by tests/pyodide/test_engine_in_pyodide.py and by bench/engine_bench.py; the Pyodide is the npm
package pinned in package-lock.json (sitebuild.pyodide_settings).
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from sitebuild.pyodide_settings import NPM_PYODIDE, PYODIDE_MARKERS, REPO_ROOT
from sitebuild.wheels import build_project_wheel

RUNNER = Path(__file__).with_name("run_in_pyodide.mjs")

# Distributions whose installed release has no pure-Python wheel, mapped to the newest release that has
# one: hypothesis ≥ 6.156 ships a compiled extension (hypothesis._native) and only platform wheels.
PURE_PYTHON_FALLBACK = {"hypothesis": "6.155.7"}


# V8's default stack (~1 MB) is too small for CPython 3.13 under Pyodide to free a chain of more than ~5,000
# nodes: deallocation recurses node by node until the interpreter's C-recursion budget defers it, and a
# 200,000-deep chain then dies with "RangeError: Maximum call stack size exceeded". 4 MB is enough for any
# depth (measured: 3 MB frees a 1,000,000-node chain) and well inside the 8 MB of Node's main thread.
NODE_STACK_KB = 4000


class HarnessError(RuntimeError):
    """The in-Pyodide harness could not be prepared (wheel build or download failed)."""


def unavailable_reason() -> str | None:
    """Why Pyodide cannot run here (no node, no ``npm ci``), or None when it can."""
    if shutil.which("node") is None:
        return "`node` is not on PATH: the in-Pyodide tests need Node.js ≥ 18"
    if not (NPM_PYODIDE / "pyodide.mjs").is_file():
        return f"{NPM_PYODIDE} is absent: run `npm ci` at the repository root"
    return None


def wheel_cache_dir() -> Path:
    default = Path.home() / ".cache" / "micrograd-web" / "pyodide-wheels"
    path = Path(os.environ.get("MICROGRAD_WEB_WHEEL_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_engine_wheel(out_dir: Path) -> Path:
    """The engine's wheel exactly as the site ships it (``sitebuild.wheels.build_project_wheel``)."""
    return build_project_wheel(REPO_ROOT, out_dir)


def runtime_requirements(roots: Iterable[str]) -> dict[str, str]:
    """``roots`` and their dependencies under Pyodide, as {distribution: version installed here}."""
    pending = list(roots)
    found: dict[str, str] = {}
    while pending:
        name = canonicalize_name(pending.pop())
        if name in found:
            continue
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            raise HarnessError(f"{name} is needed inside Pyodide but is not installed here") from None
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or _applies_in_pyodide(requirement.marker):
                pending.append(requirement.name)
    return found


def pure_wheels(roots: Iterable[str]) -> list[Path]:
    """Pure-Python wheels of ``roots`` and their Pyodide dependencies, from the cache or ``pip download``."""
    cache = wheel_cache_dir()
    wheels = []
    for name, version in sorted(runtime_requirements(roots).items()):
        wheel = _cached_wheel(cache, name, version) or _download(cache, name, version)
        if wheel is None and name in PURE_PYTHON_FALLBACK:
            fallback = PURE_PYTHON_FALLBACK[name]
            wheel = _cached_wheel(cache, name, fallback) or _download(cache, name, fallback)
        if wheel is None:
            raise HarnessError(f"no pure-Python wheel of {name} {version} could be downloaded")
        wheels.append(wheel)
    return wheels


def run_in_pyodide(
    wheels: Sequence[Path], args: Sequence[str], *, timeout: float = 1800.0
) -> subprocess.CompletedProcess[str]:
    """Run ``node run_in_pyodide.mjs --wheels W... ARGS`` from the repository root and wait for it."""
    command = ["node", f"--stack-size={NODE_STACK_KB}", str(RUNNER)]
    for wheel in wheels:
        command += ["--wheels", str(wheel)]
    return subprocess.run(
        [*command, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def _applies_in_pyodide(marker: Marker) -> bool:
    return marker.evaluate(dict(PYODIDE_MARKERS))


def _cached_wheel(cache: Path, name: str, version: str) -> Path | None:
    for wheel in cache.glob("*.whl"):
        wheel_name, wheel_version, _, tags = parse_wheel_filename(wheel.name)
        if wheel_name == name and str(wheel_version) == version and all(t.platform == "any" for t in tags):
            return wheel
    return None


def _download(cache: Path, name: str, version: str) -> Path | None:
    """``pip download`` a pure-Python wheel (any platform, Python 3.13) into the cache, or None."""
    command = [
        sys.executable, "-m", "pip", "download", f"{name}=={version}",
        "--no-deps", "--only-binary=:all:", "--platform", "any", "--implementation", "py",
        "--abi", "none", "--python-version", PYODIDE_MARKERS["python_version"],
        "--disable-pip-version-check", "--quiet", "--dest", str(cache),
    ]  # fmt: skip
    absent = cache / f"{name}-{version}.no-pure-wheel"  # remembered, so the next run skips the look-up
    if absent.exists():
        return None
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheel = _cached_wheel(cache, name, version)
    if wheel is None and "No matching distribution" in done.stderr:
        absent.touch()
    elif wheel is None:
        raise HarnessError(f"pip download {name}=={version} failed:\n{done.stderr}")
    return wheel
