"""build.py: the site's files, its wheels, its URLs, sub-path serving, and failing cleanly.

What "references an absolute URL outside the site" means here (the rule the scan applies):
- An XML namespace name (http://www.w3.org/2000/svg, …) is an identifier, never fetched: allowed anywhere.
- Files the build writes or rewrites (index.html, the worker, pyodide-lock.json): no other absolute URL.
- CSS: URLs inside comments (licence headers) are not requests; any other one fails.
- Third-party JavaScript copied verbatim (BokehJS, Panel, Pyodide, es-module-shims): every absolute URL
  must be listed in THIRD_PARTY_URLS with the reason it is not fetched by this site (a licence or help
  link, or a code path the dashboard does not use). A new URL fails the test until someone looks.
The e2e test (test_e2e.py) is the authority on what the page actually requests.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from static_site_support import run_build, serve_site

from sitebuild.snapshot import xz_decoder

pytestmark = pytest.mark.slow

NAMESPACES = (
    "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/",
)
# URL prefix -> why it is not a request this site makes (third-party JS only).
THIRD_PARTY_URLS = {
    "https://cdn.jsdelivr.net/pyodide/v": "pyodide.js: package CDN fallback, used only in Node.js",
    "https://cdn.jsdelivr.net/npm/mathjax@3/": "BokehJS: MathJax loader used when bokeh-mathjax is absent",
    "https://cdn.jsdelivr.net/npm/@tabler/icons-webfont": "BokehJS: TablerIcon font (unused)",
    "https://maps.googleapis.com/": "BokehJS: Google Maps loader of GMapPlot (not used)",
    "https://developers.google.com/": "BokehJS: help link in a GMapPlot error message",
    "https://docs.bokeh.org/": "BokehJS: documentation link (tool help)",
    "https://bokeh.org/": "BokehJS: logo link target",
    "https://tabler.io": "BokehJS: licence header of the Tabler icons stylesheet",
    "http://panel.pyviz.org": "Panel: placeholder ajaxURL of remote-paginated Tabulator (not used)",
    "http://foo.com": "Panel: dummy base for URL parsing, never fetched",
    "https://www.jsdelivr.com/": "es-module-shims: link in an error message",
    "http://get.webgl.org": "BokehJS: link in an error message",
    "https://redux.js.org/": "BokehJS: link in an error message",
    "https://www.npmjs.com/": "BokehJS: link in a comment/error message",
}
LICENCE_HOSTS = (  # licence headers and attributions in bundled third-party code
    "https://github.com/", "http://github.com/", "http://www.apache.org/", "https://jquery.org/",
    "http://jquery.org/", "https://jquery.com/", "http://threedubmedia.com", "http://octopart.com/",
    "http://kiro.me", "http://fusejs.io", "https://popper.js.org", "https://getbootstrap.com/",
    "http://www.foretagsplatsen.se",
)
ABS_RE = re.compile(r"""https?://[^\s"'<>()`\\]*""")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".webmanifest"}


def worker_name(site: Path) -> str:
    """The worker script the page starts (Panel names it after the app script, e.g. main.js)."""
    match = re.search(r'new Worker\("\./([^"]+\.js)"\)', (site / "index.html").read_text())
    assert match, "the page must start a Pyodide worker"
    return match.group(1)


def site_lock(site: Path) -> dict:
    return json.loads((site / "pyodide" / "pyodide-lock.json").read_text())


LAZY_FILES = Path("snapshot/files")


def external_urls(site: Path) -> dict[str, set[str]]:
    """Absolute http(s) URLs per site file that are not XML namespace names (CSS comments removed).

    The installed packages' files the snapshot's worker reads on demand are left out, as the wheels
    are: test_snapshot_files_are_the_wheels_own_files checks that they are exactly the wheels' files.
    """
    found: dict[str, set[str]] = {}
    for path in site.rglob("*"):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or (site / LAZY_FILES) in path.parents:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            text = CSS_COMMENT_RE.sub("", text)
        urls = {u for u in ABS_RE.findall(text) if not u.startswith(NAMESPACES)}
        if urls:
            found[path.relative_to(site).as_posix()] = urls
    return found


