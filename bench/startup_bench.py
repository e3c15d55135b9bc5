"""Start-up benchmark of the static site: our build against a stock `panel convert` build of the same app.

Both sites are self-contained and served from one server on 127.0.0.1; each run opens a page in a
fresh headless Chromium (new profile, cold caches), alternating the two builds. Measured, in ms from
navigation start:

- content visible: the pre-rendered `[data-testid=grad-w1]` readout is in the page and laid out;
- time-to-interactive (TTI): Panel's loading state is gone (`pn-loading` off the body) AND the readout
  shows the value the live Python computed for the page's URL state (`?act=tanh`, so the value differs
  from the pre-rendered ReLU one; expected value from micrograd_core);
- slider latency: focus the w1 slider handle, press ArrowRight/ArrowLeft, time from the keydown to the
  readout's `data-value` changing (under tanh, d out/d w1 depends on w1; under ReLU it would not).

- bytes before TTI: the bodies the server sent from navigation until TTI was seen, as served and as
  if every file were gzipped (GitHub Pages compresses text; what a real network carries lies between).

`--throttle` emulates 10 Mbit/s down, 40 ms round trip (CDP, set on the page; it limits the page's
dedicated worker too). `--compress` serves HTML, CSS, JS, JSON and WebAssembly gzipped, as a host
that compresses on the fly does (sitebuild.serve.COMPRESSED_TYPES): "MB sent" is then what such a
host sends. Each pair of loads (ours, stock) gives a per-run TTI ratio.
Targets (issue 9): TTI <= 25% of stock on localhost, <= 60% throttled; slider median < 50 ms;
pre-rendered content visible < 800 ms (localhost); bytes before TTI no more than stock's.
The stock build is `panel convert --to pyodide-worker` output with only what self-containment needs:
pyodide.js from the site, the install list as names resolved through the original lock (micropip, as
Panel does), PANEL_CDN_ROOT in the worker, the page's CDN files vendored (sitebuild.vendor).
It uses the unmodified wheels of the local Pyodide distribution, plus our two wheels from our build.

    MICROGRAD_WEB_PYODIDE_DIST=~/.cache/pyodide-dist/pyodide-0.29.3 \\
        .venv/bin/python bench/startup_bench.py [--runs 5] [--presses 7] [--site static/]

Needs a local Pyodide distribution (this machine cannot reach the Pyodide CDN).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from micrograd_core import Value  # noqa: E402
from sitebuild import BuildError  # noqa: E402
from sitebuild.chromium import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402
from sitebuild.pyodide_settings import ENV_VAR, local_dist_location  # noqa: E402
from sitebuild.serve import serving  # noqa: E402

READOUT = "grad-w1"
SLIDER_HANDLE = ".mg-slider-w1 .noUi-handle"
QUERY = "act=tanh"
# Targets (issue 9): TTI ratio on localhost / throttled, slider median, pre-render visible (localhost).
TARGET_TTI_RATIO = {False: 0.25, True: 0.6}
TARGET_SLIDER_MS, TARGET_VISIBLE_MS = 50.0, 800.0
# --throttle: 10 Mbit/s down, 40 ms round trip (CDP network emulation; requests are small: upload free).
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": -1}


def expected_readout() -> float:
    """d out/d w1 at the seed state (x1=2, x2=3, w1=0.5, w2=-0.5, b=1) under tanh, by the engine."""
    x1, x2, w1, w2, b = Value(2.0), Value(3.0), Value(0.5), Value(-0.5), Value(1.0)
    (x1 * w1 + x2 * w2 + b).tanh().backward()
    return w1.grad


# Injected before the page's own scripts: finds elements through open shadow roots and records when
# the readout first shows up laid out, when the loading state ends, and when the live value is shown.
PAGE_PROBE = """
(() => {
  const SEL = '[data-testid=%(readout)s]', EXPECTED = %(expected)r;
  let lastRoot = null;
  const walk = (root) => {
    const hit = root.querySelector(SEL);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const h = walk(el.shadowRoot); if (h) return h; }
    }
    return null;
  };
  window.mgFind = () => {
    let el = lastRoot && lastRoot.isConnected !== false ? lastRoot.querySelector(SEL) : null;
    if (!el) { el = walk(document); lastRoot = el ? el.getRootNode() : null; }
    return el;
  };
  window.mgMarks = {};
  const poll = () => {
    const m = window.mgMarks, el = document.body ? window.mgFind() : null, now = performance.now();
    if (el && !('visible' in m) && el.getClientRects().length) m.visible = now;
    const loading = !document.body || document.body.classList.contains('pn-loading');
    if (el && !loading && !('loaded' in m)) m.loaded = now;
    if (el && !loading && Math.abs(parseFloat(el.getAttribute('data-value')) - EXPECTED) < 1e-9) m.live = now;
    if (!('live' in m)) setTimeout(poll, 10);
  };
  poll();
})();
"""

# Arms a watcher; resolves window.mgLatency with ms from the next keydown to the readout's change.
ARM_LATENCY = """() => {
  const before = window.mgFind().getAttribute('data-value');
  window.mgLatency = new Promise((resolve) => {
    let t0 = null;
    window.addEventListener('keydown', () => { t0 = performance.now(); }, {capture: true, once: true});
    const check = () => {
      const el = window.mgFind();
      if (t0 !== null && el && el.getAttribute('data-value') !== before) resolve(performance.now() - t0);
      else setTimeout(check, 1);
    };
    check();
  });
}"""


class BenchError(Exception):
    """The benchmark cannot run; the message says why."""


@dataclass
class Run:
    visible: float
    tti: float
    loaded: float
    cpu: float  # CPU seconds of all browser processes from navigation to TTI (load-independent cost)
    slider: list[float]
    sent: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes) served before TTI was seen
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


# --- building the two sites --------------------------------------------------------------------------

def find_dist(cli: str | None) -> Path:
    dist = Path(cli).expanduser() if cli else local_dist_location()
    if not (dist / "pyodide.js").is_file() or not (dist / "pyodide-lock.json").is_file():
        raise BenchError(
            f"no local Pyodide distribution at {dist} (needs pyodide.js and pyodide-lock.json): set "
            f"${ENV_VAR} (or --pyodide-dist) to one (see bench/STARTUP.md for how to assemble one here)"
        )
    return dist


def build_ours(dist: Path, out: Path, app: Path) -> Path:
    cmd = [sys.executable, str(ROOT / "build.py"), "--self-contained", "--pyodide-dist", str(dist),
           "--out", str(out), "--app", str(app)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"build.py failed:\n{result.stdout}{result.stderr}")
    return out


_IMPORT_PYODIDE = re.compile(r'importScripts\("https://[^"]+/pyodide\.js"\);')
_INSTALL_LIST = re.compile(r"await micropip\.install\(\[[^\]]*\]\);")


def build_stock(dist: Path, ours: Path, out: Path, app: Path) -> Path:
    """`panel convert` output made self-contained with the minimum: see the module docstring."""
    from sitebuild.convert import hoist_future_imports, run_panel_convert
    from sitebuild.vendor import VENDOR_PANEL, vendor_page

    out.mkdir(parents=True)
    html_path, worker_path = run_panel_convert(app, ROOT, out.parent / "stock-convert")
    html, _ = vendor_page(html_path.read_text(encoding="utf-8"), out)
    (out / "index.html").write_text(html, encoding="utf-8")

    lock = json.loads((dist / "pyodide-lock.json").read_text(encoding="utf-8"))
    our_lock = json.loads((ours / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    own = {name: entry for name, entry in our_lock["packages"].items() if name not in lock["packages"]}
    (out / "pyodide").mkdir()
    for path in dist.iterdir():
        if path.is_file() and path.name != "pyodide-lock.json":
            (out / "pyodide" / path.name).symlink_to(path.resolve())
    for name, entry in own.items():
        shutil.copyfile(ours / "pyodide" / entry["file_name"], out / "pyodide" / entry["file_name"])
        lock["packages"][name] = entry
    (out / "pyodide" / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")

    worker = worker_path.read_text(encoding="utf-8")
    names = ["bokeh", "panel", "pyodide-http", *own]
    for pattern, replacement in (
        (_IMPORT_PYODIDE, 'importScripts("pyodide/pyodide.js");'),
        (_INSTALL_LIST, f"await micropip.install({json.dumps(names)});"),
    ):
        worker, count = pattern.subn(replacement.replace("\\", "\\\\"), worker)
        if count != 1:
            raise BenchError(f"Panel's worker template changed: {pattern.pattern!r} matched {count} times")
    env = f"{{env: {{PANEL_CDN_ROOT: new URL({json.dumps(VENDOR_PANEL)}, self.location).href}}}}"
    if worker.count("await loadPyodide();") != 1:
        raise BenchError("Panel's worker template changed: no single `await loadPyodide();`")
    worker = hoist_future_imports(worker.replace("await loadPyodide();", f"await loadPyodide({env});"))
    (out / worker_path.name).write_text(worker, encoding="utf-8")
    return out


# --- serving and measuring ---------------------------------------------------------------------------

def _proc_stat(pid: str) -> tuple[str, float] | None:
    """(parent pid, user+system CPU seconds) of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[1], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _find_process(tag: str) -> str:
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and tag.encode() in (proc / "cmdline").read_bytes():
                return proc.name
        except OSError:
            continue
    raise BenchError(f"cannot find the browser process (tag {tag}) in /proc")


