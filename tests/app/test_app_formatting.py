"""One number policy (app/common/formatting.py): 4 decimals for what is computed, a control's step for
a control's value, a decimal comma in French; and French typography in every French message."""

from __future__ import annotations

import re

import pytest

from app.common.formatting import data_value, fmt, fmt_step, parse_decimal, url_number
from app.i18n import CATALOGUE, NARROW_NBSP, t
from app.neuron.model import NeuronModel
from app.neuron.views.gradcheck import GradCheckView
from app.neuron.views.gradients import GradientsView
from app.neuron.views.graph import GraphView
from app.neuron.views.learning import LearningView
from app.neuron.views.output import OutputView

FOUR_DECIMALS = re.compile(r"^−?\d+[.,]\d{4}$|^−?\d[.,]\d{3}e[+−]\d+$")


@pytest.mark.parametrize(
    ("x", "en", "fr"),
    [
        (0.5, "0.5000", "0,5000"),
        (-2.0, "−2.0000", "−2,0000"),
        (-0.0, "0.0000", "0,0000"),
        (1.23456e-10, "1.235e−10", "1,235e−10"),
        (123456.0, "1.235e+05", "1,235e+05"),
        (float("nan"), "—", "—"),
        (float("-inf"), "−∞", "−∞"),
    ],
)
def test_every_computed_number_has_four_decimals_and_a_comma_in_french(x: float, en: str, fr: str) -> None:
    assert (fmt(x, "en"), fmt(x, "fr")) == (en, fr)


def test_a_controls_value_is_shown_and_written_at_its_step() -> None:
    assert fmt_step(1.0, 0.01) == "1.00"  # not "1" beside "0.50"
    assert fmt_step(0.05, 0.001, "fr") == "0,050"
    assert fmt_step(-0.001, 0.01) == "0.00"
    assert url_number(0.5499999999999998, 0.01) == "0.55"
    assert url_number(-1.0, 0.01) == "-1"
    assert data_value(0.1 + 0.2) == "0.30000000000000004"  # machine-readable, full precision


def test_readouts_bars_graph_and_check_table_follow_the_one_policy() -> None:
    model = NeuronModel()
    model.page.language = "fr"
    shown = GradientsView(model).source.data["text"]
    assert all(FOUR_DECIMALS.match(text) for text in shown), shown
    view = GraphView(model)
    graph = [*view.nodes.data["data_text"], *(x.removeprefix("×") for x in view.edges.data["text"])]
    assert all(re.match(r"^−?\d+,\d{3}$", text) for text in graph), graph  # the stated exception: 3
    table = GradCheckView(model).pane.object
    cells = re.findall(r'<td class="mg-num">([^<]*)</td>', table)
    assert cells and all(FOUR_DECIMALS.match(c) for c in cells), cells
    html = OutputView(model).pane.object
    assert ">0,5000</span>" in html and 'data-value="0.5"' in html  # text in French, attribute for machines


def test_french_messages_have_a_narrow_no_break_space_before_high_punctuation() -> None:
    assert t("slider_x1", "fr") == "x1 (entrée)"
    for key in CATALOGUE:
        text = t(key, "fr")
        assert not re.search(r"[ \u00a0][:;!?»]|«[ \u00a0]", text), (key, text)
        assert not re.search(r"[^\s\u202f\d(][:;!?](?!\S)", text), (key, text)  # no "mot:" either
    assert f"Adresse{NARROW_NBSP}:" in t("url_unknown_key", "fr", key="zz")
    assert t("check_ok", "fr") == f"accord{NARROW_NBSP}?"
    assert NARROW_NBSP not in t("url_unknown_key", "en", key="zz")


@pytest.mark.parametrize(("text", "value"), [("0,3", 0.3), (" 0.3 ", 0.3), ("−1,5", -1.5), ("2", 2.0)])
def test_a_typed_number_takes_a_decimal_point_or_comma(text: str, value: float) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["", "abc", "0,3,1", "1.5,2", "nan", "inf", "__import__('os')"])
def test_garbage_typed_is_not_a_number(text: str) -> None:
    assert parse_decimal(text) is None


def test_the_learning_rate_box_accepts_a_french_comma_and_refuses_garbage_with_a_message() -> None:
    model = NeuronModel()
    model.page.language = "fr"
    box = LearningView(model).lr
    assert box.box.value == "0,050" and box.box.name == t("lr_label", "fr")
    box.box.value = "0,3"
    assert model.lr == 0.3 and box.box.value == "0,300" and box.message.object == ""
    box.box.value = "beaucoup"
    assert model.lr == 0.3 and box.box.value == "0,300"
    assert "«\u202fbeaucoup\u202f» n&#x27;est pas un nombre" in box.message.object
    box.box.value = "50"
    assert model.lr == 10.0 and "10,0000" in box.message.object
