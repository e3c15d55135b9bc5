"""Under ``python -O`` (assert statements stripped) the engine still rejects every bad input.

A fresh optimised interpreter evaluates the cases of engine_error_cases.py and reports what each
raised as JSON; the checks run here, in the normal interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_error_cases import ERROR_CASES, EXTREME_INPUTS, problems_with_error, problems_with_squash

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="Pyodide cannot start a subprocess (and has no -O switch)"
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

CHILD = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from engine_error_cases import ERROR_CASES, EXTREME_INPUTS, raised_by, squash_results
print(json.dumps({
    "optimize": sys.flags.optimize,
    "debug": __debug__,
    "raised": {case.id: raised_by(case.expression) for case in ERROR_CASES},
    "squash": {repr(x): squash_results(x) for x in EXTREME_INPUTS},
}))
"""


@pytest.fixture(scope="module")
def optimized_report() -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-O", "-c", CHILD, str(HERE), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_child_really_ran_without_asserts(optimized_report: dict[str, object]) -> None:
    assert optimized_report["optimize"] == 1
    assert optimized_report["debug"] is False


def test_bad_inputs_are_rejected_under_python_O(optimized_report: dict[str, object]) -> None:
    raised = optimized_report["raised"]
    assert isinstance(raised, dict)
    problems = [p for case in ERROR_CASES for p in problems_with_error(case, raised[case.id])]
    assert problems == []


def test_sigmoid_and_tanh_do_not_overflow_under_python_O(optimized_report: dict[str, object]) -> None:
    squash = optimized_report["squash"]
    assert isinstance(squash, dict)
    problems = [p for x in EXTREME_INPUTS for p in problems_with_squash(x, squash[repr(x)])]
    assert problems == []
