"""Check a site that `build.py` wrote (CI, after the README's first command): python3 .ci/check_site.py static

Standard library only, so it runs outside the project's venv. It checks what a browser would need
from the files alone: the page, the worker, every wheel the worker asks for, and that the engine's
wheel imports and differentiates in a clean interpreter.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


def check(site: Path) -> list[str]:
    problems: list[str] = []
    index = site / "index.html"
    if not index.is_file() or "micrograd-web" not in index.read_text(encoding="utf-8"):
        return [f"{index} is missing or is not the micrograd-web page"]
    scripts = list(site.glob("*.js"))
    wanted = {url for js in scripts for url in re.findall(r'"([\w./-]+\.whl)"', _read(js))}
    wanted |= {f"pyodide/{name}" for name in re.findall(r'"file_name":\s*"([^"]+\.whl)"',
                                                          _read(site / "pyodide" / "pyodide-lock.json"))}
    if not wanted:
        problems.append(f"no script in {site} names a wheel: no worker was written")
    problems += [f"the worker asks for {url}, which is not in the site" for url in sorted(wanted)
                 if not (site / url).is_file()]
    engine = sorted(site.rglob("micrograd_web-*.whl"))
    app = sorted(site.rglob("micrograd_web_app-*.whl"))
    if len(engine) != 1 or len(app) != 1:
        return [*problems, f"expected one engine and one app wheel, found {engine + app}"]
    if "app/main.py" not in zipfile.ZipFile(app[0]).namelist():
        problems.append(f"{app[0].name} has no app/main.py")
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(engine[0]).extractall(tmp)
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); from micrograd_core import Value\n"
            "x = Value(3.0); y = (x * x).tanh() + x; y.backward(); print(x.grad)"
        )
        run = subprocess.run([sys.executable, "-I", "-c", code, tmp], capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout.strip():
            problems.append(f"the engine wheel does not import and run: {run.stderr.strip()}")
    return problems


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "static")
    found = check(folder)
    for problem in found:
        print(f"check_site: {problem}", file=sys.stderr)
    print(f"check_site: {folder}: {'FAILED' if found else 'ok'}")
    sys.exit(1 if found else 0)
