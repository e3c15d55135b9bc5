"""The lab as the page shows it: expression and sliders beside the walk, the graph, the check, the Python."""

from __future__ import annotations

import panel as pn

from ..common.notices_view import NoticesView
from ..common.widgets import card, wrapping_row
from ..page import PageState
from .model import LabModel
from .views.check import CheckView
from .views.code import CodeView
from .views.expression import ExpressionView
from .views.graph import LabGraphView
from .views.stepper import StepperView


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
        self.layout = pn.Column(
            NoticesView(state, page),
            wrapping_row(card(self.expression, grow="1 1 320px"), card(self.stepper)),
            card(self.graph, grow="0 0 auto"),
            wrapping_row(card(self.check), card(self.code)),
            sizing_mode="stretch_width",
            css_classes=["mg-lab"],
        )

    def __panel__(self) -> pn.viewable.Viewable:
        return self.layout


def make(page: PageState) -> LabPage:
    """The lab view of ``page`` (the registry's factory), built the first time the lab is shown."""
    return LabPage(LabModel(), page)
