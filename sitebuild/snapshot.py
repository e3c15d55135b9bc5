"""A memory snapshot of the worker's Python, made at build time, that the page's worker restores.

Without it every visitor waits while Pyodide boots, installs bokeh, panel and numpy, imports them and
builds the first document: seconds of work whose result is the same for everyone. The build does that
work once, in Node (make_snapshot.mjs), and saves Python's memory right after the first document;
the worker restores it (snapshot_worker.js) and posts that document at once. What a visitor's link
asks for still arrives as today, as patches, after the document.

The site gets a `snapshot/` folder:
- `python.snapshot.0.xz`, `python.snapshot.1.xz`: Python's memory in two halves, xz-compressed (a third
  smaller than gzip). The worker decodes each in a helper worker of its own while it downloads, with
  xz-decompress (npm), which the build writes into the worker;
- `site-packages.gz`: the app's own files not in memory yet (its views' modules, loaded on first use)
  and every package's METADATA (Pyodide reads them all as it starts),
  as one blob written before Python starts; `manifest.json` lists their paths and sizes;
- `files/…`: every other installed file the restored Python may still read (data files, modules not
  imported yet), one by one: the worker fetches each the first time Python opens it, so a visitor
  downloads only what is read;
- (Pyodide's `python_stdlib.zip` is read the same way, when Python imports a module it did not before);
- `lib/…so.xz`: numpy's compiled modules that the first document imports. The worker loads them before
  Python starts, so they land where they were when the snapshot was made (SNAPSHOT_PRELOADED).

The snapshot is bound to the exact files it was made from (Pyodide's core, the wheels, the app's
code, its environment): `key` hashes them all and the worker falls back to the plain start-up when the
manifest's key is not its own, when a file is missing, or on any error during the restore.
Pyodide's snapshot API is private; what this relies on is named in PRIVATE_API and pinned by a test.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild.pyodide_settings import NPM_XZ, PYODIDE_VERSION

HERE = Path(__file__).resolve().parent
SNAPSHOT_DIR = "snapshot"
SITE_PACKAGES = "/lib/python3.13/site-packages/"
# numpy's extension modules imported by the first document (make_snapshot.mjs reports any other one
# that loads before the snapshot, and the build then tries again with it preloaded too).
SNAPSHOT_PRELOADED = ("numpy/_core/_multiarray_umath.", "numpy/linalg/_umath_linalg.")
# Never read at run time: type stubs, C and TypeScript sources, tests, documentation tooling, and the
# `*.data/` folders a wheel unpacked as a plain zip leaves behind (their files also sit in the package).
_NEVER_READ_SUFFIXES = (".pyi", ".h", ".c", ".pxd", ".ts", ".tsx", ".map")
_NEVER_READ_PARTS = frozenset({"tests", "testing", "f2py", "sphinxext", "_pyinstaller"})
# The private parts of Pyodide PYODIDE_VERSION this relies on (tests/static_site/test_snapshot_api.py
# checks that each is still there, so an upgrade fails loudly instead of silently starting slowly).
PRIVATE_API = {
    "loadPyodide options": ("_makeSnapshot", "_loadSnapshot", "_snapshotDeserializer", "fsInit"),
    "pyodide.asm.js": ("globalThis._createPyodideModule", 'Module["dynamicLibraries"]', 'Module["LDSO"]',
                       "makeMemorySnapshot", "__hiwire_get", "__hiwire_set", "loadedLibsByHandle",
                       # Emscripten's MEMFS file nodes, for the files fetched when first opened
                       "node.contents", "node.usedBytes", "node.stream_ops", "FS.ErrnoError"),
}
_ATTEMPTS = 3
# Python's memory (63 MB) in halves: xz makes 10.8 MB of it (zstd -19: 12.2, gzip: 16.8), and two
# helper workers decode the halves at once while they download (bench/STARTUP.md weighs the two).
HEAP_FILES = ("python.snapshot.0.xz", "python.snapshot.1.xz")
# The memory is mostly 4-byte words (pointers, sizes): LZMA models them better aligned to 4 (pb, lp).
_HEAP_XZ_OPTIONS = {"pb": 2, "lp": 2, "lc": 0}
# The wheels whose packages ship eagerly (site-packages.gz): the app's own, small and soon imported.
EAGER_WHEELS = "micrograd_web"


class SnapshotError(Exception):
    """The snapshot could not be made; the site still works, with the plain start-up."""


@dataclass(frozen=True)
class Snapshot:
    """What the worker needs to know about the snapshot shipped in `<site>/snapshot/`."""

    key: str  # sha256 of everything it was made from; the manifest carries the same
    dylibs: tuple[str, ...]  # absolute paths in Pyodide's file system, in load order
    functions: tuple[str, ...]  # JS source of the functions Python holds (see make_snapshot.mjs)
    bytes_shipped: int  # the snapshot folder's size


def make_snapshot(core: Path, wheels: list[Path], app_code: str, env: dict[str, str], site: Path) -> Snapshot:
    """Make `site/snapshot/` with Pyodide in `core` (its pyodide.js, .asm.js, .asm.wasm, stdlib, lock)."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotError("Node.js is not on PATH")
    xz_decoder()  # fail before the work when the worker could not decode it
    out = site / SNAPSHOT_DIR
    key = _key(core, wheels, app_code, env)
    wanted = list(SNAPSHOT_PRELOADED)
    late: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mg-snapshot-") as tmp:
        work = Path(tmp)
        wheel_dir = _copy_wheels(wheels, work / "wheels")
        for _ in range(_ATTEMPTS):
            if out.exists():
                shutil.rmtree(out)
            out.mkdir(parents=True)
            dylibs = _extract_dylibs(wheels, wanted, work / "lib")
            manifest = _run_node(node, core, wheel_dir, app_code, env, dylibs, out, work)
            late = manifest.get("late_libraries", [])
            if not late:
                break
            wanted += [path.removeprefix(SITE_PACKAGES) for path in late]
        else:
            raise SnapshotError(f"extension modules kept loading late: {', '.join(late)}")
        if manifest["report"]["pending_tasks"]:
            shutil.rmtree(out)
            raise SnapshotError(f"{manifest['report']['pending_tasks']} asyncio tasks were pending after the "
                                "first document; their timers would never fire after a restore")
        _write_compressed(out, (work / "python.snapshot").read_bytes(), dylibs)
    manifest_out = {"key": key, "pyodide": PYODIDE_VERSION, "dylibs": [d for d, _ in dylibs],
                    "stdlib_bytes": (core / "python_stdlib.zip").stat().st_size,
                    **{name: manifest[name] for name in ("snapshot_bytes", "files", "lazy", "handles")}}
    (out / "manifest.json").write_text(json.dumps(manifest_out, separators=(",", ":")), encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return Snapshot(key, tuple(d for d, _ in dylibs), tuple(manifest["functions"]), size)


def xz_decoder() -> str:
    """xz-decompress's browser build (its header names its MIT and public-domain licences), wrapped in
    `mgXzLibrary()`: the worker runs it, and passes its source on to the helper workers it starts."""
    if not NPM_XZ.is_file():
        raise SnapshotError(f"{NPM_XZ} is absent: run `npm ci` at the repository root")
    return f"function mgXzLibrary() {{\n{NPM_XZ.read_text(encoding='utf-8')}\n}}"


def _write_compressed(out: Path, memory: bytes, dylibs: list[tuple[str, Path]]) -> None:
    """The memory's halves and the libraries, xz-compressed in parallel (lzma lets go of the GIL).
    The libraries too: a host serves .so files as they are."""
    halves = zip(HEAP_FILES, _halves(memory), strict=True)
    jobs = {out / name: (half, _HEAP_XZ_OPTIONS) for name, half in halves}
    for fs_path, host in dylibs:
        jobs[out / "lib" / (fs_path.removeprefix(SITE_PACKAGES) + ".xz")] = (host.read_bytes(), {})
    with ThreadPoolExecutor() as pool:
        for dest, packed in zip(jobs, pool.map(lambda job: _xz(*job), jobs.values()), strict=True):
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(packed)


def _halves(memory: bytes) -> tuple[bytes, bytes]:
    middle = len(memory) // 2 // 65536 * 65536  # on a wasm page boundary
    return memory[:middle], memory[middle:]


def _xz(data: bytes, options: dict[str, int]) -> bytes:
    # The smallest dictionary that holds all the data (xz's valid sizes are 2^n and 3 * 2^(n-1)): the
    # decoder allocates that much, and preset 9's 64 MiB would be wasted on a 3 MB library.
    try:
        import lzma
    except ImportError:  # a Python built without liblzma
        raise SnapshotError("this Python has no lzma module to compress it with") from None
    dict_size = next(size for n in range(12, 31) for size in (1 << n, 3 << (n - 1)) if size >= len(data))
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": dict_size, **options}]
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=filters)


