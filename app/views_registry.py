"""The page's views, in switcher order: adding a view is one line in ``VIEWS``.

Each entry's ``make`` builds the view for a page the first time it is shown (the first entry, the
landing view, at start-up); ``lazy`` defers even the import of a view's modules until then, so a
view that is never opened costs the page nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import panel as pn

    from .page import PageState

Make = Callable[["PageState"], "pn.viewable.Viewable"]


@dataclass(frozen=True)
class ViewEntry:
    """A view: its URL ``key`` (``?view=key``), the i18n key of its switcher title, its factory."""

    key: str
    title_key: str
    make: Make


def lazy(module: str, attribute: str = "make") -> Make:
    """A factory that imports ``module`` on its first call and calls its ``attribute``."""

    def make(page: PageState) -> pn.viewable.Viewable:
        factory: Make = getattr(importlib.import_module(module), attribute)
        return factory(page)

    return make


VIEWS: tuple[ViewEntry, ...] = (
    ViewEntry("neuron", "view_neuron", lazy("app.neuron.page")),
    ViewEntry("lab", "view_lab", lazy("app.lab.page")),
    ViewEntry("network", "view_network", lazy("app.network.page", "make_view")),
)
