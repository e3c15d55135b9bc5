"""The network view's controls: Step / Play / Reset with the status line, the settings, the notices."""

from __future__ import annotations

from html import escape
from typing import Any

import panel as pn
import param

from ...common.widgets import HtmlBox
from ..datasets import DATASETS
from ..messages import notice_text, number, text
from ..model import NetworkModel, NetworkResult
from ..training import ACTIVATIONS, LOSSES, MAX_HIDDEN_LAYERS, NEURONS_BOUNDS
from .base import Part

NOTICE_CSS = """
.mg-notice { background: #fffbea; border-left: 4px solid #d69e2e; padding: 4px 8px; margin: 2px 0; }
.mg-notice.mg-train { background: #fff5f5; border-left-color: #c53030; }
"""


def sync(widget: Any, model: param.Parameterized, name: str) -> None:
    """Keep ``widget.value`` and ``model.<name>`` equal, whichever changes."""

    def to_model(event: param.parameterized.Event) -> None:
        if getattr(model, name) != event.new:
            setattr(model, name, event.new)

    def to_widget(event: param.parameterized.Event) -> None:
        if widget.value != event.new:
            widget.value = event.new

    widget.param.watch(to_model, "value")
    model.param.watch(to_widget, name)


class Transport(Part):
    """Step, Play/Pause, Reset, and one line saying where training stands (seed included)."""

    def build(self) -> None:
        self.step_button = pn.widgets.Button(color="primary", css_classes=["mg-net-step"], min_width=80)
        self.play_button = pn.widgets.Button(color="success", css_classes=["mg-net-play"], min_width=90)
        self.reset_button = pn.widgets.Button(color="light", css_classes=["mg-net-reset"], min_width=90)
        self.step_button.on_click(lambda _e: self.step())
        self.play_button.on_click(lambda _e: self.toggle_play())
        self.reset_button.on_click(lambda _e: self.model.reset())
        self.status = HtmlBox()
        self.notices = HtmlBox(NOTICE_CSS)
        self.model.param.watch(self._on_playing, "playing")
        self.model.param.watch(lambda _e: self._show_notices(), "notices")

    def step(self) -> None:
        with pn.io.hold():  # one message to the browser for the whole step
            self.model.pause()
            self.model.step()

    def toggle_play(self) -> None:
        if self.model.playing:
            self.model.pause()
        else:
            self.model.play()

    def _on_playing(self, _event: object) -> None:
        self.play_button.name = text("net_pause" if self.model.playing else "net_play", self.lang)
        self.play_button.color = "warning" if self.model.playing else "success"

    def _show_notices(self) -> None:
        items = "".join(
            f'<div class="mg-notice mg-{"url" if n.key.startswith("net_url") else "train"}" '
            f'data-key="{escape(n.key)}">{escape(notice_text(n, self.lang))}</div>'
            for n in self.model.notices
        )
        self.notices.object = f'<div data-testid="net-notices">{items}</div>'

    def relabel(self, lang: str) -> None:
        self.step_button.name = text("net_step", lang)
        self.reset_button.name = text("net_reset", lang)
        self._on_playing(None)
        self._show_notices()

    def update(self, result: NetworkResult) -> None:
        lang = self.lang
        status = text(
            "net_status",
            lang,
            steps=result.steps,
            seed=result.config.seed,
            train_loss=_number(result.train.loss, lang),
            train_acc=_percent(result.train.accuracy, lang),
            test_loss=_number(result.test.loss, lang),
            test_acc=_percent(result.test.accuracy, lang),
        )
        self.status.object = (
            f'<div class="mg-muted" data-testid="net-status" data-steps="{result.steps}" '
            f'data-points="{len(result.points)}" data-train-accuracy="{result.train.accuracy}">'
            f"{escape(status)}</div>"
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.Row(self.step_button, self.play_button, self.reset_button, sizing_mode="stretch_width"),
            self.status,
            self.notices,
            sizing_mode="stretch_width",
        )


def _number(x: float | None, lang: str) -> str:
    return "—" if x is None else number(x, lang)


def _percent(x: float | None, lang: str) -> str:
    if x is None:
        return "—"
    return f"{100 * x:.0f}\u202f%" if lang == "fr" else f"{100 * x:.0f}%"


