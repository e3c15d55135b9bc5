"""The Python script that reproduces the lab's numbers, with a copy button."""

from __future__ import annotations

from html import escape
from typing import ClassVar

import panel as pn

from ...common.view import View
from ...common.widgets import HtmlBox, card_title
from ...i18n import t
from ..model import LabModel
from .base import LAB_CSS, NARROW_CSS


class CodeView(View[LabModel]):
    """``code`` shows the script; ``copy`` puts it on the clipboard (in the browser, from ``source``)."""

    watches: ClassVar[tuple[str, ...]] = ("result",)

    def build(self) -> None:
        self.title = HtmlBox(LAB_CSS)
        self.code = HtmlBox(LAB_CSS)
        self.source = pn.widgets.TextAreaInput(visible=False)  # what the copy button reads, in the browser
        self.copy = pn.widgets.Button(css_classes=["mg-lab-copy"], width=110, sizing_mode="fixed")
        self.copy.js_on_click(
            args={"source": self.source},
            code="if (navigator.clipboard) { navigator.clipboard.writeText(source.value); }",
        )

    def relabel(self, lang: str) -> None:
        self.title.object = card_title(t("lab_python_title", lang))
        self.copy.label = t("lab_copy", lang)

    def refresh(self) -> None:
        script = self.state.current.script
        self.code.object = f'<pre class="mg-lab-code" data-testid="lab-code">{escape(script)}</pre>'
        self.source.value = script

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.Row(self.title, self.copy),
            self.code,
            self.source,
            sizing_mode="stretch_width",
            stylesheets=[NARROW_CSS],
        )
