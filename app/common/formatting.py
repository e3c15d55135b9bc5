"""Human formatting of numbers: short, sign-stable, and never the text "nan"."""

from __future__ import annotations

import math


def fmt(x: float, digits: int = 4) -> str:
    """``x`` with ``digits`` decimals (scientific when very large/small); "∞", "−∞" or "—" when not finite."""
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0.0:
        return f"{0.0:.{digits}f}"  # also turns −0.0 into 0.0000
    fixed = 1e-3 <= abs(x) < 1e5
    text = f"{x:.{digits}f}" if fixed else f"{x:.{max(digits - 1, 1)}e}"
    return text.replace("-", "−")


def data_value(x: float) -> str:
    """The full-precision value for a ``data-value`` attribute: ``repr(float)``, what tests compare."""
    return repr(float(x))
