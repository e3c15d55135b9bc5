"""The page's query string ⇄ the model's state, as pure functions (no Panel, no browser).

``parse_query`` never raises: unknown keys and unparsable values are ignored, out-of-range numbers
are clamped, and each such decision comes back as a ``Notice`` the page shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from .i18n import LANGUAGES
from .neuron import ACTIVATIONS
from .notices import Notice

SLIDER_BOUNDS = (-5.0, 5.0)
LR_BOUNDS = (0.001, 10.0)

# query key -> (model parameter, bounds) for the numeric keys
NUMBER_KEYS: dict[str, tuple[str, tuple[float, float]]] = {
    "x1": ("x1", SLIDER_BOUNDS),
    "x2": ("x2", SLIDER_BOUNDS),
    "w1": ("w1", SLIDER_BOUNDS),
    "w2": ("w2", SLIDER_BOUNDS),
    "b": ("b", SLIDER_BOUNDS),
    "target": ("target", SLIDER_BOUNDS),
    "lr": ("lr", LR_BOUNDS),
}
# query key -> (model parameter, allowed values) for the choice keys
CHOICE_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "act": ("activation", ACTIVATIONS),
    "lang": ("language", LANGUAGES),
}
URL_PARAMETERS: tuple[str, ...] = (
    *(p for p, _ in NUMBER_KEYS.values()),
    *(p for p, _ in CHOICE_KEYS.values()),
)
MAX_SHOWN = 40  # characters of a bad key/value quoted back in a notice


@dataclass(frozen=True)
class QueryState:
    """Model parameter values found in a query string, and what was wrong with the rest."""

    values: dict[str, float | str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


def parse_query(search: str) -> QueryState:
    """Parse ``?w1=0.7&act=tanh…`` into model parameter values; never raises."""
    values: dict[str, float | str] = {}
    notices: list[Notice] = []
    text = search[1:] if search.startswith("?") else search
    for key, raw in parse_qsl(text, keep_blank_values=True):
        if key in NUMBER_KEYS:
            pname, (lo, hi) = NUMBER_KEYS[key]
            number, notice = parse_number(key, raw, lo, hi)
            if number is not None:
                values[pname] = number
        elif key in CHOICE_KEYS:
            pname, allowed = CHOICE_KEYS[key]
            choice = raw.strip().lower()
            notice = None
            if choice in allowed:
                values[pname] = choice
            else:
                notice = Notice(
                    "url_bad_choice", {"key": key, "value": _short(raw), "allowed": ", ".join(allowed)}
                )
        else:
            notice = Notice("url_unknown_key", {"key": _short(key)})
        if notice is not None:
            notices.append(notice)
    return QueryState(values, tuple(notices))


def parse_number(key: str, raw: str, lo: float, hi: float) -> tuple[float | None, Notice | None]:
    """A finite float clamped to [lo, hi], or None; plus the notice explaining any change."""
    try:
        number = float(raw.strip())
    except ValueError:
        return None, Notice("url_not_a_number", {"key": key, "value": _short(raw)})
    if not math.isfinite(number):
        return None, Notice("url_not_finite", {"key": key, "value": _short(raw)})
    if number < lo or number > hi:
        clamped = min(max(number, lo), hi)
        return clamped, Notice(
            "url_clamped", {"key": key, "value": _short(raw), "lo": lo, "hi": hi, "new": clamped}
        )
    return number, None


def to_query(state: Mapping[str, float | str]) -> str:
    """The query string (with its leading ``?``) that reproduces ``state`` (model parameter values)."""
    pairs: list[tuple[str, str]] = []
    for key, (pname, _) in NUMBER_KEYS.items():
        pairs.append((key, repr(float(state[pname]))))
    for key, (pname, _) in CHOICE_KEYS.items():
        pairs.append((key, str(state[pname])))
    return "?" + urlencode(pairs)


def _short(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
