"""``NeuronModel``: the dashboard's whole state, testable without a browser.

Every change of an input recomputes the neuron once (``app.neuron.compute``) and publishes one
immutable ``NeuronResult`` in ``model.result``; views watch that parameter and nothing else.
Learning (Step / Play) is gradient descent on (ŷ − y*)² that moves w1, w2, b and stops on
divergence, convergence, a dead gradient or a slider limit, each with a notice.
"""

from __future__ import annotations

import math

import param

from .i18n import LANGUAGES
from .neuron import ACTIVATIONS, INPUT_NAMES, LEARNED, NeuronResult, compute, loss_at
from .notices import Notice
from .url_state import LR_BOUNDS, SLIDER_BOUNDS, QueryState, parse_query, to_query

SEED: dict[str, float | str] = {
    "x1": 2.0,
    "x2": 3.0,
    "w1": 0.5,
    "w2": -0.5,
    "b": 1.0,
    "activation": "relu",
    "target": 1.0,
    "lr": 0.05,
}
CONVERGED_LOSS = 1e-12
EXPLODED_LOSS = 1e12
MAX_PLAY_STEPS = 1000
MAX_HISTORY = 2000

STEP_APPLIED = "applied"
STEP_STOPPED = "stopped"  # nothing was changed (divergence, dead gradient, converged, limit)


def _slider(default: float, doc: str) -> param.Number:
    return param.Number(default, bounds=SLIDER_BOUNDS, step=0.01, doc=doc)


class NeuronModel(param.Parameterized):
    """ŷ = f(w1·x1 + w2·x2 + b), its gradients, and a gradient-descent loop on (ŷ − y*)²."""

    x1 = _slider(2.0, "first input")
    x2 = _slider(3.0, "second input")
    w1 = _slider(0.5, "first weight")
    w2 = _slider(-0.5, "second weight")
    b = _slider(1.0, "bias")
    activation = param.Selector(default="relu", objects=list(ACTIVATIONS), doc="activation f")
    target = _slider(1.0, "target y* of the loss (ŷ − y*)²")
    lr = param.Number(0.05, bounds=LR_BOUNDS, step=0.001, doc="learning rate of Step / Play")
    language = param.Selector(default="en", objects=list(LANGUAGES), doc="language of every label")

    result = param.ClassSelector(class_=NeuronResult, doc="what the engine computed for the current state")
    notices = param.Parameter(default=(), doc="Notice objects currently shown")
    history = param.Parameter(default=(), doc="loss before the first step and after each step since")
    playing = param.Boolean(default=False, doc="whether Play is running")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)
        self._stepping = False
        self._play_steps = 0
        self._recompute()

    # ----------------------------------------------------------------- recomputation
    @param.depends("x1", "x2", "w1", "w2", "b", "activation", "target", watch=True)
    def _recompute(self) -> None:
        """The one place where the maths runs: build, backward, publish."""
        result = compute(self.values, self.activation, float(self.target))
        if self._stepping:
            self.param.update(result=result)
        else:  # a hand-made change starts a new descent
            self.param.update(result=result, history=(result.loss,))

    @property
    def current(self) -> NeuronResult:
        """``result``, never None (it is computed in ``__init__``)."""
        if self.result is None:
            raise RuntimeError("NeuronModel.result read before the first recomputation")
        return self.result

    @property
    def values(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in INPUT_NAMES}

    # ----------------------------------------------------------------- learning
    def step(self) -> str:
        """One gradient-descent update w ← w − lr·∂L/∂w of w1, w2, b; returns STEP_APPLIED or STEP_STOPPED."""
        res = self.current
        lr = float(self.lr)
        current = res.loss
        if current <= CONVERGED_LOSS:
            return self._stop(Notice("learn_converged", {"loss": current}))
        if all(res.loss_grads[n] == 0.0 for n in LEARNED):
            return self._stop(Notice("learn_zero_gradient", {"loss": current}))

        raw = {n: getattr(self, n) - lr * res.loss_grads[n] for n in LEARNED}
        if not all(math.isfinite(v) for v in raw.values()):
            return self._stop(Notice("learn_diverged_nonfinite", {"lr": lr}))
        trial = {**self.values, **raw}
        raw_loss = loss_at(trial, self.activation, float(self.target))
        if not math.isfinite(raw_loss) or raw_loss > EXPLODED_LOSS or raw_loss > current:
            return self._stop(Notice("learn_diverged", {"lr": lr, "before": current, "after": raw_loss}))

        lo, hi = SLIDER_BOUNDS
        clamped = {n: min(max(v, lo), hi) for n, v in raw.items()}
        hit = [n for n in LEARNED if clamped[n] != raw[n]]
        if hit:
            limited_loss = loss_at({**self.values, **clamped}, self.activation, float(self.target))
            if not limited_loss < current:
                return self._stop(Notice("learn_limit", {"names": ", ".join(hit), "lo": lo, "hi": hi}))
        self._apply(clamped)
        if hit:
            return self._stop(
                Notice("learn_limit", {"names": ", ".join(hit), "lo": lo, "hi": hi}), STEP_APPLIED
            )
        self._set_notices("learn", ())
        return STEP_APPLIED

    def play_tick(self) -> None:
        """One animation frame of Play: a step, and stop when the step stopped or enough were taken."""
        if not self.playing:
            return
        self._play_steps += 1
        outcome = self.step()
        if outcome == STEP_STOPPED or not self.playing:
            self.playing = False
        elif self._play_steps >= MAX_PLAY_STEPS:
            self._stop(Notice("learn_max_steps", {"steps": MAX_PLAY_STEPS}))

    def play(self) -> None:
        self._play_steps = 0
        self._set_notices("learn", ())
        self.playing = True

    def pause(self) -> None:
        self.playing = False

    def _apply(self, new: dict[str, float]) -> None:
        self._stepping = True
        try:
            self.param.update(**new)
        finally:
            self._stepping = False
        history = (*self.history, self.current.loss)[-MAX_HISTORY:]
        self.history = history

    def _stop(self, notice: Notice, outcome: str = STEP_STOPPED) -> str:
        self.playing = False
        self._set_notices("learn", (notice,))
        return outcome

    # ----------------------------------------------------------------- reset, URL, notices
    def reset(self) -> None:
        """Back to the seed example (x=(2,3), w=(0.5,−0.5), b=1, ReLU → ŷ = 0.5); clears notices."""
        self.playing = False
        self.param.update(**SEED)
        self.notices = ()

    def apply_query(self, search: str) -> QueryState:
        """Set the parameters found in a query string; its notices replace the previous URL notices."""
        state = parse_query(search)
        self.param.update(**state.values)
        self._set_notices("url", state.notices)
        return state

    def query(self) -> str:
        """The query string reproducing the current state (sliders, activation, target, lr, language)."""
        return to_query(
            {name: getattr(self, name) for name in (*INPUT_NAMES, "activation", "target", "lr", "language")}
        )

    def _set_notices(self, source: str, notices: tuple[Notice, ...]) -> None:
        kept = tuple(n for n in self.notices if n.source != source)
        new = kept + tuple(notices)
        if new != self.notices:
            self.notices = new
