"""The neuron view as the page shows it: the controls beside the seven views of one ``NeuronModel``."""

from __future__ import annotations

import panel as pn

from ..common.notices_view import NoticesView
from ..common.widgets import card, stack, with_sidebar, wrapping_row
from ..page import PageState
from .model import NeuronModel
from .player import Player
from .views.activation import ActivationView
from .views.controls import ControlsView
from .views.explanation import ExplanationView
from .views.gradcheck import GradCheckView
from .views.gradients import GradientsView
from .views.graph import GraphView
from .views.learning import LearningView
from .views.output import OutputView
from .views.title import TitleView


class NeuronPage(pn.viewable.Viewer):
    """The layout of the neuron's views; ``state`` is the model (and the page's ``UrlState``)."""

    def __init__(self, state: NeuronModel, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self.state = state
        main = pn.Column(
            TitleView(state),
            NoticesView(state, state.page, sources=("url",)),  # the address's: at the top
            wrapping_row(
                card(OutputView(state), GradientsView(state)),
                stack(
                    card(ActivationView(state), grow="0 0 auto"), card(GradCheckView(state), grow="0 0 auto")
                ),
            ),
            card(GraphView(state), grow="0 0 auto"),
            wrapping_row(card(LearningView(state)), card(ExplanationView(state))),
            sizing_mode="stretch_width",
        )
        self.layout = with_sidebar(ControlsView(state), main)

    def __panel__(self) -> pn.viewable.Viewable:
        return self.layout


def make(page: PageState) -> NeuronPage:
    """The neuron view of ``page`` (the registry's factory); Play animates only on a live page."""
    view = NeuronPage(NeuronModel(page))
    if pn.state.curdoc is not None:  # a served page or the Pyodide build, not a test building the layout
        Player(view.state)
    return view
