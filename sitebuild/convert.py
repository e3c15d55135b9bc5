"""Run `panel convert --to pyodide-worker` and adapt its worker to install from the lock.

Panel's worker `importScripts` pyodide.js from the CDN, loads micropip and installs bokeh and panel
by wheel URL (which makes micropip read panel's metadata and pull pandas). We keep Panel's worker
and page handler and replace exactly those two steps: Pyodide from where the site says, and every
package resolved through a lock and passed to `loadPyodide({packages})`, which downloads them in
parallel with each other and with the end of Python's boot (no micropip).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild import BuildError
from sitebuild.page import LIVE_MESSAGE
from sitebuild.snapshot import HEAP_FILES, SITE_PACKAGES, SNAPSHOT_DIR, Snapshot, xz_decoder

_IMPORT_PYODIDE = re.compile(
    r'^importScripts\("https://cdn\.jsdelivr\.net/pyodide/[^"]+/pyodide\.js"\);$', re.M
)
_LOAD_PYODIDE = "  self.pyodide = await loadPyodide();\n"
# From loading micropip to the end of the try/catch around micropip.install.
_MICROPIP_BLOCK = re.compile(
    r'  await self\.pyodide\.loadPackage\("micropip"\);\n.*?micropip\.install\(.*?\n  \}\n', re.S
)
# The app's code, embedded (escaped) in a JS template literal after Panel's own prelude.
_CODE_START = "runPythonAsync(`\\nimport asyncio\\n"
_FUTURE_IMPORT = re.compile(r"from __future__ import [\w, ]+\\n")
# The page's location handler: Python applies the URL's state (patches follow). We await it and then tell
# the page it is live (sitebuild.page), also if applying failed: the document works either way.
_LOCATION_BLOCK = re.compile(
    r"(  \} else if \(msg\.type === 'location'\) \{\n"
    r"    self\.pyodide\.globals\.set\('location', msg\.location\)\n)"
    r"    (self\.pyodide\.runPythonAsync\(`.*?`\))\n  \}\n\}", re.S
)
_START = "async function startApplication() {\n"
_ON_MESSAGE = "\nself.onmessage = "
_SNAPSHOT_WORKER = Path(__file__).resolve().parent / "snapshot_worker.js"
_STATUS_RENAMES = {
    "msg: 'Loading pyodide'": "msg: 'Starting Python and loading packages (1/2)…'",
    "msg: 'Executing code'": "msg: 'Starting the app (2/2)…'",
}


@dataclass(frozen=True)
class WorkerPlan:
    """How the worker gets Pyodide and packages; paths are relative to the site root."""

    pyodide_js: str  # relative path or absolute CDN URL of pyodide.js
    index_url: str | None  # relative folder for loadPyodide({indexURL}); None: where pyodide.js is
    packages: tuple[str, ...]  # lock names (and relative wheel paths, when `wheel_urls`)
    wheel_urls: tuple[str, ...] = ()  # site-relative wheels loaded by URL
    panel_cdn_root: str | None = None  # relative folder for Panel's CSS (PANEL_CDN_ROOT)


def run_panel_convert(app_script: Path, repo_root: Path, out_dir: Path) -> tuple[Path, Path]:
    """Convert the app with Panel's own machinery; return (page html, worker js)."""
    env = dict(os.environ)  # `app` is installed with the project (pyproject.toml)
    env.pop("PANEL_CDN_ROOT", None)  # the build decides what the page references
    cmd = [sys.executable, "-m", "panel", "convert", str(app_script), "--to", "pyodide-worker",
           "--out", str(out_dir), "--num-procs", "1"]
    result = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True, text=True, check=False)
    html, worker = out_dir / f"{app_script.stem}.html", out_dir / f"{app_script.stem}.js"
    if result.returncode != 0 or not html.is_file() or not worker.is_file():
        raise BuildError(f"panel convert failed for {app_script}:\n{result.stdout}{result.stderr}".rstrip())
    return html, worker


