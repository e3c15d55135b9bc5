"""The message catalogue: every visible string, in English and French, looked up by key.

Each view keeps its own ``MESSAGES`` (``app/<view>/messages.py``, listed in ``MESSAGE_MODULES``);
``CATALOGUE`` merges them with the page's (``app/messages.py``) and refuses a key defined twice.

``t(key, lang, **values)`` fills ``{name}`` placeholders; floats are formatted with ``fmt`` in the
message's language, so that a message never shows "nan" or 17 digits, and French gets a decimal comma.
French typography is applied here, once: the catalogue writes "Adresse : …" with an ordinary space,
``t`` turns the space before ``: ; ! ? »`` and after ``«`` into a narrow no-break space (U+202F).
"""

from __future__ import annotations

import re
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

NARROW_NBSP = "\u202f"
_FRENCH_SPACES = (re.compile(r"[ \u00a0]+(?=[:;!?»])"), re.compile(r"(?<=«)[ \u00a0]+"))


def typography(text: str, lang: str) -> str:
    """``text`` with ``lang``'s spacing rules: in French a narrow no-break space before ``: ; ! ? »``."""
    if lang != "fr":
        return text
    for spaces in _FRENCH_SPACES:
        text = spaces.sub(NARROW_NBSP, text)
    return text


def label_colon_space(lang: str) -> str:
    """What goes between a label and the ": " a widget (a Bokeh slider) appends to it."""
    return NARROW_NBSP if lang == "fr" else ""


def t(key: str, lang: str, /, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``{name}`` placeholders filled (floats formatted)."""
    try:
        template = typography(CATALOGUE[key][lang], lang)
    except KeyError:
        raise KeyError(f"no message {key!r} in language {lang!r}") from None
    if not values:
        return template
    return template.format(**{k: fmt(v, lang) if isinstance(v, float) else v for k, v in values.items()})


def notice_text(notice: Notice, lang: str) -> str:
    """A notice in ``lang``."""
    return t(notice.key, lang, **notice.params)
