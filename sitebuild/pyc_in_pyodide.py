"""Runs INSIDE Pyodide (see compile_pyc.mjs): add byte-code to wheels with Pyodide's own CPython.

Each `pkg/mod.py` gains `pkg/__pycache__/mod.cpython-313.pyc`, compiled with the path it will have
once installed and with *unchecked-hash* invalidation: installing a wheel gives its files fresh
mtimes, so timestamp-based .pyc files would be rejected and recompiled on every start. Tests are
not compiled (never imported). RECORD lists the new files.
"""

import base64
import hashlib
import importlib.util
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]

SITE_PACKAGES = "/lib/python3.13/site-packages/"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_wheel(source: str, dest: str) -> int:
    compiled = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        record_name = next(n for n in zin.namelist() if n.endswith(".dist-info/RECORD"))
        record = zin.read(record_name).decode().splitlines()
        present = set(zin.namelist())
        for info in zin.infolist():
            if info.filename == record_name:
                continue
            data = zin.read(info)
            zout.writestr(info, data)
            name = info.filename
            pyc_name = importlib.util.cache_from_source(name) if name.endswith(".py") else ""
            if not pyc_name or pyc_name in present or ".data/" in name or "/tests/" in name:
                continue  # not a module, already compiled, or never imported
            try:
                code = compile(data, SITE_PACKAGES + name, "exec", dont_inherit=True)
            except SyntaxError:
                continue  # e.g. templates named .py; CPython would not import them either
            pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            zout.writestr(pyc_name, pyc)
            record.append(_record_line(pyc_name, pyc))
            compiled += 1
        zout.writestr(record_name, "\n".join(record) + "\n")
    return compiled


in_dir, out_dir, *wheels = sys.argv[1:]
for wheel in wheels:
    count = compile_wheel(f"{in_dir}/{wheel}", f"{out_dir}/{wheel}")
    print(f"compiled {count} modules in {wheel}")
