"""Which optional packages does the app really import? Render it once on the host and look.

bokeh and panel declare dependencies only some features import (pandas for DataFrames, pillow for
images, contourpy for contours, nh3 to sanitise ReactiveHTML, e.g. in Panel's templates). Rendering
the app's document the way `panel convert` pre-renders it runs the same code paths the browser will.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sitebuild import BuildError

# import name -> distribution name, for the declared-but-optional dependencies
OPTIONAL_IMPORTS = {
    "pandas": "pandas", "PIL": "pillow", "contourpy": "contourpy", "nh3": "nh3",
    "panel_material_ui": "panel-material-ui",
}

_PROBE = """
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
print("PROBE:" + json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def modules_imported_by_rendering(app_script: Path, repo_root: Path) -> set[str]:
    """Top-level modules a fresh interpreter has imported after rendering the app's document."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(app_script)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("PROBE:")), None)
    if result.returncode != 0 or line is None:
        output = f"{result.stdout}{result.stderr}".rstrip()
        raise BuildError(f"rendering {app_script} on the host failed:\n{output}")
    return set(json.loads(line.removeprefix("PROBE:")))


def optional_packages_used(app_script: Path, repo_root: Path) -> set[str]:
    """Distribution names from OPTIONAL_IMPORTS that rendering the app imports."""
    modules = modules_imported_by_rendering(app_script, repo_root)
    return {dist for module, dist in OPTIONAL_IMPORTS.items() if module in modules}
