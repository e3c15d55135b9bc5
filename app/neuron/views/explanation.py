"""View 7: what the chain rule does at each node, in words, with the engine's current numbers."""

from __future__ import annotations

from html import escape

import panel as pn

from ...common.widgets import HtmlBox, card_title
from ...i18n import t
from ..maths import NeuronResult
from .base import ModelView


class ExplanationView(ModelView):
    """Paragraphs rebuilt from the result: activation node, sums, the two products."""

    def build(self) -> None:
        self.pane = HtmlBox()

    def update(self, result: NeuronResult) -> None:
        lang = self.lang
        grads, inputs = result.grads, result.inputs
        act = result.activation
        if act == "relu":
            verdict = t("explain_relu_passes" if result.slope != 0.0 else "explain_relu_blocked", lang)
            act_line = t("explain_act_relu", lang, z=result.z, slope=result.slope, verdict=verdict)
        else:
            act_line = t(f"explain_act_{act}", lang, out=result.out, slope=result.slope)
        lines = [
            act_line,
            t("explain_sum", lang, grad_b=grads["b"]),
            *(
                t(
                    "explain_product",
                    lang,
                    i=i,
                    up=result.slope,
                    x=inputs[f"x{i}"],
                    w=inputs[f"w{i}"],
                    grad_w=grads[f"w{i}"],
                    grad_x=grads[f"x{i}"],
                )
                for i in (1, 2)
            ),
        ]
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.pane.object = (
            card_title(t("explain_title", lang))
            + f"<p>{escape(t('explain_intro', lang))}</p><ol>{items}</ol>"
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
