"""Build the static WebAssembly site: wheels, Pyodide, `panel convert`, vendored assets (see build.py)."""


import os
from pathlib import Path


class BuildError(Exception):
    """A build step failed; the message names the problem and how to fix it."""


def env_with_repo_on_path(repo_root: Path) -> dict[str, str]:
    """The environment for subprocesses that import the app (`app` lives at the repo root)."""
    path = os.pathsep.join(filter(None, [str(repo_root), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path)
