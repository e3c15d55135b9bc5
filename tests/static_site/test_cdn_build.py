"""The default (CDN) build, as the README's main command makes it: no local Pyodide distribution needed.

Pyodide's official lock and core files come from the npm package `pyodide` (verified by sha256), so
this build runs offline, in CI included; the page itself loads Pyodide from the official CDN.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from static_site_support import REPO_ROOT, serve_site

from sitebuild.page import BANNER_ID, LIVE_MESSAGE, NOT_LIVE_CLASS, VIEWPORT
from sitebuild.prerender import PRERENDER_ID
from sitebuild.pyodide_settings import ENV_VAR, NPM_PYODIDE, OFFICIAL_URL

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cdn_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (NPM_PYODIDE / "pyodide-lock.json").is_file():
        pytest.skip(f"the npm package pyodide is not installed ({NPM_PYODIDE}): run `npm ci`")
    out = tmp_path_factory.mktemp("cdn") / "static"
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}  # the default source: the official URL
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "build.py"), "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Built CDN site" in result.stdout
    return out


def test_cdn_site_has_page_worker_and_our_wheels(cdn_site: Path) -> None:
    html = (cdn_site / "index.html").read_text()
    (worker,) = re.findall(r'new Worker\("\./([^"]+\.js)"\)', html)
    assert (cdn_site / ".nojekyll").is_file()
    assert f'importScripts("{OFFICIAL_URL}pyodide.js")' in (cdn_site / worker).read_text()
    assert not (cdn_site / "pyodide").exists(), "the CDN build ships no Pyodide"
    shipped = {p.name.split("-")[0].lower() for p in (cdn_site / "wheels").glob("*.whl")}
    assert {"micrograd_web", "micrograd_web_app", "panel", "bokeh"} <= shipped
    assert not {"numpy", "pandas"} & shipped, "packages Pyodide hosts come from its CDN"


def test_cdn_site_page_has_the_phone_viewport_and_the_loading_state(cdn_site: Path) -> None:
    html = (cdn_site / "index.html").read_text()
    assert VIEWPORT in html
    assert f'id="{BANNER_ID}"' in html and f'class="{NOT_LIVE_CLASS} ' in html
    (worker,) = re.findall(r'new Worker\("\./([^"]+\.js)"\)', html)
    assert f'self.postMessage({{type: "{LIVE_MESSAGE}"}})' in (cdn_site / worker).read_text()


def test_cdn_site_has_the_static_prerender_with_its_stylesheets_on_the_site(cdn_site: Path) -> None:
    html = (cdn_site / "index.html").read_text()
    copy = html[html.index(f'<div id="{PRERENDER_ID}" inert'):html.index(" data-root-id=")]
    assert copy.count('<template shadowrootmode="open">') > 50 and 'data-testid="grad-w1"' in copy
    assert "bootstrap.min.css" not in copy, "Panel's CDN stylesheet, read from the installed Panel and cut"
    shared = re.findall(r'<link rel="stylesheet" href="\./([^"]+)"', copy)
    assert shared, "the copy's large repeated stylesheets are shared files of the site"
    assert all((cdn_site / href).is_file() for href in shared), shared


def test_cdn_site_engine_wheel_is_importable(cdn_site: Path, tmp_path: Path) -> None:
    (wheel,) = (cdn_site / "wheels").glob("micrograd_web-*.whl")
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from micrograd_core import Value\n"
        "x, y = Value(2.0), Value(-3.0); z = x * y + x; z.backward(); print(x.grad, y.grad)"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-2.0", "2.0"]


def test_cdn_site_local_files_resolve_under_a_sub_path(cdn_site: Path) -> None:
    html = (cdn_site / "index.html").read_text()
    (worker,) = re.findall(r'new Worker\("\./([^"]+\.js)"\)', html)
    wheel_refs = re.findall(r'MG_SITE\("([^"]+)"\)', (cdn_site / worker).read_text())
    assert any(ref.startswith("wheels/micrograd_web-") for ref in wheel_refs)
    with serve_site(cdn_site) as base:
        for ref in ["", worker, "favicon.ico", *wheel_refs]:
            with urllib.request.urlopen(base + ref) as response:
                assert response.status == 200, ref


def test_official_source_is_read_from_npm_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitebuild import pyodide_source

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the official lock and core must come from node_modules/pyodide")

    if not (NPM_PYODIDE / "pyodide-lock.json").is_file():
        pytest.skip(f"the npm package pyodide is not installed ({NPM_PYODIDE}): run `npm ci`")
    monkeypatch.setattr(pyodide_source.urllib.request, "urlopen", no_network)
    source = pyodide_source.PyodideSource(OFFICIAL_URL)
    assert source.has_official_lock()
    assert source.read_core("pyodide.asm.wasm")[:4] == b"\0asm"
