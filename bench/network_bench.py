"""The network view's frame: one training step of MLP(2, [8, 8, 1]) on 100 moons + the 50×50 boundary.

    python bench/network_bench.py                 # CPython, then Pyodide (Node) when available
    python bench/network_bench.py --frames 20 --pyodide no

Each run is a fresh process (a fresh Pyodide for the Pyodide table). A frame is what Play does per
tick: ``Trainer.step()`` (forward + backward with ``Value``s over the training points, then the
update) and ``NetworkModel``'s publication of its result, whose main cost is the graph-free boundary
(``MLP.evaluate_layers`` on 100 points + 2,500 grid cells), plus metrics and a traced point. The
baseline, measured in the same process: the same 2,500 boundary scores by the ``Value`` forward.
Times are milliseconds: wall clock, and for the whole frame also the process's CPU time, which
a loaded machine inflates less (the target is judged on the wall clock).
"""

from __future__ import annotations

import argparse
import atexit
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
FRAME_TARGET_MS = 100.0  # median, inside Pyodide
WORST_FRAME_TARGET_MS = 250.0
BASELINE_FRAMES = 5  # the Value-forward boundary is slow: measured on a few frames only


# ----------------------------------------------------------------- the worker (one fresh process)


def worker(frames: int) -> dict[str, object]:
    """Play ``frames`` frames of the default network view and time each part."""
    from app.network.datasets import Point
    from app.network.model import NetworkModel
    from app.network.training import GRID_POINTS

    model = NetworkModel(dataset="moons", n=100, layers=[8, 8], selected=0)
    trainer = model._trainer
    cpu = _cpu_clock()
    steps, publishes, frames_ms, frames_cpu, boundary_fast, boundary_value = [], [], [], [], [], []
    for k in range(frames):
        c0, t0 = cpu(), time.perf_counter()
        trainer.step()
        t1 = time.perf_counter()
        model._publish()
        t2, c2 = time.perf_counter(), cpu()
        steps.append(1000 * (t1 - t0))
        publishes.append(1000 * (t2 - t1))
        frames_ms.append(1000 * (t2 - t0))
        frames_cpu.append(1000 * (c2 - c0))
        t3 = time.perf_counter()
        fast = trainer.evaluate(GRID_POINTS)[-1][0]
        boundary_fast.append(1000 * (time.perf_counter() - t3))
        if k < BASELINE_FRAMES:
            t4 = time.perf_counter()
            slow = [trainer.score(Point(x1, x2, 0)).data for x1, x2 in GRID_POINTS]
            boundary_value.append(1000 * (time.perf_counter() - t4))
            if slow != fast:
                raise AssertionError("the graph-free boundary differs from the Value forward")
    result = model.current
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "step_ms": steps,
        "publish_ms": publishes,
        "frame_ms": frames_ms,
        "frame_cpu_ms": frames_cpu,
        "boundary_graph_free_ms": boundary_fast,
        "boundary_value_ms": boundary_value,
        "train_accuracy": result.train.accuracy,
        "steps": result.steps,
    }


def _cpu_clock() -> Callable[[], float]:
    """CPU seconds of this process: on a loaded machine, the frame's own cost, without the waiting.
    Under Pyodide, time.process_time() is wall time, so ask Node (all of its threads) instead."""
    if sys.platform != "emscripten":
        return time.process_time
    import js  # Pyodide's bridge to JavaScript

    def node_cpu_seconds() -> float:
        usage = js.process.cpuUsage()  # microseconds
        return float(usage.user + usage.system) / 1e6

    return node_cpu_seconds


# ----------------------------------------------------------------- the driver


def run_cpython(frames: int) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--frames", str(frames)]
    env_path = {"PYTHONPATH": str(REPO_ROOT)}
    import os

    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, **env_path}
    )
    return _parse(done)


def run_pyodide(frames: int) -> dict[str, object]:
    sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests" / "pyodide")]
    from app_archive import app_archive

    from sitebuild import pyodide_harness

    scratch = Path(tempfile.mkdtemp(prefix="micrograd-network-bench-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    wheels = [
        pyodide_harness.build_engine_wheel(scratch),
        app_archive(scratch),
        *pyodide_harness.pure_wheels(["param"]),
    ]
    script = str(Path(__file__).resolve())
    done = pyodide_harness.run_in_pyodide(
        wheels, ["--script", script, "--", "--worker", "--frames", str(frames)]
    )
    return _parse(done)


def _parse(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"worker failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(lines[-1])
    return result


def report(title: str, r: dict[str, object]) -> bool:
    def series(key: str) -> list[float]:
        values = r[key]
        assert isinstance(values, list)
        return [float(v) for v in values]

    frame, step, publish = series("frame_ms"), series("step_ms"), series("publish_ms")
    frame_cpu = series("frame_cpu_ms")
    fast, slow = series("boundary_graph_free_ms"), series("boundary_value_ms")
    print(f"\n{title} (Python {r['python']}, {r['platform']}), {len(frame)} frames, ms")
    print("| part | median | max |\n|---|--:|--:|")
    for name, values in (
        ("frame = step + publish (wall clock)", frame),
        ("frame, CPU time of the process", frame_cpu),
        ("  training step (Value graph, backward, update)", step),
        ("  publish (boundary, metrics, trace, result)", publish),
        ("boundary 50×50 + 100 points, graph-free", fast),
        (f"boundary 50×50 by the Value forward (baseline, {len(slow)} frames)", slow),
    ):
        print(f"| {name} | {statistics.median(values):.1f} | {max(values):.1f} |")
    speedup = statistics.median(slow) / statistics.median(fast[: len(slow)])
    print(f"graph-free boundary: {speedup:.1f}× faster than the Value forward (same run, same bits)")
    print(f"after {r['steps']} steps: train accuracy {r['train_accuracy']}")
    share = statistics.median(step) / statistics.median(frame)
    print(f"the training step is {share:.0%} of a median frame")
    ok = statistics.median(frame) <= FRAME_TARGET_MS and max(frame) <= WORST_FRAME_TARGET_MS
    print(
        f"target median ≤ {FRAME_TARGET_MS:.0f} ms and max ≤ {WORST_FRAME_TARGET_MS:.0f} ms: "
        + ("met" if ok else "NOT met")
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--pyodide", choices=("no", "auto", "yes"), default="auto")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.frames)))
        return 0
    report("CPython", run_cpython(args.frames))
    if args.pyodide == "no":
        return 0
    if shutil.which("node") is None or not (REPO_ROOT / "node_modules" / "pyodide").is_dir():
        if args.pyodide == "yes":
            print("Pyodide is unavailable (needs node and `npm ci`)", file=sys.stderr)
            return 1
        print("\nPyodide: skipped (needs node and `npm ci`)")
        return 0
    report("Pyodide 0.29.3 in Node", run_pyodide(args.frames))
    return 0


if __name__ == "__main__":
    sys.exit(main())
