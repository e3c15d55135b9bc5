"""The page around the views: one page state, lazily built views from a registry, view= in the address."""

from __future__ import annotations

from collections.abc import Mapping

import panel as pn
import param
import pytest
from test_app_url import FakeLocation

from app.common.url import UrlState
from app.i18n import CATALOGUE, CATALOGUES, merge, t
from app.lab.model import LabModel
from app.main import build
from app.network.model import NetworkModel
from app.neuron.model import NeuronModel
from app.page import PageState
from app.shell import PageShell
from app.url_sync import UrlSync
from app.views_registry import VIEWS, ViewEntry, lazy


class CounterState(param.Parameterized):
    """A second view's state for these tests: one number in the address as ``n``."""

    n = param.Integer(default=0, bounds=(0, 9))
    notices = param.Parameter(default=())

    def apply_query(self, query: Mapping[str, str]) -> None:
        if query.get("n", "").isdigit():
            self.n = min(int(query["n"]), 9)

    def query_items(self) -> dict[str, str]:
        return {"n": str(self.n)}


class CounterView(pn.viewable.Viewer):
    made: list[PageState] = []  # noqa: RUF012 (a test log of the factory's calls)

    def __init__(self, page: PageState) -> None:
        super().__init__()
        CounterView.made.append(page)
        self.state = CounterState()
        self.pane = pn.pane.Markdown("counter")

    def __panel__(self) -> pn.viewable.Viewable:
        return self.pane


TWO_VIEWS = (VIEWS[0], ViewEntry("counter", "brand", CounterView))  # the landing view and a stand-in


def two_view_page(search: str = "") -> tuple[PageShell, FakeLocation]:
    CounterView.made.clear()
    shell = PageShell(PageState(), TWO_VIEWS)
    location = FakeLocation(search=search)
    UrlSync(shell, location)
    return shell, location


def test_the_registry_lists_neuron_lab_network_and_builds_them_lazily() -> None:
    assert [(e.key, e.title_key) for e in VIEWS] == [
        ("neuron", "view_neuron"), ("lab", "view_lab"), ("network", "view_network")
    ]
    assert all(e.title_key in CATALOGUE for e in VIEWS)
    view = lazy("app.neuron.page")(PageState())
    assert isinstance(view.state, NeuronModel) and isinstance(view.state, UrlState)
    lab = VIEWS[1].make(PageState())
    assert isinstance(lab.state, LabModel) and isinstance(lab.state, UrlState)
    network = VIEWS[2].make(PageState())
    assert isinstance(network.state, NetworkModel) and isinstance(network.state, UrlState)


def test_the_page_builds_only_the_landing_view_until_another_is_shown() -> None:
    shell = build(PageState())
    assert isinstance(shell.switcher, pn.widgets.RadioButtonGroup)
    assert list(shell.built) == ["neuron"]
    shell.page.view = "network"
    assert list(shell.built) == ["neuron", "network"]
    assert shell.content.objects == [shell.built["network"].__panel__()]


def test_one_view_shows_no_switcher_and_builds_only_the_landing_view() -> None:
    shell = PageShell(PageState(), VIEWS[:1])
    assert shell.switcher is None
    assert list(shell.built) == ["neuron"]
    assert shell.content.objects == [shell.built["neuron"].__panel__()]


def test_two_views_show_a_switcher_and_build_the_second_only_when_selected() -> None:
    shell, location = two_view_page()
    assert isinstance(shell.switcher, pn.widgets.RadioButtonGroup)
    assert list(shell.switcher.options.values()) == ["neuron", "counter"]
    assert list(shell.built) == ["neuron"] and CounterView.made == []
    assert "view=" not in location.search  # the landing view is the default

    shell.switcher.value = "counter"  # what a click on the button does
    assert shell.page.view == "counter" and list(shell.built) == ["neuron", "counter"]
    assert shell.content.objects == [shell.built["counter"].__panel__()]
    assert location.search == "?n=0&lang=en&view=counter"  # the active view's keys, then the page's

    shell.page.view = "neuron"
    shell.page.view = "counter"
    assert len(CounterView.made) == 1  # built once, kept
    shell.page.language = "fr"
    assert list(shell.switcher.options) == [t("view_neuron", "fr"), t("brand", "fr")]


def test_the_address_opens_the_view_it_names_and_hands_it_its_keys() -> None:
    shell, location = two_view_page("?view=counter&n=4&w1=0.25")
    assert shell.page.view == "counter"
    counter = shell.built["counter"]
    neuron = shell.built["neuron"]
    assert isinstance(counter, CounterView) and isinstance(neuron.state, NeuronModel)
    assert counter.state.n == 4
    assert neuron.state.w1 == 0.25  # every built view reads the whole address
    assert shell.page.notices == ()
    assert location.search == "?n=4&lang=en&view=counter"


def test_a_bad_view_or_a_key_nobody_owns_gets_a_page_notice() -> None:
    shell, _ = two_view_page("?view=nowhere&zz=1")
    assert shell.page.view == "neuron"
    assert [n.key for n in shell.page.notices] == ["url_bad_choice", "url_unknown_key"]
    assert "counter" not in shell.built


def test_catalogues_merge_into_one_table_and_a_key_defined_twice_is_an_error() -> None:
    assert merge(*CATALOGUES) == CATALOGUE
    assert sum(len(c) for c in CATALOGUES) == len(CATALOGUE)
    with pytest.raises(ValueError, match="brand"):
        merge({"brand": {"en": "a", "fr": "a"}}, {"brand": {"en": "b", "fr": "b"}})


def test_a_view_can_open_another_with_a_query() -> None:
    shell = PageShell(PageState())
    location = FakeLocation(search="?view=network")
    UrlSync(shell, location)
    shell.page.open_view("neuron", {"x1": "1.5", "w2": "-0.25", "act": "tanh"})
    neuron = shell.built["neuron"].state
    assert shell.page.view == "neuron" and (neuron.x1, neuron.w2, neuron.activation) == (1.5, -0.25, "tanh")
    assert "x1=1.5" in location.search and "view=" not in location.search
    neuron.x1 = 0.0
    shell.page.open_view("neuron", {"x1": "1.5", "w2": "-0.25", "act": "tanh"})  # the same request again
    assert neuron.x1 == 1.5
    shell.page.open_view("nowhere", {})  # no such view: nothing happens
    assert shell.page.view == "neuron"
