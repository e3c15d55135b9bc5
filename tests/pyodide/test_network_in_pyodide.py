"""The network view's training inside real Pyodide gives the same numbers as in CPython.

The data sets come from ``random.Random`` (the same generator everywhere) and training uses only + and
× with ReLU and the max-margin loss: IEEE arithmetic, so the same bits. With tanh and cross-entropy,
``math.tanh``/``exp``/``log1p`` come from each platform's C library, which may round the last bit
differently: there the numbers must agree closely.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from app_archive import app_archive
from network_run import run

from sitebuild.pyodide_harness import build_engine_wheel, run_in_pyodide, unavailable_reason

pytestmark = [pytest.mark.pyodide, pytest.mark.slow]
STEPS = 100


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("network-wheels")
    return [build_engine_wheel(out), app_archive(out)]


def in_pyodide(wheels: list[Path], tmp_path: Path, activation: str, loss: str) -> dict[str, object]:
    script = tmp_path / "network_run.py"
    shutil.copy(Path(__file__).with_name("network_run.py"), script)
    done = run_in_pyodide(wheels, ["--script", str(script), "--", activation, loss, str(STEPS)])
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["platform"] == "emscripten"
    return result


def test_relu_and_max_margin_train_to_the_same_bits_and_95_percent(
    wheels: list[Path], tmp_path: Path
) -> None:
    here, there = run("relu", "svm", STEPS), in_pyodide(wheels, tmp_path, "relu", "svm")
    assert there["points"] == here["points"]
    assert there["weights"] == here["weights"]
    assert there["objective"] == here["objective"]
    assert there["train_accuracy"] == here["train_accuracy"]
    assert isinstance(here["train_accuracy"], float) and here["train_accuracy"] >= 0.95


def test_tanh_and_cross_entropy_agree_closely(wheels: list[Path], tmp_path: Path) -> None:
    here, there = run("tanh", "bce", STEPS), in_pyodide(wheels, tmp_path, "tanh", "bce")
    assert there["points"] == here["points"]
    ours = [float.fromhex(w) for w in here["weights"]]  # type: ignore[union-attr]
    theirs = [float.fromhex(w) for w in there["weights"]]  # type: ignore[union-attr]
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(ours, theirs, strict=True))
    assert there["train_accuracy"] == here["train_accuracy"]
