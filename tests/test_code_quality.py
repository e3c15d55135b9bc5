"""The project's own checks: engine, app and site builder are mypy --strict clean; the code is ruff clean."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_engine_app_and_sitebuild_are_mypy_strict_clean() -> None:
    result = _run("mypy", "--strict", "micrograd_core", "app", "sitebuild")  # with pyproject.toml's settings
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_ruff_clean() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
