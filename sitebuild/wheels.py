"""Wheels the site ships: ours (built from the repo), and pure-Python ones Pyodide's lock lacks."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from sitebuild import BuildError

_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # reproducible archives


def build_project_wheel(repo_root: Path, out_dir: Path) -> Path:
    """The engine's wheel (``micrograd_core`` alone, zero dependencies), written directly.

    No build backend is involved: a fresh venv's own setuptools may be too old to read
    pyproject.toml, and building through pip would need the network to fetch a newer one.
    """
    version = project_version(repo_root)
    return build_package_wheel(repo_root / "micrograd_core", "micrograd_web", version, out_dir)


def project_version(repo_root: Path) -> str:
    """``project.version`` from pyproject.toml (tomllib is 3.11+, so 3.10 reads the one line)."""
    text = (repo_root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        if match is None:
            raise BuildError(f"no version = \"…\" line in {repo_root / 'pyproject.toml'}") from None
        return match.group(1)
    return str(tomllib.loads(text)["project"]["version"])


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
