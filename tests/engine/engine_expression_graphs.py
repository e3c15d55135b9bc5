"""Random expression graphs for the property tests: a recipe of steps that any backend can replay.

A recipe is a few leaf values and a list of steps; each step makes a new node from earlier nodes (any
earlier node, so sub-expressions are shared: ``a * a``, diamonds) and plain numbers on either side.
While drawing, the strategy evaluates every candidate step in plain floats and offers only the steps
that stay in a safe domain (log of x ≥ 0.01, divisors at least 0.01 from zero, exp of x ≤ 20, relu
at least 1e-3 from its kink, tanh of |x| ≤ 8, fractional powers of x ≥ 0.01, results within ±1e4).
Unsafe steps are never drawn, rather than drawn and then discarded.

Backends: micrograd_core ``Value``, PyTorch float64 tensors, and ``Dual`` below (forward-mode
dual numbers, a pure-Python oracle that also runs inside Pyodide).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
UNARY = ("relu", "exp", "log", "tanh", "sigmoid")
EXPONENTS: tuple[int | float, ...] = (2, 3, -1, -2, 0, 1, 0.5, 1.5, -0.5, 2.0, -3.0)

Unary = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Step:
    """One new node: ``op`` applied to node ``a`` and node ``b`` or ``number``."""

    op: str  # a BINARY key, "**", "neg" or a UNARY name
    a: int  # index of the first operand node
    b: int | None = None  # index of the second operand node, for an op between two nodes
    number: int | float | None = None  # the number operand, or the exponent of "**"
    number_first: bool = False  # the number is on the left: 2 + v, 1 / v

    def source(self, index: int) -> str:
        a = f"n{self.a}"
        if self.op in UNARY:
            rhs = f"{a}.{self.op}()"
        elif self.op == "neg":
            rhs = f"-{a}"
        elif self.op == "**":
            rhs = f"{a} ** {self.number!r}"
        elif self.b is not None:
            rhs = f"{a} {self.op} n{self.b}"
        elif self.number_first:
            rhs = f"{self.number!r} {self.op} {a}"
        else:
            rhs = f"{a} {self.op} {self.number!r}"
        return f"n{index} = {rhs}"


@dataclass(frozen=True)
class Recipe:
    """Leaves n0…n(k−1) and the steps that make the following nodes; the last node is the root."""

    leaves: tuple[float, ...]
    steps: tuple[Step, ...]

    def __repr__(self) -> str:  # what Hypothesis prints for a failing example: a runnable program
        lines = [f"n{i} = Value({x!r})" for i, x in enumerate(self.leaves)]
        lines += [step.source(len(self.leaves) + i) for i, step in enumerate(self.steps)]
        return "Recipe:\n    " + "\n    ".join(lines)


def apply(step: Step, nodes: Sequence[Any], unary: Unary) -> Any:
    """The node ``step`` makes from ``nodes`` with the backend's own operators."""
    a = nodes[step.a]
    if step.op in UNARY:
        return unary(step.op, a)
    if step.op == "neg":
        return -a
    if step.op == "**":
        return a**step.number
    binary = BINARY[step.op]
    if step.b is not None:
        return binary(a, nodes[step.b])
    return binary(step.number, a) if step.number_first else binary(a, step.number)


def replay(recipe: Recipe, leaves: Sequence[Any], unary: Unary) -> list[Any]:
    """Every node of ``recipe`` built from ``leaves`` by one backend, leaves first, root last."""
    nodes = list(leaves)
    for step in recipe.steps:
        nodes.append(apply(step, nodes, unary))
    return nodes


def method_unary(name: str, x: Any) -> Any:
    """Unary functions as methods: ``x.relu()`` (micrograd_core Value, Dual)."""
    return getattr(x, name)()


# ----------------------------------------------------------------- plain floats (used while drawing)


def _sigmoid(x: float) -> float:
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


_FLOAT_UNARY: dict[str, Callable[[float], float]] = {
    "relu": lambda x: x if x > 0.0 else 0.0,
    "exp": math.exp,
    "log": math.log,
    "tanh": math.tanh,
    "sigmoid": _sigmoid,
}

LIMIT = 1e4


def safe_result(step: Step, values: Sequence[float]) -> float | None:
    """The float ``step`` makes from ``values``, or None when it leaves the safe domain."""
    x = values[step.a]
    if step.op == "log" and x < 0.01:
        return None
    if step.op == "exp" and x > 20.0:
        return None
    if step.op == "relu" and abs(x) < 1e-3:
        return None
    if step.op == "tanh" and abs(x) > 8.0:
        # 1 − tanh² is ill-conditioned out there: one ulp of tanh(x) (libraries differ by that) moves
        # the slope by ≈ e^{2|x|}·1e-16 relative, over 1e-9 past |x| ≈ 8, in any backend.
        return None
    if step.op == "**":
        n = float(step.number)  # type: ignore[arg-type]
        if (not n.is_integer() and x < 0.01) or (n < 0.0 and abs(x) < 0.01):
            return None
    if step.op == "/":
        divisor = values[step.b] if step.b is not None else (x if step.number_first else step.number)
        if abs(divisor) < 0.01:  # type: ignore[arg-type]
            return None
    result = float(apply(step, values, lambda name, v: _FLOAT_UNARY[name](v)))
    return result if abs(result) <= LIMIT else None


