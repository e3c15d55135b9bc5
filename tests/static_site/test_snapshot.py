"""The build-time memory snapshot (sitebuild/snapshot.py): made, restored, fresh per visitor, its fallback.

The browser tests use the session's self-contained site (conftest.py), which the build made with a
snapshot; the other browser tests (test_e2e, test_loading_state, ...) run against it too.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route
from site_page import START, expected, wait_until_interactive, wait_until_shown
from static_site_support import BUILD_SUMMARY

from sitebuild import snapshot as snapshot_module
from sitebuild.convert import WorkerPlan, adapt_worker
from sitebuild.pyodide_settings import NPM_PYODIDE, PYODIDE_VERSION
from sitebuild.snapshot import (
    HEAP_FILES,
    PRIVATE_API,
    SNAPSHOT_PRELOADED,
    Snapshot,
    SnapshotError,
    app_code_of,
    make_snapshot,
)

PANEL_WORKER = (Path(__import__("panel").__file__).parent / "_templates" / "pyodide_worker.js").read_text()
SNAPSHOT = Snapshot("k" * 64, ("/lib/python3.13/site-packages/numpy/_core/x.so",), ("(a) => a",), 1)
PLAN = WorkerPlan(pyodide_js="pyodide/pyodide.js", index_url="pyodide/", packages=("numpy",))


def started_how(page: Page) -> str | None:
    return page.evaluate("document.documentElement.dataset.mgStart")


def worker_random(page: Page) -> float:
    return float(page.workers[0].evaluate("self.pyodide.runPython('import random; random.random()')"))


# --- without a browser -------------------------------------------------------------------------------

def test_the_private_pyodide_api_the_snapshot_relies_on_is_still_there() -> None:
    """Fails loudly when a Pyodide upgrade renames what snapshot.py / make_snapshot.mjs use."""
    assert PYODIDE_VERSION == "0.29.3", (
        "the snapshot's private Pyodide API was checked against 0.29.3: re-check PRIVATE_API in "
        "sitebuild/snapshot.py (and make_snapshot.mjs, snapshot_worker.js) for the new version"
    )
    sources = {"loadPyodide options": (NPM_PYODIDE / "pyodide.d.ts").read_text(encoding="utf-8"),
               "pyodide.asm.js": (NPM_PYODIDE / "pyodide.asm.js").read_text(encoding="utf-8")}
    for where, names in PRIVATE_API.items():
        for name in names:
            assert name in sources[where], f"{name} is gone from Pyodide's {where}: the snapshot would break"


def test_the_app_code_is_read_back_from_panels_worker_exactly() -> None:
    code = 'print("a`b", "\\\\n", "é")\nx = `1`'
    escaped = code.encode("unicode_escape").decode("utf-8").replace("`", r"\`")  # as panel convert does
    worker = PANEL_WORKER.replace("{{ code }}", escaped)
    assert app_code_of(worker) == code


def test_the_worker_starts_from_the_snapshot_and_keeps_panels_start_as_its_fallback() -> None:
    worker = PANEL_WORKER.replace('importScripts("{{ PYODIDE_URL }}");',
                                  'importScripts("https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.js");')
    with_snapshot, without = adapt_worker(worker, PLAN, SNAPSHOT), adapt_worker(worker, PLAN)
    assert "async function mgStartPlain() {" in with_snapshot and "mgStartFromSnapshot" in with_snapshot
    assert re.search(r"key: \"k{64}\"", with_snapshot) and "(a) => a" in with_snapshot
    assert with_snapshot.count("async function startApplication()") == 1
    assert "mgStartPlain" not in without and "MG_SNAPSHOT" not in without
    # the memory's decoder, from npm, once (helper workers get it as mgXzLibrary's source), with its licences
    assert with_snapshot.count("XzReadableStream:()=>") == 1 and "XzReadableStream" not in without
    assert "License: MIT" in with_snapshot and "xz-embedded by Lasse Collin" in with_snapshot


def test_no_node_means_no_snapshot_with_a_reason(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(snapshot_module.shutil, "which", lambda name: None)
    with pytest.raises(SnapshotError, match=r"Node\.js is not on PATH"):
        make_snapshot(tmp_path, [], "", {}, tmp_path)


def test_no_xz_decoder_means_no_snapshot_with_a_reason(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(snapshot_module, "NPM_XZ", tmp_path / "absent.js")
    with pytest.raises(SnapshotError, match=r"absent\.js is absent: run `npm ci`"):
        make_snapshot(tmp_path, [], "", {}, tmp_path)


# --- the built site ----------------------------------------------------------------------------------

def test_the_build_made_a_snapshot_bound_to_its_files(self_contained_site: Path) -> None:
    summary = (self_contained_site.parent / BUILD_SUMMARY).read_text(encoding="utf-8")
    assert "Memory snapshot: added" in summary, summary
    manifest = json.loads((self_contained_site / "snapshot" / "manifest.json").read_text(encoding="utf-8"))
    worker = (self_contained_site / "main.js").read_text(encoding="utf-8")
    assert f'key: "{manifest["key"]}"' in worker
    for library in manifest["dylibs"]:
        shipped = self_contained_site / "snapshot" / "lib" / (library.split("/site-packages/")[1] + ".xz")
        assert lzma.decompress(shipped.read_bytes())[:4] == b"\0asm", shipped
    halves = [lzma.decompress((self_contained_site / "snapshot" / name).read_bytes()) for name in HEAP_FILES]
    assert len(halves) == 2 and len(halves[0]) % 65536 == 0 and halves[0] and halves[1]
    assert sum(map(len, halves)) == manifest["snapshot_bytes"], "the halves are not the whole memory"
    assert manifest["lazy"], "no file is loaded lazily"
    for path, size in manifest["lazy"]:
        assert (self_contained_site / "snapshot" / "files" / path).stat().st_size == size, path


@pytest.mark.browser
def test_the_page_starts_from_the_snapshot_with_the_links_state(page: Page, site_url: str) -> None:
    state = {**START, "w1": -1.25}
    started: list[str] = []
    page.on("worker", lambda worker: started.append(worker.url))
    page.goto(f"{site_url}?w1=-1.25&act=tanh")
    wait_until_interactive(page)
    assert started_how(page) == "snapshot"
    # one helper worker decoded each half of the memory and each library, and is gone
    assert len(started) == 1 + len(HEAP_FILES) + len(SNAPSHOT_PRELOADED), started
    assert len(page.workers) == 1
    want = expected(state, "tanh")
    assert wait_until_shown(page, want) == pytest.approx(want)


@pytest.mark.browser
def test_each_visitor_gets_fresh_random_state(page: Page, site_url: str) -> None:
    draws = []
    for _ in range(2):
        page.goto(site_url)
        wait_until_interactive(page)
        assert started_how(page) == "snapshot"
        draws.append(worker_random(page))
    assert draws[0] != draws[1], "the snapshot's frozen random state was not re-seeded"


@pytest.mark.browser
@pytest.mark.parametrize("broken", ["missing snapshot", "snapshot of other files"])
def test_the_page_falls_back_to_the_plain_start(page: Page, site_url: str, broken: str) -> None:
    def answer(route: Route) -> None:
        if broken == "missing snapshot":
            route.fulfill(status=404, body="gone")
            return
        manifest = json.loads(route.fetch().text())
        route.fulfill(json={**manifest, "key": "0" * 64})

    file = HEAP_FILES[1] if broken == "missing snapshot" else "manifest.json"
    page.route(f"**/snapshot/{file}", answer)
    page.goto(f"{site_url}?w1=0.75")
    wait_until_interactive(page)
    assert started_how(page) == "plain"
    for w1, key in ((0.75, None), (0.76, "ArrowRight")):
        if key:
            page.locator(".mg-slider-w1 .noUi-handle").first.focus()
            page.keyboard.press(key)
        want = expected({**START, "w1": w1})
        assert wait_until_shown(page, want) == pytest.approx(want)


@pytest.mark.browser
def test_a_browser_without_nested_workers_decodes_the_memory_in_the_worker(page: Page, site_url: str) -> None:
    def without_nested_workers(route: Route) -> None:
        worker = route.fetch()
        route.fulfill(response=worker, body="self.Worker = undefined;\n" + worker.text())

    page.route("**/main.js", without_nested_workers)
    started: list[str] = []
    page.on("worker", lambda worker: started.append(worker.url))
    page.goto(f"{site_url}?w1=0.25")
    wait_until_interactive(page)
    assert started_how(page) == "snapshot"
    assert len(started) == 1, f"helper workers were started: {started}"
    want = expected({**START, "w1": 0.25})
    assert wait_until_shown(page, want) == pytest.approx(want)


@pytest.mark.browser
def test_files_python_reads_later_are_fetched_when_first_opened(
        page: Page, site_url: str, self_contained_site: Path) -> None:
    lazy = dict(json.loads((self_contained_site / "snapshot" / "manifest.json").read_text())["lazy"])
    assert "certifi/cacert.pem" in lazy and "numpy/ma/__pycache__/core.cpython-313.pyc" in lazy
    fetched: list[str] = []
    stdlib: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.partition("/snapshot/files/")[2]))
    page.on("request", lambda request: stdlib.append(request.url) if "python_stdlib" in request.url else None)
    page.route("**/snapshot/files/idna/uts46data.py", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{site_url}?w1=0.75")
    wait_until_interactive(page)
    assert started_how(page) == "snapshot"
    assert not any(fetched), f"fetched before the page was interactive: {[f for f in fetched if f]}"
    assert stdlib == [], "the standard library's modules in memory need no zip"

    worker = page.workers[0]
    digest = "import hashlib, certifi; hashlib.sha256(open(certifi.where(), 'rb').read()).hexdigest()"
    shipped = (self_contained_site / "snapshot" / "files" / "certifi/cacert.pem").read_bytes()
    assert worker.evaluate(f'self.pyodide.runPython("{digest}")') == hashlib.sha256(shipped).hexdigest()
    masked_sum = "import numpy.ma; float(numpy.ma.masked_less([1, 5], 2).sum())"
    assert worker.evaluate(f'self.pyodide.runPython("{masked_sum}")') == 5
    assert "numpy/ma/__pycache__/core.cpython-313.pyc" in fetched
    assert worker.evaluate("self.pyodide.runPython('import wave; wave.WAVE_FORMAT_PCM')") == 1
    assert len(stdlib) == 1, "a module Python imports for the first time comes from the zip, fetched then"
    fetches = len([f for f in fetched if f])
    worker.evaluate(f'self.pyodide.runPython("{digest}")')
    assert len([f for f in fetched if f]) == fetches, "a file already fetched was fetched again"

    failed = worker.evaluate("""self.pyodide.runPython(`
try:
    open('/lib/python3.13/site-packages/idna/uts46data.py').read()
except OSError as error:
    result = type(error).__name__
result`)""")
    assert failed == "OSError"
    page.locator(".mg-slider-w1 .noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    want = expected({**START, "w1": 0.76})
    assert wait_until_shown(page, want) == pytest.approx(want)
