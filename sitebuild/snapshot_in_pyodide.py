"""Runs INSIDE Pyodide (see make_snapshot.mjs), after the app's first document, just before the snapshot.

Its last expression (what runPython returns) is a JSON report: which site-packages files the
restored worker will never read (the source and byte-code of every module already imported: its
code is in the snapshot's memory), and the state the snapshot must not freeze (asyncio tasks,
whose timers live in JS and would never fire after restore).
"""

import asyncio
import gc
import importlib.util
import json
import sys

SITE_PACKAGES = "/lib/python3.13/site-packages/"


def _imported_files() -> list[str]:
    files = []
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if not isinstance(source, str) or not source.startswith(SITE_PACKAGES) or not source.endswith(".py"):
            continue
        files += [source, importlib.util.cache_from_source(source)]
    return sorted(files)


def _pending_tasks() -> int:
    try:
        return len(asyncio.all_tasks(asyncio.get_event_loop()))
    except RuntimeError:
        return 0


gc.collect()
json.dumps({"skip": _imported_files(), "pending_tasks": _pending_tasks(), "modules": len(sys.modules)})
