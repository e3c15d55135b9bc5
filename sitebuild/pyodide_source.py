"""Where the Pyodide distribution comes from: a local folder or the official CDN, always verified.

Core files (which the lock does not list) are checked against hashes pinned for the Pyodide version
`panel convert` targets; every package file against the sha256 its lock entry states.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import BuildError
from sitebuild.pyodide_settings import ENV_VAR, LOCK_NAME, NPM_PYODIDE, OFFICIAL_URL, PYODIDE_VERSION

# sha256 of the official release files of PYODIDE_VERSION (identical in the npm package and on the CDN);
# a new version in package-lock.json fails their verification until these are updated.
CORE_SHA256 = {
    "pyodide.js": "718d40f1c015dd25ec724cc8fc4e2325d6a45a92ae225121ff6953f224a16f72",
    "pyodide.asm.js": "1263f02b5b26099b96112378156f242dd98b39a8201ba7765e5fe3d455c5ce91",
    "pyodide.asm.wasm": "e2f4ee75b325e35eb31bfb8c613d4dd5098f5502c156a97847686875b5025480",
    "python_stdlib.zip": "4298b6ee445cb724c3973437da47789752b9e6ff4e26619026b283ec801fc46b",
}
OFFICIAL_LOCK_SHA256 = "3256ffc76388de0e37f4b34d42ab484268d1afc675179ff97b2a5bb14f84ccac"
_OFFICIAL_SHA256 = {**CORE_SHA256, LOCK_NAME: OFFICIAL_LOCK_SHA256}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_source_location() -> str:
    """`$MICROGRAD_WEB_PYODIDE_DIST`, else the official URL."""
    return os.environ.get(ENV_VAR) or OFFICIAL_URL


@dataclass
class PyodideSource:
    """A Pyodide distribution: a folder path or an http(s) URL of the folder holding pyodide.js."""

    location: str
    _lock_bytes: bytes | None = field(default=None, repr=False)

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    def describe(self) -> str:
        return self.location if self.is_url else str(Path(self.location).resolve())

    def read(self, name: str) -> bytes:
        """The bytes of one file of the distribution, or a BuildError naming what is missing."""
        if self.location == OFFICIAL_URL and (from_npm := _official_file_from_npm(name)) is not None:
            return from_npm
        if self.is_url:
            url = self.location.rstrip("/") + "/" + name
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    return bytes(response.read())
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                raise BuildError(
                    f"cannot download {url}: {exc} (offline? point --pyodide-dist or ${ENV_VAR} at a local "
                    f"Pyodide {PYODIDE_VERSION} folder)"
                ) from exc
        folder = Path(self.location)
        if not folder.is_dir():
            raise BuildError(
                f"Pyodide distribution folder {folder} does not exist (set --pyodide-dist or ${ENV_VAR} "
                f"to a folder holding pyodide.js and {LOCK_NAME}, or to {OFFICIAL_URL})"
            )
        path = folder / name
        if not path.is_file():
            raise BuildError(f"Pyodide distribution {folder} has no file {name!r}")
        return path.read_bytes()

    def lock_bytes(self) -> bytes:
        if self._lock_bytes is None:
            self._lock_bytes = self.read(LOCK_NAME)
        return self._lock_bytes

    def lock(self) -> dict[str, Any]:
        """The parsed pyodide-lock.json, checked for the fields the build relies on."""
        try:
            lock = json.loads(self.lock_bytes())
        except json.JSONDecodeError as exc:
            raise BuildError(f"{LOCK_NAME} of {self.describe()} is not valid JSON: {exc}") from exc
        if not isinstance(lock, dict) or not isinstance(lock.get("packages"), dict):
            raise BuildError(f"{LOCK_NAME} of {self.describe()} has no 'packages' table")
        return lock

    def has_official_lock(self) -> bool:
        return sha256_hex(self.lock_bytes()) == OFFICIAL_LOCK_SHA256

    def read_verified(self, name: str, expected_sha256: str) -> bytes:
        data = self.read(name)
        actual = sha256_hex(data)
        if actual != expected_sha256:
            raise BuildError(
                f"{name} from {self.describe()} fails verification: "
                f"sha256 {actual}, expected {expected_sha256}"
            )
        return data

    def read_core(self, name: str) -> bytes:
        return self.read_verified(name, CORE_SHA256[name])

    def read_package(self, entry: dict[str, Any]) -> bytes:
        try:
            return self.read_verified(entry["file_name"], entry["sha256"])
        except BuildError as exc:
            raise BuildError(f"{exc} (the wheel of package {entry.get('name')!r} in its lock)") from exc


def _official_file_from_npm(name: str) -> bytes | None:
    """An official core file or lock, read from the npm package when it holds the very same bytes.

    That spares the download (and lets the CDN build run offline); package wheels are not in it.
    """
    path = NPM_PYODIDE / name
    if name not in _OFFICIAL_SHA256 or not path.is_file():
        return None
    data = path.read_bytes()
    return data if sha256_hex(data) == _OFFICIAL_SHA256[name] else None
