"""Each message next to what caused it, styled and announced by kind (issue 7, item 4), and the numbers a
Step uses shown beside its rule (item 6)."""

from __future__ import annotations

import re
from html import unescape

import panel as pn
import pytest
from test_app_views import readouts

from app.common.notices import Notice
from app.common.notices_view import NoticesView, notice_html
from app.neuron.model import NeuronModel
from app.neuron.views.learning import LearningView
from app.neuron.views.output import OutputView

NOTICE = re.compile(
    r'<div class="mg-notice ([^"]*)" (role="[a-z]+"(?: aria-live="polite")?) data-key="([a-z_]+)"'
)


def shown_notices(html: str) -> dict[str, tuple[str, str]]:
    """data-key → (CSS classes, ARIA attributes) of every notice in ``html``."""
    return {key: (classes, aria) for classes, aria, key in NOTICE.findall(html)}


@pytest.mark.parametrize(
    ("kind", "aria"),
    [
        ("success", 'role="status" aria-live="polite"'),
        ("warning", 'role="status" aria-live="polite"'),
        ("error", 'role="alert"'),
    ],
)
def test_a_notice_is_styled_by_its_kind_and_announced(kind: str, aria: str) -> None:
    html = notice_html(Notice("learn_converged", {"loss": 0.0}, kind), "en")
    classes, shown_aria = shown_notices(html)["learn_converged"]
    assert f"mg-{kind}" in classes.split() and shown_aria == aria


def test_a_notice_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind 'fatal'"):
        Notice("learn_converged", {}, "fatal")


def test_learning_notices_appear_in_the_learning_card_not_at_the_top() -> None:
    model = NeuronModel(lr=0.3)
    learning = LearningView(model)
    top = NoticesView(model, model.page, sources=("url",))
    model.apply_query({"w1": "abc"})
    learning.step_button.clicks += 1  # Step with η = 0.3: overshoot, the loss rises
    in_card = shown_notices(learning.notices.pane.object)
    assert set(in_card) == {"learn_overshoot", "learn_rose"}
    assert "mg-warning" in in_card["learn_rose"][0].split()
    assert set(shown_notices(top.pane.object)) == {"url_not_a_number"}  # the address's stay at the top


def test_converged_is_a_green_success_inside_the_learning_card() -> None:
    model = NeuronModel(activation="identity", target=0.5, w1=0.0, w2=0.0, b=0.5)  # ŷ = y*: loss 0
    learning = LearningView(model)
    learning.step_button.clicks += 1
    classes, aria = shown_notices(learning.notices.pane.object)["learn_converged"]
    assert "mg-success" in classes.split() and aria == 'role="status" aria-live="polite"'


def test_the_learning_card_holds_its_notices_next_to_step_and_play() -> None:
    learning = LearningView(NeuronModel())
    parts = list(learning.__panel__().objects)
    buttons = next(i for i, p in enumerate(parts) if isinstance(p, pn.Row) and learning.step_button in p)
    assert parts[buttons + 1] is learning.notices.pane.__panel__()  # right under Step and Play


@pytest.mark.parametrize(("b", "dead"), [(-5.0, True), (0.5, True), (0.6, False)])  # z = 0 at b = 0.5
def test_the_dead_neuron_notice_sits_under_the_output_and_is_right_at_z_0(b: float, dead: bool) -> None:
    model = NeuronModel(b=b)
    view = OutputView(model)
    notices = shown_notices(view.pane.object)
    assert ("dead_neuron" in notices) is dead
    if dead:
        text = unescape(re.sub(r"<[^>]+>", " ", view.pane.object))
        assert "≤ 0" in text and f"z = {model.result.z:.4f}".replace("-", "−") in text
    model.activation = "tanh"
    assert shown_notices(view.pane.object) == {}


def test_the_next_step_shows_the_loss_gradients_a_step_uses_beside_the_rule() -> None:
    model = NeuronModel(lr=0.1)
    view = LearningView(model)
    shown = readouts(view.next_step.object)
    for name in ("w1", "w2", "b"):
        assert shown[f"loss-grad-{name}"][0] == model.result.loss_grads[name]
    text = unescape(view.next_step.object)
    assert "w1 ← 0.5000 − 0.100 × (−2.0000) = 0.7000" in text
    model.lr = 0.2  # the rule's numbers follow η
    assert "w1 ← 0.5000 − 0.200 × (−2.0000) = 0.9000" in unescape(view.next_step.object)
    model.step()
    assert readouts(view.next_step.object)["loss-grad-w1"][0] == model.result.loss_grads["w1"]
