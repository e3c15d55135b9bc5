"""The walk's controls and text: the output, |◀ ◀ ▶ ▶|, the step slider (keyboard) and the step's update."""

from __future__ import annotations

import json
from html import escape
from typing import ClassVar

import panel as pn

from ...common.view import View
from ...common.widgets import HtmlBox, muted
from ...i18n import t
from ..model import LabModel
from ..walk import clamp, num, step_lines, walk_state
from .base import LAB_CSS, NARROW_CSS, WRAP, held, label_width


class StepperView(View[LabModel]):
    """``first``/``back``/``next``/``end`` buttons and ``position`` (a slider: ← → Home End)."""

    watches: ClassVar[tuple[str, ...]] = ("result", "position")

    def build(self) -> None:
        state = self.state
        self.out = HtmlBox(LAB_CSS)
        self.first = pn.widgets.Button(css_classes=["mg-lab-first"], sizing_mode="fixed")
        self.back = pn.widgets.Button(css_classes=["mg-lab-back"], sizing_mode="fixed")
        self.next = pn.widgets.Button(css_classes=["mg-lab-next"], color="primary", sizing_mode="fixed")
        self.end = pn.widgets.Button(css_classes=["mg-lab-end"], sizing_mode="fixed")
        self.first.on_click(held(state.to_start))
        self.back.on_click(held(lambda: state.step(-1)))
        self.next.on_click(held(lambda: state.step(1)))
        self.end.on_click(held(state.to_end))
        self.position = pn.widgets.IntSlider(
            start=0,
            end=max(1, state.current.length),
            value=state.position,
            sizing_mode="stretch_width",
            css_classes=["mg-lab-position"],
        )
        self.position.param.watch(self._on_slider, "value")
        self.keys = HtmlBox(LAB_CSS)
        self.steps = HtmlBox(LAB_CSS)

    def _on_slider(self, event: object) -> None:
        value = getattr(event, "new", 0)
        self.state.position = clamp(self.state.current, int(value))

    def relabel(self, lang: str) -> None:
        self.first.label = t("lab_first", lang)
        self.back.label = t("lab_back", lang)
        self.next.label = t("lab_next", lang)
        self.end.label = t("lab_end", lang)
        for button in (self.first, self.back, self.next, self.end):
            button.width = label_width(button.label)
        self.position.label = t("lab_walk_title", lang)
        self.keys.object = muted(t("lab_keys", lang))

    def refresh(self) -> None:
        result = self.state.current
        lang = self.lang
        position = clamp(result, self.state.position)
        self.position.param.update(end=max(1, result.length), value=position)
        at_start, at_end = position <= 0, position >= result.length
        self.first.disabled = self.back.disabled = at_start  # nothing to go back to
        self.next.disabled = self.end.disabled = at_end  # the walk is done
        values = escape(json.dumps(dict(result.values)))
        self.out.object = (
            f'<div class="mg-card-title" data-testid="lab-out" data-value="{result.out!r}" '
            f'data-text="{escape(result.text)}" data-values="{values}">'
            f"{escape(t('lab_out', lang, value=num(result.out, lang, 6)))}</div>"
        )
        walk = walk_state(result, position)
        grads = " ".join(
            f'data-grad-{escape(result.nodes[i].name)}="{g!r}"'
            for i, g in enumerate(walk.grads)
            if g is not None and result.nodes[i].is_variable
        )
        self.steps.object = (
            f"{muted(t('lab_position', lang, k=position, n=result.length))}"
            f'<pre class="mg-lab-steps" data-testid="lab-steps" data-position="{position}" {grads}>'
            f"{escape(chr(10).join(step_lines(result, position, lang)))}</pre>"
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.out,
            pn.Row(
                self.first,
                self.back,
                self.next,
                self.end,
                styles=WRAP,
                sizing_mode="stretch_width",
                stylesheets=[NARROW_CSS],
            ),
            self.position,
            self.keys,
            self.steps,
            sizing_mode="stretch_width",
            stylesheets=[NARROW_CSS],
        )
