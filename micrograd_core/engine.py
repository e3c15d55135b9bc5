"""The scalar autodiff engine: a ``Value`` records how it was made, ``backward()`` applies the chain rule.

Each operation computes its result and, right beside it, the local derivative of the result with
respect to each input. ``backward()`` visits the graph once, outputs before inputs, and adds
``local derivative × output grad`` into every input's ``grad``. A node has at most two inputs, stored
in slots rather than in a set and a closure: that keeps each node to one garbage-collected object,
which is where micrograd spends most of its time.
"""

from __future__ import annotations

import math
from numbers import Real

Number = int | float

_NUMBER_TYPES = (int, float)


class Value:
    """A scalar that remembers the operation and inputs that produced it.

    ``data`` is the value, ``grad`` the derivative of the last ``backward()`` root with respect to it
    (0.0 until then). ``op`` names the operation ("" for a leaf), ``inputs`` are the operands and
    ``label`` is an optional human name used by graph views.
    """

    __slots__ = ("_a", "_b", "_da", "_db", "data", "grad", "label", "op")

    data: float
    grad: float
    label: str
    op: str
    _a: Value | None
    _b: Value | None
    _da: float
    _db: float

    def __init__(self, data: Number, label: str = "") -> None:
        if isinstance(data, bool) or not isinstance(data, Real):
            raise TypeError(f"Value() needs a real number, got {type(data).__name__}: {data!r}")
        if not isinstance(label, str):
            raise TypeError(f"Value label must be a str, got {type(label).__name__}")
        self.data = _finite(float(data), "Value()")
        self.grad = 0.0
        self.label = label
        self.op = ""
        self._a = None
        self._b = None
        self._da = 0.0
        self._db = 0.0

    @property
    def inputs(self) -> tuple[Value, ...]:
        """The operands this value was computed from (empty for a leaf)."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._a,)
        return (self._a, self._b)

    @property
    def local_grads(self) -> tuple[float, ...]:
        """∂self/∂input for each of ``inputs``: what backward multiplies the incoming grad by."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._da,)
        return (self._da, self._db)

    # ----------------------------------------------------------------- binary operations
    def __add__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        return _node(self.data + o.data, "+", self, 1.0, o, 1.0)

    def __mul__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        return _node(self.data * o.data, "*", self, o.data, o, self.data)

    def __truediv__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        if o.data == 0.0:
            raise ZeroDivisionError(f"division by zero: {self.data!r} / 0")
        inv = 1.0 / o.data
        out = self.data * inv
        return _node(out, "/", self, inv, o, -out * inv)

    def __pow__(self, exponent: Number) -> Value:
        if isinstance(exponent, bool) or not isinstance(exponent, _NUMBER_TYPES):
            return NotImplemented
        x, n = self.data, float(exponent)
        if x == 0.0 and n < 0.0:
            raise ZeroDivisionError(f"0 ** {exponent!r}: zero cannot be raised to a negative power")
        if x < 0.0 and not n.is_integer():
            raise ValueError(f"{x!r} ** {exponent!r}: a negative base needs an integer exponent")
        try:
            out = x**n
            # d/dx x**n = n·x**(n-1); at x = 0 with 0 < n < 1 it is +inf, as in PyTorch.
            local = n * x ** (n - 1.0) if n != 0.0 else 0.0
        except ZeroDivisionError:
            local = math.inf
        except OverflowError:
            raise OverflowError(f"{x!r} ** {exponent!r} overflows a float") from None
        return _node(out, f"**{_format_number(exponent)}", self, local)

    def __radd__(self, other: Value | float) -> Value:
        return self.__add__(other)

    def __rmul__(self, other: Value | float) -> Value:
        return self.__mul__(other)

    def __sub__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        return _node(self.data - o.data, "-", self, 1.0, o, -1.0)

    def __rsub__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        return o.__sub__(self)

    def __rtruediv__(self, other: Value | float) -> Value:
        o = other if type(other) is Value else _as_value(other)
        if o is None:
            return NotImplemented
        return o.__truediv__(self)

    def __neg__(self) -> Value:
        return _node(-self.data, "neg", self, -1.0)

    # ----------------------------------------------------------------- unary functions
    def relu(self) -> Value:
        """max(0, x); its derivative at the kink x = 0 is taken as 0 (as micrograd and PyTorch do)."""
        x = self.data
        return _node(x if x > 0.0 else 0.0, "relu", self, 1.0 if x > 0.0 else 0.0)

    def exp(self) -> Value:
        """e**x; raises OverflowError past x ≈ 709.78 instead of returning inf."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data!r}) overflows a float (x must be ≤ 709.78)") from None
        return _node(out, "exp", self, out)

    def log(self) -> Value:
        """Natural logarithm; x must be > 0."""
        x = self.data
        if x <= 0.0:
            raise ValueError(f"log({x!r}) is undefined: log needs x > 0")
        return _node(math.log(x), "log", self, 1.0 / x)

    def tanh(self) -> Value:
        """Hyperbolic tangent (never overflows)."""
        t = math.tanh(self.data)
        # (1 − t)(1 + t), not 1 − t·t: rounding t·t first loses up to 1e-6 of the slope for |x| ≳ 8.
        return _node(t, "tanh", self, (1.0 - t) * (1.0 + t))

    def sigmoid(self) -> Value:
        """1 / (1 + e**-x), computed so that no finite x overflows."""
        s = stable_sigmoid(self.data)
        return _node(s, "sigmoid", self, s * (1.0 - s))

    # ----------------------------------------------------------------- losses
    def bce_with_logits(self, label: Number) -> Value:
        """Binary cross-entropy of this score (a logit) s against ``label`` y ∈ [0, 1].

        The loss is −y·log σ(s) − (1−y)·log(1−σ(s)), computed as max(s, 0) − s·y + log1p(e**−|s|),
        whose local derivative is σ(s) − y: finite for every finite score (no overflow, no log(0), no
        NaN), as PyTorch's ``binary_cross_entropy_with_logits``. The label is a constant: no gradient
        flows to it.
        """
        y = _label(label, "bce_with_logits")
        s = self.data
        loss = (s if s > 0.0 else 0.0) - s * y + math.log1p(math.exp(-abs(s)))
        return _node(loss, "bce", self, stable_sigmoid(s) - y)

    # ----------------------------------------------------------------- backpropagation
    def backward(self) -> None:
        """Set this node's grad to 1 and add ∂self/∂node into every node it depends on.

        Grads accumulate: calling ``backward()`` twice without ``zero_grad()`` in between doubles
        every grad except this root's, as PyTorch does for leaves. (micrograd instead propagates the
        already-accumulated grads and over-counts every node below the first level.)
        """
        order = topological_order(self)
        # Propagate this call's gradient alone, then add back what earlier calls left behind.
        earlier = [(v, v.grad) for v in order if v.grad != 0.0]
        for v, _ in earlier:
            v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            a = v._a
            if a is not None:
                g = v.grad
                a.grad += v._da * g
                b = v._b
                if b is not None:
                    b.grad += v._db * g
        for v, g in earlier:
            v.grad += g
        self.grad = 1.0

    def zero_grad(self) -> None:
        """Reset the grad of this node and of every node it was computed from."""
        for v in topological_order(self):
            v.grad = 0.0

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{name})"


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, inputs before the nodes that use them, ``root`` last.

    Iterative depth-first search: any depth works, no recursion limit applies.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    stack: list[Value | None] = [root]
    while stack:
        v = stack.pop()
        if v is None:  # all of the node below the marker's inputs are done
            order.append(stack.pop())  # type: ignore[arg-type]
            continue
        if v in visited:
            continue
        visited.add(v)
        stack.append(v)
        stack.append(None)
        # Push the second operand first so that the first one is explored (and listed) first.
        b = v._b
        if b is not None and b not in visited:
            stack.append(b)
        a = v._a
        if a is not None and a not in visited:
            stack.append(a)
    return order


def _node(data: float, op: str, a: Value | None, da: float, b: Value | None = None, db: float = 0.0) -> Value:
    """Make a computed node without the checks of the public constructor (the hot path)."""
    if data - data != 0.0:  # inf or NaN: only an overflow gets here, as every operand is finite
        raise _overflow(op, a, b, data)
    out = object.__new__(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out.op = op
    out._a = a
    out._b = b
    out._da = da
    out._db = db
    return out


def stable_sigmoid(x: float) -> float:
    """σ(x) = 1 / (1 + e**-x) as a float, without overflow for any finite x (``Value.sigmoid``'s data)."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _label(label: object, what: str) -> float:
    """A loss's target as a float in [0, 1], or a ValueError/TypeError naming the problem."""
    if isinstance(label, bool) or not isinstance(label, Real):
        kind = type(label).__name__
        raise TypeError(f"{what}: the label must be a number in [0, 1], got {kind}: {label!r}")
    y = float(label)
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"{what}: the label must be in [0, 1] (a class 0 or 1, or a probability), got {y!r}")
    return y


def _as_value(x: object) -> Value | None:
    """``x`` as a Value, or None when it is not a number (the operator then returns NotImplemented)."""
    if isinstance(x, Value):
        return x
    if isinstance(x, _NUMBER_TYPES) and not isinstance(x, bool):
        return _node(_finite(float(x), "operand"), "", None, 0.0)
    return None


def _finite(x: float, what: str) -> float:
    if x - x != 0.0:
        raise ValueError(f"{what} must be a finite number, got {x!r}")
    return x


def _overflow(op: str, a: Value | None, b: Value | None, result: float) -> OverflowError:
    operands = ", ".join(repr(v.data) for v in (a, b) if v is not None)
    return OverflowError(f"{op} of ({operands}) overflows a float (gives {result!r})")


def _format_number(x: Number) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
