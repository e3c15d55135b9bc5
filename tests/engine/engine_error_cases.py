"""The bad inputs the engine must reject, as source expressions, shared by the in-process tests and the
``python -O`` subprocess test (which evaluates the same expressions in a fresh optimised interpreter).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

from micrograd_core import GradCheckError, Value, grad_check


@dataclass(frozen=True)
class ErrorCase:
    id: str
    expression: str  # evaluated with Value, grad_check and math in scope
    error: str  # the exception's class name
    words: tuple[str, ...] = ()  # each must appear in the message (case-insensitive)


ERROR_CASES = [
    # log of x ≤ 0: ValueError naming log and x
    ErrorCase("log(0)", "Value(0.0).log()", "ValueError", ("log", "0.0")),
    ErrorCase("log(-2.5)", "Value(-2.5).log()", "ValueError", ("log", "-2.5")),
    ErrorCase("log(computed 0)", "(Value(3.0) - 3).log()", "ValueError", ("log", "0.0")),
    # division by zero and 0 ** negative: ZeroDivisionError
    ErrorCase("v / 0", "Value(1.5) / 0", "ZeroDivisionError", ("zero",)),
    ErrorCase("v / 0.0", "Value(1.5) / 0.0", "ZeroDivisionError", ("zero",)),
    ErrorCase("v / -0.0", "Value(1.5) / -0.0", "ZeroDivisionError", ("zero",)),
    ErrorCase("v / Value(0)", "Value(1.5) / Value(0.0)", "ZeroDivisionError", ("zero",)),
    ErrorCase("1 / Value(0)", "1 / Value(0.0)", "ZeroDivisionError", ("zero",)),
    ErrorCase("0 ** -1", "Value(0.0) ** -1", "ZeroDivisionError", ("zero",)),
    ErrorCase("0 ** -0.5", "Value(0.0) ** -0.5", "ZeroDivisionError", ("zero",)),
    ErrorCase("0 ** -2.0", "Value(0.0) ** -2.0", "ZeroDivisionError", ("zero",)),
    # overflow: OverflowError naming the operation
    ErrorCase("exp(710)", "Value(710.0).exp()", "OverflowError", ("exp", "710")),
    ErrorCase("exp(1e308)", "Value(1e308).exp()", "OverflowError", ("exp",)),
    ErrorCase("10 ** 400", "Value(10.0) ** 400", "OverflowError", ("**", "400")),
    # non-number operands and constructor arguments: TypeError naming the type
    ErrorCase("Value + str", "Value(1) + 'a'", "TypeError", ("str",)),
    ErrorCase("str + Value", "'a' + Value(1)", "TypeError", ("str",)),
    ErrorCase("Value * None", "Value(1) * None", "TypeError", ("NoneType",)),
    ErrorCase("None - Value", "None - Value(1)", "TypeError", ("NoneType",)),
    ErrorCase("Value / list", "Value(1) / [1.0]", "TypeError", ("list",)),
    ErrorCase("Value ** str", "Value(2) ** '2'", "TypeError", ("str",)),
    ErrorCase("Value ** Value", "Value(2) ** Value(2)", "TypeError", ("Value",)),
    ErrorCase("Value(None)", "Value(None)", "TypeError", ("NoneType",)),
    ErrorCase("Value('1')", "Value('1')", "TypeError", ("str", "'1'")),
    ErrorCase("Value([1])", "Value([1.0])", "TypeError", ("list",)),
    ErrorCase("Value(1j)", "Value(1j)", "TypeError", ("complex",)),
    ErrorCase("Value(True)", "Value(True)", "TypeError", ("bool",)),
    ErrorCase("label not a str", "Value(1.0, label=3)", "TypeError", ("label",)),
    # values with no meaningful gradient
    ErrorCase("Value(nan)", "Value(math.nan)", "ValueError", ("nan",)),
    ErrorCase("nan operand", "Value(1.0) + math.nan", "ValueError", ("nan",)),
    ErrorCase("Value(inf)", "Value(math.inf)", "ValueError", ("finite", "inf")),
    ErrorCase("-inf operand", "Value(1.0) * -math.inf", "ValueError", ("finite", "-inf")),
    # arithmetic that overflows is reported, never an inf that turns into NaN later (inf - inf)
    ErrorCase("1e308 * 10", "Value(1e308) * 10", "OverflowError", ("*", "1e+308", "overflow")),
    ErrorCase("1e308 + 1e308", "Value(1e308) + Value(1e308)", "OverflowError", ("+", "overflow")),
    ErrorCase("-1e308 - 1e308", "-1e308 - Value(1e308)", "OverflowError", ("-", "overflow")),
    ErrorCase("1e308 / 1e-10", "Value(1e308) / 1e-10", "OverflowError", ("/", "overflow")),
    ErrorCase("(-8) ** (1/3)", "Value(-8.0) ** (1 / 3)", "ValueError", ("negative", "integer")),
    # grad_check reports failure with an exception, not an assert statement
    ErrorCase("grad_check at a kink", "grad_check(lambda x: x.relu(), [0.0])", "GradCheckError", ("x0",)),
    ErrorCase("grad_check eps 0", "grad_check(lambda x: x, [1.0], eps=0.0)", "ValueError", ("eps",)),
    ErrorCase("grad_check non-Value", "grad_check(lambda x: 1.0, [1.0])", "TypeError", ("Value",)),
]

# Finite inputs at which sigmoid and tanh must neither overflow nor return NaN.
_MAGNITUDES = [sys.float_info.max, 1e308, 1000.0, 745.2, 710.0, 40.0, 5e-324, 0.0]
EXTREME_INPUTS = [sign * m for m in _MAGNITUDES for sign in (1.0, -1.0)]


def raised_by(expression: str) -> tuple[str, str] | None:
    """Evaluate ``expression``; return (exception class name, message), or None if nothing was raised."""
    scope = {"Value": Value, "grad_check": grad_check, "math": math, "GradCheckError": GradCheckError}
    try:
        eval(expression, scope)
    except Exception as error:
        return type(error).__name__, str(error)
    return None


def squash_results(x: float) -> dict[str, tuple[float, float]]:
    """sigmoid and tanh at ``x``: each function's (value, derivative from backward())."""
    results = {}
    for name in ("sigmoid", "tanh"):
        leaf = Value(x)
        out = getattr(leaf, name)()
        out.backward()
        results[name] = (out.data, leaf.grad)
    return results


def problems_with_error(case: ErrorCase, raised: tuple[str, str] | None) -> list[str]:
    """What is wrong with how ``case`` was rejected (an empty list when it was rejected as required)."""
    if raised is None:
        return [f"{case.expression} raised nothing, expected {case.error}"]
    name, message = raised
    problems = []
    if name != case.error:
        problems.append(f"{case.expression} raised {name}({message!r}), expected {case.error}")
    problems += [
        f"{name} message {message!r} does not name {w!r}"
        for w in case.words
        if w.lower() not in message.lower()
    ]
    return problems


def problems_with_squash(x: float, results: dict[str, tuple[float, float]]) -> list[str]:
    """What is wrong with sigmoid/tanh at ``x`` (values out of range, NaN, negative or infinite slope)."""
    problems = []
    bounds = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
    for name, (value, grad) in results.items():
        low, high = bounds[name]
        if not low <= value <= high:  # also false for NaN
            problems.append(f"{name}({x!r}) = {value!r} is outside [{low}, {high}]")
        if not 0.0 <= grad <= 1.0:
            problems.append(f"{name}'({x!r}) = {grad!r} is not a finite slope in [0, 1]")
    return problems