def app_code_of(worker_source: str) -> str:
    """The Python the converted worker runs (Panel escapes it into a JS template literal)."""
    opening = "root_ids] = await self.pyodide.runPythonAsync(`"
    if worker_source.count(opening) != 1:
        raise SnapshotError("Panel's pyodide-worker template changed: cannot find where the app's code runs")
    start = worker_source.index(opening) + len(opening)
    end = worker_source.index("`)\n", start)
    literal = worker_source[start:end]
    return literal.replace("\\`", "`").encode("utf-8").decode("unicode_escape")


def _key(core: Path, wheels: list[Path], app_code: str, env: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for path in [*(core / n for n in ("pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")), *wheels]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(app_code.encode() + json.dumps(env, sort_keys=True).encode())
    digest.update((HERE / "make_snapshot.mjs").read_bytes() + (HERE / "snapshot_in_pyodide.py").read_bytes())
    return digest.hexdigest()


def _extract_dylibs(wheels: list[Path], wanted: list[str], dest: Path) -> list[tuple[str, Path]]:
    """Copy the wanted .so files out of the wheels: (path in Pyodide, path on disk), in `wanted`'s order."""
    found: dict[str, tuple[str, Path]] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                prefix = next((w for w in wanted if name.startswith(w) and name.endswith(".so")), None)
                if prefix is not None:
                    target = dest / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(name))
                    found[prefix] = (SITE_PACKAGES + name, target)
    missing = [w for w in wanted if w not in found]
    if missing:
        raise SnapshotError(f"no wheel holds {', '.join(missing)}")
    return [found[w] for w in wanted]


