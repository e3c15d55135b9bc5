"""Python cost of one slider move in the dashboard (CPython), against a 5 ms budget.

A move is what the browser triggers: the w1 slider widget's value changes, the model recomputes the
neuron with micrograd_core (forward, backward, gradient check, loss) and every view rewrites its
ColumnDataSources / HTML. The views are attached to a Bokeh Document, as in a served page, so the
cost of Bokeh's change events is included. Timed with the process's CPU clock (what the update
costs in Python, even while other processes load the machine); the wall-clock median is printed too.
Printed: median and 90th percentile over many moves, the engine-only part measured in the same run
(the baseline), their ratio, and each view's own update.

    .venv/bin/python bench/app_update_bench.py [--moves 2000]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable

import panel as pn
from bokeh.document import Document

from app.common.notices_view import NoticesView
from app.neuron.maths import compute
from app.neuron.model import NeuronModel
from app.neuron.views.activation import ActivationView
from app.neuron.views.controls import ControlsView
from app.neuron.views.explanation import ExplanationView
from app.neuron.views.gradcheck import GradCheckView
from app.neuron.views.gradients import GradientsView
from app.neuron.views.graph import GraphView
from app.neuron.views.learning import LearningView
from app.neuron.views.output import OutputView

BUDGET_MS = 5.0


def slider_positions(n: int) -> list[float]:
    """w1 values a user could reach with the keyboard: 0.01 steps back and forth across [-2, 2]."""
    cycle = [round(-2.0 + 0.01 * i, 2) for i in range(401)]
    cycle += cycle[-2:0:-1]
    return [cycle[i % len(cycle)] for i in range(n)]


def timed(action: Callable[[float], object], values: list[float], clock: Callable[[], float]) -> list[float]:
    """Milliseconds of ``clock`` per call of ``action(value)`` (the garbage collector stays on)."""
    samples = []
    gc.collect()
    for v in values:
        t0 = clock()
        action(v)
        samples.append((clock() - t0) * 1e3)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.9 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=2000, help="slider moves to time (default 2000)")
    args = parser.parse_args()

    model = NeuronModel()
    controls = ControlsView(model)
    views = [
        NoticesView(model, model.page),
        OutputView(model),
        GradientsView(model),
        ActivationView(model),
        GraphView(model),
        LearningView(model),
        GradCheckView(model),
        ExplanationView(model),
    ]
    page = pn.Column(controls, *views)
    doc = Document()
    page.get_root(doc)  # attach every model to a document: changes now produce Bokeh events

    slider = controls.sliders["w1"]
    values = slider_positions(args.moves)
    warm = slider_positions(200)
    cpu = time.process_time  # CPU time of this process: what the update costs, even on a busy machine
    timed(lambda v: setattr(slider, "value", v), warm, cpu)

    full = timed(lambda v: setattr(slider, "value", v), values, cpu)
    wall = timed(lambda v: setattr(slider, "value", v), values, time.perf_counter)
    state = {n: getattr(model, n) for n in ("x1", "x2", "w1", "w2", "b")}
    engine = timed(lambda v: compute({**state, "w1": v}, model.activation, model.target), values, cpu)

    full_med, full_p90 = summary(full)
    eng_med, eng_p90 = summary(engine)
    print(f"Python {sys.version.split()[0]}, panel {pn.__version__}; {args.moves} moves of the w1 slider")
    print(
        f"  engine only (forward, backward, grad check, loss): median {eng_med:.3f} ms, p90 {eng_p90:.3f} ms"
    )
    print(
        f"  full update (widget → model → views, in a doc): median {full_med:.3f} ms, p90 {full_p90:.3f} ms"
    )
    print(
        f"  full / engine: {full_med / eng_med:.1f}×   (wall-clock median of the full update: "
        f"{summary(wall)[0]:.3f} ms, depends on the machine's load)"
    )
    results = [compute({**state, "w1": v}, model.activation, model.target) for v in values[:500]]
    n = len(results)
    for view in views:
        if hasattr(view, "update"):
            per_view = timed(
                lambda i, view=view: view.update(results[int(i)]), [float(i) for i in range(n)], cpu
            )
            print(f"    {type(view).__name__:<16} update: median {summary(per_view)[0]:.3f} ms")
    verdict = "within" if full_med < BUDGET_MS else "OVER"
    share = full_med / BUDGET_MS
    print(f"  budget {BUDGET_MS:.1f} ms per update: the median is {verdict} budget ({share:.0%} of it)")


if __name__ == "__main__":
    main()
