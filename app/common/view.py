"""The one shape of view: build once, relabel on a language switch, refresh when the state changes."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

import panel as pn
import param

from ..page import PageState

StateT = TypeVar("StateT", bound=param.Parameterized)


class View(pn.viewable.Viewer, Generic[StateT]):
    """A view of one state object on one page.

    A subclass creates its widgets/figures/sources in ``build()``, translates its fixed labels in
    ``relabel(lang)`` and redraws in ``refresh()``, which runs at start, after every language switch
    and whenever one of the state's parameters named in ``watches`` changes. It never computes maths:
    it reads what the state published. A new view is written by copying the shortest existing one.
    """

    watches: ClassVar[tuple[str, ...]] = ()

    def __init__(self, state: StateT, page: PageState, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.state = state
        self.page = page
        self.build()
        self.relabel(page.language)
        self.refresh()
        page.param.watch(self._on_language, "language")
        if self.watches:
            state.param.watch(self._on_state, list(self.watches))

    @property
    def lang(self) -> str:
        """The page's current language."""
        return str(self.page.language)

    def _on_language(self, event: param.parameterized.Event) -> None:
        self.relabel(event.new)
        self.refresh()

    def _on_state(self, _event: param.parameterized.Event) -> None:
        self.refresh()

    def build(self) -> None:
        """Create the widgets, figures and sources (once)."""

    def relabel(self, lang: str) -> None:
        """Translate the fixed labels (titles, axes, widget names); ``refresh`` builds the rest."""

    def refresh(self) -> None:
        """Redraw from the state, in place."""
