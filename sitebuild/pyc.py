"""Byte-compile the site's wheels for Pyodide's Python (imports then skip compiling ~2/3 of start-up).

Measured here (helper G, /work/briefs/startup_findings.md): with `__pycache__` in the wheels, the
numpy + bokeh + panel imports and the first document took ~4.7 s instead of ~21 s under load.
Compiling needs Pyodide's own CPython 3.13 (the .pyc format is version-specific), so it runs the
site's Pyodide in Node.js.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sitebuild import BuildError

HERE = Path(__file__).resolve().parent


def compile_wheels_in_place(pyodide_core: Path, folder: Path, wheels: list[str]) -> None:
    """Replace each wheel in `folder` by its byte-compiled copy."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("byte-compiling the wheels needs Node.js (`node` on PATH); or use --no-compile")
    out = folder / ".compiled"
    out.mkdir()
    result = subprocess.run(
        [node, str(HERE / "compile_pyc.mjs"), str(pyodide_core), str(folder), str(out), *wheels],
        capture_output=True, text=True, check=False, timeout=900,
    )
    if result.returncode != 0:
        output = f"{result.stdout}{result.stderr}".rstrip()
        raise BuildError(f"byte-compiling the wheels in Pyodide failed:\n{output}")
    for wheel in wheels:
        (out / wheel).replace(folder / wheel)
    out.rmdir()