class Settings(Part):
    """The data set, the network and the optimiser; each widget mirrors one model parameter."""

    def build(self) -> None:
        m: NetworkModel = self.model
        self.dataset = pn.widgets.Select(
            value=m.dataset, options=list(DATASETS), css_classes=["mg-net-dataset"]
        )
        self.n = pn.widgets.IntSlider(value=m.n, start=20, end=300, step=10, css_classes=["mg-net-n"])
        self.noise = pn.widgets.FloatSlider(
            value=m.noise, start=0.0, end=0.5, step=0.01, css_classes=["mg-net-noise"]
        )
        self.depth = pn.widgets.IntSlider(
            value=len(m.layers), start=0, end=MAX_HIDDEN_LAYERS, css_classes=["mg-net-depth"]
        )
        lo, hi = NEURONS_BOUNDS
        self.widths = [
            pn.widgets.IntSlider(value=8, start=lo, end=hi, css_classes=[f"mg-net-width{k + 1}"])
            for k in range(MAX_HIDDEN_LAYERS)
        ]
        self.activation = pn.widgets.Select(
            value=m.activation, options=list(ACTIVATIONS), css_classes=["mg-net-act"]
        )
        self.loss = pn.widgets.Select(value=m.loss, options=list(LOSSES), css_classes=["mg-net-loss"])
        self.lr = pn.widgets.EditableFloatSlider(
            value=m.lr,
            start=0.001,
            end=1.0,
            fixed_start=0.001,
            fixed_end=10.0,
            step=0.001,
            css_classes=["mg-net-lr"],
        )
        self.l2 = pn.widgets.EditableFloatSlider(
            value=m.l2, start=0.0, end=0.01, fixed_start=0.0, fixed_end=0.1, step=0.0001, format="0.0000",
            css_classes=["mg-net-l2"],
        )  # fmt: skip
        self.batch = pn.widgets.EditableIntSlider(
            value=m.batch, start=0, end=100, fixed_start=0, fixed_end=300, css_classes=["mg-net-batch"]
        )
        self.seed = pn.widgets.IntInput(value=m.seed, start=0, end=999_999, css_classes=["mg-net-seed"])
        for widget, name in (
            (self.dataset, "dataset"), (self.n, "n"), (self.noise, "noise"), (self.activation, "activation"),
            (self.loss, "loss"), (self.lr, "lr"), (self.l2, "l2"), (self.batch, "batch"), (self.seed, "seed"),
        ):  # fmt: skip
            sync(widget, m, name)
        self._show_layers()
        for widget in (self.depth, *self.widths):
            widget.param.watch(self._layers_from_widgets, "value")
        m.param.watch(lambda _e: self._show_layers(), "layers")
        self.title = HtmlBox()

    def _layers_from_widgets(self, _event: object) -> None:
        depth = self.depth.value or 0
        layers = [w.value for w in self.widths[:depth]]
        for k, w in enumerate(self.widths):
            w.visible = k < depth
        if layers != self.model.layers:
            self.model.layers = layers

    def _show_layers(self) -> None:
        layers = list(self.model.layers)
        for k, w in enumerate(self.widths):
            w.visible = k < len(layers)
            if k < len(layers) and w.value != layers[k]:
                w.value = layers[k]
        if self.depth.value != len(layers):
            self.depth.value = len(layers)

    def relabel(self, lang: str) -> None:
        self.title.object = f'<div class="mg-card-title">{escape(text("net_model_title", lang))}</div>'
        self.dataset.name = text("net_dataset_label", lang)
        self.dataset.options = {text(f"net_ds_{k}", lang): k for k in DATASETS}
        self.n.name = text("net_n_label", lang)
        self.noise.name = text("net_noise_label", lang)
        self.depth.name = text("net_layers_label", lang)
        for k, w in enumerate(self.widths):
            w.name = text("net_neurons_label", lang, k=k + 1)
        self.activation.name = text("net_act_label", lang)
        self.activation.options = {text(f"net_act_{k}", lang): k for k in ACTIVATIONS}
        self.loss.name = text("net_loss_label", lang)
        self.loss.options = {text(f"net_loss_{k}", lang): k for k in LOSSES}
        self.lr.name = text("net_lr_label", lang)
        self.l2.name = text("net_l2_label", lang)
        self.batch.name = text("net_batch_label", lang)
        self.seed.name = text("net_seed_label", lang)

    def update(self, result: NetworkResult) -> None:
        """The widgets follow the model's parameters (``sync``), not its result."""

    def __panel__(self) -> pn.viewable.Viewable:
        widgets = (self.dataset, self.n, self.noise, self.depth, *self.widths, self.activation, self.loss)
        return pn.Column(
            self.title, *widgets, self.lr, self.l2, self.batch, self.seed, sizing_mode="stretch_width"
        )
