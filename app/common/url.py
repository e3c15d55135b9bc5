"""A query string ⇄ parameter values, as pure functions shared by every view (no Panel, no browser).

What a key may hold is read off the parameter it names: a ``param.Number`` takes a finite float,
clamped to the parameter's bounds; a ``param.Selector`` one of its objects (case-insensitive).
``read_parameters`` never raises: unparsable values are ignored, out-of-range numbers clamped, and
each such decision comes back as a ``Notice`` the page shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode

import param

from .formatting import url_number
from .notices import Notice

MAX_SHOWN = 40  # characters of a bad key/value quoted back in a notice


@runtime_checkable
class UrlState(Protocol):
    """A view's state that lives in the address (``app.url_sync.UrlSync`` keeps the two in step).

    The page owns ``lang`` and ``view``; every other key belongs to a view. A key that no built view
    returns from ``query_items`` gets a "unknown setting" notice from the page.
    """

    def apply_query(self, query: Mapping[str, str]) -> None:
        """Take this view's keys from ``query`` (the whole address: ignore other keys).

        Tolerant: a bad value is ignored or clamped with a notice of this view's own; never raises.
        """

    def query_items(self) -> dict[str, str]:
        """Every key this view owns, with the text that reproduces its current state, in URL order."""


@dataclass(frozen=True)
class QueryState:
    """Parameter values found in a query, and what was wrong with the rest."""

    values: dict[str, float | str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


def url_keys(parameters: Iterable[str], renames: Mapping[str, str] | None = None) -> dict[str, str]:
    """Query key -> parameter name: each parameter under its own name unless ``renames`` gives another."""
    renames = renames or {}
    return {renames.get(name, name): name for name in parameters}


def split_query(search: str) -> dict[str, str]:
    """``?a=1&b=x`` -> {"a": "1", "b": "x"} (blank values kept; a repeated key keeps its last value)."""
    return dict(parse_qsl(search[1:] if search.startswith("?") else search, keep_blank_values=True))


def to_search(items: Mapping[str, str]) -> str:
    """The query string, with its leading ``?``, of ``items`` in their order."""
    return "?" + urlencode(list(items.items()))


def read_parameters(
    query: Mapping[str, str], owner: param.Parameterized | type[param.Parameterized], keys: Mapping[str, str]
) -> QueryState:
    """Values for ``owner``'s parameters named in ``keys`` (query key -> parameter) that ``query`` sets.

    Keys of ``query`` not in ``keys`` are left alone: they may belong to another view.
    """
    values: dict[str, float | str] = {}
    notices: list[Notice] = []
    for key, raw in query.items():
        if key not in keys:
            continue
        name = keys[key]
        parameter = owner.param[name]
        value: float | str | None
        if isinstance(parameter, param.Selector):
            value, notice = parse_choice(key, raw, tuple(str(o) for o in parameter.objects))
        else:
            lo, hi = parameter.bounds if parameter.bounds is not None else (-math.inf, math.inf)
            value, notice = parse_number(key, raw, float(lo), float(hi))
        if value is not None:
            values[name] = value
        if notice is not None:
            notices.append(notice)
    return QueryState(values, tuple(notices))


def write_parameters(owner: param.Parameterized, keys: Mapping[str, str]) -> dict[str, str]:
    """Query key -> text of ``owner``'s current value, for each of ``keys``.

    A number is written rounded to its parameter's ``step`` (the step of the control that shows it),
    so that the address says what the control shows: ``0.55``, not ``0.5499999999999998``.
    """
    items: dict[str, str] = {}
    for key, name in keys.items():
        value, parameter = getattr(owner, name), owner.param[name]
        if isinstance(parameter, param.Selector):
            items[key] = str(value)
        elif getattr(parameter, "step", None):
            items[key] = url_number(float(value), float(parameter.step))
        else:
            items[key] = repr(float(value))
    return items


def unknown_keys(query: Mapping[str, str], known: Iterable[str]) -> tuple[Notice, ...]:
    """A notice for each key of ``query`` that is not ``known``."""
    known = set(known)
    return tuple(Notice("url_unknown_key", {"key": _short(key)}) for key in query if key not in known)


def parse_choice(key: str, raw: str, allowed: tuple[str, ...]) -> tuple[str | None, Notice | None]:
    """One of ``allowed`` (case and spaces ignored), or None and the notice saying so."""
    choice = raw.strip().lower()
    if choice in allowed:
        return choice, None
    return None, Notice("url_bad_choice", {"key": key, "value": _short(raw), "allowed": ", ".join(allowed)})


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


def _short(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
