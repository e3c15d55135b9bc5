"""The engine's wheel is written by the build itself: no pip, no setuptools, no network.

A fresh Python 3.11 venv carries setuptools 65.5, which cannot read pyproject.toml's `license = "MIT"`;
the README's build command once failed there because the wheel was built through it.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import wheels

ROOT = Path(__file__).resolve().parents[2]


def _engine_sources() -> set[str]:
    return {
        f"micrograd_core/{p.relative_to(ROOT / 'micrograd_core').as_posix()}"
        for p in (ROOT / "micrograd_core").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_engine_wheel_needs_no_build_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the engine wheel must not need a subprocess: {args}")

    monkeypatch.setattr(wheels.subprocess, "run", no_subprocess)
    monkeypatch.setitem(sys.modules, "setuptools", None)  # `import setuptools` now fails
    wheel = wheels.build_project_wheel(ROOT, tmp_path)

    version = wheels.project_version(ROOT)
    assert wheel.name == f"micrograd_web-{version}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = {n for n in names if n.startswith(f"micrograd_web-{version}.dist-info/")}
    assert names - dist_info == _engine_sources(), "the engine wheel holds micrograd_core and nothing else"
    assert "micrograd_core/py.typed" in names


def test_version_is_read_without_tomllib_as_on_python_3_10(monkeypatch: pytest.MonkeyPatch) -> None:
    with_tomllib = wheels.project_version(ROOT)
    monkeypatch.setitem(sys.modules, "tomllib", None)
    assert wheels.project_version(ROOT) == with_tomllib
    assert with_tomllib.count(".") >= 1
