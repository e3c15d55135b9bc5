"""The page renders without the packages the Pyodide build must not need (pandas, nh3, …).

Rendered in a fresh interpreter, as `panel convert` pre-renders it (the same probe build.py uses to
decide what the site ships). Panel imports nh3 to sanitise any ReactiveHTML (templates, FlexBox) and
pandas for DataFrame-based widgets; neither ships in the self-contained site.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild.probe import modules_imported_by_rendering

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"pandas", "nh3", "PIL", "contourpy", "panel_material_ui", "matplotlib"}


def test_rendering_the_page_imports_no_heavy_or_compiled_extras() -> None:
    modules = modules_imported_by_rendering(ROOT / "app" / "main.py", ROOT)
    assert {"panel", "bokeh", "param", "micrograd_core", "app"} <= modules
    assert modules & FORBIDDEN == set()
