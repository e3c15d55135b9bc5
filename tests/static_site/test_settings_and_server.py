"""One home for the Pyodide settings (version pinned once, by npm) and one loopback HTTP server."""

from __future__ import annotations

import gzip
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitebuild import pyodide_settings
from sitebuild.pyodide_settings import ENV_VAR, NPM_PYODIDE, OFFICIAL_URL, PYODIDE_VERSION, REPO_ROOT
from sitebuild.serve import serving


def test_the_pyodide_version_is_the_one_npm_pins() -> None:
    declared = json.loads((REPO_ROOT / "package.json").read_text())["devDependencies"]["pyodide"]
    assert declared == PYODIDE_VERSION, "package.json and package-lock.json must name the same Pyodide"
    assert f"/v{PYODIDE_VERSION}/" in OFFICIAL_URL
    installed = NPM_PYODIDE / "package.json"
    if not installed.is_file():
        pytest.skip(f"the npm package pyodide is not installed ({NPM_PYODIDE}): run `npm ci`")
    assert json.loads(installed.read_text())["version"] == PYODIDE_VERSION


def test_local_distribution_comes_from_the_environment_else_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert pyodide_settings.local_dist_location() == tmp_path
    assert pyodide_settings.local_dist() is None, "an empty folder is not a distribution"
    (tmp_path / "pyodide.js").write_text("")
    (tmp_path / "pyodide-lock.json").write_text("{}")
    assert pyodide_settings.local_dist() == tmp_path
    monkeypatch.delenv(ENV_VAR)
    assert pyodide_settings.local_dist_location() == pyodide_settings.DEFAULT_LOCAL_DIST
    assert PYODIDE_VERSION in pyodide_settings.DEFAULT_LOCAL_DIST.name


def test_server_serves_the_folder_under_its_sub_path_only_on_loopback(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("hello")
    with serving(tmp_path, "/site/") as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/site/")
        with urllib.request.urlopen(url + "index.html") as response:
            assert response.read() == b"hello"
        with pytest.raises(urllib.error.HTTPError) as outside:
            urllib.request.urlopen(url.replace("/site/", "/index.html"))
        assert outside.value.code == 404


def test_a_compressing_server_gzips_what_such_a_host_does(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hello</p>" * 100)
    (tmp_path / "python.wasm").write_bytes(b"\0asm" + bytes(1000))
    (tmp_path / "memory.xz").write_bytes(b"lzma" * 100)
    sent: list[tuple[str, int]] = []

    def fetch(url: str, accept: str) -> tuple[str | None, bytes]:
        request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
        with urllib.request.urlopen(request) as response:
            return response.headers["Content-Encoding"], response.read()

    with serving(tmp_path, "/site/", on_sent=lambda p, size: sent.append((p, size)), compress=True) as url:
        encoding, body = fetch(url, "gzip, deflate")
        assert encoding == "gzip" and gzip.decompress(body) == b"<p>hello</p>" * 100
        # the server reports a body once it is sent, which may be just after the client has it
        deadline = time.monotonic() + 5
        while not sent and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sent == [("/site/", len(body))] and len(body) < 100
        encoding, body = fetch(url + "python.wasm", "gzip")
        assert encoding == "gzip" and gzip.decompress(body) == b"\0asm" + bytes(1000)
        assert fetch(url + "memory.xz", "gzip") == (None, b"lzma" * 100)  # not a type such hosts compress
        assert fetch(url + "index.html", "identity") == (None, b"<p>hello</p>" * 100)
    with serving(tmp_path) as url:
        assert fetch(url + "index.html", "gzip")[0] is None  # off unless asked for
