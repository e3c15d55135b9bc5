"""The bug switch and the gradient check (autograd, or the bug's grads, against centred differences)."""

from __future__ import annotations

from html import escape
from typing import ClassVar

import panel as pn

from ...common.view import View
from ...common.widgets import HtmlBox, card_title
from ...i18n import t
from ..bugs import ASSIGN, BUGS, NONE
from ..compute import CHECK_EPS, CHECK_TOL, LabResult
from ..model import LabModel
from ..walk import num
from .base import LAB_CSS, NARROW_CSS

HEADINGS = (
    "lab_check_variable",
    "lab_check_value",
    "lab_check_autograd",
    "lab_check_numeric",
    "lab_check_agree",
)


def verdict(result: LabResult, lang: str) -> str:
    """One sentence under the table: all agree, why the bug bites (or not), or why no check ran."""
    if result.check_failed:
        return t("lab_check_failed", lang, reason=result.check_failed)
    if not result.check_rows:
        return t("lab_check_none", lang)
    if result.bug == ASSIGN:
        if not result.shared:
            return t("lab_why_assign_harmless", lang)
        return t("lab_why_assign", lang, names=", ".join(result.shared))
    if result.bug != NONE:
        return t(f"lab_why_{result.bug}", lang)
    if result.check_ok:
        return t("lab_check_ok", lang, eps=num_g(CHECK_EPS, lang), tol=num_g(CHECK_TOL, lang))
    return t("lab_check_mismatch", lang, names=", ".join(r.name for r in result.check_rows if not r.ok))


def num_g(x: float, lang: str) -> str:
    """A short number (1e-05, 0.0001), with a decimal comma in French."""
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "fr" else text


class CheckView(View[LabModel]):
    """``bug`` (a radio group bound to ``state.bug``) and ``table`` (``data-ok`` on the table and rows)."""

    watches: ClassVar[tuple[str, ...]] = ("result",)

    def build(self) -> None:
        self.bug_title = HtmlBox(LAB_CSS)
        self.bug = pn.widgets.RadioBoxGroup(
            options=list(BUGS), value=self.state.bug, css_classes=["mg-lab-bug"]
        )
        self.bug.param.watch(self._on_bug, "value")
        self.table = HtmlBox(LAB_CSS)

    def _on_bug(self, event: object) -> None:
        self.state.bug = str(getattr(event, "new", NONE))

    def relabel(self, lang: str) -> None:
        self.bug_title.object = card_title(t("lab_bug_label", lang))
        self.bug.options = {t(f"lab_bug_{bug}", lang): bug for bug in BUGS}

    def refresh(self) -> None:
        result = self.state.current
        lang = self.lang
        head = "".join(f"<th>{escape(t(key, lang))}</th>" for key in HEADINGS)
        rows = "".join(
            f'<tr data-testid="lab-check-{escape(r.name)}" data-ok="{str(r.ok).lower()}" '
            f'data-autograd="{r.autograd!r}"><td>{escape(r.name)}</td>'
            f'<td class="mg-num">{num(r.value, lang)}</td><td class="mg-num">{num(r.autograd, lang, 6)}</td>'
            f'<td class="mg-num">{num(r.numeric, lang, 6)}</td>'
            f'<td class="{"mg-ok" if r.ok else "mg-bad"}">{"✓" if r.ok else "✗"}</td></tr>'
            for r in result.check_rows
        )
        css = "mg-muted" if result.check_ok else "mg-bad"
        self.table.object = (
            f"{card_title(t('lab_check_title', lang))}"
            f'<div style="overflow-x:auto"><table class="mg-table" data-testid="lab-check" '
            f'data-ok="{str(result.check_ok).lower()}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            f'</table></div><p class="{css}" data-testid="lab-check-verdict">'
            f"{escape(verdict(result, lang))}</p>"
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.bug_title, self.bug, self.table, sizing_mode="stretch_width", stylesheets=[NARROW_CSS]
        )
