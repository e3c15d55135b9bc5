"""A page with only the network view, for its browser tests until the page registers it (``panel serve``).

``?lang=fr`` picks the language; "open in the neuron view" writes the query it received into an
element (``data-testid="opened-neuron"``), which the tests read.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys

if importlib.util.find_spec("app") is None and "__file__" in globals():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import panel as pn
import param

from app.network.page import make_view


class Page(param.Parameterized):
    language = param.Selector(default="en", objects=["en", "fr"])


def build() -> pn.viewable.Viewable:
    args = pn.state.session_args if pn.state.curdoc is not None else {}
    lang = (args.get("lang") or [b"en"])[0].decode()
    page = Page(language=lang if lang in ("en", "fr") else "en")
    opened = pn.pane.HTML('<div data-testid="opened-neuron"></div>', sizing_mode="stretch_width")

    def on_open(query: dict[str, str]) -> None:
        opened.object = f'<div data-testid="opened-neuron">{json.dumps(query)}</div>'

    view = make_view(page, on_open_neuron=on_open)
    view.model.apply_query({k: v[0].decode() for k, v in args.items()})
    language = pn.widgets.Select.from_param(page.param.language, css_classes=["mg-net-lang"])
    return pn.Column(language, opened, view, sizing_mode="stretch_width")


pn.extension(sizing_mode="stretch_width", design="bootstrap")
build().servable(title="network view")
