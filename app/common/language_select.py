"""The page's language selector, for any view's sidebar."""

from __future__ import annotations

import panel as pn

from ..i18n import LANGUAGE_NAMES, t
from ..page import PageState
from .view import View


class LanguageSelect(View[PageState]):
    """A select bound both ways to ``page.language``, each language named in itself."""

    def build(self) -> None:
        self.select = pn.widgets.Select.from_param(
            self.page.param.language,
            options=LANGUAGE_NAMES,
            css_classes=["mg-language"],
            sizing_mode="stretch_width",
            description=None,
        )

    def relabel(self, lang: str) -> None:
        self.select.name = t("language_label", lang)

    def __panel__(self) -> pn.viewable.Viewable:
        return self.select


def language_select(page: PageState) -> LanguageSelect:
    """The language selector of ``page``."""
    return LanguageSelect(page, page)
