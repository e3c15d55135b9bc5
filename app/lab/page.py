"""The lab as the page shows it: expression and sliders beside the walk, the graph, the check, the Python."""

from __future__ import annotations

from typing import TypeVar

import panel as pn

from ..common.notices_view import NoticesView
from ..common.widgets import card, wrapping_row
from ..page import PageState
from .model import LabModel
from .views.base import NARROW_CSS
from .views.check import CheckView
from .views.code import CodeView
from .views.expression import ExpressionView
from .views.graph import LabGraphView
from .views.stepper import StepperView

LayoutT = TypeVar("LayoutT", pn.Column, pn.Row)


def narrow(layout: LayoutT) -> LayoutT:
    """``layout`` allowed to be narrower than its widest child (see ``NARROW_CSS``)."""
    layout.stylesheets = [*layout.stylesheets, NARROW_CSS]
    return layout


class LabPage(pn.viewable.Viewer):
    """The layout of the lab's views; ``state`` is the model (and the page's ``UrlState``)."""

    def __init__(self, state: LabModel, page: PageState, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.state = state
        self.expression = ExpressionView(state, page)
        self.stepper = StepperView(state, page)
        self.graph = LabGraphView(state, page)
        self.check = CheckView(state, page)
        self.code = CodeView(state, page)
        self.layout = narrow(
            pn.Column(
                NoticesView(state, page),
                narrow(
                    wrapping_row(narrow(card(self.expression, grow="1 1 320px")), narrow(card(self.stepper)))
                ),
                narrow(card(self.graph, grow="0 0 auto")),
                narrow(wrapping_row(narrow(card(self.check)), narrow(card(self.code)))),
                sizing_mode="stretch_width",
                css_classes=["mg-lab"],
            )
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.layout


def make(page: PageState) -> LabPage:
    """The lab view of ``page`` (the registry's factory), built the first time the lab is shown."""
    return LabPage(LabModel(), page)
