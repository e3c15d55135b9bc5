"""Step and Play: gradient descent on (ŷ − y*)² whose overshoot and divergence can be watched, and that never
shows NaN or leaves the sliders' range."""

from __future__ import annotations

import itertools
import math

import pytest

from app.i18n import t
from app.neuron.maths import INPUT_NAMES
from app.neuron.model import MAX_PLAY_STEPS, NeuronModel, StepOutcome


def run_play(model: NeuronModel, max_ticks: int = MAX_PLAY_STEPS + 5) -> int:
    """Drive Play's loop directly (what the periodic callback does); returns the number of ticks taken."""
    model.play()
    ticks = 0
    while model.playing and ticks < max_ticks:
        model.play_tick()
        ticks += 1
    return ticks


def notice_keys(model: NeuronModel) -> list[str]:
    return [n.key for n in model.notices]


def all_finite(model: NeuronModel) -> bool:
    r = model.result
    numbers = [r.out, r.z, r.slope, r.loss, *r.grads.values(), *r.loss_grads.values(), *model.history]
    numbers += [getattr(model, n) for n in INPUT_NAMES]
    return all(math.isfinite(x) for x in numbers)


def test_a_step_moves_w1_w2_b_against_the_loss_gradient_and_reduces_the_loss() -> None:
    model = NeuronModel()  # seed: ŷ = 0.5, target 1 → L = 0.25, ∂L/∂(w1, w2, b) = (−2, −3, −1)
    before = model.result
    assert before.loss == 0.25
    assert dict(before.loss_grads) == {"w1": -2.0, "w2": -3.0, "b": -1.0}
    assert model.step() is StepOutcome.APPLIED
    lr = model.lr
    assert model.w1 == pytest.approx(0.5 + lr * 2.0)
    assert model.w2 == pytest.approx(-0.5 + lr * 3.0)
    assert model.b == pytest.approx(1.0 + lr * 1.0)
    assert (model.x1, model.x2) == (2.0, 3.0)
    assert model.result.loss < before.loss
    assert model.history == (0.25, model.result.loss)


def notice_kinds(model: NeuronModel) -> dict[str, str]:
    return {n.key: n.kind for n in model.notices}


def test_play_with_a_sensible_rate_converges_with_a_success_notice_and_the_loss_never_rises() -> None:
    model = NeuronModel(activation="tanh", target=0.3, lr=0.05)
    run_play(model)
    assert not model.playing
    assert notice_kinds(model) == {"learn_converged": "success"}
    history = model.history
    assert len(history) > 3
    assert all(b <= a for a, b in itertools.pairwise(history))
    assert model.result.loss <= 1e-12
    assert model.result.out == pytest.approx(0.3, abs=1e-6)


def test_a_too_large_rate_is_applied_the_loss_rises_and_play_stops_at_the_slider_limit() -> None:
    model = NeuronModel(lr=0.3)  # seed: ∂L/∂(w1, w2, b) = (−2, −3, −1)
    assert model.step() is StepOutcome.APPLIED  # applied although it raises the loss
    assert (model.w1, model.w2, model.b) == pytest.approx((1.1, 0.4, 1.3))
    assert model.result.loss == pytest.approx(3.7**2)  # ŷ = 4.7 jumped past y* = 1
    assert model.history == (0.25, model.result.loss)
    assert notice_kinds(model) == {"learn_overshoot": "warning", "learn_rose": "warning"}
    run_play(model)
    assert not model.playing
    assert "learn_limit" in notice_keys(model)
    assert model.w2 == -5.0  # the next step would carry w2 to −6.26: clamped to the slider and stopped
    assert len(model.history) == 3
    assert all_finite(model)


