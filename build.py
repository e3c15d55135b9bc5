#!/usr/bin/env python
"""Build the static WebAssembly site into static/ (see README: "Build and serve", "Deploy").

    python build.py                      # Pyodide + packages from the official CDNs (smallest site)
    python build.py --self-contained     # every file in static/: the page talks to its own origin only
    python build.py --self-contained --pyodide-dist ~/.cache/pyodide-dist/pyodide-0.29.3
    python build.py --serve              # ...then serve static/ on 127.0.0.1 and print the URL
    python build.py --pwa                # + a service worker: later visits start from cache, offline

The Pyodide source is --pyodide-dist (a folder or an http(s) URL), else $MICROGRAD_WEB_PYODIDE_DIST,
else the official CDN; every file taken from it is verified by sha256. With Node.js on PATH the
wheels are byte-compiled inside Pyodide (faster start; --no-compile to skip). With Playwright and
Chromium the page's first paint is a static pre-render captured at build time (--no-prerender to
skip). The site is built in a temporary folder and replaces static/ only when complete.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from collections import Counter
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pyodide_settings import ENV_VAR, OFFICIAL_URL
from sitebuild.pyodide_source import PyodideSource, default_source_location
from sitebuild.serve import base_url, make_server
from sitebuild.site import Options, Result, build_site

REPO_ROOT = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--self-contained", action="store_true",
        help="copy Pyodide, every package and all JS/CSS into the site: the page contacts no other origin",
    )
    parser.add_argument(
        "--pyodide-dist", default=None,
        help=f"Pyodide distribution, a folder or URL (default: ${ENV_VAR}, else {OFFICIAL_URL})",
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "static", help="output folder (static/)")
    parser.add_argument("--app", type=Path, default=REPO_ROOT / "app" / "main.py", help="the app script")
    parser.add_argument("--no-compile", action="store_true",
                        help="ship wheels without byte-code (smaller, slower start; no Node.js needed)")
    parser.add_argument("--pwa", action="store_true",
                        help="add a manifest and a service worker: later visits start from cache, offline")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="no memory snapshot: the page boots Pyodide and imports the app itself")
    parser.add_argument("--no-prerender", action="store_true",
                        help="no static first paint captured in Chromium (BokehJS draws the first paint)")
    parser.add_argument("--serve", action="store_true", help="serve the site on 127.0.0.1 after building")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (0: any free port)")
    return parser.parse_args(argv)


def summarize(result: Result, self_contained: bool) -> str:
    files = [p for p in sorted(result.out.rglob("*")) if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    by_folder: Counter[str] = Counter()
    for path in files:
        rel = path.relative_to(result.out)
        by_folder[rel.parts[0] + "/" if len(rel.parts) > 1 else "(top level)"] += path.stat().st_size
    lines = [
        f"Built {'self-contained' if self_contained else 'CDN'} site in {result.out}: "
        f"{len(files)} files, {total:,} bytes ({total / 1e6:.1f} MB)",
        *(f"  {name:<14} {size:>12,} bytes" for name, size in by_folder.most_common()),
        result.prerender,
        result.snapshot,
        f"Packages installed by the worker ({len(result.packages)}): "
        + ", ".join(f"{p.name} {p.version}" for p in result.packages),
    ]
    if result.rewrites:
        lines.append(f"Page URLs rewritten to the site ({len(result.rewrites)}):")
        lines += [f"  {url} -> {local}" for url, local in result.rewrites]
    return "\n".join(lines)


def serve(folder: Path, port: int) -> None:
    with make_server(folder, port, quiet=False) as server:
        print(f"Serving {folder}: open {base_url(server)} (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    source = PyodideSource(args.pyodide_dist or default_source_location())
    compile_pyc = not args.no_compile
    if compile_pyc and shutil.which("node") is None:
        print("build.py: note: Node.js not found, so the wheels ship without byte-code (the page starts "
              "slower); install Node.js to byte-compile them", file=sys.stderr)
        compile_pyc = False
    opts = Options(REPO_ROOT, args.out.resolve(), args.app.resolve(), source, args.self_contained,
                   compile_pyc=compile_pyc, pwa=args.pwa, prerender=not args.no_prerender,
                   snapshot=not args.no_snapshot)
    try:
        if not opts.app_script.is_file():
            raise BuildError(f"app script {opts.app_script} does not exist")
        result = build_site(opts)
    except BuildError as exc:
        print(f"build.py: error: {exc}\n(nothing was written to {opts.out})", file=sys.stderr)
        return 1
    print(summarize(result, args.self_contained))
    if args.serve:
        try:
            serve(result.out, args.port)
        except OSError as exc:
            print(f"build.py: error: cannot serve on port {args.port} ({exc}); try --port 0", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
