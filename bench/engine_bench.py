"""micrograd_core vs micrograd 0.1.0: the same workloads, side by side, in one run.

    python bench/engine_bench.py            # full run: CPython, then Pyodide (Node) when available
    python bench/engine_bench.py --quick    # smaller workloads, one repeat: a smoke run
    python bench/engine_bench.py --pyodide no|auto|yes

Every measurement is a fresh process (a fresh Pyodide for the Pyodide table) running one workload on
one engine; engines alternate, each measurement is repeated, the table shows medians. Time covers
building the graph, backward (and the SGD update for the MLP epoch) and dropping the graph. Peak
memory is tracemalloc's peak for the wide graph, in its own fresh process.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
ENGINES = ("micrograd", "ours")
ENGINE_LABELS = {"micrograd": "micrograd 0.1.0", "ours": "micrograd_core"}
SPEED_TARGET = 5.0  # ours at least 5× faster than micrograd on the wide graph and the MLP epoch
MEMORY_TARGET = 0.5  # ours at most half of micrograd's peak memory on the wide graph


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    workload: str
    size: int
    speed_target: bool = False


def cases(quick: bool) -> list[Case]:
    scale = 10 if quick else 1
    chains = (500, 5_000, 100_000) if quick else (500, 50_000, 1_000_000)
    return [
        Case("wide", f"wide graph, {100_000 // scale:,} ops", "wide", 100_000 // scale, speed_target=True),
        *(Case(f"chain{n}", f"chain of {n:,} ops", "chain", n) for n in chains),
        Case("mlp", "MLP(2,[16,16,1]) epoch, 100 moons", "mlp", 100, speed_target=True),
    ]


# ----------------------------------------------------------------- the worker (one fresh process)


def worker(engine_name: str, workload: str, size: int, memory: bool) -> dict[str, object]:
    """Run one workload once on one engine and describe the outcome as JSON-able data."""
    from workloads import WORKLOADS, load_engine

    engine = load_engine(engine_name)
    if memory:
        tracemalloc.start()
    run = WORKLOADS[workload](engine, size)
    cpu_time = _cpu_clock()
    start, wall_start = cpu_time(), time.perf_counter()
    try:
        check = run()
    except (RecursionError, MemoryError) as exc:
        return {"error": type(exc).__name__}
    seconds, wall = cpu_time() - start, time.perf_counter() - wall_start
    result: dict[str, object] = {"seconds": seconds, "wall_seconds": wall, "check": check}
    if memory:
        result["peak_bytes"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result


def _cpu_clock() -> Callable[[], float]:
    """CPU seconds of this process. Under Pyodide, time.process_time() is wall time, so ask Node instead."""
    if sys.platform != "emscripten":
        return time.process_time
    import js  # Pyodide's bridge to JavaScript

    def node_cpu_seconds() -> float:
        usage = js.process.cpuUsage()  # microseconds, all of Node's threads
        return float(usage.user + usage.system) / 1e6

    return node_cpu_seconds


# ----------------------------------------------------------------- the driver


@dataclass
class Cell:
    """Every repeat of one (engine, case) measurement."""

    seconds: list[float] = field(default_factory=list)
    peak_bytes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    checks: list[list[float]] = field(default_factory=list)

    @property
    def failed(self) -> str | None:
        return self.errors[0] if self.errors else None

    def median(self) -> float:
        return statistics.median(self.seconds)


class Runner:
    """Starts one fresh process per measurement: CPython, or Pyodide through the Node runner."""

    def __init__(self, pyodide: bool, python: str | None = None) -> None:
        self.pyodide = pyodide
        self.python = python or sys.executable
        self.env: dict[str, str] | None = None
        self.wheels: list[Path] = []
        if python:
            self.env = {**os.environ, "PYTHONPATH": str(_engines_path())}
        if pyodide:
            sys.path.insert(0, str(REPO_ROOT))
            from sitebuild import pyodide_harness

            self.harness = pyodide_harness
            build_dir = _scratch_dir("micrograd-bench-wheel-")
            self.wheels = [
                pyodide_harness.build_engine_wheel(build_dir),
                *pyodide_harness.pure_wheels(["micrograd"]),
            ]

    def measure(self, engine: str, case: Case, memory: bool) -> dict[str, object]:
        args = ["--worker", engine, case.workload, str(case.size), *(["--memory"] if memory else [])]
        if self.pyodide:
            script = str(Path(__file__).resolve())
            done = self.harness.run_in_pyodide(self.wheels, ["--script", script, "--", *args])
        else:
            command = [self.python, str(Path(__file__).resolve()), *args]
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=self.env)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return {"error": f"crashed (exit {done.returncode}): {' | '.join(tail)}"}
        result: dict[str, object] = json.loads(lines[-1])
        return result


def _scratch_dir(prefix: str) -> Path:
    """A fresh temporary directory, removed when the benchmark exits."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _engines_path() -> Path:
    """A directory holding just the two engines (links), to put on another interpreter's path."""
    import importlib.util

    shim = _scratch_dir("micrograd-bench-engines-")
    for name in ("micrograd", "micrograd_core"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{name} is not installed in {sys.executable}")
        (shim / name).symlink_to(next(iter(spec.submodule_search_locations)), target_is_directory=True)
    return shim


def collect(
    runner: Runner, all_cases: list[Case], repeats: int, memory_repeats: int
) -> dict[str, dict[str, Cell]]:
    """Measure every case on both engines, alternating which engine goes first on each repeat."""
    table = {case.key: {engine: Cell() for engine in ENGINES} for case in all_cases}
    plan = [(r, case, False) for r in range(repeats) for case in all_cases]
    plan += [(r, case, True) for r in range(memory_repeats) for case in all_cases if case.workload == "wide"]
    for step, (r, case, memory) in enumerate(plan, 1):
        order = ENGINES if r % 2 == 0 else ENGINES[::-1]
        for engine in order:
            cell = table[case.key][engine]
            if cell.failed and not memory:
                continue  # a RecursionError is deterministic: no need to repeat it
            outcome = runner.measure(engine, case, memory)
            what = "memory" if memory else "time"
            status = outcome.get("error") or f"{outcome['seconds']:.3f} s"
            print(
                f"  [{step}/{len(plan)}] {case.label:<34} {ENGINE_LABELS[engine]:<16} {what}: {status}",
                flush=True,
            )
            if "error" in outcome:
                cell.errors.append(str(outcome["error"]))
            elif memory:
                cell.peak_bytes.append(int(outcome["peak_bytes"]))  # type: ignore[call-overload]
            else:
                cell.seconds.append(float(outcome["seconds"]))  # type: ignore[arg-type]
                cell.checks.append(list(outcome["check"]))  # type: ignore[call-overload]
    return table


def same_results(a: list[list[float]], b: list[list[float]]) -> bool:
    """Both engines computed the same numbers (up to summation-order rounding)."""
    if not a or not b:
        return True
    return all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(a[0], b[0], strict=True))


