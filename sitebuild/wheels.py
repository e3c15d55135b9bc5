"""Wheels the site ships: ours (built from the repo), and pure-Python ones Pyodide's lock lacks."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from sitebuild import BuildError

_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # reproducible archives


def build_project_wheel(repo_root: Path, out_dir: Path) -> Path:
    """Build the project's wheel (micrograd_core) with its own build backend, via pip."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out_dir), str(repo_root)]
    if importlib.util.find_spec("setuptools") is not None:
        cmd.insert(4, "--no-build-isolation")  # offline-friendly when the backend is already installed
    run(cmd, "building the micrograd-web wheel")
    wheels = sorted(out_dir.glob("micrograd_web-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one micrograd_web wheel in {out_dir}, found {[w.name for w in wheels]}")
    return wheels[0]


def build_package_wheel(package_dir: Path, dist_name: str, version: str, out_dir: Path) -> Path:
    """A pure-Python wheel holding one source package (the dashboard's `app`), written directly."""
    if not (package_dir / "__init__.py").is_file():
        raise BuildError(f"{package_dir} is not a Python package (no __init__.py)")
    files: dict[str, bytes] = {}
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files[f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    dist_info = f"{dist_name}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: {version}\n"
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: micrograd-web build.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{dist_info}/top_level.txt"] = f"{package_dir.name}\n".encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist_name}-{version}-py3-none-any.whl"
    write_wheel(wheel, files, f"{dist_info}/RECORD")
    return wheel


def write_wheel(path: Path, files: dict[str, bytes], record_name: str) -> None:
    """Write a wheel archive with a RECORD listing every member's hash."""
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([record_name, "", ""])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*files.items(), (record_name, record.getvalue().encode())]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def _bokeh_js(name: str) -> bool:
    # What Panel's own Pyodide wheels leave out of bokeh: BokehJS, its type stubs and maps.
    return not name.startswith("bokeh/core/_templates") and name.endswith(
        ("bokeh.json", ".js", ".d.ts", ".tsbuildinfo", ".js.map")
    )


def _panel_js(name: str) -> bool:
    # Panel's bundled JS/CSS (served to the page from the site instead), maps and tests.
    return (
        name.startswith(("panel/dist/bundled/", "panel/dist/lib/", "panel/tests/"))
        or name in ("panel/dist/panel.js", "panel/dist/panel.min.js", "panel/dist/panel.json")
        or name.endswith(".map")
    )


SLIM_RULES: dict[str, Callable[[str], bool]] = {"bokeh": _bokeh_js, "panel": _panel_js}


def slim_wheel(source: Path, dest: Path, drop: Callable[[str], bool]) -> None:
    """Copy a wheel without the members `drop` selects (browser assets the site serves separately)."""
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
        record_name = next((n for n in names if n.endswith(".dist-info/RECORD")), None)
        if record_name is None:
            raise BuildError(f"{source.name} has no RECORD: not a wheel")
        kept = {n: archive.read(n) for n in names if n != record_name and not n.endswith("/") and not drop(n)}
    write_wheel(dest, kept, record_name)


def pip_download(requirements: Iterable[str], dest: Path) -> list[Path]:
    """Download pure-Python wheels (exact pins, no dependencies) for Python 3.13, as Pyodide runs it."""
    reqs = list(requirements)
    if not reqs:
        return []
    dest.mkdir(parents=True, exist_ok=True)
    run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
         "--python-version", "3.13", "--platform", "any", "-d", str(dest), *reqs],
        f"downloading pure-Python wheels Pyodide's lock does not provide ({', '.join(reqs)})",
    )
    return sorted(dest.glob("*.whl"))


def top_level_imports(wheel: Path) -> tuple[str, ...]:
    """Importable top-level names of a wheel (packages and modules), for its lock entry."""
    names: set[str] = set()
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            head, _, rest = member.partition("/")
            if head.endswith((".dist-info", ".data")):
                continue
            if rest or head.endswith(".py"):
                names.add(head.removesuffix(".py"))
    return tuple(sorted(names))


def run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"{what} failed ({' '.join(cmd[:5])} …):\n{result.stdout}{result.stderr}".rstrip())
