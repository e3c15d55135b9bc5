"""The message catalogue is complete in both languages and is the only source of visible text."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from app.i18n import CATALOGUE, LANGUAGES, t
from app.neuron.maths import ACTIVATIONS, INPUT_NAMES

APP = Path(__file__).resolve().parents[2] / "app"
LITERAL_KEY = re.compile(r"""\b(?:t|Notice)\(\s*["']([a-z0-9_]+)["']""")
# keys built at run time, and every value they can take
DYNAMIC_KEYS = {
    "slider_": INPUT_NAMES,
    "act_": ACTIVATIONS,
    "explain_act_": tuple(a for a in ACTIVATIONS if a != "relu"),
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in APP.rglob("*.py"):
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    for prefix, names in DYNAMIC_KEYS.items():
        keys |= {prefix + name for name in names}
    return keys


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    assert LANGUAGES == ("en", "fr")
    for key, messages in CATALOGUE.items():
        assert set(messages) == set(LANGUAGES), key
        assert all(messages[lang].strip() for lang in LANGUAGES), key
        assert placeholders(messages["en"]) == placeholders(messages["fr"]), key


def test_every_key_used_in_the_code_exists_and_every_key_is_used() -> None:
    used = used_keys()
    assert len(used) > 40  # the scan found the calls
    assert used - set(CATALOGUE) == set()
    # keys reached through a variable (check_* column heads, learn_* notices, …) are named in the code too
    source = "\n".join(p.read_text(encoding="utf-8") for p in APP.rglob("*.py"))
    unused = {key for key in CATALOGUE if key not in used and f'"{key}"' not in source}
    assert unused == set()


def test_dynamic_key_prefixes_are_all_used_as_scanned() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in APP.rglob("*.py"))
    for prefix in DYNAMIC_KEYS:
        assert f'f"{prefix}{{' in source, prefix


def test_french_differs_where_it_should() -> None:
    different = [k for k, m in CATALOGUE.items() if m["en"] != m["fr"]]
    assert len(different) > 0.7 * len(CATALOGUE)
    assert "rétropropagation" in t("page_title", "fr")
    assert "backpropagation" in t("page_title", "en")


def test_t_formats_floats_and_never_shows_nan() -> None:
    assert t("curve_point", "en", z=0.5) == "current z = 0.5000"
    assert "nan" not in t("curve_point", "en", z=float("nan")).lower()
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", "en")
    with pytest.raises(KeyError, match="'de'"):
        t("page_title", "de")
