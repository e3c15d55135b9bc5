"""The page renders without the packages the Pyodide build must not need (pandas, nh3, …).

Rendered in a fresh interpreter, as `panel convert` pre-renders it: app/main.py run as a script in a
Bokeh document, then serialised. Panel imports nh3 to sanitise any ReactiveHTML (templates, FlexBox)
and pandas for DataFrame-based widgets; neither ships in the self-contained site.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"pandas", "nh3", "PIL", "contourpy", "panel_material_ui", "matplotlib"}

RENDER = """
import json, runpy, sys
from bokeh.document import Document
from bokeh.embed.util import standalone_docs_json_and_render_items
from panel.io.document import MockSessionContext
from panel.io.state import set_curdoc, state
doc = Document()
doc._session_context = lambda: MockSessionContext(document=doc)
with set_curdoc(doc):
    runpy.run_path(sys.argv[1], run_name="__main__")
    state._on_load(None)
    standalone_docs_json_and_render_items(doc)
print("MODULES:" + json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_rendering_the_page_imports_no_heavy_or_compiled_extras() -> None:
    result = subprocess.run(
        [sys.executable, "-c", RENDER, str(ROOT / "app" / "main.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("MODULES:"))
    modules = set(json.loads(line.removeprefix("MODULES:")))
    assert {"panel", "bokeh", "param", "micrograd_core", "app"} <= modules
    assert modules & FORBIDDEN == set()