def report(title: str, all_cases: list[Case], table: dict[str, dict[str, Cell]], repeats: int) -> bool:
    """Print the table; return whether every target was met and both engines agreed everywhere."""
    print(f"\n## {title}\n")
    print(
        f"CPU seconds of the measured process, median of {repeats} fresh-process runs (min–max);\n"
        "the ratio is the median of the per-repeat ratios (a repeat runs the two engines back to back).\n"
    )
    widths = (38, 24, 24, 20)
    row = "| " + " | ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths)) + " |"
    print(row.format("workload", ENGINE_LABELS["micrograd"], ENGINE_LABELS["ours"], "micrograd / ours"))
    print("|" + "|".join(("-" * (w + 1) + ":") if i else "-" * (w + 2) for i, w in enumerate(widths)) + "|")
    ok = True
    verdicts = []
    for case in all_cases:
        theirs, ours = table[case.key]["micrograd"], table[case.key]["ours"]
        ratio = "—"
        if ours.failed:
            ok = False
            verdicts.append(f"{case.label}: micrograd_core failed: {ours.failed} ✗")
        elif theirs.failed:
            ratio = "ours only"
        else:
            speedups = [t / o for t, o in zip(theirs.seconds, ours.seconds, strict=False) if o > 0]
            speedup = statistics.median(speedups)
            ratio = (
                f"{speedup:.1f}×"
                if len(speedups) == 1
                else f"{speedup:.1f}× ({min(speedups):.1f}–{max(speedups):.1f})"
            )
            if case.speed_target:
                met = speedup >= SPEED_TARGET
                ok &= met
                verdicts.append(
                    f"{case.label}: {speedup:.1f}× faster (target ≥ {SPEED_TARGET:g}×) {_mark(met)}"
                )
            if not same_results(theirs.checks, ours.checks):
                ok = False
                verdicts.append(f"{case.label}: RESULTS DIFFER {theirs.checks[0]} vs {ours.checks[0]} ✗")
        print(row.format(case.label, _time_cell(theirs), _time_cell(ours), ratio))
    wide = next(case for case in all_cases if case.workload == "wide")
    theirs, ours = table[wide.key]["micrograd"], table[wide.key]["ours"]
    if theirs.peak_bytes and ours.peak_bytes:
        t, o = statistics.median(theirs.peak_bytes), statistics.median(ours.peak_bytes)
        print(row.format(f"peak memory, {wide.label}", _mb(t), _mb(o), f"{t / o:.1f}×"))
        met = o / t <= MEMORY_TARGET
        ok &= met
        verdicts.append(
            f"peak memory, {wide.label}: ours is {o / t:.2f} of micrograd's"
            f" (target ≤ {MEMORY_TARGET}) {_mark(met)}"
        )
    else:
        ok = False
        verdicts.append(f"peak memory: not measured ({theirs.failed or ours.failed}) ✗")
    agreed = all(
        same_results(table[c.key]["micrograd"].checks, table[c.key]["ours"].checks) for c in all_cases
    )
    verdicts.append(f"both engines computed the same numbers wherever both finished: {_mark(agreed)}")
    print()
    for verdict in verdicts:
        print(f"- {verdict}")
    return ok