def test_a_rate_that_overshoots_further_each_step_is_called_diverging() -> None:
    # identity, x = (1, 1): each step multiplies ŷ − y* by 1 − 2η(x1² + x2² + 1) = −1.4
    model = NeuronModel(activation="identity", x1=1.0, x2=1.0, w1=0.0, w2=0.0, b=0.0, target=0.1, lr=0.4)
    for _ in range(2):
        model.step()
    assert "learn_diverging" not in notice_keys(model)
    model.step()
    assert notice_kinds(model)["learn_diverging"] == "error"
    assert notice_keys(model)[0] == "learn_overshoot"
    ticks = run_play(model)
    assert ticks < MAX_PLAY_STEPS and not model.playing
    history = model.history
    assert all(b > a for a, b in itertools.pairwise(history))  # the loss rose at every step until the limit
    assert "learn_limit" in notice_keys(model)
    assert max(abs(getattr(model, n)) for n in ("w1", "w2", "b")) == 5.0
    assert all_finite(model)


def test_an_overshoot_that_still_lowers_the_loss_is_information_not_a_warning() -> None:
    # identity, x = (1, 1), η = 0.25: ŷ − y* is multiplied by −0.5 each step
    model = NeuronModel(activation="identity", x1=1.0, x2=1.0, w1=0.0, w2=0.0, b=0.0, target=0.5, lr=0.25)
    model.step()
    assert notice_kinds(model) == {"learn_overshoot": "info"}
    assert model.result.out == pytest.approx(0.75)


def test_a_step_pinned_at_the_limit_changes_nothing_and_says_so() -> None:
    # σ(5) < y* = 5: b wants to grow past its maximum; x = 0 leaves w1 and w2 without a gradient
    model = NeuronModel(activation="sigmoid", x1=0.0, x2=0.0, b=5.0, target=5.0)
    history = model.history
    assert model.step() is StepOutcome.STOPPED
    assert notice_keys(model) == ["learn_limit"]
    assert model.history == history


def test_an_exploding_step_from_the_range_edge_stays_finite_and_in_range() -> None:
    model = NeuronModel(lr=10.0, x1=5.0, x2=5.0, w1=5.0, w2=5.0, b=5.0, target=-5.0, activation="identity")
    run_play(model)
    assert "learn_limit" in notice_keys(model)
    assert all(-5.0 <= getattr(model, n) <= 5.0 for n in INPUT_NAMES)
    assert all_finite(model)


@pytest.mark.parametrize("b", [-5.0, 0.5])  # z < 0, and z = 0 exactly (ReLU's slope there is taken as 0)
def test_a_dead_relu_stops_with_a_zero_gradient_notice_that_says_z_at_most_0(b: float) -> None:
    model = NeuronModel(b=b)
    assert model.result.z <= 0.0 and model.result.out == 0.0
    assert model.step() is StepOutcome.STOPPED
    assert notice_keys(model) == ["learn_zero_gradient"]
    assert model.b == b
    assert "z ≤ 0" in t("learn_zero_gradient", "en", loss=0.25)
    assert "z ≤ 0" in t("learn_zero_gradient", "fr", loss=0.25)


def test_reaching_a_slider_limit_clamps_applies_and_stops() -> None:
    model = NeuronModel(activation="identity", x1=0.1, x2=0.1, w1=0.0, w2=0.0, b=4.99, target=5.0, lr=0.9)
    before = model.result.loss
    model.play()
    model.play_tick()
    assert not model.playing
    assert notice_keys(model)[-1] == "learn_limit"
    assert model.b == 5.0
    assert model.result.loss < before


def test_a_manual_change_starts_a_new_history_and_clears_learning_notices_on_the_next_good_step() -> None:
    model = NeuronModel(lr=0.3)
    model.step()
    assert "learn_rose" in notice_keys(model)
    model.lr = 0.01
    model.param.update(w1=0.5, w2=-0.5, b=1.0)
    assert model.history == (model.result.loss,)
    assert model.step() is StepOutcome.APPLIED
    assert notice_keys(model) == []
    assert len(model.history) == 2


def test_pause_stops_the_loop() -> None:
    model = NeuronModel()
    model.play()
    model.play_tick()
    model.pause()
    w1 = model.w1
    model.play_tick()
    assert model.w1 == w1
    assert not model.playing
