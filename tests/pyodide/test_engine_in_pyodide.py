"""The engine's tests, run again inside real Pyodide (WebAssembly) under Node.js, offline.

micrograd_core is built into a wheel and installed in Pyodide from it; pytest, hypothesis and their
dependencies come from pure-Python wheels; tests/engine/ is then run by pytest *inside* Pyodide.
Tests that need PyTorch or a subprocess skip themselves there, with a reason printed below.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from sitebuild.pyodide_harness import build_engine_wheel, pure_wheels, run_in_pyodide, unavailable_reason

pytestmark = [pytest.mark.pyodide, pytest.mark.slow]

ENGINE_TESTS = "tests/engine"
# tests/engine had 225 tests when this was written; Pyodide skips 4 of them (torch, subprocess).
MIN_PASSED_IN_PYODIDE = 150


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    engine = build_engine_wheel(tmp_path_factory.mktemp("engine-wheel"))
    return [engine, *pure_wheels(["pytest", "hypothesis"])]


def summary_counts(pytest_output: str) -> dict[str, int]:
    """{"passed": 222, "skipped": 4, ...} from pytest's final "=== 222 passed, 4 skipped in 21s ===" line."""
    lines = [line for line in pytest_output.splitlines() if re.match(r"^=+ .* in [\d.]+s", line)]
    if not lines:
        raise AssertionError(f"no pytest summary line in the output:\n{pytest_output[-3000:]}")
    return {kind: int(n) for n, kind in re.findall(r"(\d+) (\w+)", lines[-1])}


def test_engine_tests_pass_inside_pyodide(wheels: list[Path]) -> None:
    done = run_in_pyodide(wheels, ["--pytest", ENGINE_TESTS, "--", "-rs"])
    print(done.stdout[-6000:], done.stderr[-3000:], sep="\n")  # shown with -s or on failure
    assert done.returncode == 0, f"pytest inside Pyodide exited with {done.returncode}"
    assert "platform emscripten" in done.stdout, "pytest did not run under Pyodide"
    # micrograd_core came from the wheel installed in site-packages, not from the source tree.
    assert re.search(r"micrograd_core \S+ imported from /lib/python3\.\d+/site-packages/", done.stderr)
    counts = summary_counts(done.stdout)
    assert counts.get("failed", 0) == 0 and counts.get("errors", counts.get("error", 0)) == 0, counts
    assert counts.get("passed", 0) >= MIN_PASSED_IN_PYODIDE, counts


def test_script_mode_runs_the_engine_from_the_wheel(wheels: list[Path], tmp_path: Path) -> None:
    # The reusable mode the benchmark uses: any script, its arguments, and its exit code passed through.
    script = tmp_path / "neuron.py"
    script.write_text(
        textwrap.dedent(
            """
            import json, sys
            from micrograd_core import Value
            x1, x2, w1, w2, b = (Value(v) for v in (2.0, 3.0, 0.5, -0.5, 1.0))
            out = (w1 * x1 + w2 * x2 + b).relu()
            out.backward()
            grads = [v.grad for v in (x1, x2, w1, w2, b)]
            result = {"platform": sys.platform, "argv": sys.argv[1:], "out": out.data, "grads": grads}
            print(json.dumps(result))
            sys.exit(7)
            """
        ),
        encoding="utf-8",
    )
    done = run_in_pyodide(wheels[:1], ["--script", str(script), "--", "first", "--second"])
    assert done.returncode == 7, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "platform": "emscripten",
        "argv": ["first", "--second"],
        "out": 0.5,
        "grads": [0.5, -0.5, 2.0, 3.0, 1.0],
    }


def test_a_failing_test_inside_pyodide_fails_the_run(wheels: list[Path], tmp_path: Path) -> None:
    # Guards the harness itself: a red test in Pyodide must give a non-zero exit code, not a silent pass.
    (tmp_path / "test_red.py").write_text("def test_fails():\n    assert 1 + 1 == 3\n", encoding="utf-8")
    done = run_in_pyodide(wheels, ["--root", str(tmp_path), "--pytest", "test_red.py"])
    assert done.returncode == 1, done.stdout + done.stderr
    assert summary_counts(done.stdout) == {"failed": 1}
