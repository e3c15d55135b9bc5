"""The neuron's controls: the language, five sliders, the activation selector, Reset."""

from __future__ import annotations

import panel as pn

from ...common.language_select import language_select
from ...common.widgets import HtmlBox, card_title, relabel_slider
from ...i18n import t
from ..maths import ACTIVATIONS, INPUT_NAMES
from .base import NeuronView


class ControlsView(NeuronView):
    """Widgets linked both ways to the model (``sliders[name]``, ``activation``, ``reset``) and the
    page's ``language``."""

    def build(self) -> None:
        model = self.state
        self.sliders = {
            name: pn.widgets.FloatSlider.from_param(
                model.param[name], css_classes=[f"mg-slider-{name}"], sizing_mode="stretch_width"
            )
            for name in INPUT_NAMES
        }
        self.activation = pn.widgets.Select.from_param(
            model.param.activation,
            options=self._activation_options(self.lang),
            css_classes=["mg-activation"],
            sizing_mode="stretch_width",
            description=None,
        )
        self.language = language_select(self.page)
        self.reset = pn.widgets.Button(css_classes=["mg-reset"], sizing_mode="stretch_width")
        self.reset.on_click(lambda _event: model.reset())
        self.heading = HtmlBox(margin=(0, 10))

    @staticmethod
    def _activation_options(lang: str) -> dict[str, str]:
        return {t(f"act_{name}", lang): name for name in ACTIVATIONS}

    def relabel(self, lang: str) -> None:
        self.heading.object = card_title(t("controls_title", lang))
        for name, slider in self.sliders.items():
            relabel_slider(slider, t(f"slider_{name}", lang), lang)
        self.activation.name = t("activation_label", lang)
        self.activation.options = self._activation_options(lang)
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
