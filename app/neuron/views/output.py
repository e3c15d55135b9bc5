"""View 1: the output ŷ and the pre-activation z, large, with their exact values in ``data-value``."""

from __future__ import annotations

from html import escape

import panel as pn

from ..formatting import data_value, fmt
from ..i18n import t
from ..neuron import NeuronResult
from .base import ModelView, html_pane

OUTPUT_CSS = """
.mg-output { display: flex; flex-wrap: wrap; gap: 12px; }
.mg-big { flex: 1 1 160px; background: #f7fafc; border: 1px solid #e2e8f0; border-radius: 8px;
          padding: 8px 12px; }
.mg-big .mg-cap { color: #4a5568; font-size: 13px; }
.mg-big .mg-num { font-size: 30px; font-weight: 700; }
"""


def readout(testid: str, value: float, css_class: str = "mg-num") -> str:
    """An element a browser test can read: human text, exact ``repr(float)`` in ``data-value``."""
    return (
        f'<span class="{css_class}" data-testid="{testid}" data-value="{data_value(value)}">'
        f"{escape(fmt(value))}</span>"
    )


class OutputView(ModelView):
    """ŷ and z, as the engine computed them."""

    def _build(self) -> None:
        self.pane = html_pane(OUTPUT_CSS)

    def update(self, result: NeuronResult) -> None:
        lang = self.model.language
        self.pane.object = (
            f'<div class="mg-card-title">{escape(t("output_title", lang))}</div>'
            '<div class="mg-output">'
            f'<div class="mg-big"><div class="mg-cap">{escape(t("out_label", lang))}</div>'
            f"{readout('out', result.out)}</div>"
            f'<div class="mg-big"><div class="mg-cap">{escape(t("z_label", lang))}</div>'
            f"{readout('z', result.z)}</div>"
            "</div>"
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane
