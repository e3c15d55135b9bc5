"""Serve a built site under a sub-path (as GitHub project pages do) on 127.0.0.1, on a free port."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SUB_PATH = "/micrograd-web/"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at SUB_PATH only; everything else is 404, like a project page."""

    def translate_path(self, path: str) -> str:
        parsed = urllib.parse.urlsplit(path).path
        if not parsed.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path(path[len(SUB_PATH) - 1:])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Yield the site's base URL, e.g. http://127.0.0.1:PORT/micrograd-web/."""
    handler = functools.partial(_SubPathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
