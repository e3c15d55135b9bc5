"""``NetworkModel``: the network view's whole state, testable without a browser.

Every change publishes one immutable ``NetworkResult`` in ``model.result``; views watch that
parameter and nothing else. Changing the data set, its size, noise or the seed makes new data and a
new network; the architecture re-initialises the network; loss, L2 and batch size keep the weights
and recompute the gradients; the learning rate only affects the next step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import param

from ..common.notices import Notice
from .datasets import DATASETS, DOMAIN, N_BOUNDS, NOISE_BOUNDS, Point, clamp_to_domain, make_dataset
from .query import BATCH_BOUNDS, L2_BOUNDS, LR_BOUNDS, QUERY_KEYS, SEED_BOUNDS, parse_query, to_query
from .training import (
    ACTIVATIONS,
    GRID_POINTS,
    LOSSES,
    Config,
    Diverged,
    Metrics,
    PointTrace,
    Trainer,
    dead_units,
    metrics,
)

MAX_HISTORY = 1000
MAX_PLAY_STEPS = 5000


@dataclass(frozen=True)
class HistoryEntry:
    """Train and test loss (mean, without L2) and accuracy after ``step`` steps."""

    step: int
    train: Metrics
    test: Metrics


@dataclass(frozen=True)
class NetworkResult:
    """Everything the views draw, computed once per change."""

    config: Config
    points: tuple[Point, ...]
    scores: tuple[float, ...]  # the network's output (logit) at each point
    steps: int
    objective: float  # the loss being minimised: mean batch loss + L2·Σw²
    train: Metrics
    test: Metrics
    history: tuple[HistoryEntry, ...]
    weights: tuple[tuple[tuple[float, ...], ...], ...]  # [layer][neuron] = (w1, …, b)
    grads: tuple[tuple[tuple[float, ...], ...], ...]  # ∂objective/∂ of the same
    boundary: tuple[float, ...]  # score at each GRID_POINTS cell (row-major, x1 fastest)
    unit_grids: tuple[tuple[tuple[float, ...], ...], ...]  # [hidden layer][neuron] = output per cell
    dead: tuple[tuple[int, int], ...]  # (layer, neuron) of dead ReLU units
    trace: PointTrace | None
    selected_unit: tuple[int, int] | None


class NetworkModel(param.Parameterized):
    """A small MLP learning two-class 2-D data with Step / Play / Reset, its data editable by clicks."""

    dataset: param.Selector[str] = param.Selector(
        default="moons", objects=list(DATASETS), doc="which data set"
    )
    n = param.Integer(100, bounds=N_BOUNDS, doc="number of points (a fifth held out for testing)")
    noise = param.Number(0.1, bounds=NOISE_BOUNDS, step=0.01, doc="standard deviation of the jitter")
    layers = param.List(default=[8, 8], item_type=int, doc="neurons of each hidden layer (0–3 layers, 1–8)")
    activation: param.Selector[str] = param.Selector(
        default="relu", objects=list(ACTIVATIONS), doc="hidden units' activation"
    )
    loss: param.Selector[str] = param.Selector(
        default="svm", objects=list(LOSSES), doc="max-margin (svm) or cross-entropy"
    )
    lr = param.Number(0.1, bounds=LR_BOUNDS, step=0.01, doc="learning rate η")
    l2 = param.Number(1e-4, bounds=L2_BOUNDS, step=1e-4, doc="L2 strength α: the loss adds α·Σw²")
    batch = param.Integer(0, bounds=BATCH_BOUNDS, doc="points per step; 0 = every training point")
    seed = param.Integer(1, bounds=SEED_BOUNDS, doc="seed of the data, the initial weights, the batches")
    add_label: param.Selector[int] = param.Selector(
        default=1, objects=[0, 1], doc="class of a point added by a click"
    )

    selected = param.Parameter(default=None, doc="index of the traced point, or None")
    selected_unit = param.Parameter(default=None, doc="(layer, neuron) of the hidden unit shown, or None")
    playing = param.Boolean(default=False, doc="whether Play is running")
    notices = param.Parameter(default=(), doc="Notice objects currently shown")
    result = param.ClassSelector(class_=NetworkResult, doc="what the engine computed for the current state")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self._points = make_dataset(self.dataset, self.n, self.noise, self.seed)
        self._history: tuple[HistoryEntry, ...] = ()
        self._play_steps = 0
        self._url_notices: tuple[Notice, ...] = ()
        self._train_notices: tuple[Notice, ...] = ()
        self._trainer = self._new_trainer()
        self._publish()

    # ----------------------------------------------------------------- what a change does
    @param.depends("dataset", "n", "noise", "seed", watch=True)
    def _new_data(self) -> None:
        self._points = make_dataset(self.dataset, self.n, self.noise, self.seed)
        with param.parameterized.discard_events(self):
            self.selected = None
        self.reset()

    @param.depends("layers", "activation", watch=True)
    def _new_architecture(self) -> None:
        with param.parameterized.discard_events(self):
            self.selected_unit = None
        self.reset()

    @param.depends("loss", "l2", "batch", watch=True)
    def _new_objective(self) -> None:
        self._trainer.config = self.config
        self._recompute()

    @param.depends("selected", "selected_unit", watch=True)
    def _new_selection(self) -> None:
        self._publish()

    @property
    def config(self) -> Config:
        return Config(
            hidden=tuple(self.layers),
            activation=self.activation,
            loss=self.loss,
            lr=float(self.lr),
            l2=float(self.l2),
            batch=int(self.batch),
            seed=int(self.seed),
        )

    @property
    def points(self) -> tuple[Point, ...]:
        return self._points

    def _new_trainer(self) -> Trainer:
        return Trainer(self.config, self._points)

    def _recompute(self) -> None:
        """New gradients at the current weights (after a change of data or objective), then publish."""
        self._trainer.points = self._points
        self._trainer.compute_gradients()
        self._publish()

    # ----------------------------------------------------------------- training
    def step(self) -> bool:
        """One gradient-descent step; False (and a notice, and Play stopped) when it was refused."""
        self._trainer.config = self.config  # the learning rate may have changed
        try:
            self._trainer.step()
        except Diverged as exc:
            self.playing = False
            self._set_notices("train", (Notice(exc.key, exc.values),))
            self._publish()
            return False
        self._set_notices("train", ())
        self._publish()
        return True

    def play(self) -> None:
        self._play_steps = 0
        self.playing = True

    def pause(self) -> None:
        self.playing = False

    def play_tick(self) -> None:
        """One animation frame of Play."""
        if not self.playing:
            return
        self._play_steps += 1
        if self.step() and self._play_steps >= MAX_PLAY_STEPS:
            self.playing = False
            self._set_notices("train", (Notice("net_max_steps", {"steps": MAX_PLAY_STEPS}),))

    def reset(self) -> None:
        """New initial weights from the seed; the data (with your own points) is kept."""
        self.playing = False
        self._trainer = self._new_trainer()
        self._history = ()
        self._set_notices("train", ())
        self._publish()

    # ----------------------------------------------------------------- editing the data
    def add_point(self, x1: float, x2: float, label: int | None = None) -> None:
        """Add a training point of class ``label`` (default ``add_label``) at (x1, x2), kept in the plot."""
        cls = self.add_label if label is None else label
        if cls not in (0, 1):
            raise ValueError(f"a point's class must be 0 or 1, got {cls!r}")
        point = Point(clamp_to_domain(float(x1)), clamp_to_domain(float(x2)), int(cls))
        self._points = (*self._points, point)
        self._recompute()

    def remove_point(self, index: int) -> None:
        """Remove point ``index`` (ignored when there is no such point)."""
        if not 0 <= index < len(self._points):
            return
        self._points = self._points[:index] + self._points[index + 1 :]
        selected = self.selected
        if selected == index:
            selected = None
        elif selected is not None and selected > index:
            selected -= 1
        with param.parameterized.discard_events(self):
            self.selected = selected
        self._recompute()

    def nearest_point(self, x1: float, x2: float, radius: float) -> int | None:
        """Index of the point nearest to (x1, x2) within ``radius``, or None."""
        best, best_d2 = None, radius * radius
        for i, p in enumerate(self._points):
            d2 = (p.x1 - x1) ** 2 + (p.x2 - x2) ** 2
            if d2 <= best_d2:
                best, best_d2 = i, d2
        return best

    # ----------------------------------------------------------------- the result
    def _publish(self) -> None:
        trainer = self._trainer
        points = self._points
        xy = [(p.x1, p.x2) for p in points]
        layers = trainer.evaluate([*xy, *GRID_POINTS])
        cut = len(points)
        scores = tuple(layers[-1][0][:cut])
        train = [p for p in points if not p.test]
        train_metrics = metrics(
            train, [s for p, s in zip(points, scores, strict=True) if not p.test], self.loss
        )
        test = [p for p in points if p.test]
        test_metrics = metrics(test, [s for p, s in zip(points, scores, strict=True) if p.test], self.loss)
        if not self._history or self._history[-1].step != trainer.steps:
            self._history = (*self._history, HistoryEntry(trainer.steps, train_metrics, test_metrics))[
                -MAX_HISTORY:
            ]
        else:  # same step, changed data or objective: the last entry is replaced
            self._history = (*self._history[:-1], HistoryEntry(trainer.steps, train_metrics, test_metrics))
        hidden = layers[:-1]
        train_mask = [not p.test for p in points]
        hidden_on_train = [
            [[v for v, keep in zip(col[:cut], train_mask, strict=True) if keep] for col in layer]
            for layer in hidden
        ]
        selected = self.selected if self.selected is not None and 0 <= self.selected < cut else None
        unit = self.selected_unit
        if unit is not None and not (0 <= unit[0] < len(hidden) and 0 <= unit[1] < len(hidden[unit[0]])):
            unit = None
        self.result = NetworkResult(
            config=self.config,
            points=points,
            scores=scores,
            steps=trainer.steps,
            objective=trainer.objective,
            train=train_metrics,
            test=test_metrics,
            history=self._history,
            weights=trainer.weights(),
            grads=trainer.grads_by_neuron(),
            boundary=tuple(layers[-1][0][cut:]),
            unit_grids=tuple(tuple(tuple(col[cut:]) for col in layer) for layer in hidden),
            dead=dead_units(self.config, hidden_on_train),
            trace=trainer.trace(selected) if selected is not None else None,
            selected_unit=unit,
        )

    @property
    def current(self) -> NetworkResult:
        if self.result is None:
            raise RuntimeError("NetworkModel.result read before the first computation")
        return self.result

    # ----------------------------------------------------------------- the URL
    def apply_query(self, query: Mapping[str, str]) -> None:
        """Set what the query names (dataset, n, noise, layers, act, loss, lr, l2, batch, seed).

        Never raises: unknown keys are left to the page, bad values are ignored and out-of-range
        ones clamped, each with a notice.
        """
        state = parse_query(query)
        with param.parameterized.batch_call_watchers(self):
            self.param.update(**state.values)
        self._set_notices("url", state.notices)

    def query_items(self) -> dict[str, str]:
        """The query items that reproduce this run (the data you added by clicking is not included)."""
        return to_query({key: getattr(self, name) for key, name in QUERY_KEYS.items()})

    def _set_notices(self, source: str, notices: tuple[Notice, ...]) -> None:
        """Replace the notices of ``source`` ("url": reading the address, "train": Step/Play)."""
        if source == "url":
            self._url_notices = notices
        else:
            self._train_notices = notices
        new = self._url_notices + self._train_notices
        if new != self.notices:
            self.notices = new


__all__ = ["DOMAIN", "HistoryEntry", "NetworkModel", "NetworkResult"]
