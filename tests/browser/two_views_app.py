"""The real page with the neuron registered a second time under another key: a stand-in second view, so
that the browser tests can drive the view switcher before the real second view exists."""

import panel as pn

from app.browser import connect, session_location
from app.page import PageState
from app.shell import PageShell
from app.views_registry import VIEWS, ViewEntry, lazy

pn.extension(sizing_mode="stretch_width", design="bootstrap")
shell = PageShell(PageState(), (VIEWS[0], ViewEntry("again", "brand", lazy("app.neuron.page"))))
location = session_location()
assert location is not None, "run this script with panel serve"
connect(shell, location)
shell.servable(title="micrograd-web", location=location)
