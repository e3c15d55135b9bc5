"""The Python script that reproduces the lab's numbers with micrograd_core, outside the browser."""

from __future__ import annotations

from collections.abc import Mapping

from micrograd_core import Expression

from .bugs import ASSIGN, MICROGRAD, TWICE

_BUG_LINES = {
    TWICE: "out.backward()  # the bug: a second backward() without out.zero_grad(): every grad doubles\n",
    ASSIGN: "# (the 'grad = instead of +=' switch is a bug of the lab's teaching code, not of the engine)\n",
    MICROGRAD: "# (micrograd 0.1.0 over-counts a 2nd backward(); micrograd_core adds it, as PyTorch does)\n",
}


def python_script(
    expression: Expression,
    values: Mapping[str, float],
    bug: str,
    out: float,
    grads: Mapping[str, float],
) -> str:
    """A runnable script: imports, one ``Value`` per variable, the expression, ``backward()``, prints.

    ``out`` and ``grads`` are the numbers it prints, written into the comments for comparison.
    """
    result = "out"
    while result in expression.variables:
        result += "_"
    lines = ["from micrograd_core import Value", ""]
    lines += [f"{name} = Value({float(values[name])!r}, label={name!r})" for name in expression.variables]
    lines += [f"{result} = {expression.python()}", f"{result}.backward()"]
    if bug in _BUG_LINES:
        lines.append(_BUG_LINES[bug].replace("out.", f"{result}.").rstrip("\n"))
    lines += ["", f"print({result + ' ='!r}, {result}.data)  # {out!r}"]
    lines += [f"print({name + '.grad ='!r}, {name}.grad)  # {grads[name]!r}" for name in expression.variables]
    return "\n".join(lines) + "\n"