def _candidates(i: int, j: int, number: int | float, exponent: int | float) -> list[Step]:
    steps = [Step(op, i, b=j) for op in BINARY]
    steps += [Step(op, i, number=number, number_first=first) for op in BINARY for first in (False, True)]
    steps += [Step("**", i, number=exponent), Step("neg", i)]
    steps += [Step(name, i) for name in UNARY]
    return steps


LEAVES = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False)
NUMBERS = st.one_of(
    st.sampled_from([-3, -2, -1, 1, 2, 3]),
    st.builds(operator.mul, st.sampled_from([-1.0, 1.0]), st.floats(0.25, 4.0)),
)


@st.composite
def recipes(draw: st.DrawFn, max_leaves: int = 4, max_steps: int = 12) -> Recipe:
    """A random recipe whose every node stays in the safe domain (see the module docstring)."""
    leaves = draw(st.lists(LEAVES, min_size=1, max_size=max_leaves))
    values = list(leaves)
    steps = []
    for _ in range(draw(st.integers(1, max_steps))):
        # The first operand shrinks towards the newest node (long chains), the second towards n0.
        i = len(values) - 1 - draw(st.integers(0, len(values) - 1))
        j = draw(st.integers(0, len(values) - 1))
        number = draw(NUMBERS)
        exponent = draw(st.sampled_from(EXPONENTS))
        safe = [s for s in _candidates(i, j, number, exponent) if safe_result(s, values) is not None]
        step = draw(st.sampled_from(safe))  # never empty: neg, tanh and sigmoid are always safe
        steps.append(step)
        values.append(safe_result(step, values))  # type: ignore[arg-type]
    return Recipe(tuple(leaves), tuple(steps))


def close(actual: float, expected: float, rel: float = 1e-9, floor: float = 1e-10) -> bool:
    """Equal to ``rel`` relative, with an absolute ``floor`` for results that cancel to near 0."""
    return abs(actual - expected) <= rel * max(abs(actual), abs(expected)) + floor


# ----------------------------------------------------------------- forward-mode oracle


class Dual:
    """A value and its derivative along one direction: forward-mode autodiff, independent of backward()."""

    __slots__ = ("dot", "val")

    def __init__(self, val: float, dot: float = 0.0) -> None:
        self.val = float(val)
        self.dot = float(dot)

    def __add__(self, other: Dual | float) -> Dual:
        o = _lift(other)
        return Dual(self.val + o.val, self.dot + o.dot)

    def __radd__(self, other: float) -> Dual:
        return _lift(other) + self

    def __sub__(self, other: Dual | float) -> Dual:
        o = _lift(other)
        return Dual(self.val - o.val, self.dot - o.dot)

    def __rsub__(self, other: float) -> Dual:
        return _lift(other) - self

    def __mul__(self, other: Dual | float) -> Dual:
        o = _lift(other)
        return Dual(self.val * o.val, self.dot * o.val + self.val * o.dot)

    def __rmul__(self, other: float) -> Dual:
        return _lift(other) * self

    def __truediv__(self, other: Dual | float) -> Dual:
        o = _lift(other)
        return Dual(self.val / o.val, (self.dot * o.val - self.val * o.dot) / (o.val * o.val))

    def __rtruediv__(self, other: float) -> Dual:
        return _lift(other) / self

    def __neg__(self) -> Dual:
        return Dual(-self.val, -self.dot)

    def __pow__(self, n: int | float) -> Dual:
        slope = 0.0 if n == 0 else n * self.val ** (n - 1)
        return Dual(self.val**n, slope * self.dot)

    def relu(self) -> Dual:
        return Dual(self.val, self.dot) if self.val > 0.0 else Dual(0.0, 0.0)

    def exp(self) -> Dual:
        e = math.exp(self.val)
        return Dual(e, e * self.dot)

    def log(self) -> Dual:
        return Dual(math.log(self.val), self.dot / self.val)

    def tanh(self) -> Dual:
        t = math.tanh(self.val)
        return Dual(t, (1.0 - t) * (1.0 + t) * self.dot)

    def sigmoid(self) -> Dual:
        s = _sigmoid(self.val)
        return Dual(s, s * (1.0 - s) * self.dot)


def _lift(x: Dual | float) -> Dual:
    return x if isinstance(x, Dual) else Dual(x)


def forward_mode(recipe: Recipe) -> tuple[list[float], list[float]]:
    """Every node's value and the root's derivative with respect to each leaf (one pass per leaf)."""
    grads = []
    values: list[float] = []
    for k in range(len(recipe.leaves)):
        leaves = [Dual(x, 1.0 if i == k else 0.0) for i, x in enumerate(recipe.leaves)]
        nodes = replay(recipe, leaves, method_unary)
        values = [n.val for n in nodes]
        grads.append(nodes[-1].dot)
    return values, grads
