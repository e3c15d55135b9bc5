"""The query string: parsed by pure functions; garbage ignored or clamped with a notice, never raising."""

from __future__ import annotations

from urllib.parse import quote

import param
import pytest
from hypothesis import given
from hypothesis import strategies as st
from panel.io.location import Location

from app.browser import QuietLocation
from app.common.url import QueryState, read_parameters, split_query, to_search, write_parameters
from app.i18n import notice_text
from app.main import build
from app.neuron.model import URL_KEYS, NeuronModel
from app.page import PageState
from app.url_sync import PAGE_KEYS, UrlSync


class FakeLocation(param.Parameterized):
    """Stands in for pn.state.location: only ``search`` matters to UrlSync."""

    search = param.String(default="")
    writes = param.Integer(default=0)

    @param.depends("search", watch=True)
    def _count(self) -> None:
        self.writes += 1


def parse_query(search: str) -> QueryState:
    """The neuron's reading of an address (its own keys only)."""
    return read_parameters(split_query(search), NeuronModel, URL_KEYS)


def open_address(search: str) -> tuple[NeuronModel, FakeLocation]:
    """The whole page opened at ``search``: its neuron model (whose page holds the language) and location."""
    shell = build(PageState())
    model = shell.built["neuron"].state
    assert isinstance(model, NeuronModel)
    location = FakeLocation(search=search)
    UrlSync(shell, location)
    return model, location


def shown_notices(model: NeuronModel) -> list[str]:
    """The keys of the notices on the page: the page's own, then the neuron's."""
    return [n.key for n in (*model.page.notices, *model.notices)]


def keys(search: str) -> list[str]:
    return [n.key for n in parse_query(search).notices]


def test_a_clean_query_sets_every_parameter_without_notices() -> None:
    state = parse_query("?x1=1.5&x2=-2&w1=0.25&w2=3&b=-0.5&act=tanh&target=0.8&lr=0.1&lang=fr")
    assert state.notices == ()
    assert read_parameters(split_query("?lang=fr&w1=0.25"), PageState, PAGE_KEYS).values == {"language": "fr"}
    assert state.values == {
        "x1": 1.5,
        "x2": -2.0,
        "w1": 0.25,
        "w2": 3.0,
        "b": -0.5,
        "activation": "tanh",
        "target": 0.8,
        "lr": 0.1,
    }


@pytest.mark.parametrize(
    ("search", "key"),
    [
        ("?w1=abc", "url_not_a_number"),
        ("?w1=", "url_not_a_number"),
        ("?w1=nan", "url_not_finite"),
        ("?w1=inf", "url_not_finite"),
        ("?w1=-Infinity", "url_not_finite"),
        ("?w1=1e400", "url_not_finite"),  # overflows to inf when parsed
        ("?act=softmax", "url_bad_choice"),
        ("?lang=de", "url_bad_choice"),
        ("?foo=1", "url_unknown_key"),
    ],
)
def test_garbage_is_ignored_with_a_notice(search: str, key: str) -> None:
    model, _ = open_address(search)
    assert model.query_items() == NeuronModel().query_items() and model.page.language == "en"
    assert shown_notices(model) == [key]


@pytest.mark.parametrize(
    ("search", "name", "value"),
    [("?w1=1e308", "w1", 5.0), ("?w1=-7", "w1", -5.0), ("?lr=1e9", "lr", 10.0), ("?lr=0", "lr", 0.001)],
)
def test_out_of_range_numbers_are_clamped_with_a_notice(search: str, name: str, value: float) -> None:
    state = parse_query(search)
    assert state.values == {name: value}
    assert keys(search) == ["url_clamped"]


def test_good_keys_survive_next_to_bad_ones() -> None:
    state = parse_query("?w1=abc&w2=0.75&foo=bar&act=SIGMOID&b=1e308")
    assert state.values == {"w2": 0.75, "activation": "sigmoid", "b": 5.0}
    assert [n.key for n in state.notices] == ["url_not_a_number", "url_clamped"]
    model, _ = open_address("?w1=abc&w2=0.75&foo=bar&act=SIGMOID&b=1e308")
    assert (model.w2, model.activation, model.b) == (0.75, "sigmoid", 5.0)
    assert shown_notices(model) == ["url_unknown_key", "url_not_a_number", "url_clamped"]


