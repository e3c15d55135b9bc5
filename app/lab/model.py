"""``LabModel``: the lab's whole state, testable without a browser.

A change of the expression text, a value or the bug switch recomputes once (``compute``) and
publishes one immutable ``LabResult`` in ``result``. Text that does not parse, or values the engine
refuses, leave the previous result in place and record ``error`` (with its position).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import param

from micrograd_core import Expression, ExpressionError, parse

from ..common.notices import Notice
from ..common.url import parse_number
from .bugs import BUGS, NONE
from .compute import LabResult, compute
from .presets import DEFAULT, preset
from .walk import clamp

VALUE_LIMIT = 10.0  # |value| from a link or a preset; the sliders show −5…5, widened to fit
SLIDER_BOUNDS = (-5.0, 5.0)
SLIDER_STEP = 0.01
NEW_VALUES = (2.0, -3.0, 1.0, 0.5, -1.5, 3.0)  # for variables that appear, in turn
EXPR_KEY = "expr"
VALUE_PREFIX = "v_"


class LabModel(param.Parameterized):
    """The expression, its variables' values, the walk's position and the bug switch."""

    text = param.String(default=DEFAULT.text, doc="the expression as typed")
    values = param.Dict(default=dict(DEFAULT.values), doc="variable name -> value")
    bug: param.Selector[str] = param.Selector(
        default=NONE, objects=list(BUGS), doc="which backward() bug to run"
    )
    position = param.Integer(default=0, bounds=(0, None), doc="the walk's position (see LabResult)")

    result = param.ClassSelector(class_=LabResult, doc="the last expression and values that computed")
    notices = param.Parameter(default=(), doc="Notice objects about the link's values")
    error = param.ClassSelector(class_=ExpressionError, default=None, allow_None=True, doc="the last problem")

    def __init__(self, **params: object) -> None:
        super().__init__(**params)  # type: ignore[no-untyped-call]  # param's __init__ is unannotated
        self._expression: Expression | None = None
        self._recompute()
        if self.result is None:  # the text given does not compute: start from the default example
            fallback, values = parse(DEFAULT.text), dict(DEFAULT.values)
            self._expression = fallback
            self._publish(compute(fallback, values, self.bug), values)
        self.position = self.current.length

    @property
    def current(self) -> LabResult:
        if self.result is None:
            raise RuntimeError("LabModel.result read before the first computation")
        return self.result

    @param.depends("text", "values", "bug", watch=True)
    def _recompute(self) -> None:
        """Parse, compute, publish; a text that does not parse leaves the last good expression in use."""
        error: ExpressionError | None = None
        expression = self._expression
        try:
            expression = parse(self.text)
        except ExpressionError as problem:
            error = problem
        if expression is not None:
            try:
                values = self._values_for(expression)
                if self._unchanged(expression, values):
                    self.error = error
                    return
                result = compute(expression, values, self.bug)
            except ExpressionError as problem:
                error = error or problem
            else:
                self._expression = expression
                self._publish(result, values)
        self.error = error

    def _unchanged(self, expression: Expression, values: dict[str, float]) -> bool:
        result = self.result
        return (
            result is not None
            and result.text == expression.text
            and result.bug == self.bug
            and dict(result.values) == values
        )

    def _publish(self, result: LabResult, values: dict[str, float]) -> None:
        at_end = self.result is None or self.position >= self.current.length
        structure_changed = self.result is None or self.result.text != result.text
        self.result = result
        if values != self.values:
            self.values = values
        self.position = result.length if at_end or structure_changed else clamp(result, self.position)

    def _values_for(self, expression: Expression) -> dict[str, float]:
        current = dict(self.values)
        fresh = iter(NEW_VALUES * (1 + len(expression.variables) // len(NEW_VALUES)))
        return {n: float(current[n]) if n in current else next(fresh) for n in expression.variables}

    # ----------------------------------------------------------------- actions
    def set_value(self, name: str, value: float) -> None:
        """Set one variable (clamped to ±VALUE_LIMIT); unknown names and non-finite values are ignored."""
        if name in self.values and math.isfinite(value):
            self.values = {**self.values, name: min(max(float(value), -VALUE_LIMIT), VALUE_LIMIT)}

    def load_preset(self, key: str) -> None:
        chosen = preset(key)
        self.param.update(values=dict(chosen.values), text=chosen.text)

    def step(self, delta: int) -> None:
        self.position = clamp(self.current, self.position + delta)

    def to_start(self) -> None:
        self.position = 0

    def to_end(self) -> None:
        self.position = self.current.length

    # ----------------------------------------------------------------- URL
    def apply_query(self, query: Mapping[str, str]) -> None:
        """Take ``expr`` and ``v_<name>`` from a link; never raises.

        The expression goes through the same safe parser as typed text (a problem lands in ``error``
        and the last good graph stays); a value that is not a finite number is ignored, one beyond
        ±VALUE_LIMIT clamped, each with a notice.
        """
        values = dict(self.values)
        notices: list[Notice] = []
        for key, raw in query.items():
            if key.startswith(VALUE_PREFIX) and len(key) > len(VALUE_PREFIX):
                number, notice = parse_number(key, raw, -VALUE_LIMIT, VALUE_LIMIT)
                if number is not None:
                    values[key[len(VALUE_PREFIX) :]] = number
                if notice is not None:
                    notices.append(notice)
        updates: dict[str, object] = {"values": values, "notices": tuple(notices)}
        text = query.get(EXPR_KEY)
        if text is not None and text != self.text:
            updates["text"] = text
        with param.parameterized.batch_call_watchers(self):
            self.param.update(**updates)

    def query_items(self) -> dict[str, str]:
        """The link's keys for the lab: the last expression that worked and its values."""
        result = self.current
        items = {EXPR_KEY: result.text}
        for name in result.variables:
            items[VALUE_PREFIX + name] = _value_text(result.values[name])
        return items


def _value_text(x: float) -> str:
    """On the slider's grid: as short as the grid (0.3); off it (a preset's 6.8813…): exact."""
    snapped = round(x / SLIDER_STEP) * SLIDER_STEP
    if abs(snapped - x) < 1e-9:
        return f"{snapped:.2f}".rstrip("0").rstrip(".") if snapped else "0"
    return repr(x)
