"""The lab costs the landing page nothing: its modules load the first time the lab is shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from app.main import build
shell = build()
before = sorted(name for name in sys.modules if name.startswith("app.lab"))
shell.page.view = "lab"
after = sorted(name for name in sys.modules if name.startswith("app.lab"))
print(before, "app.lab.page" in after and "app.lab.views.graph" in after)
"""


def test_the_lab_is_imported_only_when_first_shown() -> None:
    # a fresh interpreter: this test session has imported the lab already
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    # before: only its message catalogue, which the page's switcher needs for the lab's title
    assert done.stdout.strip().splitlines()[-1] == "['app.lab', 'app.lab.messages'] True"