def test_notices_quote_the_bad_value_shortened_and_in_both_languages() -> None:
    state = parse_query("?w1=" + quote("<script>" + "x" * 100))
    (notice,) = state.notices
    en, fr = notice_text(notice, "en"), notice_text(notice, "fr")
    assert "w1" in en and "<script>" in en and len(en) < 150
    assert en != fr and "w1" in fr


SHARED_MODEL = NeuronModel()


@given(st.text(max_size=200))
def test_any_text_parses_without_an_exception(text: str) -> None:
    state = parse_query(text)
    SHARED_MODEL.param.update(**state.values)  # whatever was accepted is valid for the model


def test_to_query_round_trips() -> None:
    model = NeuronModel(w1=0.1 + 0.2, activation="sigmoid", target=-1.25, lr=0.003)
    model.page.language = "fr"
    query = to_search({**model.query_items(), **write_parameters(model.page, PAGE_KEYS)})
    again, _ = open_address(query)
    assert shown_notices(again) == []
    for name in ("x1", "x2", "w1", "w2", "b", "target", "lr"):  # equal up to each control's step
        assert getattr(again, name) == round(getattr(model, name), 3 if name == "lr" else 2), name
    assert again.activation == "sigmoid" and again.page.language == "fr"


def test_numbers_are_written_at_their_controls_step_without_float_noise() -> None:
    model = NeuronModel(w1=0.55 - 1e-16, target=0.7000000000000002, b=-1e-9, x1=-2.0, lr=0.05000000000000001)
    items = model.query_items()
    written = (items["w1"], items["target"], items["b"], items["x1"], items["lr"])
    assert written == ("0.55", "0.7", "0", "-2", "0.05")


def test_to_query_writes_every_key() -> None:
    model, location = open_address("?x1=1&x2=2&w1=3&w2=4&b=5&target=0&lr=0.5&act=relu&lang=en")
    assert shown_notices(model) == []
    assert location.search == "?x1=1&x2=2&w1=3&w2=4&b=5&target=0&lr=0.5&act=relu&lang=en"


def test_apply_query_replaces_only_the_url_notices() -> None:
    model = NeuronModel(lr=0.3)
    model.step()
    model.apply_query({"w1": "abc"})
    assert sorted(n.key for n in model.notices) == ["learn_overshoot", "learn_rose", "url_not_a_number"]
    model.apply_query({"w1": "0.3"})
    assert [n.key for n in model.notices] == ["learn_overshoot", "learn_rose"]
    assert model.w1 == 0.3


def test_url_sync_applies_the_address_then_writes_the_clean_state_back() -> None:
    model, location = open_address("?w1=abc&w2=0.25&lang=fr")
    assert model.w2 == 0.25 and model.page.language == "fr"
    assert [n.key for n in model.notices] == ["url_not_a_number"]
    assert location.search == to_search({**model.query_items(), "lang": "fr"})
    assert "w1=0.5" in location.search


def test_url_sync_follows_the_model_but_not_while_playing() -> None:
    model, location = open_address("")
    assert location.search == to_search({**model.query_items(), "lang": "en"})  # written once at start
    model.activation = "tanh"
    assert "act=tanh" in location.search
    model.play()
    writes = location.writes
    model.play_tick()
    model.play_tick()
    assert location.writes == writes
    model.pause()
    assert location.search == to_search({**model.query_items(), "lang": "en"})


def test_url_sync_reacts_to_a_location_arriving_after_start_up() -> None:
    # under pyodide-worker the browser sends window.location only after the first render
    model, location = open_address("")
    location.search = "?act=identity&b=9"
    assert model.activation == "identity" and model.b == 5.0
    assert [n.key for n in model.notices] == ["url_clamped"]
    assert location.search == to_search({**model.query_items(), "lang": "en"})


def test_a_value_that_panels_own_parser_chokes_on_drops_no_valid_key() -> None:
    # Panel's Location parses the query for location.sync with int() on any str.isdigit() text: "²" raised
    # there and stopped every watcher after it. The page judges each key with its own parser instead.
    shell = build(PageState())
    model = shell.built["neuron"].state
    assert isinstance(model, NeuronModel)
    location = Location()
    UrlSync(shell, location)
    location.search = "?zz=%C2%B2&w1=-2&x1=%C2%B2"
    assert model.w1 == -2.0 and model.x1 == 2.0
    assert shown_notices(model) == ["url_unknown_key", "url_not_a_number"]
    QuietLocation(search="?x1=%C2%B2&x2=" + "9" * 5000)  # what panel serve builds from the request
