"""View 5: the live gradient check (seed §4): autograd vs centred difference for each input, ✓/✗.

At ReLU's kink (z = 0) the two honestly disagree; the view shows ✗ and says why.
"""

from __future__ import annotations

from html import escape

import panel as pn

from ...common.formatting import fmt, fmt_setting
from ...common.widgets import HtmlBox, card_title
from ...i18n import t
from ..maths import NeuronResult
from .base import ModelView

NOWRAP = ' style="white-space:nowrap"'


class GradCheckView(ModelView):
    """An HTML table (``pane.object``) rebuilt from ``result.check.rows`` on every change."""

    def build(self) -> None:
        self.pane = HtmlBox()

    def update(self, result: NeuronResult) -> None:
        lang = self.lang
        head = "".join(
            # "agree?" must not wrap its "?" onto a line of its own
            f'<th{NOWRAP if key == "check_ok" else ""}>{escape(t(key, lang))}</th>'
            for key in (
                "check_input",
                "check_value",
                "check_autograd",
                "check_numeric",
                "check_diff",
                "check_ok",
            )
        )
        body = "".join(
            f'<tr data-testid="check-{escape(row.name)}" data-ok="{str(row.ok).lower()}">'
            f"<td>{escape(row.name)}</td>"
            f'<td class="mg-num">{fmt(row.value, lang)}</td>'
            f'<td class="mg-num">{fmt(row.autograd, lang)}</td>'
            f'<td class="mg-num">{fmt(row.numeric, lang)}</td>'
            f'<td class="mg-num">{fmt(row.error, lang)}</td>'
            f'<td class="{"mg-ok" if row.ok else "mg-bad"}">{"✓" if row.ok else "✗"}</td></tr>'
            for row in result.check.rows
        )
        if result.check.ok:
            eps, tol = fmt_setting(result.check.eps, lang), fmt_setting(result.check.tol, lang)
            verdict = t("check_all_ok", lang, eps=eps, tol=tol)
        elif result.at_kink:
            verdict = t("check_kink", lang)
        else:
            names = ", ".join(row.name for row in result.check.rows if not row.ok)
            verdict = t("check_mismatch", lang, names=names)
        css = "mg-muted" if result.check.ok else "mg-bad"
        self.pane.object = (
            card_title(t("check_title", lang))
            + f'<div style="overflow-x:auto"><table class="mg-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
            f'<p class="{css}" data-testid="check-verdict" style="font-weight:400">{escape(verdict)}</p>'
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane.__panel__()
