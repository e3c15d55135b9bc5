"""The network view's part of the query string ⇄ ``NetworkModel`` parameter values (pure functions).

``parse_query`` never raises: a value that does not parse is ignored, one out of range is clamped,
and each such decision comes back as a ``Notice``. Keys that are not the network view's are left
alone (the page reads them). Nothing read from the URL is ever evaluated as code.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..common.notices import Notice
from .datasets import DATASETS, N_BOUNDS, NOISE_BOUNDS
from .training import ACTIVATIONS, LOSSES, MAX_HIDDEN_LAYERS, NEURONS_BOUNDS

# query key -> NetworkModel parameter
QUERY_KEYS: dict[str, str] = {
    "dataset": "dataset",
    "n": "n",
    "noise": "noise",
    "layers": "layers",
    "activation": "activation",  # not "act" and "lr": the neuron view's keys (one address serves both)
    "loss": "loss",
    "eta": "lr",
    "l2": "l2",
    "batch": "batch",
    "seed": "seed",
}
LR_BOUNDS = (0.001, 10.0)
L2_BOUNDS = (0.0, 0.1)
BATCH_BOUNDS = (0, 300)  # 0: full batch, written "full"
SEED_BOUNDS = (0, 999_999)
FLOAT_KEYS: dict[str, tuple[float, float]] = {"noise": NOISE_BOUNDS, "eta": LR_BOUNDS, "l2": L2_BOUNDS}
INT_KEYS: dict[str, tuple[int, int]] = {"n": N_BOUNDS, "batch": BATCH_BOUNDS, "seed": SEED_BOUNDS}
CHOICE_KEYS: dict[str, tuple[str, ...]] = {"dataset": DATASETS, "activation": ACTIVATIONS, "loss": LOSSES}
MAX_SHOWN = 40  # characters of a bad value quoted back in a notice


@dataclass(frozen=True)
class QueryState:
    """Parameter values found in the query, and what was wrong with the rest."""

    values: dict[str, object] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


def parse_query(query: Mapping[str, str]) -> QueryState:
    """The network view's keys of ``query`` as ``NetworkModel`` parameter values; never raises."""
    values: dict[str, object] = {}
    notices: list[Notice] = []
    for key, pname in QUERY_KEYS.items():
        raw = query.get(key)
        if not isinstance(raw, str):
            continue
        value, notice = _parse(key, raw.strip())
        if value is not None:
            values[pname] = value
        if notice is not None:
            notices.append(notice)
    return QueryState(values, tuple(notices))


def to_query(values: Mapping[str, object]) -> dict[str, str]:
    """Query items reproducing ``values`` ({query key: parameter value})."""
    items: dict[str, str] = {}
    for key, value in values.items():
        if key == "layers":
            items[key] = "-".join(str(n) for n in value) or "0"  # type: ignore[attr-defined]
        elif key == "batch":
            items[key] = "full" if value == 0 else str(value)
        elif key in FLOAT_KEYS:
            items[key] = repr(float(value))  # type: ignore[arg-type]
        else:
            items[key] = str(value)
    return items


def _parse(key: str, raw: str) -> tuple[object | None, Notice | None]:
    bad = Notice("net_url_bad_value", {"key": key, "value": _short(raw)})
    if key in CHOICE_KEYS:
        choice = raw.lower()
        return (choice, None) if choice in CHOICE_KEYS[key] else (None, bad)
    if key == "layers":
        return _parse_layers(raw, bad)
    if key == "batch" and raw.lower() == "full":
        return 0, None
    try:
        number = float(raw)
    except ValueError:
        return None, bad
    if not math.isfinite(number):
        return None, bad
    if key in INT_KEYS:
        if not number.is_integer():
            return None, bad
        lo, hi = INT_KEYS[key]
        return _clamped(key, raw, int(number), lo, hi)
    flo, fhi = FLOAT_KEYS[key]
    return _clamped(key, raw, number, flo, fhi)


def _parse_layers(raw: str, bad: Notice) -> tuple[object | None, Notice | None]:
    """ "8-4" → [8, 4]; "0" or "" → [] (no hidden layer); widths clamped to 1–8, at most 3 layers."""
    if raw in ("", "0"):
        return [], None
    parts = raw.split("-")
    if not all(p.isdigit() and len(p) <= 3 for p in parts):
        return None, bad
    lo, hi = NEURONS_BOUNDS
    widths = [min(max(int(p), lo), hi) for p in parts[:MAX_HIDDEN_LAYERS]]
    changed = len(parts) > MAX_HIDDEN_LAYERS or any(int(p) != w for p, w in zip(parts, widths, strict=False))
    if changed:
        new = "-".join(map(str, widths))
        return widths, Notice(
            "net_url_layers", {"value": _short(raw), "new": new, "hi": hi, "max": MAX_HIDDEN_LAYERS}
        )
    return widths, None


def _clamped(key: str, raw: str, number: float, lo: float, hi: float) -> tuple[object, Notice | None]:
    if lo <= number <= hi:
        return number, None
    new = min(max(number, lo), hi)
    return new, Notice("net_url_clamped", {"key": key, "value": _short(raw), "lo": lo, "hi": hi, "new": new})


def _short(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
