"""The neuron's controls: five sliders, the activation and language selectors, Reset."""

from __future__ import annotations

from html import escape

import panel as pn
import param

from ..i18n import LANGUAGE_NAMES, t
from ..model import NeuronModel
from ..neuron import ACTIVATIONS, INPUT_NAMES
from .base import HtmlBox


class ControlsView(pn.viewable.Viewer):
    """Widgets linked both ways to the model (``sliders[name]``, ``activation``, ``language``, ``reset``)."""

    def __init__(self, model: NeuronModel, **params: object) -> None:
        super().__init__(**params)
        self.model = model
        self.sliders = {
            name: pn.widgets.FloatSlider.from_param(
                model.param[name],
                step=0.01,
                css_classes=[f"mg-slider-{name}"],
                sizing_mode="stretch_width",
            )
            for name in INPUT_NAMES
        }
        self.activation = pn.widgets.Select.from_param(
            model.param.activation,
            options=self._activation_options(model.language),
            css_classes=["mg-activation"],
            sizing_mode="stretch_width",
            description=None,
        )
        self.language = pn.widgets.Select.from_param(
            model.param.language,
            options=LANGUAGE_NAMES,
            css_classes=["mg-language"],
            sizing_mode="stretch_width",
            description=None,
        )
        self.reset = pn.widgets.Button(css_classes=["mg-reset"], sizing_mode="stretch_width")
        self.reset.on_click(lambda _event: model.reset())
        self.heading = HtmlBox(margin=(0, 10))
        model.param.watch(self._relabel, "language")
        self._relabel()

    @staticmethod
    def _activation_options(lang: str) -> dict[str, str]:
        return {t(f"act_{name}", lang): name for name in ACTIVATIONS}

    def _relabel(self, *_events: param.parameterized.Event) -> None:
        lang = self.model.language
        self.heading.object = f'<div class="mg-card-title">{escape(t("controls_title", lang))}</div>'
        for name, slider in self.sliders.items():
            slider.name = t(f"slider_{name}", lang)
        self.activation.name = t("activation_label", lang)
        self.activation.options = self._activation_options(lang)
        self.language.name = t("language_label", lang)
        self.reset.name = t("reset", lang)

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.language,
            self.heading,
            *self.sliders.values(),
            self.activation,
            self.reset,
            sizing_mode="stretch_width",
        )
