"""The message catalogue: every visible string, in English and French, looked up by key.

Each view keeps its own ``MESSAGES`` (``app/<view>/messages.py``, listed in ``MESSAGE_MODULES``);
``CATALOGUE`` merges them with the page's (``app/messages.py``) and refuses a key defined twice.

``t(key, lang, **values)`` fills ``{name}`` placeholders; floats are formatted with ``fmt`` so
that a message never shows "nan" or 17 digits.
"""

from __future__ import annotations

from importlib import import_module

from .common.formatting import fmt
from .common.notices import Notice

LANGUAGES: tuple[str, ...] = ("en", "fr")
LANGUAGE_NAMES: dict[str, str] = {"English": "en", "Français": "fr"}  # each in its own language

MESSAGE_MODULES: tuple[str, ...] = (
    "app.messages",  # the page's own
    "app.neuron.messages",
    "app.lab.messages",
    "app.network.messages",
)  # each defines MESSAGES: key -> {"en": …, "fr": …}; a new view adds its module here
CATALOGUES: tuple[dict[str, dict[str, str]], ...] = tuple(
    import_module(name).MESSAGES for name in MESSAGE_MODULES
)


def merge(*catalogues: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One table of every catalogue's messages; a key defined twice is an error naming it."""
    merged: dict[str, dict[str, str]] = {}
    for catalogue in catalogues:
        clash = merged.keys() & catalogue.keys()
        if clash:
            raise ValueError(f"message keys defined in two catalogues: {sorted(clash)}")
        merged.update(catalogue)
    return merged


CATALOGUE = merge(*CATALOGUES)


def t(key: str, lang: str, /, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``{name}`` placeholders filled (floats formatted)."""
    try:
        template = CATALOGUE[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in language {lang!r}") from None
    if not values:
        return template
    return template.format(**{k: fmt(v) if isinstance(v, float) else v for k, v in values.items()})


def notice_text(notice: Notice, lang: str) -> str:
    """A notice in ``lang``."""
    return t(notice.key, lang, **notice.params)