def _time_cell(cell: Cell) -> str:
    if cell.failed:
        return cell.failed if len(cell.failed) <= 24 else cell.failed[:21] + "..."
    if len(cell.seconds) == 1:
        return f"{cell.seconds[0]:.3f} s"
    return f"{cell.median():.3f} s ({min(cell.seconds):.2f}–{max(cell.seconds):.2f})"


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _mark(ok: bool) -> str:
    return "✓ met" if ok else "✗ MISSED"


def environment(pyodide: bool, python: str | None = None) -> str:
    from importlib.metadata import version

    where = (
        "Pyodide 0.29.3 (Python 3.13, WebAssembly) under Node "
        if pyodide
        else f"CPython {_python_version(python)}"
    )
    node = ""
    if pyodide:
        node = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return (
        f"{where}{node} on {platform.machine()}, {os.cpu_count()} cores; micrograd {version('micrograd')}, "
        f"micrograd_core {version('micrograd-web')}"
    )


def _python_version(python: str | None) -> str:
    if python is None:
        return platform.python_version()
    command = [python, "-c", "import platform; print(platform.python_version())"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip() + f" ({python})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, 1 repeat: a smoke run")
    parser.add_argument(
        "--repeats", type=int, help="fresh-process runs per measurement (default 5; quick: 1)"
    )
    parser.add_argument(
        "--pyodide",
        choices=("auto", "yes", "no"),
        default="auto",
        help="also run inside Pyodide (Node): auto = when node and node_modules/pyodide exist",
    )
    parser.add_argument(
        "--pyodide-repeats", type=int, help="runs per measurement in Pyodide (default 3; quick: 1)"
    )
    parser.add_argument(
        "--python",
        metavar="EXE",
        help="another CPython for the CPython table (e.g. a 3.13); both engines are put on its path",
    )
    parser.add_argument("--worker", nargs=3, metavar=("ENGINE", "WORKLOAD", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        engine, workload, size = args.worker
        print(json.dumps(worker(engine, workload, int(size), args.memory)))
        return 0

    repeats = args.repeats or (1 if args.quick else 5)
    all_cases = cases(args.quick)
    print("# micrograd_core vs micrograd 0.1.0\n")
    print(
        "Timings are noisy: this machine may have few cores and run other work at the same time.\n"
        "Each number is measured in a fresh process, the two engines alternate, and the table shows\n"
        "medians of CPU time (less sensitive than wall time to other processes competing for the cores).\n"
        "micrograd's RecursionError on deep chains is reported as such (its recursion limit is left alone)."
    )
    print(f"\nEnvironment: {environment(False, args.python)}")
    table = collect(
        Runner(pyodide=False, python=args.python), all_cases, repeats, memory_repeats=min(repeats, 3)
    )
    ok = report("CPython", all_cases, table, repeats)

    reason = _pyodide_unavailable()
    if args.pyodide == "yes" and reason:
        print(f"\nPyodide run requested but impossible: {reason}")
        return 1
    if args.pyodide != "no" and reason is None:
        py_repeats = args.pyodide_repeats or (1 if args.quick else 3)
        print(f"\nEnvironment: {environment(True)}")
        table = collect(Runner(pyodide=True), all_cases, py_repeats, memory_repeats=1)
        report("Pyodide (WebAssembly, Node)", all_cases, table, py_repeats)
    elif args.pyodide != "no":
        print(f"\nPyodide table skipped: {reason}")
    print(f"\nAll CPython targets met: {_mark(ok)}")
    return 0 if ok else 1


def _pyodide_unavailable() -> str | None:
    sys.path.insert(0, str(REPO_ROOT))
    try:
        from sitebuild import pyodide_harness
    except ImportError as exc:  # packaging missing: the test extras are not installed
        return f"cannot import the Pyodide harness ({exc})"
    return pyodide_harness.unavailable_reason()


if __name__ == "__main__":
    sys.exit(main())
