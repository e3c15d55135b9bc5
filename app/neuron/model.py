"""``NeuronModel``: the neuron view's whole state, testable without a browser.

Every change of an input recomputes the neuron once (``app.neuron.maths.compute``) and publishes one
immutable ``NeuronResult`` in ``model.result``; views watch that parameter and nothing else.
Its language is the page's (``model.page``); its URL keys follow ``app.common.url.UrlState``.
Learning (Step / Play) is gradient descent on (ŷ − y*)² that moves w1, w2, b and stops on
divergence, convergence, a dead gradient or a slider limit, each with a notice.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping

import param

from ..common.notices import Notice
from ..common.url import read_parameters, url_keys, write_parameters
from ..page import PageState
from .maths import ACTIVATIONS, INPUT_NAMES, LEARNED, NeuronResult, compute, loss_at

CONVERGED_LOSS = 1e-12
EXPLODED_LOSS = 1e12
MAX_PLAY_STEPS = 1000
MAX_HISTORY = 2000
SLIDER_BOUNDS = (-5.0, 5.0)
SETTINGS: tuple[str, ...] = (*INPUT_NAMES, "target", "lr", "activation")  # what the user sets, in URL order
URL_KEYS = url_keys(SETTINGS, renames={"activation": "act"})


class StepOutcome(enum.Enum):
    """What ``NeuronModel.step`` did."""

    APPLIED = "applied"
    STOPPED = "stopped"  # nothing was changed (divergence, dead gradient, converged, limit)


def _slider(default: float, doc: str) -> param.Number[float]:
    return param.Number(default, bounds=SLIDER_BOUNDS, step=0.01, doc=doc)


class NeuronModel(param.Parameterized):
    """ŷ = f(w1·x1 + w2·x2 + b), its gradients, and a gradient-descent loop on (ŷ − y*)²."""

    x1 = _slider(2.0, "first input")
    x2 = _slider(3.0, "second input")
    w1 = _slider(0.5, "first weight")
    w2 = _slider(-0.5, "second weight")
    b = _slider(1.0, "bias")
    activation: param.Selector[str] = param.Selector(
        default="relu", objects=list(ACTIVATIONS), doc="activation f"
    )
    target = _slider(1.0, "target y* of the loss (ŷ − y*)²")
    lr = param.Number(
        0.05, bounds=(0.001, 10.0), softbounds=(0.001, 0.5), step=0.001, doc="learning rate of Step / Play"
    )

    result = param.ClassSelector(class_=NeuronResult, doc="what the engine computed for the current state")
    notices = param.Parameter(default=(), doc="Notice objects currently shown")
    history = param.Parameter(default=(), doc="loss before the first step and after each step since")
    playing = param.Boolean(default=False, doc="whether Play is running")

    def __init__(self, page: PageState | None = None, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.page = page if page is not None else PageState()  # whose language the views speak
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
    def step(self) -> StepOutcome:
        """One gradient-descent update w ← w − lr·∂L/∂w of w1, w2, b (or a notice saying why not)."""
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
        if not hit:
            self._apply(clamped)
            self._set_notices("learn", ())
            return StepOutcome.APPLIED
        at_limit = Notice("learn_limit", {"names": ", ".join(hit), "lo": lo, "hi": hi})
        limited_loss = loss_at({**self.values, **clamped}, self.activation, float(self.target))
        if not limited_loss < current:
            return self._stop(at_limit)
        self._apply(clamped)
        return self._stop(at_limit, StepOutcome.APPLIED)

    def play_tick(self) -> None:
        """One animation frame of Play: a step, and stop when the step stopped or enough were taken."""
        if not self.playing:
            return
        self._play_steps += 1
        outcome = self.step()
        if outcome is StepOutcome.STOPPED or not self.playing:
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

    def _stop(self, notice: Notice, outcome: StepOutcome = StepOutcome.STOPPED) -> StepOutcome:
        self.playing = False
        self._set_notices("learn", (notice,))
        return outcome

    # ----------------------------------------------------------------- reset, URL, notices
    def reset(self) -> None:
        """Back to every parameter's default (the seed example: ŷ = 0.5); clears the notices shown."""
        self.playing = False
        self.param.update(**{name: self.param[name].default for name in SETTINGS})
        self.notices = ()
        self.page.set_notices(())

    def apply_query(self, query: Mapping[str, str]) -> None:
        """Set the parameters the query names; its notices replace the previous URL notices."""
        state = read_parameters(query, self, URL_KEYS)
        self.param.update(**state.values)
        self._set_notices("url", state.notices)

    def query_items(self) -> dict[str, str]:
        """The URL keys reproducing the current state: sliders, target, learning rate, activation."""
        return write_parameters(self, URL_KEYS)

    def _set_notices(self, source: str, notices: tuple[Notice, ...]) -> None:
        kept = tuple(n for n in self.notices if n.source != source)
        new = kept + tuple(notices)
        if new != self.notices:
            self.notices = new