def adapt_worker(source: str, plan: WorkerPlan, snapshot: Snapshot | None = None) -> str:
    """Rewrite Panel's worker per `plan`; fail loudly if Panel's template no longer matches.

    With a `snapshot`, the worker starts from it and falls back to Panel's start-up (snapshot_worker.js).
    """
    expected = ((_IMPORT_PYODIDE, "importScripts(<CDN pyodide.js>)"), (_MICROPIP_BLOCK, "micropip block"),
                (_LOCATION_BLOCK, "location handler"))
    for pattern, what in expected:
        if len(pattern.findall(source)) != 1:
            raise BuildError(f"Panel's pyodide-worker template changed: cannot find exactly one {what}")
    if any(source.count(part) != 1 for part in (_LOAD_PYODIDE, _START, _ON_MESSAGE)):
        raise BuildError("Panel's pyodide-worker template changed: cannot find `await loadPyodide()`, "
                         "startApplication or self.onmessage")
    header = _header(plan)
    source = _IMPORT_PYODIDE.sub(lambda _: header, source)
    source = source.replace(_LOAD_PYODIDE, "  self.pyodide = await loadPyodide(MG_PYODIDE_OPTIONS);\n")
    source = _MICROPIP_BLOCK.sub(lambda _: _INSTALL_BLOCK, source)
    source = _LOCATION_BLOCK.sub(_announce_live, source)
    for old, new in _STATUS_RENAMES.items():
        source = source.replace(old, new)
    if snapshot is not None:
        source = source.replace(_START, "async function mgStartPlain() {\n")
        source = source.replace(_ON_MESSAGE, f"\n{_snapshot_start(plan, snapshot)}{_ON_MESSAGE}", 1)
    return hoist_future_imports(source)


def _snapshot_start(plan: WorkerPlan, snapshot: Snapshot) -> str:
    if plan.index_url is not None:
        index_url = f"MG_SITE({json.dumps(plan.index_url)})"
    else:
        index_url = json.dumps(plan.pyodide_js.rsplit("/", 1)[0] + "/")
    functions = ",\n    ".join(snapshot.functions)  # JS source Python held when the snapshot was made
    return (
        f"const MG_SNAPSHOT = {{\n  key: {json.dumps(snapshot.key)},\n"
        f"  dir: {json.dumps(SNAPSHOT_DIR + '/')},\n  heap: {json.dumps(list(HEAP_FILES))},\n"
        f"  sitePackages: {json.dumps(SITE_PACKAGES)},\n"
        f"  indexURL: {index_url},\n  dylibs: {json.dumps(list(snapshot.dylibs))},\n"
        f"  functions: [\n    {functions}\n  ],\n}};\n"
        f"{xz_decoder()}\n{_SNAPSHOT_WORKER.read_text(encoding='utf-8')}"
    )


def hoist_future_imports(source: str) -> str:
    """Panel puts its prelude before the app's code, where `from __future__` is a SyntaxError: move it up."""
    futures = _FUTURE_IMPORT.findall(source)
    if not futures:
        return source
    if source.count(_CODE_START) != 1:
        raise BuildError("Panel's pyodide-worker template changed: cannot find where the app's code starts")
    source = _FUTURE_IMPORT.sub("", source)
    opening = "runPythonAsync(`"
    return source.replace(_CODE_START, opening + "".join(futures) + _CODE_START[len(opening):])


def _header(plan: WorkerPlan) -> str:
    site = "(path) => new URL(path, self.location).href"
    pyodide_js = json.dumps(plan.pyodide_js)
    if "://" not in plan.pyodide_js:
        pyodide_js = f"MG_SITE({pyodide_js})"
    options = ["packages: MG_PACKAGES"]
    if plan.index_url is not None:
        options.append(f"indexURL: MG_SITE({json.dumps(plan.index_url)})")
    if plan.panel_cdn_root is not None:
        options.append(f"env: {{PANEL_CDN_ROOT: MG_SITE({json.dumps(plan.panel_cdn_root)})}}")
    packages = [json.dumps(p) for p in plan.packages] + [f"MG_SITE({json.dumps(u)})" for u in plan.wheel_urls]
    return "\n".join([
        "// Adapted by micrograd-web's build.py: Pyodide and every package come from the URLs below,",
        "// all packages are installed by loadPyodide, downloaded in parallel (no micropip).",
        f"const MG_SITE = {site};",
        f"importScripts({pyodide_js});",
        "const MG_PACKAGES = [\n  " + ",\n  ".join(packages) + "\n];",
        f"const MG_PYODIDE_OPTIONS = {{{', '.join(options)}}};",
    ])


def _announce_live(match: re.Match[str]) -> str:
    return (
        f"{match.group(1)}    try {{\n      await {match.group(2)}\n"
        f"    }} finally {{\n      self.postMessage({{type: {json.dumps(LIVE_MESSAGE)}}})\n    }}\n  }}\n}}"
    )


_INSTALL_BLOCK = "  // (packages: installed by loadPyodide above)\n"

