"""Assemble the site in a staging folder and swap it into place only when every step succeeded."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild import BuildError
from sitebuild.convert import WorkerPlan, adapt_worker, run_panel_convert
from sitebuild.packages import EXCLUDED, Package, canonical, resolve
from sitebuild.pyodide_source import CORE_SHA256, LOCK_NAME, OFFICIAL_URL, PyodideSource, sha256_hex
from sitebuild.vendor import VENDOR_PANEL, vendor_page
from sitebuild.wheels import (
    SLIM_RULES,
    build_package_wheel,
    build_project_wheel,
    pip_download,
    slim_wheel,
    top_level_imports,
)

APP_DIST_NAME = "micrograd_web_app"


@dataclass(frozen=True)
class Options:
    repo_root: Path
    out: Path
    app_script: Path
    source: PyodideSource
    self_contained: bool


@dataclass(frozen=True)
class Result:
    out: Path
    packages: list[Package]
    rewrites: list[tuple[str, str]]  # (external URL, site-relative path) in the page


def build_site(opts: Options) -> Result:
    """Build into a staging folder next to `opts.out`, then replace `opts.out` with it."""
    lock = opts.source.lock()  # a missing/broken source fails here, before any work
    if not opts.self_contained and not opts.source.has_official_lock():
        raise BuildError(
            f"the CDN build resolves package names against the official Pyodide lock, but "
            f"{LOCK_NAME} of {opts.source.describe()} is not it; use --pyodide-dist {OFFICIAL_URL} "
            f"(or a mirror of it), or build with --self-contained"
        )
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".static-build-", dir=opts.out.parent) as tmp:
        stage, work = Path(tmp) / "site", Path(tmp) / "work"
        stage.mkdir()
        own = {
            "micrograd-web": build_project_wheel(opts.repo_root, work / "own"),
            APP_DIST_NAME: build_package_wheel(opts.repo_root / "app", APP_DIST_NAME, "0.1.0", work / "own"),
        }
        packages = _supply_wheels(resolve(lock, own), work / "pypi")
        html_path, worker_path = run_panel_convert(opts.app_script, opts.repo_root, work / "convert")
        html = html_path.read_text(encoding="utf-8")
        if opts.self_contained:
            plan = _ship_pyodide(opts.source, lock, packages, stage / "pyodide")
            html, rewrites = vendor_page(html, stage)
        else:
            plan, rewrites = _ship_wheels_for_cdn(packages, stage / "wheels"), []
        (stage / "index.html").write_text(html, encoding="utf-8")
        worker = adapt_worker(worker_path.read_text(encoding="utf-8"), plan)
        (stage / worker_path.name).write_text(worker, encoding="utf-8")
        (stage / ".nojekyll").write_bytes(b"")
        _swap(stage, opts.out, Path(tmp) / "previous")
    return Result(opts.out, packages, rewrites)


def _supply_wheels(packages: list[Package], dest: Path) -> list[Package]:
    """Download (and slim) the wheels of packages Pyodide's lock does not provide."""
    missing = [p for p in packages if not p.from_lock and p.wheel is None]
    downloaded = pip_download([f"{p.name}=={p.version}" for p in missing], dest / "full")
    by_name = {canonical(w.name.split("-")[0]): w for w in downloaded}
    supplied = {}
    for package in missing:
        wheel = by_name.get(package.name)
        if wheel is None:
            raise BuildError(f"no pure-Python wheel of {package.name}=={package.version} could be downloaded")
        if package.name in SLIM_RULES:
            slim = dest / wheel.name
            slim_wheel(wheel, slim, SLIM_RULES[package.name])
            wheel = slim
        supplied[package.name] = dataclasses.replace(package, wheel=wheel)
    return [supplied.get(p.name, p) for p in packages]


def _ship_pyodide(source: PyodideSource, lock: dict[str, Any], packages: list[Package], dest: Path) -> WorkerPlan:
    """Copy Pyodide's core and every package into `dest`, verified, with a lock listing exactly them."""
    dest.mkdir(parents=True)
    for name in CORE_SHA256:
        (dest / name).write_bytes(source.read_core(name))
    entries = {}
    for package in packages:
        if package.lock_entry is not None:
            data = source.read_package(package.lock_entry)
            entry = {**package.lock_entry, "depends": list(package.depends)}
        elif package.wheel is not None:
            data = package.wheel.read_bytes()
            entry = _lock_entry(package, package.wheel, data)
        else:
            raise BuildError(f"no wheel for {package.name}: neither in Pyodide's lock nor supplied")
        file_name = Path(entry["file_name"]).name
        (dest / file_name).write_bytes(data)
        entries[package.name] = {**entry, "file_name": file_name}
    site_lock = {"info": lock.get("info", {}), "packages": dict(sorted(entries.items()))}
    (dest / LOCK_NAME).write_text(json.dumps(site_lock, indent=1, sort_keys=True), encoding="utf-8")
    return WorkerPlan(
        pyodide_js="pyodide/pyodide.js", index_url="pyodide/",
        packages=tuple(p.name for p in packages), panel_cdn_root=VENDOR_PANEL,
    )


def _ship_wheels_for_cdn(packages: list[Package], dest: Path) -> WorkerPlan:
    """CDN build: lock packages by name from Pyodide's CDN; the other wheels ship with the site."""
    dest.mkdir(parents=True)
    urls = []
    for package in packages:
        if package.wheel is not None:
            shutil.copyfile(package.wheel, dest / package.wheel.name)
            urls.append(f"{dest.name}/{package.wheel.name}")
    return WorkerPlan(
        pyodide_js=OFFICIAL_URL + "pyodide.js", index_url=None,
        packages=tuple(p.name for p in packages if p.from_lock), wheel_urls=tuple(urls),
    )


def _lock_entry(package: Package, wheel: Path, data: bytes) -> dict[str, Any]:
    return {
        "name": package.name, "version": package.version, "file_name": wheel.name,
        "install_dir": "site", "package_type": "package", "sha256": sha256_hex(data),
        "imports": list(top_level_imports(wheel)),
        "depends": [d for d in package.depends if d not in EXCLUDED], "unvendored_tests": False,
    }


def _swap(stage: Path, out: Path, previous: Path) -> None:
    if out.exists():
        out.rename(previous)
    stage.rename(out)
