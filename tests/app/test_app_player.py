"""Play/Pause wiring: a periodic callback runs model.play_tick while playing, and is stopped after."""

from __future__ import annotations

from collections.abc import Callable

import panel as pn
import pytest

from app.neuron.model import NeuronModel
from app.neuron.player import Player


class FakeCallback:
    def __init__(self, callback: Callable[[], None], period: int) -> None:
        self.callback, self.period, self.stopped = callback, period, False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def callbacks(monkeypatch: pytest.MonkeyPatch) -> list[FakeCallback]:
    made: list[FakeCallback] = []

    def add(callback: Callable[[], None], period: int = 500, **_: object) -> FakeCallback:
        made.append(FakeCallback(callback, period))
        return made[-1]

    monkeypatch.setattr(pn.state, "add_periodic_callback", add)
    return made


def test_play_starts_one_periodic_step_and_pause_stops_it(callbacks: list[FakeCallback]) -> None:
    model = NeuronModel()
    Player(model, period_ms=100)
    model.play()
    assert len(callbacks) == 1 and callbacks[0].period == 100
    callbacks[0].callback()  # one frame
    assert model.w1 != 0.5
    model.pause()
    assert callbacks[0].stopped
    model.play()
    assert len(callbacks) == 2 and not callbacks[1].stopped


def test_the_callback_is_stopped_when_learning_stops_by_itself(callbacks: list[FakeCallback]) -> None:
    model = NeuronModel(lr=10.0)
    Player(model)
    model.play()
    callbacks[0].callback()  # the first step diverges: Play stops itself
    assert not model.playing
    assert callbacks[0].stopped


def test_after_a_long_frame_the_next_ticks_wait_as_long(
    callbacks: list[FakeCallback], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter([10.0, 10.5, 10.5, 10.7, 11.2, 11.3, 11.3])  # one frame of 0.5 s, then ticks
    monkeypatch.setattr("app.neuron.player.time.perf_counter", lambda: next(clock))
    model = NeuronModel()
    Player(model, period_ms=100)
    model.play()
    callbacks[0].callback()  # 10.0 → 10.5: a 0.5 s frame; resume at 11.0
    w1 = model.w1
    callbacks[0].callback()  # at 10.7: skipped
    assert model.w1 == w1
    callbacks[0].callback()  # at 11.2: runs
    assert model.w1 != w1
