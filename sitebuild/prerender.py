"""A static HTML/CSS pre-render of the page, captured at build time in headless Chromium (issue 9).

`panel convert` embeds the first document as Bokeh JSON, so nothing shows until ~3 MB of synchronous
head scripts ran and BokehJS built ~230 models (~1.7 s on localhost). Here the built page is opened
once with its worker held back (Python never starts), BokehJS's rendering of that document is
serialised (open shadow roots as declarative shadow DOM, canvases as PNG) and written into
index.html: the first paint is plain HTML/CSS. Linked stylesheets are cut to the rules that can match in
the copy, and those that many shadow roots repeat become shared files in prerender/ (sizes and times:
bench/STARTUP.md). Then the page changes so that the copy stays the first paint:
the head scripts are deferred, BokehJS's own pre-render is dropped (it would compete with the worker),
and the static copy (inert, like the not-yet-live document, see sitebuild/page.py) stays until Panel's
page script has embedded the worker's live document beside it, in the same place.

Needs Playwright (the `test` extra) and Chromium (sitebuild/chromium.py). Without them, or if any step
fails, the page stays as it was and the build summary's line says why: never a failed build.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild import BuildError
from sitebuild.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from sitebuild.serve import serving
from sitebuild.vendor import BOKEH_CDN, PANEL_CDN, cdn_source

PRERENDER_ID = "mg-prerender"
SHARED_CSS = "prerender"  # the site's folder for stylesheets that many shadow roots of the copy repeat
SHARE_MIN_CHARS = 1024
CAPTURE_WIDTH, CAPTURE_HEIGHT = 1280, 900  # a desktop window; the captured CSS wraps at other widths
TIMEOUT_MS = 90_000
CAPTURE_JS = (Path(__file__).with_name("prerender_capture.js")).read_text(encoding="utf-8")
HOW_TO_GET_IT = "install the test extra (pip install -e '.[app,test]') and Chromium"

# BokehJS has rendered every root of every embedded document; then fonts and two frames to settle.
_RENDERED_JS = ("() => window.Bokeh !== undefined && Bokeh.documents.length > 0"
                " && Bokeh.documents.every((doc) => doc.is_idle)")
# The stylesheets the rendered document's shadow roots link (absolute URLs).
_LINKED_SHEETS_JS = """() => {
  const hrefs = new Set();
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (!el.shadowRoot) continue;
      for (const link of el.shadowRoot.querySelectorAll("link[rel=stylesheet]")) hrefs.add(link.href);
      walk(el.shadowRoot);
    }
  };
  walk(document);
  return [...hrefs];
}"""
_SETTLED_JS = """async () => {
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""

_WORKER = re.compile(r'new Worker\("\./([^"/]+\.js)"\)')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
_TYPE = re.compile(r'\btype="([^"]*)"')
_DOC_JSON = re.compile(r'[ \t]*<script type="application/json" id="([^"]+)">.*?</script>\n?', re.S)
_ROOT_DIV = re.compile(r"<div [^>]*\bdata-root-id=")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_CSS_URL = re.compile(r"url\(\s*(['\"]?)", re.I)

# After Panel's page script (it declares `pyodideWorker`).
_RUNTIME = """<script>
// Static pre-render (sitebuild/prerender.py). BokehJS and Panel's JS are deferred: Panel's handler gets
// the worker's messages once they ran. Panel takes pn-loading off <body> when it has embedded the live
// document in the [data-root-id] elements, after the static copy; two frames later (painted) the copy goes.
(() => {
  const prerender = document.getElementById("%(id)s");
  const panelHandler = pyodideWorker.onmessage;
  const scriptsRan = new Promise((resolve) => document.readyState === "loading"
    ? document.addEventListener("DOMContentLoaded", resolve, {once: true}) : resolve());
  pyodideWorker.onmessage = (event) => scriptsRan.then(() => panelHandler(event));
  const drop = () => prerender.remove();
  new MutationObserver((_, observer) => {
    if (document.body.classList.contains("pn-loading")) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(drop));
    setTimeout(drop, 500);  // a hidden tab runs no frames
  }).observe(document.body, {attributes: true, attributeFilter: ["class"]});
})();
</script>"""


class PrerenderUnavailable(Exception):
    """What the capture needs is missing on this machine."""


@dataclass(frozen=True)
class Capture:
    html: str  # what BokehJS rendered inside the [data-root-id] elements, as static HTML
    shadow_roots: int
    images: int


def add_prerender(site: Path) -> str:
    """Capture the pre-render of `site`/index.html and write it in; return the build summary's line.

    On any failure index.html is left as it was and the line says why.
    """
    page = site / "index.html"
    before = page.read_text(encoding="utf-8")
    started = time.perf_counter()
    try:
        captured = capture(site, before)
        static, shared = share_stylesheets(captured.html)
        after = with_prerender(before, static)
    except PrerenderUnavailable as exc:
        return f"Static pre-render: not added ({exc}; {HOW_TO_GET_IT}); BokehJS draws the first paint"
    except Exception as exc:  # any failure: the build goes on, with BokehJS's pre-render
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return f"Static pre-render: not added, the capture failed ({reason}); BokehJS draws the first paint"
    for name, css in shared.items():
        (site / SHARED_CSS).mkdir(exist_ok=True)
        (site / SHARED_CSS / name).write_text(css, encoding="utf-8")
    page.write_text(after, encoding="utf-8")
    added = len(after.encode()) - len(before.encode())
    return (f"Static pre-render: added ({captured.shadow_roots} shadow roots, {captured.images} images; "
            f"index.html {added / 1e3:+,.0f} kB; captured in {time.perf_counter() - started:.1f} s)")


def capture(site: Path, html: str) -> Capture:
    """Open the site's page in headless Chromium with its worker held back; serialise what BokehJS drew."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PrerenderUnavailable("Playwright is not installed") from exc
    if not Path(CHROMIUM_PATH).is_file():
        raise PrerenderUnavailable(f"no Chromium at {CHROMIUM_PATH} (or set CHROMIUM_PATH)")
    workers = _WORKER.findall(html)
    if len(workers) != 1:
        raise BuildError("Panel's page template changed: cannot find exactly one `new Worker(\"./….js\")`")
    errors: list[str] = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS,
                                             timeout=TIMEOUT_MS)
        try:
            page = browser.new_page(viewport={"width": CAPTURE_WIDTH, "height": CAPTURE_HEIGHT})
            page.set_default_timeout(TIMEOUT_MS)
            page.route("**/*", lambda route: _answer(route, base, base + workers[0], errors))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base)
            page.wait_for_function(_RENDERED_JS)
            page.evaluate(_SETTLED_JS)
            sheets = _stylesheet_texts(page.evaluate(_LINKED_SHEETS_JS), base, site)
            result: dict[str, Any] = page.evaluate(CAPTURE_JS, sheets)
        finally:
            browser.close()
    if errors:
        raise BuildError(f"{len(errors)} error(s) while BokehJS rendered the page, the first: {errors[0]}")
    if not result["html"].strip():
        raise BuildError("BokehJS rendered nothing into the page's [data-root-id] elements")
    return Capture(result["html"], result["shadowRoots"], result["images"])


def _stylesheet_texts(hrefs: list[str], base: str, site: Path) -> dict[str, str]:
    """The text of each linked stylesheet that the capture may cut to the rules it uses.

    Left linked whole: one from elsewhere, one that imports others (a constructed sheet drops
    @import) or that refers to files by relative url() (as a <style> they would resolve elsewhere).
    """
    texts = {}
    for href in hrefs:
        path = urllib.parse.unquote(href.split("?")[0])
        if path.startswith(base):
            file = site / path.removeprefix(base)
        elif path.startswith((BOKEH_CDN, PANEL_CDN)):
            file = cdn_source(path)[0]
        else:
            continue
        css = file.read_text(encoding="utf-8") if file.is_file() else ""
        if css and "@import" not in css and _only_data_urls(css):
            texts[href] = css
    return texts


def _answer(route: Any, base: str, worker_url: str, errors: list[str]) -> None:
    """The site from the build's server; the worker script empty; CDN files from the installed packages."""
    url = route.request.url
    try:
        if url.split("?")[0] == worker_url:
            route.fulfill(body="// held back: no Python while the pre-render is captured",
                          content_type="text/javascript")
        elif url.startswith(base):
            route.continue_()
        elif url.startswith((BOKEH_CDN, PANEL_CDN)):
            route.fulfill(path=cdn_source(urllib.parse.unquote(url))[0])
        else:
            route.abort()
    except Exception as exc:  # reported by capture(), not as Playwright's traceback on stderr
        errors.append(f"{url}: {exc}")
        route.abort()


def share_stylesheets(static: str) -> tuple[str, dict[str, str]]:
    """Link each large stylesheet that several shadow roots repeat to one file of SHARED_CSS instead.

    Returns the HTML and the files to write ({name: css}). Bokeh gives every view's shadow root its own
    copy (its 90 kB of icons, 11 times): one file, fetched once, makes index.html a third of the size.
    A stylesheet in a shadow root holds back the rendering of what follows it until it has loaded, so
    the first paint is still styled.
    """
    counts = Counter(_STYLE.findall(static))
    files = {f"{hashlib.sha256(css.encode()).hexdigest()[:16]}.css": css for css, n in counts.items()
             if n > 1 and len(css) >= SHARE_MIN_CHARS and _only_data_urls(css)}
    href = {css: f"./{SHARED_CSS}/{name}" for name, css in files.items()}
    html = _STYLE.sub(lambda m: f'<link rel="stylesheet" href="{href[m.group(1)]}">'
                      if m.group(1) in href else m.group(0), static)
    return html, files


def _only_data_urls(css: str) -> bool:
    """Whether every url() in `css` is a data: URL (so the text means the same in another folder)."""
    position = 0
    while (match := _CSS_URL.search(css, position)) is not None:
        if not css.startswith("data:", match.end()):
            return False
        quote = match.group(1) or ")"  # a data URL may itself contain "url(" (an SVG's fill): skip it whole
        end = css.find(quote, match.end())
        if end < 0:
            return False
        position = end + 1
    return True


def with_prerender(html: str, static: str) -> str:
    """The page with `static` as its first paint: see the module docstring."""
    roots = list(_ROOT_DIV.finditer(html))
    if not roots:
        raise BuildError("the page has no [data-root-id] element")
    at = roots[0].start()
    html = (html[:at] + f'<div id="{PRERENDER_ID}" inert style="display: contents">{static}</div>\n'
            + html[at:])
    html = _drop_bokeh_prerender(_defer_head_scripts(html))
    # Every stylesheet of the copy, asked for at once rather than as the parser meets each one.
    preloads = "".join(f'<link rel="preload" as="style" href="{href}">\n'
                       for href in dict.fromkeys(_STYLESHEET_LINK.findall(static)))
    html = html.replace("</head>", preloads + "</head>", 1)
    worker = html.index("const pyodideWorker = new Worker(")
    end = html.index("</script>", worker) + len("</script>")
    return html[:end] + "\n" + _RUNTIME % {"id": PRERENDER_ID} + html[end:]


def _defer_head_scripts(html: str) -> str:
    """Head scripts stop blocking the first paint: files get `defer`, inline code runs after them."""
    head_end = html.index("</head>")
    deferred = 0

    def defer(match: re.Match[str]) -> str:
        nonlocal deferred
        attributes, code = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if kind is not None and kind.group(1) != "text/javascript":
            return match.group(0)  # data, e.g. es-module-shims' options
        deferred += 1
        if " src=" in attributes:
            return f"<script{attributes} defer>{code}</script>"
        return (f"<script{attributes}>document.addEventListener(\"DOMContentLoaded\", () => {{{code}}}, "
                f"{{once: true}});</script>")

    head = _SCRIPT.sub(defer, html[:head_end])
    if deferred == 0:
        raise BuildError("Panel's page template changed: no script in the page's head to defer")
    return head + html[head_end:]


def _drop_bokeh_prerender(html: str) -> str:
    """Remove the embedded document's JSON and the script that has BokehJS render it."""
    documents = _DOC_JSON.findall(html)
    if len(documents) != 1:
        raise BuildError("Panel's page template changed: cannot find exactly one embedded document")
    embeds = [m for m in _SCRIPT.finditer(html)
              if "embed_document" in m.group(2) and f"getElementById('{documents[0]}')" in m.group(2)]
    if len(embeds) != 1:
        raise BuildError("Panel's page template changed: cannot find the script that embeds the document")
    html = html[:embeds[0].start()] + html[embeds[0].end():]
    return _DOC_JSON.sub("", html)
