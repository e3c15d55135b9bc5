"""Assemble the site in a staging folder and swap it into place only when every step succeeded."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild import BuildError
from sitebuild.convert import WorkerPlan, adapt_worker, hoist_future_imports, run_panel_convert
from sitebuild.packages import Package, canonical, resolve
from sitebuild.page import shape_page
from sitebuild.prerender import add_prerender
from sitebuild.probe import optional_packages_used
from sitebuild.pwa import add_pwa
from sitebuild.pyc import compile_wheels_in_place
from sitebuild.pyodide_settings import LOCK_NAME, OFFICIAL_URL
from sitebuild.pyodide_source import CORE_SHA256, PyodideSource, sha256_hex
from sitebuild.snapshot import SNAPSHOT_DIR, Snapshot, SnapshotError, app_code_of, make_snapshot
from sitebuild.vendor import PANEL_DIST, VENDOR_PANEL, vendor_page
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
    compile_pyc: bool = True
    pwa: bool = False
    prerender: bool = True  # capture a static first paint in Chromium (sitebuild/prerender.py)
    snapshot: bool = True  # a memory snapshot of the worker's Python (sitebuild/snapshot.py)


@dataclass(frozen=True)
class Result:
    out: Path
    packages: list[Package]
    rewrites: list[tuple[str, str]]  # (external URL, site-relative path) in the page
    prerender: str  # the build summary's line about the static pre-render
    snapshot: str = ""  # the build summary's line about the memory snapshot


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
        optional_used = optional_packages_used(opts.app_script, opts.repo_root)
        packages = _supply_wheels(resolve(lock, own, optional_used), work / "pypi")
        html_path, worker_path = run_panel_convert(opts.app_script, opts.repo_root, work / "convert")
        html = html_path.read_text(encoding="utf-8")
        core = _fetch_core(opts.source, work / "core") if opts.compile_pyc or opts.self_contained else None
        if opts.self_contained:
            plan = _ship_pyodide(opts.source, lock, packages, stage / "pyodide", core, opts.compile_pyc)
            html, rewrites = vendor_page(html, stage)
        else:
            compiler = core if opts.compile_pyc else None
            plan, rewrites = _ship_wheels_for_cdn(packages, stage / "wheels", compiler), []
        (stage / "index.html").write_text(shape_page(_with_favicon(html)), encoding="utf-8")
        shutil.copyfile(PANEL_DIST / "images" / "favicon.ico", stage / "favicon.ico")
        worker_source = worker_path.read_text(encoding="utf-8")
        snapshot, snapshot_line = None, "Memory snapshot: off (--no-snapshot)"
        if opts.snapshot:
            snapshot, snapshot_line = _snapshot(opts, packages, core, worker_source, stage, work)
        worker = adapt_worker(worker_source, plan, snapshot)
        (stage / worker_path.name).write_text(worker, encoding="utf-8")
        (stage / ".nojekyll").write_bytes(b"")
        prerender = add_prerender(stage) if opts.prerender else "Static pre-render: off (--no-prerender)"
        if opts.pwa:
            add_pwa(stage, "micrograd-web", uuid.uuid4().hex)
        _swap(stage, opts.out, Path(tmp) / "previous")
    return Result(opts.out, packages, rewrites, prerender, snapshot_line)


def _snapshot(opts: Options, packages: list[Package], core: Path | None, worker_source: str, stage: Path,
              work: Path) -> tuple[Snapshot | None, str]:
    """Make the memory snapshot, or say in one line why the site starts the plain way."""
    started = time.monotonic()
    try:
        core = core or _fetch_core(opts.source, work / "snapshot-core")
        if opts.self_contained:
            wheels = sorted((stage / "pyodide").glob("*.whl"))
            env = {"PANEL_CDN_ROOT": VENDOR_PANEL}  # relative: right wherever the site is served
        else:
            wheels = sorted((stage / "wheels").glob("*.whl"))
            wheels += _lock_wheels(opts.source, packages, work / "lock")
            env = {}
        app_code = app_code_of(hoist_future_imports(worker_source))  # as the adapted worker runs it
        snapshot = make_snapshot(core, wheels, app_code, env, stage)
    except (SnapshotError, BuildError, OSError) as exc:
        return None, f"Memory snapshot: not made, the page starts the plain way ({exc})"
    return snapshot, (f"Memory snapshot: added ({snapshot.bytes_shipped / 1e6:.1f} MB in {SNAPSHOT_DIR}/, "
                      f"made in {time.monotonic() - started:.0f} s; --no-snapshot to leave it out)")


def _lock_wheels(source: PyodideSource, packages: list[Package], dest: Path) -> list[Path]:
    """The CDN build's packages from Pyodide's lock, read (verified) from the source for the snapshot."""
    dest.mkdir(parents=True)
    wheels = []
    for package in packages:
        if package.lock_entry is not None:
            wheel = dest / Path(package.lock_entry["file_name"]).name
            wheel.write_bytes(source.read_package(package.lock_entry))
            wheels.append(wheel)
    return wheels


def _supply_wheels(packages: list[Package], dest: Path) -> list[Package]:
    """Download (and slim) the wheels of packages Pyodide's lock does not provide."""
    missing = [p for p in packages if not p.from_lock and p.wheel is None]
    try:
        downloaded = pip_download([f"{p.name}=={p.version}" for p in missing], dest / "full")
    except BuildError as exc:
        raise BuildError(
            f"{exc}\nPackages missing from the Pyodide distribution's lock must have pure-Python wheels; "
            f"compiled ones (e.g. nh3, needed by Panel templates) must come from the distribution itself"
        ) from exc
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


