"""View 6: learning. Target y*, learning rate, Step, Play/Pause, the loss and its history."""

from __future__ import annotations

from html import escape

import panel as pn
from bokeh.models import ColumnDataSource

from ...common.widgets import NEGATIVE, HtmlBox, card_title, muted, plain_figure, readout
from ...i18n import t
from ..maths import NeuronResult
from .base import ModelView


class LearningView(ModelView):
    """Widgets bound to the model, ``history_source`` (step, loss) and the loss readout."""

    def build(self) -> None:
        m = self.model
        # bounds, soft bounds and step come from the parameters themselves
        self.target = pn.widgets.FloatSlider.from_param(
            m.param.target, css_classes=["mg-target"], sizing_mode="stretch_width"
        )
        self.lr = pn.widgets.EditableFloatSlider.from_param(
            m.param.lr, css_classes=["mg-lr"], sizing_mode="stretch_width"
        )
        self.step_button = pn.widgets.Button(css_classes=["mg-step"], color="primary", min_width=90)
        self.play_button = pn.widgets.Button(css_classes=["mg-play"], color="success", min_width=110)
        self.step_button.on_click(lambda _event: self._step())
        self.play_button.on_click(lambda _event: self._toggle_play())
        self.loss = HtmlBox()
        self.history_source = ColumnDataSource(data={"step": [], "loss": []})
        fig = plain_figure(height=200)
        fig.line(x="step", y="loss", source=self.history_source, line_width=2, line_color=NEGATIVE)
        fig.scatter(x="step", y="loss", source=self.history_source, size=5, color=NEGATIVE)
        fig.y_range.start = 0
        self.figure = fig
        self.title = HtmlBox()
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
        self.target.name = t("target_label", lang)
        self.lr.name = t("lr_label", lang)
        self.step_button.name = t("step", lang)
        self.play_button.name = t("pause" if self.model.playing else "play", lang)
        self.figure.title.text = t("history_title", lang)
        self.figure.xaxis.axis_label = t("history_x", lang)
        self.figure.yaxis.axis_label = t("history_y", lang)
        self.title.object = card_title(t("learn_title", lang)) + muted(t("learn_rule", lang))

    def update(self, result: NeuronResult) -> None:
        self.loss.object = (
            f'<span class="mg-muted">{escape(t("loss_label", self.lang))} = </span>'
            f"<b>{readout('loss', result.loss)}</b>"
        )

    def _on_history(self, *_events: object) -> None:
        history = self.model.history
        self.history_source.data = {"step": list(range(len(history))), "loss": list(history)}

    def _on_playing(self, *_events: object) -> None:
        self.play_button.name = t("pause" if self.model.playing else "play", self.lang)
        self.play_button.color = "warning" if self.model.playing else "success"

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.title,
            self.target,
            self.lr,
            pn.Row(self.step_button, self.play_button, self.loss, sizing_mode="stretch_width"),
            pn.pane.Bokeh(self.figure, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )
