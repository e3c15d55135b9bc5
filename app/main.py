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

# On a phone the sidebar stacks above the main area and the whole page scrolls (the template's
# default keeps them side by side in a fixed-height viewport).
PHONE_CSS = """
@media (max-width: 760px) {
  #container { height: auto !important; min-height: 100vh; overflow: visible !important; }
  #content { flex-direction: column; flex-wrap: nowrap; height: auto; overflow: visible !important; }
  #sidebar { max-width: none !important; width: 100% !important; height: auto; border-right: none;
             border-bottom: 1px solid var(--bs-border-color); padding: 8px 12px; }
  #main { overflow: visible; padding: 4px 2px 12px 2px; }
}
"""


def card(*objects: pn.viewable.Viewable | pn.viewable.Viewer, grow: str = "1 1 420px") -> pn.Column:
    """A white rounded box that takes a share of the row and wraps below ~420 px."""
    return pn.Column(*objects, sizing_mode="stretch_width", styles={**CARD_STYLES, "flex": grow}, margin=6)


def build(model: NeuronModel | None = None) -> pn.template.BootstrapTemplate:
    """The whole page for one browser session."""
    model = model or NeuronModel()
    controls = ControlsView(model)
    main = pn.Column(
        TitleView(model),
        NoticesView(model),
        pn.FlexBox(
            card(OutputView(model), GradientsView(model)),
            pn.Column(
                card(ActivationView(model), grow="0 0 auto"),
                card(GradCheckView(model), grow="0 0 auto"),
                sizing_mode="stretch_width",
                styles={"flex": "1 1 420px", "min-width": "0"},
                margin=0,
            ),
            flex_wrap="wrap",
            sizing_mode="stretch_width",
        ),
        pn.FlexBox(card(GraphView(model), grow="1 1 100%"), flex_wrap="wrap", sizing_mode="stretch_width"),
        pn.FlexBox(
            card(LearningView(model)),
            card(ExplanationView(model)),
            flex_wrap="wrap",
            sizing_mode="stretch_width",
        ),
        sizing_mode="stretch_width",
    )
    template = pn.template.BootstrapTemplate(
        title=t("brand", model.language),
        sidebar=[controls],
        main=[main],
        header_background=ACCENT,
        sidebar_width=300,
        raw_css=[PHONE_CSS],
    )
    if pn.state.curdoc is not None:  # a served page or the Pyodide build, not a test building the layout
        Player(model)
        if pn.state.location is not None:
            UrlSync(model, pn.state.location)
    return template


pn.extension(sizing_mode="stretch_width")
build().servable(title="micrograd-web")