def _fetch_core(source: PyodideSource, dest: Path) -> Path:
    """Pyodide's core files (verified) with the source's lock: enough to boot Pyodide (also in Node)."""
    dest.mkdir(parents=True)
    for name in CORE_SHA256:
        (dest / name).write_bytes(source.read_core(name))
    (dest / LOCK_NAME).write_bytes(source.lock_bytes())
    return dest


def _ship_pyodide(
    source: PyodideSource, lock: dict[str, Any], packages: list[Package], dest: Path, core: Path | None,
    compile_pyc: bool,
) -> WorkerPlan:
    """Copy Pyodide's core and every package into `dest`, verified, with a lock listing exactly them."""
    if core is None:
        raise BuildError("internal: the self-contained build needs Pyodide's core files")
    dest.mkdir(parents=True)
    for name in CORE_SHA256:
        shutil.copyfile(core / name, dest / name)
    entries = {}
    for package in packages:
        if package.lock_entry is not None:
            data = source.read_package(package.lock_entry)
            entry = {**package.lock_entry, "depends": list(package.depends)}
        elif package.wheel is not None:
            data = package.wheel.read_bytes()
            entry = _lock_entry(package, package.wheel)
        else:
            raise BuildError(f"no wheel for {package.name}: neither in Pyodide's lock nor supplied")
        file_name = Path(entry["file_name"]).name
        (dest / file_name).write_bytes(data)
        entries[package.name] = {**entry, "file_name": file_name}
    if compile_pyc:
        compile_wheels_in_place(core, dest, [e["file_name"] for e in entries.values()])
    for entry in entries.values():  # loadPackage checks these: hash the files as shipped
        entry["sha256"] = sha256_hex((dest / entry["file_name"]).read_bytes())
    site_lock = {"info": lock.get("info", {}), "packages": dict(sorted(entries.items()))}
    (dest / LOCK_NAME).write_text(json.dumps(site_lock, indent=1, sort_keys=True), encoding="utf-8")
    return WorkerPlan(
        pyodide_js="pyodide/pyodide.js", index_url="pyodide/",
        packages=tuple(p.name for p in packages), panel_cdn_root=VENDOR_PANEL,
    )


def _ship_wheels_for_cdn(packages: list[Package], dest: Path, core: Path | None) -> WorkerPlan:
    """CDN build: lock packages by name from Pyodide's CDN; the other wheels ship with the site.

    `core`: Pyodide to byte-compile the shipped wheels with (None: ship them as they are).
    """
    dest.mkdir(parents=True)
    urls, names = [], []
    for package in packages:
        if package.wheel is not None:
            shutil.copyfile(package.wheel, dest / package.wheel.name)
            names.append(package.wheel.name)
            urls.append(f"{dest.name}/{package.wheel.name}")
    if core is not None:
        compile_wheels_in_place(core, dest, names)
    return WorkerPlan(
        pyodide_js=OFFICIAL_URL + "pyodide.js", index_url=None,
        packages=tuple(p.name for p in packages if p.from_lock), wheel_urls=tuple(urls),
    )


def _lock_entry(package: Package, wheel: Path) -> dict[str, Any]:
    return {
        "name": package.name, "version": package.version, "file_name": wheel.name,
        "install_dir": "site", "package_type": "package", "sha256": "",
        "imports": list(top_level_imports(wheel)),
        "depends": list(package.depends), "unvendored_tests": False,
    }


def _with_favicon(html: str) -> str:
    """Point the page at the site's favicon; else browsers ask the origin's root, outside a sub-path.

    A page whose template declares icons keeps them: Panel's own, which come from Panel's CDN or, in a
    self-contained site, were vendored with the page's other Panel files (vendor_page fails otherwise).
    """
    if 'rel="icon"' in html:
        return html
    if html.count("</head>") != 1:
        raise BuildError("the converted page has no single </head>")
    return html.replace("</head>", '<link rel="icon" href="./favicon.ico" type="image/x-icon">\n</head>')


def _swap(stage: Path, out: Path, previous: Path) -> None:
    if out.exists():
        out.rename(previous)
    stage.rename(out)