def _copy_wheels(wheels: list[Path], dest: Path) -> Path:
    """The wheels in one folder Node mounts: copies, as Pyodide's NODEFS cannot follow a symlink out."""
    dest.mkdir()
    for wheel in wheels:
        shutil.copyfile(wheel, dest / wheel.name)
    return dest


def _own_packages(wheels: list[Path]) -> list[str]:
    """The top-level packages of the app's own wheels (EAGER_WHEELS)."""
    packages: set[str] = set()
    for wheel in wheels:
        if wheel.name.startswith(EAGER_WHEELS):
            with zipfile.ZipFile(wheel) as archive:
                packages |= {name.split("/")[0] for name in archive.namelist() if "/" in name}
    return sorted(p for p in packages if not p.endswith(".dist-info"))


def _run_node(node: str, core: Path, wheel_dir: Path, app_code: str, env: dict[str, str],
              dylibs: list[tuple[str, Path]], out: Path, work: Path) -> dict[str, Any]:
    (work / "app.py").write_text(app_code, encoding="utf-8")
    wheels = sorted(wheel_dir.glob("*.whl"))
    config = {
        "core": str(core), "wheel_dir": str(wheel_dir), "wheels": [w.name for w in wheels],
        "eager_packages": _own_packages(wheels), "out_lazy_dir": str(out / "files"),
        "dylibs": [{"fs_path": fs_path, "host_path": str(host)} for fs_path, host in dylibs],
        "never_read": {"suffixes": list(_NEVER_READ_SUFFIXES), "folders": sorted(_NEVER_READ_PARTS)},
        "env": env, "app_code": str(work / "app.py"), "prepare_script": str(HERE / "snapshot_in_pyodide.py"),
        "out_files": str(out / "site-packages.gz"), "out_snapshot": str(work / "python.snapshot"),
        "out_manifest": str(work / "manifest.json"),
    }
    (work / "config.json").write_text(json.dumps(config), encoding="utf-8")
    try:
        result = subprocess.run([node, str(HERE / "make_snapshot.mjs"), str(work / "config.json")],
                                capture_output=True, text=True, check=False, timeout=600)
    except subprocess.TimeoutExpired:
        raise SnapshotError("making it took over 10 minutes") from None
    if result.returncode not in (0, 3):
        output = f"{result.stdout}{result.stderr}".splitlines()
        lines = [line for line in output if re.match(r"\w*(Error|Exception)\b", line) and len(line) < 999]
        lines = lines or ["(no error message)"]
        raise SnapshotError(f"Node failed making it: {lines[-1].strip()[:300]}")
    manifest: dict[str, Any] = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    return manifest
