"""View 6: learning. Target y*, learning rate, Step, Play/Pause, the loss, the numbers the next step uses,
its notices and the loss history."""

from __future__ import annotations

from html import escape
from typing import ClassVar

import panel as pn
from bokeh.models import ColumnDataSource, NumeralTickFormatter, Range1d

from ...common.decimal_input import DecimalInput
from ...common.formatting import fmt, fmt_step
from ...common.notices_view import NoticesView
from ...common.widgets import (
    NEGATIVE,
    HtmlBox,
    card_title,
    muted,
    plain_figure,
    readout,
    relabel_slider,
    sign_class,
)
from ...i18n import t
from ..maths import LEARNED, NeuronResult
from .base import ModelView

MIN_STEPS_SHOWN = 10  # the history's x-axis shows at least steps 0…10, so one point sits at the left
MIN_LOSS_SHOWN = 1e-3  # the loss axis spans at least 0…0.001: never a range of width 0
LOSS_TICKS = "0.[0000]"  # plain decimals (never "0.000e+0"), up to 4 of them


class LearningView(ModelView):
    """Widgets bound to the model, ``history_source`` (step, loss), the loss readout, the next step's
    numbers (``next_step``) and the learning loop's ``notices``, next to Step and Play."""

    watches: ClassVar[tuple[str, ...]] = ("result", "lr")  # the next step's numbers use η

    def build(self) -> None:
        m = self.model
        # bounds, soft bounds and step come from the parameters themselves
        self.target = pn.widgets.FloatSlider.from_param(
            m.param.target, css_classes=["mg-target"], sizing_mode="stretch_width"
        )
        self.lr = DecimalInput(m, "lr", "mg-lr")  # a typed number: "0,3" works too
        self.step_button = pn.widgets.Button(css_classes=["mg-step"], color="primary", min_width=90)
        self.play_button = pn.widgets.Button(css_classes=["mg-play"], color="success", min_width=110)
        self.step_button.on_click(lambda _event: self._step())
        self.play_button.on_click(lambda _event: self._toggle_play())
        self.loss = HtmlBox()
        self.history_source = ColumnDataSource(data={"step": [], "loss": []})
        fig = plain_figure(
            height=200, x_range=Range1d(0, MIN_STEPS_SHOWN), y_range=Range1d(0, MIN_LOSS_SHOWN)
        )
        fig.line(x="step", y="loss", source=self.history_source, line_width=2, line_color=NEGATIVE)
        fig.scatter(x="step", y="loss", source=self.history_source, size=5, color=NEGATIVE)
        fig.yaxis.formatter = NumeralTickFormatter(format=LOSS_TICKS)
        self.figure = fig
        self.title = HtmlBox()
        self.next_step = HtmlBox()
        self.notices = NoticesView(m, m.page, sources=("learn",), with_page=False, testid="learn-notice")
        self.model.param.watch(self._on_history, "history")
        self.model.param.watch(self._on_playing, "playing")
        self._on_history()

    def _step(self) -> None:
        with pn.io.hold():  # one message to the browser for the whole step
            self.model.pause()
            self.model.step()

    def _toggle_play(self) -> None:
        if self.model.playing:
            self.model.pause()
        else:
            self.model.play()

    def relabel(self, lang: str) -> None:
        relabel_slider(self.target, t("target_label", lang), lang)
        self.lr.relabel(t("lr_label", lang), lang)
        self.step_button.name = t("step", lang)
        self.play_button.name = t("pause" if self.model.playing else "play", lang)
        self.figure.title.text = t("history_title", lang)
        self.figure.xaxis.axis_label = t("history_x", lang)
        self.figure.yaxis.axis_label = t("history_y", lang)
        self.title.object = card_title(t("learn_title", lang)) + muted(t("learn_rule", lang))

    def update(self, result: NeuronResult) -> None:
        self.loss.object = (
            f'<span class="mg-muted">{escape(t("loss_label", self.lang))} = </span>'
            f"<b>{readout('loss', result.loss, self.lang)}</b>"
        )
        lr, lr_step, lang = float(self.model.lr), float(self.model.param.lr.step), self.lang
        rows = "".join(
            f"<tr><td>∂L/∂{name}</td>"
            f"<td>{readout(f'loss-grad-{name}', g, lang, f'mg-num {sign_class(g)}')}</td>"
            f'<td class="mg-num">{name} ← {escape(fmt(result.inputs[name], lang))} − '
            f"{escape(fmt_step(lr, lr_step, lang))} × ({escape(fmt(g, lang))}) = "
            f"{escape(fmt(result.inputs[name] - lr * g, lang))}</td></tr>"
            for name in LEARNED
            for g in (result.loss_grads[name],)
        )
        table = f'<table class="mg-table" data-testid="next-step">{rows}</table>'
        self.next_step.object = muted(t("learn_next", self.lang)) + table

    def _on_history(self, *_events: object) -> None:
        history = self.model.history
        self.history_source.data = {"step": list(range(len(history))), "loss": list(history)}
        self.figure.x_range.end = max(MIN_STEPS_SHOWN, len(history) - 1)
        self.figure.y_range.end = max(max(history, default=0.0) * 1.05, MIN_LOSS_SHOWN)

    def _on_playing(self, *_events: object) -> None:
        self.play_button.name = t("pause" if self.model.playing else "play", self.lang)
        self.play_button.color = "warning" if self.model.playing else "success"

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.title,
            self.target,
            self.lr,
            self.next_step,
            pn.Row(self.step_button, self.play_button, self.loss, sizing_mode="stretch_width"),
            self.notices,
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )
