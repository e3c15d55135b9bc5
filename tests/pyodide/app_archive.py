"""The app's pure-Python modules as one archive that the Pyodide runner unzips into site-packages.

The project's wheel holds only ``micrograd_core``; the network view's maths (``app/network``) and
what it imports from ``app`` are plain Python too, and they go into Pyodide the same way as the
wheels: ``run_in_pyodide.mjs --wheels`` extracts every ``*.whl`` (a zip) it is given.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NETWORK_MODULES = (
    "app/__init__.py",
    "app/common/__init__.py",
    "app/common/notices.py",
    "app/network/__init__.py",
    "app/network/datasets.py",
    "app/network/training.py",
    "app/network/query.py",
    "app/network/model.py",
)


def app_archive(out_dir: Path, modules: tuple[str, ...] = NETWORK_MODULES) -> Path:
    """A zip of ``modules`` (paths relative to the repository), named so that the runner installs it."""
    archive = out_dir / "micrograd_web_app_sources-0-py3-none-any.whl"
    with zipfile.ZipFile(archive, "w") as zf:
        for module in modules:
            zf.write(REPO_ROOT / module, module)
    return archive