def tree_cpu_seconds(root: str) -> float:
    """CPU seconds used so far by `root` and all its descendants (Linux)."""
    stats = {proc.name: _proc_stat(proc.name) for proc in Path("/proc").iterdir() if proc.name.isdigit()}
    children: dict[str, list[str]] = {}
    for pid, stat in stats.items():
        if stat is not None:
            children.setdefault(stat[0], []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        stat = stats.get(pid)
        total += stat[1] if stat else 0.0
        todo += children.get(pid, [])
    return total


class SentLog:
    """Every response body the server sent: (path, bytes), in order (one browser at a time)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def __call__(self, path: str, size: int) -> None:
        with self._lock:
            self.sent.append((path, size))

    def mark(self) -> int:
        with self._lock:
            return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self._lock:
            return self.sent[mark:]


def measure(playwright: Any, url: str, presses: int, timeout_s: float, sent_log: SentLog,
            throttle: bool) -> Run:
    """One cold load in a fresh browser, then `presses` key presses on the w1 slider."""
    tag = f"--micrograd-web-bench={uuid.uuid4().hex}"  # an inert switch that identifies this browser
    browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=[*CHROMIUM_ARGS, tag])
    root = _find_process(tag)
    try:
        page = browser.new_page()
        errors: list[str] = []
        foreign: set[str] = set()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: foreign.add(r.url) if not r.url.startswith(("http://127.0.0.1:", "data:",
                                                                                  "blob:")) else None)
        page.add_init_script(PAGE_PROBE % {"readout": READOUT, "expected": expected_readout()})
        if throttle:  # set on the page, it also limits the page's dedicated worker (they share the link)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", THROTTLED)
        sent_start = sent_log.mark()
        cpu_start = tree_cpu_seconds(root)
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function("'live' in window.mgMarks", timeout=timeout_s * 1000)
        except Exception as exc:
            marks = page.evaluate("window.mgMarks")
            raise BenchError(
                f"{url}: not interactive after {timeout_s:.0f} s (marks {marks}, errors {errors[:3]})"
            ) from exc
        cpu = tree_cpu_seconds(root) - cpu_start
        sent = sent_log.since(sent_start)
        marks = page.evaluate("window.mgMarks")
        page.wait_for_timeout(1000)  # let the worker finish its post-render work before timing moves
        page.locator(SLIDER_HANDLE).focus()
        latencies = []
        for i in range(presses):
            page.evaluate(ARM_LATENCY)
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            latencies.append(page.evaluate("Promise.race([window.mgLatency, "
                                           "new Promise(r => setTimeout(() => r(null), 10000))])"))
            page.wait_for_timeout(300)
        if any(x is None for x in latencies):
            raise BenchError(f"{url}: the readout did not change within 10 s of a slider key press")
        return Run(marks.get("visible", float("nan")), marks["live"], marks.get("loaded", float("nan")), cpu,
                   latencies, sent, errors, sorted(foreign))
    finally:
        browser.close()


# --- report ------------------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def served_bytes(work: Path, sent: list[tuple[str, int]], gzipped: dict[str, int]) -> tuple[int, int]:
    """(bytes sent, bytes had every file been gzipped) for one load; `gzipped` caches sizes by path."""
    total = gz = 0
    for path, size in sent:
        total += size
        if path not in gzipped:
            file = work / path.lstrip("/")
            gzipped[path] = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else size
        gz += gzipped[path] if size else 0
    return total, gz


def report(runs: dict[str, list[Run]], work: Path, throttle: bool) -> tuple[str, bool]:
    ours, stock = runs["ours"], runs["stock"]
    gzipped: dict[str, int] = {}
    sizes = {name: [served_bytes(work, r.sent, gzipped) for r in runs[name]] for name in runs}
    rows = [
        ("cold TTI (live values), ms", [r.tti for r in ours], [r.tti for r in stock]),
        ("loading state gone, ms", [r.loaded for r in ours], [r.loaded for r in stock]),
        ("pre-rendered content visible, ms", [r.visible for r in ours], [r.visible for r in stock]),
        ("browser CPU to TTI, ms", [r.cpu * 1000 for r in ours], [r.cpu * 1000 for r in stock]),
        ("slider -> readout, ms", [x for r in ours for x in r.slider], [x for r in stock for x in r.slider]),
        ("MB sent before TTI", [b / 1e6 for b, _ in sizes["ours"]], [b / 1e6 for b, _ in sizes["stock"]]),
        ("  same, every file gzipped, MB", [g / 1e6 for _, g in sizes["ours"]],
         [g / 1e6 for _, g in sizes["stock"]]),
    ]
    lines = [f"{'median of ' + str(len(ours)) + ' runs':<34}{'ours':>10}{'stock':>10}{'ours/stock':>12}"]
    for name, a, b in rows:
        digits = 1 if "MB" in name else 0
        lines.append(f"{name:<34}{median(a):>10.{digits}f}{median(b):>10.{digits}f}"
                     f"{median(a) / median(b):>12.2f}")
    per_run = [a.tti / b.tti for a, b in zip(ours, stock, strict=True)]
    lines.append(f"{'TTI ours/stock per run':<34}" + " ".join(f"{x:.2f}" for x in per_run)
                 + f"  (range {min(per_run):.2f}-{max(per_run):.2f})")
    tti_ratio = median(rows[0][1]) / median(rows[0][2])
    target = TARGET_TTI_RATIO[throttle]
    checks = [
        (f"TTI <= {target:.0%} of stock", f"{tti_ratio:.0%}", tti_ratio <= target),
        (f"slider -> readout median < {TARGET_SLIDER_MS:.0f} ms", f"{median(rows[4][1]):.0f} ms",
         median(rows[4][1]) < TARGET_SLIDER_MS),
        ("bytes before TTI (gzipped) <= stock", f"{median(rows[6][1]) / median(rows[6][2]):.2f}x",
         median(rows[6][1]) <= median(rows[6][2])),
    ]
    if not throttle:
        checks.append((f"pre-rendered content visible < {TARGET_VISIBLE_MS:.0f} ms",
                       f"{median(rows[2][1]):.0f} ms", median(rows[2][1]) < TARGET_VISIBLE_MS))
    lines.append("")
    lines += [f"target {name:<42}{value:>10}  {'MET' if ok else 'MISSED'}" for name, value, ok in checks]
    return "\n".join(lines), all(ok for _, _, ok in checks)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold loads per build (default 5)")
    parser.add_argument("--presses", type=int, default=7, help="slider key presses per load (default 7)")
    parser.add_argument("--pyodide-dist", default=None,
                        help=f"local Pyodide distribution (default ${ENV_VAR})")
    parser.add_argument("--app", type=Path, default=ROOT / "app" / "main.py", help="the Panel app script")
    parser.add_argument("--site", type=Path, default=None,
                        help="measure this already built self-contained site instead of running build.py")
    parser.add_argument("--keep", type=Path, default=None, help="build into this folder and keep it")
    parser.add_argument("--timeout", type=float, default=180,
                        help="seconds to wait for one page (default 180)")
    parser.add_argument("--throttle", action="store_true",
                        help="emulate a 10 Mbit/s, 40 ms round-trip network (page and worker)")
    parser.add_argument("--compress", action="store_true",
                        help="serve text, JS, JSON and WebAssembly gzipped, as a compressing host does")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        dist = find_dist(args.pyodide_dist)
    except BenchError as exc:
        print(f"startup_bench: {exc}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        if args.keep and work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if args.site is None:
            ours = build_ours(dist, work / "ours", args.app.resolve())
        else:
            ours = args.site.resolve()
            (work / "ours").symlink_to(ours)
        build_stock(dist, ours, work / "stock", args.app.resolve())
        print(f"built both sites in {work} ({time.perf_counter() - started:.0f} s); Pyodide from {dist}")
        print("network: " + ("throttled, 10 Mbit/s down, 40 ms round trip" if args.throttle else "localhost")
              + ("; served gzipped where a compressing host would" if args.compress else ""))
        runs: dict[str, list[Run]] = {"ours": [], "stock": []}
        sent_log = SentLog()
        with serving(work, on_sent=sent_log, compress=args.compress) as base, sync_playwright() as playwright:
            for i in range(args.runs):
                for name in ("ours", "stock") if i % 2 == 0 else ("stock", "ours"):
                    load = os.getloadavg()[0]
                    run = measure(playwright, f"{base}{name}/index.html?{QUERY}", args.presses, args.timeout,
                                  sent_log, args.throttle)
                    runs[name].append(run)
                    print(f"run {i + 1} {name:<5}  visible {run.visible:6.0f}  TTI {run.tti:6.0f}  "
                          f"CPU {run.cpu:5.1f} s  {sum(n for _, n in run.sent) / 1e6:5.1f} MB  "
                          f"slider median {median(run.slider):5.1f} ms  (load avg {load:.1f})", flush=True)
                    outside = [f"request outside 127.0.0.1: {u}" for u in run.foreign]
                    for problem in [*run.errors[:3], *outside]:
                        print(f"    {name}: {problem}")
        table, all_met = report(runs, work, args.throttle)
        print()
        print(table)
        print(f"\n(machine: {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f}; "
              "absolute times scale with load, the ratio much less)")
        return 1 if args.strict and not all_met else 0
    except (BenchError, BuildError) as exc:
        print(f"startup_bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
