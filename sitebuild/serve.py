"""Serve a folder over HTTP on 127.0.0.1 only: `build.py --serve`, the start-up benchmark, the tests.

`sub_path` serves the folder under a path prefix and answers 404 everywhere else, as a GitHub project
page (https://<user>.github.io/<repo>/) does; that is how the tests prove every URL is relative.
`compress` gzips the types a compressing host (GitHub Pages, a CDN) gzips on the fly, for a browser
that accepts it: the start-up benchmark's `--compress` measures what such a host sends.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

OnSent = Callable[[str, int], None]  # (request path, bytes of the body sent)

HOST = "127.0.0.1"
COMPRESSED_TYPES = frozenset({"text/html", "text/css", "text/javascript", "application/javascript",
                              "application/json", "application/wasm", "image/svg+xml", "text/plain"})


class _Handler(http.server.SimpleHTTPRequestHandler):
    sub_path = "/"
    quiet = True
    compress = False
    on_sent: OnSent | None = None

    def translate_path(self, path: str) -> str:
        if not urllib.parse.urlsplit(path).path.startswith(self.sub_path):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path(path[len(self.sub_path) - 1:])

    def send_head(self) -> BinaryIO | None:
        path = self.translate_path(self.path)
        if urllib.parse.urlsplit(self.path).path.endswith("/"):
            path = str(Path(path) / "index.html")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        content_type = self.guess_type(path)
        if not (self.compress and accepts_gzip and content_type in COMPRESSED_TYPES and Path(path).is_file()):
            return super().send_head()
        body = _gzipped(path, Path(path).stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        start = source.tell()
        shutil.copyfileobj(source, outputfile)
        if self.on_sent is not None:
            self.on_sent(urllib.parse.urlsplit(self.path).path, source.tell() - start)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6, mtime=0)


def make_server(
    folder: Path, port: int = 0, sub_path: str = "/", quiet: bool = True, on_sent: OnSent | None = None,
    compress: bool = False,
) -> http.server.HTTPServer:
    """A threading HTTP server for `folder` on 127.0.0.1:`port` (0: any free port), not yet started.

    `on_sent(path, size)` is called after each response body is sent (the start-up benchmark counts bytes).
    """
    if not (sub_path.startswith("/") and sub_path.endswith("/")):
        raise ValueError(f"sub_path must start and end with '/': {sub_path!r}")
    attributes = {"sub_path": sub_path, "quiet": quiet, "compress": compress,
                  "on_sent": staticmethod(on_sent) if on_sent else None}
    handler = type("Handler", (_Handler,), attributes)
    return http.server.ThreadingHTTPServer((HOST, port), functools.partial(handler, directory=str(folder)))


def base_url(server: http.server.HTTPServer, sub_path: str = "/") -> str:
    return f"http://{HOST}:{server.server_address[1]}{sub_path}"


@contextmanager
def serving(folder: Path, sub_path: str = "/", on_sent: OnSent | None = None,
            compress: bool = False) -> Iterator[str]:
    """Serve `folder` in a background thread on a free port; yield its base URL (ending in `sub_path`)."""
    server = make_server(folder, 0, sub_path, on_sent=on_sent, compress=compress)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url(server, sub_path)
    finally:
        server.shutdown()
        server.server_close()
