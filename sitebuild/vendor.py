"""Serve BokehJS and Panel's JS/CSS from the site: copy them out of the installed Python packages and
rewrite the page's CDN URLs to relative ones. Any other external URL in the page stops the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bokeh
import panel

from sitebuild import BuildError

BOKEH_CDN = "https://cdn.bokeh.org/bokeh/release/"
PANEL_CDN = "https://cdn.holoviz.org/panel/"
BOKEH_STATIC = Path(bokeh.__file__).parent / "server" / "static" / "js"
PANEL_DIST = Path(panel.__file__).parent / "dist"
VENDOR_BOKEH = "vendor/bokeh/"
VENDOR_PANEL = "vendor/panel/"  # PANEL_CDN_ROOT: Panel appends "<version>/dist/…"
# Panel stylesheets a live view may add after the first render: ship the folders whole (~0.4 MB).
PANEL_DIRS = ("css", "bundled/theme", "assets")
# XML namespace names identify vocabularies; browsers never fetch them.
NAMESPACE_PREFIXES = ("http://www.w3.org/",)

URL_RE = re.compile(r"""https?://[^\s"'<>()`\\]+""")
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def vendor_page(html: str, site: Path) -> tuple[str, list[tuple[str, str]]]:
    """Rewrite the page's CDN URLs to vendored copies in `site`; return (html, [(url, local path)])."""
    rewrites: dict[str, str] = {}
    for url in dict.fromkeys(URL_RE.findall(html)):
        if url.startswith(NAMESPACE_PREFIXES):
            continue
        rewrites[url] = _vendor_url(url, site)
    for url, local in sorted(rewrites.items(), key=lambda kv: -len(kv[0])):
        html = html.replace(url, "./" + local)
    version_dir = site / VENDOR_PANEL / panel.__version__ / "dist"
    for folder in PANEL_DIRS:
        _copy_tree(PANEL_DIST / folder, version_dir / folder)
    return html, sorted(rewrites.items())


def cdn_source(url: str) -> tuple[Path, str]:
    """The installed file behind a BokehJS/Panel CDN URL, and its path in a self-contained site."""
    path = url.partition("?")[0]
    if path.startswith(BOKEH_CDN):
        name = path.removeprefix(BOKEH_CDN)
        return BOKEH_STATIC / name.replace(f"-{bokeh.__version__}", ""), VENDOR_BOKEH + name
    if path.startswith(f"{PANEL_CDN}{panel.__version__}/dist/"):
        rel = path.removeprefix(PANEL_CDN)
        return PANEL_DIST / rel.split("/dist/", 1)[1], VENDOR_PANEL + rel
    raise BuildError(f"the converted page references {url}, which the self-contained build cannot vendor")


def _vendor_url(url: str, site: Path) -> str:
    """Copy the file behind a CDN URL into the site; return its site-relative URL (query kept)."""
    source, local = cdn_source(url)
    _copy(source, site / local, url)
    _, sep, query = url.partition("?")
    return local + sep + query


def _copy(source: Path, dest: Path, url: str) -> None:
    if not source.is_file():
        raise BuildError(f"{url} has no counterpart in the installed packages (looked for {source})")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    if source.suffix == ".css":
        _copy_css_dependencies(source, dest)


def _copy_css_dependencies(source: Path, dest: Path) -> None:
    """Copy files a stylesheet pulls in by relative url()/@import, recursively."""
    text = source.read_text(encoding="utf-8", errors="replace")
    for match in CSS_URL_RE.finditer(text):
        ref = (match.group(1) or match.group(2)).strip()
        if ref.startswith(("data:", "#")):
            continue
        if "://" in ref or ref.startswith("//"):
            raise BuildError(f"{source} loads {ref} from another origin")
        ref = ref.split("?")[0].split("#")[0]
        _copy((source.parent / ref).resolve(), (dest.parent / ref).resolve(), f"{source}: {ref}")


def _copy_tree(source: Path, dest: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file() and not path.name.endswith(".map"):
            target = dest / path.relative_to(source)
            if not target.exists():
                _copy(path, target, str(path))
