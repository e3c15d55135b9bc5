"""View 1: the output ŷ and the pre-activation z, large, with their exact values in ``data-value``,
and, right below them, the notice of a dead ReLU neuron."""

from __future__ import annotations

from html import escape

import panel as pn

from ...common.formatting import fmt
from ...common.notices import Notice
from ...common.notices_view import NOTICE_CSS, notices_html
from ...common.widgets import HtmlBox, announcement, card_title, readout
from ...i18n import t
from ..maths import GRAD_NAMES, NeuronResult
from .base import ModelView

OUTPUT_CSS = """
.mg-output { display: flex; flex-wrap: wrap; gap: 12px; }
.mg-big { flex: 1 1 160px; background: #f7fafc; border: 1px solid #e2e8f0; border-radius: 8px;
          padding: 8px 12px; }
.mg-big .mg-cap { color: #4a5568; font-size: 13px; }
.mg-big .mg-num { font-size: 30px; font-weight: 700; }
"""


def state_notices(result: NeuronResult) -> tuple[Notice, ...]:
    """What the output itself should warn about: a ReLU at z ≤ 0 (its slope there is 0) is dead."""
    if result.activation == "relu" and result.z <= 0.0:
        return (Notice("dead_neuron", {"z": result.z}),)
    return ()


class OutputView(ModelView):
    """ŷ and z, as the engine computed them, and ŷ with the gradients read out to screen readers."""

    def build(self) -> None:
        self.pane = HtmlBox(OUTPUT_CSS + NOTICE_CSS)

    def update(self, result: NeuronResult) -> None:
        lang = self.lang
        grads = (f"∂ŷ/∂{name} = {fmt(result.grads[name], lang)}" for name in GRAD_NAMES)
        spoken = [f"ŷ = {fmt(result.out, lang)}", *grads]
        self.pane.object = (
            card_title(t("output_title", lang)) + '<div class="mg-output">'
            f'<div class="mg-big"><div class="mg-cap">{escape(t("out_label", lang))}</div>'
            f"{readout('out', result.out, lang)}</div>"
            f'<div class="mg-big"><div class="mg-cap">{escape(t("z_label", lang))}</div>'
            f"{readout('z', result.z, lang)}</div>"
            "</div>"
            + notices_html(state_notices(result), lang, "output-notice")
            + announcement("; ".join(spoken))
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
