"""Step and Play: gradient descent on (ŷ − y*)² that never runs away."""

from __future__ import annotations

import itertools
import math

import pytest

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


def test_play_with_a_sensible_rate_converges_and_the_loss_never_rises() -> None:
    model = NeuronModel(activation="tanh", target=0.3, lr=0.05)
    run_play(model)
    assert not model.playing
    assert notice_keys(model) == ["learn_converged"]
    history = model.history
    assert len(history) > 3
    assert all(b <= a for a, b in itertools.pairwise(history))
    assert model.result.loss <= 1e-12
    assert model.result.out == pytest.approx(0.3, abs=1e-6)


@pytest.mark.parametrize("lr", [10.0, 1.0, 0.2])
def test_play_with_a_large_rate_stops_with_a_divergence_notice_and_no_nan(lr: float) -> None:
    model = NeuronModel(lr=lr)
    start = {n: getattr(model, n) for n in INPUT_NAMES}
    ticks = run_play(model)
    assert not model.playing
    assert ticks < MAX_PLAY_STEPS
    assert notice_keys(model) == ["learn_diverged"]
    assert all_finite(model)
    # the diverging step was refused: the state is the last good one, within the sliders' range
    assert all(-5.0 <= getattr(model, n) <= 5.0 for n in INPUT_NAMES)
    assert model.result.loss <= model.history[0]
    if lr == 10.0:  # the very first step overshoots: nothing moved
        assert {n: getattr(model, n) for n in INPUT_NAMES} == start


def test_an_exploding_step_from_the_range_edge_is_refused() -> None:
    model = NeuronModel(lr=10.0, x1=5.0, x2=5.0, w1=5.0, w2=5.0, b=5.0, target=-5.0, activation="identity")
    assert model.step() is StepOutcome.STOPPED
    assert notice_keys(model)[0].startswith("learn_diverged")
    assert all_finite(model)


def test_a_dead_relu_stops_with_a_zero_gradient_notice() -> None:
    model = NeuronModel(w1=-5.0)  # z < 0: ReLU outputs 0 and passes no gradient
    assert model.result.out == 0.0
    assert model.step() is StepOutcome.STOPPED
    assert notice_keys(model) == ["learn_zero_gradient"]
    assert model.w1 == -5.0


def test_reaching_a_slider_limit_clamps_applies_and_stops() -> None:
    model = NeuronModel(activation="identity", x1=0.1, x2=0.1, w1=0.0, w2=0.0, b=4.99, target=5.0, lr=0.9)
    before = model.result.loss
    model.play()
    model.play_tick()
    assert not model.playing
    assert notice_keys(model) == ["learn_limit"]
    assert model.b == 5.0
    assert model.result.loss < before


def test_a_manual_change_starts_a_new_history_and_clears_learning_notices_on_the_next_good_step() -> None:
    model = NeuronModel(lr=10.0)
    model.step()
    assert notice_keys(model) == ["learn_diverged"]
    model.lr = 0.05
    model.w1 = 0.6
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
