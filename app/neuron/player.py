"""Play/Pause wiring: while ``model.playing`` is true, a periodic callback takes one step per frame.

``pn.state.add_periodic_callback`` runs on the server's event loop and, under Pyodide, on the
browser's (asyncio), so the same code animates both the served and the static app.
"""

from __future__ import annotations

import time
from typing import Protocol

import panel as pn
import param
from param.parameterized import Parameters

FRAME_MS = 200


class Playable(Protocol):
    """A state with Play: a watchable ``playing`` flag and one animation frame, ``play_tick()``."""

    param: Parameters

    def play_tick(self) -> None: ...


class Player:
    """Starts a periodic ``model.play_tick`` when Play is pressed and stops it on pause or stop."""

    def __init__(self, model: Playable, period_ms: int = FRAME_MS) -> None:
        self.model = model
        self.period_ms = period_ms
        self._callback: pn.io.callbacks.PeriodicCallback | None = None
        self._resume_at = 0.0
        model.param.watch(self._on_playing, "playing")

    def _on_playing(self, event: param.parameterized.Event) -> None:
        if event.new and self._callback is None:
            self._callback = pn.state.add_periodic_callback(self._tick, period=self.period_ms)
        elif not event.new and self._callback is not None:
            self._callback.stop()
            self._callback = None

    def _tick(self) -> None:
        start = time.perf_counter()
        if start < self._resume_at:
            return  # the last frame was long: leave the page time to draw it and to hear a Pause
        # One frame changes ~20 properties (sliders, sources, texts): hold them and send them to the
        # browser together, so that the page redraws once per frame instead of once per property.
        with pn.io.hold():
            self.model.play_tick()
        # Python gets at most half of the time: a frame slower than the period (a network on a slow
        # machine) would otherwise run back to back, and the page would fall behind and miss clicks.
        self._resume_at = time.perf_counter() + (time.perf_counter() - start)
