"""Make the `app` package importable from a checkout (it is not part of the installed distribution)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if importlib.util.find_spec("app") is None:
    sys.path.insert(0, str(ROOT))
