"""The expression box (its error marked), the limits, the presets and one slider per variable."""

from __future__ import annotations

import math
from functools import partial
from html import escape
from typing import ClassVar

import panel as pn

from micrograd_core.expression import MAX_DEPTH, MAX_LENGTH, MAX_NODES

from ...common.view import View
from ...common.widgets import HtmlBox, card_title, muted
from ...i18n import t
from ..model import SLIDER_BOUNDS, SLIDER_STEP, LabModel
from ..presets import PRESETS
from .base import LAB_CSS, NARROW_CSS, WRAP, error_text, held, label_width, marked

INVALID_CSS = ":host(.mg-lab-invalid) input { border: 2px solid #c53030; background: #fff5f5; }"


def slider_range(value: float) -> tuple[float, float]:
    """−5…5, widened to whole numbers around a value beyond (a preset's b = 6.88…)."""
    return min(SLIDER_BOUNDS[0], math.floor(value)), max(SLIDER_BOUNDS[1], math.ceil(value))


class ExpressionView(View[LabModel]):
    """``box`` (typing sets ``state.text``), ``error``, ``presets`` (key -> button), ``sliders`` (name ->)."""

    watches: ClassVar[tuple[str, ...]] = ("result", "error", "values")

    def build(self) -> None:
        state = self.state
        self.box = pn.widgets.TextInput(
            value=state.text,
            sizing_mode="stretch_width",
            css_classes=["mg-lab-expression"],
            stylesheets=[INVALID_CSS],
        )
        self.box.param.watch(self._on_typed, ["value_input", "value"])
        self.title = HtmlBox(LAB_CSS)
        self.error = HtmlBox(LAB_CSS)
        self.help = HtmlBox(LAB_CSS)
        self.presets_title = HtmlBox(LAB_CSS)
        self.presets = {
            p.key: pn.widgets.Button(
                color="light", margin=(2, 3), sizing_mode="fixed", css_classes=[f"mg-lab-preset-{p.key}"]
            )
            for p in PRESETS
        }
        for key, button in self.presets.items():
            button.on_click(held(partial(state.load_preset, key)))
        self.sliders: dict[str, pn.widgets.FloatSlider] = {}
        self.sliders_box = pn.Column(sizing_mode="stretch_width", margin=0)

    def _on_typed(self, event: object) -> None:
        text = getattr(event, "new", None)
        if isinstance(text, str) and text != self.state.text:
            self.state.text = text

    def relabel(self, lang: str) -> None:
        self.title.object = card_title(t("lab_title", lang))
        self.box.label = t("lab_expression_label", lang)
        self.help.object = muted(
            t("lab_expression_help", lang, length=MAX_LENGTH, nodes=MAX_NODES, depth=MAX_DEPTH)
        )
        self.presets_title.object = muted(t("lab_presets", lang))
        for key, button in self.presets.items():
            button.label = t(f"lab_preset_{key}", lang)
            button.width = label_width(button.label)

    def refresh(self) -> None:
        state = self.state
        result = state.current
        if self.box.value_input != state.text:
            self.box.value = state.text  # a preset or a link changed the text (a refused one too)
        self._show_error()
        if tuple(self.sliders) != result.variables:
            self.sliders = {name: self._slider(name, result.values[name]) for name in result.variables}
            self.sliders_box.objects = list(self.sliders.values())
        for name, slider in self.sliders.items():
            value = state.values.get(name)
            if value is not None and slider.value != value:
                start, end = slider_range(value)
                slider.param.update(start=start, end=end, value=value)

    def _slider(self, name: str, value: float) -> pn.widgets.FloatSlider:
        start, end = slider_range(value)
        slider = pn.widgets.FloatSlider(
            label=name,
            start=start,
            end=end,
            step=SLIDER_STEP,
            value=value,
            sizing_mode="stretch_width",
            css_classes=[f"mg-lab-slider-{name}"],
        )
        slider.param.watch(lambda event: self.state.set_value(name, event.new), "value")
        return slider

    def _show_error(self) -> None:
        error = self.state.error
        if error is None:
            self.error.object = ""
            self.box.css_classes = ["mg-lab-expression"]
            return
        self.error.object = (
            f'<div class="mg-lab-error" data-testid="lab-error" data-code="{escape(error.code)}" '
            f'data-position="{error.position}">{marked(self.state.text, error.position)}<br>'
            f"{escape(error_text(error, self.lang))}</div>"
        )
        self.box.css_classes = ["mg-lab-expression", "mg-lab-invalid"]

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.title,
            self.box,
            self.error,
            self.help,
            self.presets_title,
            pn.Row(
                *self.presets.values(), styles=WRAP, sizing_mode="stretch_width", stylesheets=[NARROW_CSS]
            ),
            self.sliders_box,
            sizing_mode="stretch_width",
            stylesheets=[NARROW_CSS],  # the preset row's unwrapped width must not widen the card
        )