def test_self_contained_site_has_the_expected_files(self_contained_site: Path) -> None:
    site = self_contained_site
    for name in ["index.html", worker_name(site), ".nojekyll", "favicon.ico", "pyodide/pyodide.js",
                 "pyodide/pyodide.asm.js", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"]:
        assert (site / name).is_file(), name
    import bokeh
    import panel
    assert (site / f"vendor/bokeh/bokeh-{bokeh.__version__}.min.js").is_file()
    assert (site / f"vendor/panel/{panel.__version__}/dist/panel.min.js").is_file()
    assert not list(site.parent.glob(".static-build-*")), "the staging folder must be gone"


def test_lock_lists_exactly_the_shipped_wheels_with_their_hashes(self_contained_site: Path) -> None:
    packages = site_lock(self_contained_site)["packages"]
    wheels = {p.name for p in (self_contained_site / "pyodide").glob("*.whl")}
    assert wheels == {entry["file_name"] for entry in packages.values()}
    for name, entry in packages.items():
        data = (self_contained_site / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert set(entry["depends"]) <= set(packages), f"{name} depends on a package the site lacks"
    assert {"panel", "bokeh", "numpy", "micrograd-web", "micrograd-web-app", "pyodide-http"} <= set(packages)
    assert not {"pandas", "pillow", "contourpy", "micropip"} & set(packages), "only what the app imports"


def test_worker_installs_every_package_in_one_call_from_the_site(self_contained_site: Path) -> None:
    worker = (self_contained_site / worker_name(self_contained_site)).read_text()
    assert '"micropip"' not in worker and "micropip.install" not in worker
    assert "loadPackage(" not in worker and "packages: MG_PACKAGES" in worker
    assert worker.count("await loadPyodide(MG_PYODIDE_OPTIONS)") == 1
    assert 'importScripts(MG_SITE("pyodide/pyodide.js"))' in worker
    assert "PANEL_CDN_ROOT" in worker
    listed = set(re.findall(r'^  "([a-z0-9-]+)",?$', worker, re.M))
    assert listed == set(site_lock(self_contained_site)["packages"])


def test_bundled_wheel_is_importable(self_contained_site: Path, tmp_path: Path) -> None:
    (wheel,) = (self_contained_site / "pyodide").glob("micrograd_web-*.whl")
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import micrograd_core as m\n"
        "assert m.__file__.startswith(sys.argv[1]), m.__file__\n"
        "x = m.Value(2.0); y = (x * x).relu(); y.backward(); print(y.data, x.grad)"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4.0", "4.0"]
    (app_wheel,) = (self_contained_site / "pyodide").glob("micrograd_web_app-*.whl")
    assert "app/main.py" in zipfile.ZipFile(app_wheel).namelist()


def test_self_contained_site_references_nothing_outside_itself(self_contained_site: Path) -> None:
    problems = []
    worker = worker_name(self_contained_site)
    build_written = {"index.html", worker, "pyodide/pyodide-lock.json"}
    # The snapshot's decoder, written into the worker, opens with its licences' attributions (never fetched).
    decoder_header = re.match(r"function mgXzLibrary\(\) \{\n(/\*!.*?\*/)", xz_decoder(), re.S)
    assert decoder_header is not None, "the decoder no longer opens with its licence header"
    attributions = set(ABS_RE.findall(decoder_header.group(1)))
    for file, urls in external_urls(self_contained_site).items():
        for url in sorted(urls):
            if file == worker and url in attributions:
                continue
            third_party = file.startswith(("vendor/", "pyodide/pyodide.js", "pyodide/pyodide.asm.js"))
            allowed = url.startswith(tuple(THIRD_PARTY_URLS)) or url.startswith(LICENCE_HOSTS) or url == "http://"
            if file in build_written or not third_party or not allowed:
                problems.append(f"{file}: {url}")
    assert problems == []


def test_snapshot_files_are_the_wheels_own_files(self_contained_site: Path) -> None:
    members: dict[str, bytes] = {}
    for wheel in (self_contained_site / "pyodide").glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            members.update((name, archive.read(name)) for name in archive.namelist())
    lazy = [p for p in (self_contained_site / LAZY_FILES).rglob("*") if p.is_file()]
    assert len(lazy) > 1000
    for path in lazy:
        name = path.relative_to(self_contained_site / LAZY_FILES).as_posix()
        assert members.get(name) == path.read_bytes(), f"{name} is not the wheels' own file"


def test_page_uses_only_relative_urls_and_they_resolve_under_a_sub_path(self_contained_site: Path) -> None:
    html = (self_contained_site / "index.html").read_text()
    refs = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assert not [r for r in refs if r.startswith("/")], "root-absolute URLs break GitHub project pages"
    local = sorted(r for r in refs if not r.startswith(("http:", "https:", "data:", "#")))
    worker_refs = [worker_name(self_contained_site), "pyodide/pyodide.js", "pyodide/pyodide-lock.json"]
    worker_refs += [f"pyodide/{e['file_name']}" for e in site_lock(self_contained_site)["packages"].values()]
    with serve_site(self_contained_site) as base:
        for ref in [*local, *worker_refs]:
            with urllib.request.urlopen(base + ref.removeprefix("./").replace("^", "%5E")) as response:
                assert response.status == 200, ref
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base.replace("/micrograd-web/", "/index.html"))


def test_missing_pyodide_source_is_a_clear_error_and_keeps_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "static"
    out.mkdir()
    (out / "previous.txt").write_text("the site from before")
    result = run_build("--self-contained", "--pyodide-dist", str(tmp_path / "nowhere"), out=out)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "MICROGRAD_WEB_PYODIDE_DIST" in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.txt"]
    assert not list(tmp_path.glob(".static-build-*"))


def test_unparsable_lock_is_a_clear_error(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "pyodide-lock.json").write_text("{not json")
    result = run_build("--self-contained", "--pyodide-dist", str(dist), out=tmp_path / "static")
    assert result.returncode == 1
    assert "pyodide-lock.json" in result.stderr and "not valid JSON" in result.stderr
    assert not (tmp_path / "static").exists()


def test_tampered_wheel_fails_verification_and_writes_nothing(pyodide_dist: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    for path in pyodide_dist.iterdir():
        (dist / path.name).symlink_to(path)
    lock = json.loads((pyodide_dist / "pyodide-lock.json").read_text())
    victim = lock["packages"]["param"]["file_name"]
    (dist / victim).unlink()
    (dist / victim).write_bytes(b"not the wheel the lock describes")
    out = tmp_path / "static"
    result = run_build("--self-contained", "--no-compile", "--pyodide-dist", str(dist), out=out)
    assert result.returncode == 1
    assert victim in result.stderr and "fails verification" in result.stderr
    assert not (tmp_path / "static").exists()


def test_cdn_build_ships_only_what_pyodide_does_not_host(pyodide_dist: Path, tmp_path: Path) -> None:
    """Default mode against the official lock (here a local copy): Pyodide and its packages from the CDN."""
    official = pyodide_dist / "pyodide-lock.official.json"
    if not official.is_file():
        pytest.skip(f"{pyodide_dist} has no copy of the official lock (pyodide-lock.official.json)")
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "pyodide-lock.json").write_bytes(official.read_bytes())
    out = tmp_path / "static"
    result = run_build("--no-compile", "--pyodide-dist", str(dist), out=out)
    assert result.returncode == 0, result.stdout + result.stderr
    worker = (out / worker_name(out)).read_text()
    assert 'importScripts("https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.js")' in worker
    assert not (out / "pyodide").exists() and not (out / "vendor").exists()
    shipped = {p.name.split("-")[0].lower() for p in (out / "wheels").glob("*.whl")}
    assert {"panel", "bokeh", "param", "micrograd_web", "micrograd_web_app"} <= shipped
    assert not {"numpy", "pandas"} & shipped, "packages Pyodide hosts come from its CDN"
    html = (out / "index.html").read_text()
    assert "https://cdn.bokeh.org/bokeh/release/" in html


def test_default_source_comes_from_the_environment(tmp_path: Path) -> None:
    result = run_build("--self-contained", out=tmp_path / "static",
                       env={"MICROGRAD_WEB_PYODIDE_DIST": str(tmp_path / "configured-dist")})
    assert result.returncode == 1
    assert str(tmp_path / "configured-dist") in result.stderr



def test_worker_tells_the_page_when_the_links_state_is_applied(self_contained_site: Path) -> None:
    worker = (self_contained_site / worker_name(self_contained_site)).read_text()
    location = worker.index("msg.type === 'location'")
    applied = worker.index("await self.pyodide.runPythonAsync(", location)
    assert applied < worker.index('finally {\n      self.postMessage({type: "mg-live"})', applied)
