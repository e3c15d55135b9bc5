"""How the page writes numbers: one policy, in one place.

The policy (also in the README):

- every computed number (readouts, bar labels, graph boxes and edges, the gradient-check table,
  messages) has **4 decimals**: ``0.5000``; below 0.001 or from 100 000 on, scientific with 4
  significant digits: ``1.234e−10``; the one exception is the computation graph, whose boxes must
  stay legible at phone width: 3 decimals there;
- a control's value (slider labels, the address) is written **at the control's step**: ``0.50`` for
  a slider of step 0.01, ``0.050`` for the learning rate (step 0.001);
- in French the decimal separator is a comma (``0,5000``); the minus sign is always "−" on screen;
- a number that is not finite is never shown as "nan": "∞", "−∞" or "—".

``data-value`` attributes and the address stay machine-readable: ``.`` and ASCII "-".
"""

from __future__ import annotations

import math

DECIMALS = 4  # of every computed number shown
GRAPH_DIGITS = 3  # the one exception: inside the graph's boxes, which must stay legible on a phone
DECIMAL_SEPARATOR = {"en": ".", "fr": ","}


def fmt(x: float, lang: str = "en", digits: int = DECIMALS) -> str:
    """``x`` as the page shows a computed number in ``lang`` (see the module's policy); ``digits``
    other than 4 only where the policy names an exception (``GRAPH_DIGITS``)."""
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0.0:
        text = f"{0.0:.{digits}f}"  # also turns −0.0 into 0.0000
    elif 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}f}"
    else:
        text = f"{x:.{max(digits - 1, 1)}e}"
    return _localize(text, lang)


def step_decimals(step: float) -> int:
    """How many decimals a control of this ``step`` needs: 2 for 0.01, 3 for 0.001, 0 for 1."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def fmt_step(x: float, step: float, lang: str = "en") -> str:
    """A control's value as its label shows it: rounded to ``step``'s decimals (``0.50``, ``0,050``)."""
    text = f"{x:.{step_decimals(step)}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return _localize(text, lang)


def url_number(x: float, step: float) -> str:
    """A control's value for the address: rounded to its step, no trailing zeros (``0.55``, ``-1``, ``2``)."""
    text = f"{x:.{step_decimals(step)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_setting(x: float, lang: str = "en") -> str:
    """A fixed setting (a tolerance, a step size) as short as Python writes it: ``1e-05``, ``0,0001``."""
    return _localize(f"{x:g}", lang)


def data_value(x: float) -> str:
    """The full-precision value for a ``data-value`` attribute: ``repr(float)``, what tests compare."""
    return repr(float(x))


def _localize(text: str, lang: str) -> str:
    return text.replace(".", DECIMAL_SEPARATOR.get(lang, ".")).replace("-", "−")


def parse_decimal(text: str) -> float | None:
    """A finite number typed by a person, with a decimal point or comma ("0.3", "0,3", "−1"); else None.

    Never evaluates the text: only ``float()`` of a normalised copy.
    """
    cleaned = text.strip().replace("−", "-").replace("\u202f", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
