"""Which Python packages the worker installs, and where each comes from.

The closure of the app's roots is taken from Pyodide's lock where the lock has the package (at the
installed version, for bokeh and panel, whose Python and JS versions must match), otherwise from the
installed package's metadata, evaluated for Pyodide's platform. Optional dependencies the app never
imports are left out on purpose: pandas alone costs ~10 MB and seconds of start-up.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement

from sitebuild import BuildError
from sitebuild.pyodide_settings import PYODIDE_MARKERS

# Declared by bokeh/panel but imported only by some features (DataFrames, images, contours, HTML
# sanitising, Material UI): shipped only when rendering the app imports them (see probe.py).
OPTIONAL = frozenset({"pandas", "pillow", "contourpy", "nh3", "panel-material-ui"})
NEVER = frozenset({"tornado"})  # the Bokeh server; not used in the browser
# Their Python version must equal the BokehJS / Panel JS version the page loads.
VERSION_PINNED = ("bokeh", "panel")
# The app's own requirements (panel convert adds pyodide-http: without it panel imports pandas).
APP_ROOTS = ("panel", "bokeh", "pyodide-http")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Package:
    """One package to install: from the Pyodide lock (`lock_entry`) or a wheel we supply."""

    name: str
    version: str
    depends: tuple[str, ...]
    lock_entry: dict[str, Any] | None = None
    wheel: Path | None = None

    @property
    def from_lock(self) -> bool:
        return self.lock_entry is not None


def pyodide_requirements(dist_name: str) -> tuple[str, ...]:
    """Canonical names an installed distribution requires on Pyodide (markers evaluated)."""
    names = []
    for line in metadata.requires(dist_name) or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(PYODIDE_MARKERS):
            names.append(canonical(req.name))
    return tuple(dict.fromkeys(names))


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        raise BuildError(
            f"the site needs {name!r}, which neither Pyodide's lock nor this Python environment provides; "
            f"install the app's dependencies first (pip install -e '.[app]')"
        ) from None


def resolve(lock: dict[str, Any], own_wheels: dict[str, Path], optional_used: set[str]) -> list[Package]:
    """The install closure of the app, in a stable order (own wheels last).

    `optional_used`: the OPTIONAL packages the app was seen to import; the others are left out.
    """
    excluded = NEVER | (OPTIONAL - optional_used)
    lock_packages = {canonical(k): v for k, v in lock["packages"].items()}
    chosen: dict[str, Package] = {}
    queue = [*APP_ROOTS, *sorted(optional_used)]
    while queue:
        name = canonical(queue.pop(0))
        if name in chosen or name in excluded:
            continue
        entry = lock_packages.get(name)
        if entry is not None and (name not in VERSION_PINNED or entry["version"] == installed_version(name)):
            depends = tuple(d for d in map(canonical, entry.get("depends", [])) if d not in excluded)
            package = Package(name, entry["version"], depends, lock_entry=entry)
        else:
            depends = tuple(d for d in pyodide_requirements(name) if d not in excluded)
            package = Package(name, installed_version(name), depends)
        chosen[name] = package
        queue.extend(package.depends)
    for name, wheel in own_wheels.items():
        version = wheel.name.split("-")[1]
        chosen[canonical(name)] = Package(canonical(name), version, (), wheel=wheel)
    return list(chosen.values())
