"""Python cost of one keystroke in the expression lab, for a 60-node expression (target: < 50 ms).

A keystroke re-parses the text and recomputes the lab's result (``app.lab.compute``: evaluate the
graph, backward(), the engine's step-by-step record, the gradient check by centred differences, the
Python script). Printed, as medians over many keystrokes, in the same run:

- baseline: the same graph written by hand with ``Value`` and back-propagated once;
- parse: ``micrograd_core.parse`` alone;
- result: parse + ``compute`` (what every keystroke costs in the engine and the lab's maths);
- page (CPython only): the keystroke through the lab's widgets, model and every view update, with
  the views attached to a Bokeh Document as in a served page.

CPython in this process; Pyodide (Node, offline, through sitebuild.pyodide_harness) when available.
The CPU clock is used (what the work costs even while other processes load the machine).

    .venv/bin/python bench/lab_bench.py [--keystrokes 300] [--pyodide auto|yes|no]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.lab.compute import compute  # noqa: E402
from micrograd_core import Value, parse, trace  # noqa: E402

TARGET_MS = 50.0
SIXTY = (
    "tanh(a*x + b*y + c)*u + tanh(d*x + e*y + f)*v + sigmoid(a*y - d*x)*w + log(1 + exp(b*c))"
    " + (x - y)**2 + relu(u*v - w) + exp(-(a*a + d*d)/2)*(e - f) + (x/u).tanh() + (a - b)*c"
)
VALUES = {"a": 0.7, "x": -1.2, "b": 0.4, "y": 0.9, "c": -0.3, "u": 1.5, "d": -0.8, "e": 0.2, "f": 1.1,
          "v": -0.6, "w": 0.5}  # fmt: skip
LAB_FILES = (
    "app/__init__.py",
    "app/lab/__init__.py",
    "app/lab/compute.py",
    "app/lab/bugs.py",
    "app/lab/script.py",
)


def by_hand(a: Value, x: Value, b: Value, y: Value, c: Value, u: Value, d: Value, e: Value, f: Value,
            v: Value, w: Value) -> Value:  # fmt: skip
    """SIXTY written directly with Value: the baseline."""
    return (
        (a * x + b * y + c).tanh() * u
        + (d * x + e * y + f).tanh() * v
        + (a * y - d * x).sigmoid() * w
        + (1 + (b * c).exp()).log()
        + (x - y) ** 2
        + (u * v - w).relu()
        + (-(a * a + d * d) / 2).exp() * (e - f)
        + (x / u).tanh()
        + (a - b) * c
    )


def texts(n: int) -> list[str]:
    """What typing produces: the text with and without a trailing space, so each one is re-parsed."""
    return [SIXTY + " " * (i % 2) for i in range(n)]


def median_ms(action: Callable[[str], object], inputs: list[str]) -> float:
    samples = []
    for item in inputs:
        t0 = time.process_time()
        action(item)
        samples.append((time.process_time() - t0) * 1e3)
    return statistics.median(samples)


def baseline(_text: str) -> None:
    leaves = [Value(VALUES[n], label=n) for n in ("a", "x", "b", "y", "c", "u", "d", "e", "f", "v", "w")]
    by_hand(*leaves).backward()


def engine_measurements(keystrokes: int) -> dict[str, float]:
    """Median ms of the baseline, the parse and the result (parse + compute); runs anywhere."""
    expression = parse(SIXTY)
    built = expression.evaluate(VALUES)
    hand = by_hand(*(Value(VALUES[n]) for n in ("a", "x", "b", "y", "c", "u", "d", "e", "f", "v", "w")))
    if built.root.data != hand.data:
        raise SystemExit(
            f"the parsed expression ({built.root.data!r}) and the one by hand ({hand.data!r}) differ"
        )
    inputs = texts(keystrokes)
    for _ in range(20):  # warm up
        compute(parse(SIXTY), VALUES)
    return {
        "nodes": float(len(trace(built.root).nodes)),
        "baseline": median_ms(baseline, inputs),
        "parse": median_ms(parse, inputs),
        "result": median_ms(lambda text: compute(parse(text), VALUES), inputs),
    }


def page_measurement(keystrokes: int) -> float:
    """Median ms of a keystroke in the lab's text box, its views attached to a Bokeh Document."""
    from bokeh.document import Document

    from app.lab.page import make
    from app.page import PageState

    view = make(PageState())
    view.expression.box.value_input = SIXTY
    for name, value in VALUES.items():
        view.state.set_value(name, value)
    document = Document()
    document.add_root(view.__panel__().get_root(document))

    def type_text(text: str) -> None:
        view.expression.box.value_input = text

    return median_ms(type_text, texts(keystrokes))


def pyodide_measurements(keystrokes: int) -> dict[str, float] | str:
    """The engine measurements inside Pyodide (Node), or why they could not run."""
    from sitebuild import pyodide_harness

    reason = pyodide_harness.unavailable_reason()
    if reason:
        return reason
    with tempfile.TemporaryDirectory(prefix="lab-bench-") as tmp:
        folder = Path(tmp)
        engine = pyodide_harness.build_engine_wheel(folder / "engine")
        lab = folder / "lab" / "micrograd_web_lab-0-py3-none-any.whl"  # the lab's maths, unzipped as is
        lab.parent.mkdir()
        with zipfile.ZipFile(lab, "w") as archive:
            for name in LAB_FILES:
                archive.write(ROOT / name, name)
        script = folder / "script" / "lab_bench.py"
        script.parent.mkdir()
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        done = pyodide_harness.run_in_pyodide(
            [engine, lab], ["--script", str(script), "--", "--inner", "--keystrokes", str(keystrokes)]
        )
    if done.returncode != 0:
        return f"the Pyodide run failed:\n{done.stderr[-2000:]}"
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(where: str, numbers: dict[str, float], page: float | None) -> None:
    base = numbers["baseline"]
    print(f"\n{where}: {int(numbers['nodes'])}-node expression, median of each keystroke (CPU ms)")
    print(f"  baseline: the same graph by hand with Value + backward()   {base:8.3f} ms   1.0×")
    print(f"  parse only                                                 {numbers['parse']:8.3f} ms "
          f"{numbers['parse'] / base:5.1f}×")  # fmt: skip
    result = numbers["result"]
    verdict = "meets" if result < TARGET_MS else "MISSES"
    print(f"  parse + result (graph, backward, steps, check, script)     {result:8.3f} ms "
          f"{result / base:5.1f}×   {verdict} the {TARGET_MS:g} ms target")  # fmt: skip
    if page is not None:
        verdict = "meets" if page < TARGET_MS else "MISSES"
        print(f"  keystroke through the page (model + every view)          {page:8.3f} ms "
              f"{page / base:5.1f}×   {verdict} the {TARGET_MS:g} ms target")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=300, help="keystrokes to time (default 300)")
    parser.add_argument("--pyodide", choices=("auto", "yes", "no"), default="auto")
    parser.add_argument("--inner", action="store_true", help="print the engine numbers as JSON (for Pyodide)")
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(engine_measurements(args.keystrokes)))
        return
    print(f"CPython {sys.version.split()[0]}; times are CPU time, a shared machine inflates wall time only")
    report("CPython", engine_measurements(args.keystrokes), page_measurement(args.keystrokes))
    if args.pyodide == "no":
        return
    measured = pyodide_measurements(max(30, args.keystrokes // 5))
    if isinstance(measured, str):
        if args.pyodide == "yes":
            raise SystemExit(measured)
        print(f"\nPyodide: not measured ({measured})")
    else:
        report("Pyodide 0.29.3 (Node)", measured, None)


if __name__ == "__main__":
    main()
