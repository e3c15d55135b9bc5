"""The servable dashboard: ``panel serve app/main.py``, or ``panel convert app/main.py --to pyodide-worker``.

Layout and wiring only: the state lives in ``app.model.NeuronModel``, each picture in ``app.views``.
"""

from __future__ import annotations

import importlib.util
import os
import sys

# `panel serve app/main.py` from a checkout runs this file with app/'s parent off the path; put it on.
# Under Pyodide there is no __file__, but there `app` is an installed package.
if importlib.util.find_spec("app") is None and "__file__" in globals():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import panel as pn

from app.i18n import t
from app.model import NeuronModel
from app.player import Player
from app.url_sync import UrlSync
from app.views.activation import ActivationView
from app.views.controls import ControlsView
from app.views.explanation import ExplanationView
from app.views.gradcheck import GradCheckView
from app.views.gradients import GradientsView
from app.views.graph import GraphView
from app.views.learning import LearningView
from app.views.notices import NoticesView
from app.views.output import OutputView
from app.views.title import TitleView

ACCENT = "#2b6cb0"
CARD_STYLES = {
    "background": "white",
    "border": "1px solid #e2e8f0",
    "border-radius": "10px",
    "padding": "6px",
    "flex": "1 1 420px",
    "min-width": "0",
}

# The page's own frame. No Panel template: every template carries a ReactiveHTML (its modal/actions
# helper), and rendering any ReactiveHTML (pn.FlexBox too) imports nh3, a compiled package that the
# self-contained Pyodide build lacks. Rows that may wrap give the same sidebar + main layout, and put
# the sidebar above the main area on a phone.
PAGE_CSS = """
body { margin: 0; background: #f4f6fa; }
"""
HEADER_HTML = (
    '<div style="background:{accent};color:white;padding:10px 18px;font-size:20px;font-weight:600">'
    "{brand}</div>"
)
SIDEBAR_STYLES = {
    "flex": "1 1 250px",
    "max-width": "100%",
    "background": "white",
    "border": "1px solid #e2e8f0",
    "border-radius": "10px",
    "padding": "6px",
    "align-self": "flex-start",
}
# Side by side (wide screens) the controls stay in view while the page scrolls; stacked (phones) they
# must scroll away, or they would slide under the views.
SIDEBAR_CSS = "@media (min-width: 880px) { :host { position: sticky; top: 0; } }"


def wrapping_row(*objects: pn.viewable.Viewable, align_items: str = "stretch") -> pn.Row:
    """A row whose items wrap onto the next line when they no longer fit side by side."""
    return pn.Row(
        *objects,
        sizing_mode="stretch_width",
        margin=0,
        styles={"flex-wrap": "wrap", "align-items": align_items},
    )


def card(*objects: pn.viewable.Viewable | pn.viewable.Viewer, grow: str = "1 1 420px") -> pn.Column:
    """A white rounded box that takes a share of the row and wraps below ~420 px."""
    return pn.Column(*objects, sizing_mode="stretch_width", styles={**CARD_STYLES, "flex": grow}, margin=6)


def build(model: NeuronModel | None = None) -> pn.Column:
    """The whole page for one browser session."""
    model = model or NeuronModel()
    controls = ControlsView(model)
    main = pn.Column(
        TitleView(model),
        NoticesView(model),
        wrapping_row(
            card(OutputView(model), GradientsView(model)),
            pn.Column(
                card(ActivationView(model), grow="0 0 auto"),
                card(GradCheckView(model), grow="0 0 auto"),
                sizing_mode="stretch_width",
                styles={"flex": "1 1 420px", "min-width": "0"},
                margin=0,
            ),
        ),
        card(GraphView(model), grow="0 0 auto"),
        wrapping_row(
            card(LearningView(model)),
            card(ExplanationView(model)),
        ),
        sizing_mode="stretch_width",
    )
    header = pn.pane.HTML(
        HEADER_HTML.format(accent=ACCENT, brand=t("brand", model.language)),
        sizing_mode="stretch_width",
        margin=0,
    )
    page = pn.Column(
        header,
        wrapping_row(
            pn.Column(
                controls,
                sizing_mode="stretch_width",
                styles=SIDEBAR_STYLES,
                stylesheets=[SIDEBAR_CSS],
                margin=6,
            ),
            pn.Column(main, sizing_mode="stretch_width", styles={"flex": "1000 1 600px", "min-width": "0"}),
            align_items="start",
        ),
        sizing_mode="stretch_width",
        margin=0,
    )
    if pn.state.curdoc is not None:  # a served page or the Pyodide build, not a test building the layout
        Player(model)
        if pn.state.location is not None:
            UrlSync(model, pn.state.location)
    return page


pn.extension(sizing_mode="stretch_width", design="bootstrap", raw_css=[PAGE_CSS])
build().servable(title="micrograd-web")
