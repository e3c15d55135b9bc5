"""``NeuronModel``: the neuron view's whole state, testable without a browser.

Every change of an input recomputes the neuron once (``app.neuron.maths.compute``) and publishes one
immutable ``NeuronResult`` in ``model.result``; views watch that parameter and nothing else.
Its language is the page's (``model.page``); its URL keys follow ``app.common.url.UrlState``.
Learning (Step / Play) is gradient descent on (ŷ − y*)² that moves w1, w2, b. A too-large learning
rate is applied, so its overshoot and divergence can be watched, and explained by a notice; the loop
stops, with a notice, on convergence, a dead gradient, a non-finite update or a slider limit.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping

import param

from ..common.notices import Notice
from ..common.url import read_parameters, url_keys, write_parameters
from ..page import PageState
from .maths import ACTIVATIONS, INPUT_NAMES, LEARNED, NeuronResult, compute

CONVERGED_LOSS = 1e-12
DIVERGING_STEPS = 3  # the loss grew this many steps in a row: the descent is diverging
MAX_PLAY_STEPS = 1000
MAX_HISTORY = 2000
SLIDER_BOUNDS = (-5.0, 5.0)
SETTINGS: tuple[str, ...] = (*INPUT_NAMES, "target", "lr", "activation")  # what the user sets, in URL order
URL_KEYS = url_keys(SETTINGS, renames={"activation": "act"})


class StepOutcome(enum.Enum):
    """What ``NeuronModel.step`` did."""

    APPLIED = "applied"
    STOPPED = "stopped"  # nothing was changed (converged, dead gradient, non-finite update, at a limit)


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
        self._rises = 0  # steps in a row that raised the loss
        self._recompute()

    # ----------------------------------------------------------------- recomputation
    @param.depends("x1", "x2", "w1", "w2", "b", "activation", "target", watch=True)
    def _recompute(self) -> None:
        """The one place where the maths runs: build, backward, publish."""
        result = compute(self.values, self.activation, float(self.target))
        if self._stepping:
            self.param.update(result=result)
        else:  # a hand-made change starts a new descent
            self._rises = 0
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
        """One gradient-descent update w ← w − η·∂L/∂w of w1, w2, b, applied even when it raises the loss.

        A too-large η is shown, not refused: the step is applied and a notice says what happened
        (ŷ overshot the target, the loss rose, the loss grew ``DIVERGING_STEPS`` steps in a row). It
        stops, with a notice, only where going on would mean nothing or break: converged, a zero
        gradient, a non-finite update, or a slider limit (the update is clamped to it and applied).
        """
        before = self.current
        lr = float(self.lr)
        if before.loss <= CONVERGED_LOSS:
            return self._stop((Notice("learn_converged", {"loss": before.loss}, "success"),))
        if all(before.loss_grads[n] == 0.0 for n in LEARNED):
            return self._stop((Notice("learn_zero_gradient", {"loss": before.loss}),))

        raw = {n: getattr(self, n) - lr * before.loss_grads[n] for n in LEARNED}
        if not all(math.isfinite(v) for v in raw.values()):
            return self._stop((Notice("learn_diverged_nonfinite", {"lr": lr}, "error"),))

        lo, hi = SLIDER_BOUNDS
        clamped = {n: min(max(v, lo), hi) for n, v in raw.items()}
        hit = [n for n in LEARNED if clamped[n] != raw[n]]
        limit = Notice("learn_limit", {"names": ", ".join(hit), "lo": lo, "hi": hi})
        if all(clamped[n] == getattr(self, n) for n in LEARNED):  # pinned at the limit: nothing moves
            return self._stop((limit,))
        self._apply(clamped)
        after = self.current
        self._rises = self._rises + 1 if after.loss > before.loss else 0
        notices = self._progress_notices(before, after, lr)
        if hit:
            return self._stop((*notices, limit), StepOutcome.APPLIED)
        self._set_notices("learn", notices)
        return StepOutcome.APPLIED

    def _progress_notices(self, before: NeuronResult, after: NeuronResult, lr: float) -> tuple[Notice, ...]:
        """What a learner should know about the step just taken: overshoot, a rising or diverging loss."""
        notices: list[Notice] = []
        target = before.target
        if (before.out - target) * (after.out - target) < 0.0:
            kind = "warning" if after.loss > before.loss else "info"
            notices.append(
                Notice("learn_overshoot", {"target": target, "before": before.out, "after": after.out}, kind)
            )
        if self._rises >= DIVERGING_STEPS:
            first = self.history[-self._rises - 1]
            notices.append(
                Notice(
                    "learn_diverging",
                    {"steps": self._rises, "first": first, "last": after.loss, "lr": lr},
                    "error",
                )
            )
        elif self._rises:
            notices.append(Notice("learn_rose", {"before": before.loss, "after": after.loss, "lr": lr}))
        return tuple(notices)

    def play_tick(self) -> None:
        """One animation frame of Play: a step, and stop when the step stopped or enough were taken."""
        if not self.playing:
            return
        self._play_steps += 1
        outcome = self.step()
        if outcome is StepOutcome.STOPPED or not self.playing:
            self.playing = False
        elif self._play_steps >= MAX_PLAY_STEPS:
            self._stop((Notice("learn_max_steps", {"steps": MAX_PLAY_STEPS}, "info"),))

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

    def _stop(self, notices: tuple[Notice, ...], outcome: StepOutcome = StepOutcome.STOPPED) -> StepOutcome:
        self.playing = False
        self._set_notices("learn", notices)
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
