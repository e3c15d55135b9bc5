"""Random expression trees, printed as text, parsed and evaluated: the same values and grads as the
tree built directly with Value (bit for bit), and as PyTorch float64 (to 1e-9)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from engine_expression_graphs import BINARY, close
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from micrograd_core import EvaluationError, Value, parse

NAMES = ("a", "b", "x1", "w_2")
FUNCTIONS = ("relu", "exp", "log", "tanh", "sigmoid")
VALUES = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False)
NUMBERS = st.sampled_from([0.5, 1, 2, 3, 0.25, 1.5, 10])

# A tree is a tuple: ("var", name) | ("num", x) | ("neg", t) | ("bin", op, l, r) | ("pow", t, n)
# | ("call", f, t, as_method)
Tree = tuple[Any, ...]


def _extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.tuples(st.just("neg"), children),
        st.tuples(st.just("bin"), st.sampled_from("+-*/"), children, children),
        st.tuples(st.just("pow"), children, st.sampled_from([2, 3, -1, 0.5, 1.5, 0, -2])),
        st.tuples(st.just("call"), st.sampled_from(FUNCTIONS), children, st.booleans()),
    )


TREES = st.recursive(
    st.one_of(st.tuples(st.just("var"), st.sampled_from(NAMES)), st.tuples(st.just("num"), NUMBERS)),
    _extend,
    max_leaves=12,
)


def to_text(tree: Tree, minus: str) -> str:
    """The tree as text, every operation in parentheses (the parser must get precedence from them)."""
    kind = tree[0]
    if kind == "var":
        return str(tree[1])
    if kind == "num":
        return repr(tree[1])
    if kind == "neg":
        return f"({minus}{to_text(tree[1], minus)})"
    if kind == "bin":
        op = minus if tree[1] == "-" else tree[1]
        return f"({to_text(tree[2], minus)} {op} {to_text(tree[3], minus)})"
    if kind == "pow":
        return f"({to_text(tree[1], minus)} ** {tree[2]!r})"
    inner = to_text(tree[2], minus)
    return f"({inner}).{tree[1]}()" if tree[3] else f"{tree[1]}({inner})"


def build(tree: Tree, leaves: dict[str, Any], unary: Any) -> Any:
    """The tree built directly with a backend's operators; numbers stay numbers, as in Python."""
    kind = tree[0]
    if kind == "var":
        return leaves[tree[1]]
    if kind == "num":
        return tree[1]
    if kind == "neg":
        return -build(tree[1], leaves, unary)
    if kind == "bin":
        return BINARY[tree[1]](build(tree[2], leaves, unary), build(tree[3], leaves, unary))
    if kind == "pow":
        return build(tree[1], leaves, unary) ** tree[2]
    return unary(tree[1], build(tree[2], leaves, unary))


def _same(x: float, y: float) -> bool:
    """Equal, or both NaN (IEEE grads: ∞ × 0 at a fractional power of 0 gives NaN in both graphs)."""
    return x == y or (math.isnan(x) and math.isnan(y))


def _value_unary(name: str, x: Any) -> Value:
    return getattr(x if isinstance(x, Value) else Value(x), name)()


def _variables(tree: Tree) -> set[str]:
    if tree[0] == "var":
        return {tree[1]}
    return set().union(*(_variables(t) for t in tree[1:] if isinstance(t, tuple)))


@settings(max_examples=300, deadline=None)
@given(TREES, st.fixed_dictionaries({n: VALUES for n in NAMES}), st.sampled_from(["-", "−"]))
def test_parsed_text_equals_the_tree_built_directly(tree: Tree, values: dict[str, float], minus: str) -> None:
    text = to_text(tree, minus)
    leaves = {n: Value(x, label=n) for n, x in values.items()}
    try:
        direct = build(tree, leaves, _value_unary)
        if isinstance(direct, complex):  # Python's (-0.5) ** 0.5 is complex; a Value would refuse it
            raise ValueError(direct)
    except (ArithmeticError, ValueError, TypeError):
        with pytest.raises(EvaluationError):  # what Python refuses, the parser refuses too, clearly
            parse(text).evaluate(values)
        return
    if not isinstance(direct, Value):
        direct = Value(direct)
    parsed = parse(text).evaluate(values)
    assert set(parsed.variables) == _variables(tree)
    direct.backward()
    parsed.root.backward()
    assert parsed.root.data == direct.data
    for name, leaf in parsed.variables.items():
        assert _same(leaf.grad, leaves[name].grad), name


def _well_conditioned(tree: Tree, values: dict[str, float]) -> bool:
    """No log/division/fractional power near 0, no relu near its kink, no huge tanh/exp arguments:
    there, one ulp of difference between two libraries' exp or log is amplified beyond 1e-9."""
    ok = True

    def walk(t: Tree) -> float:
        nonlocal ok
        kind = t[0]
        if kind == "var":
            return values[t[1]]
        if kind == "num":
            return float(t[1])
        if kind == "neg":
            return -walk(t[1])
        if kind == "bin":
            x, y = walk(t[2]), walk(t[3])
            if t[1] == "/":
                ok = ok and abs(y) >= 0.01
                return x / y if y != 0.0 else 0.0
            return x + y if t[1] == "+" else x - y if t[1] == "-" else x * y
        if kind == "pow":
            x, n = walk(t[1]), float(t[2])
            ok = ok and (x >= 0.01 if not n.is_integer() else abs(x) >= 0.01 or n >= 0) and abs(x) <= 1e3
            return float(x**n) if ok else 1.0
        x = walk(t[2])
        f = t[1]
        ok = ok and abs(x) <= 1e3
        ok = ok and not (f == "log" and x < 0.01) and not (f == "exp" and x > 20.0)
        ok = ok and not (f == "relu" and abs(x) < 1e-3) and not (f == "tanh" and abs(x) > 8.0)
        if not ok:
            return 1.0
        return {
            "relu": max(x, 0.0),
            "exp": math.exp(min(x, 20.0)),
            "log": math.log(max(x, 0.01)),
            "tanh": math.tanh(x),
            "sigmoid": 1.0 / (1.0 + math.exp(-max(min(x, 700.0), -700.0))),
        }[f]

    result = walk(tree)
    return ok and abs(result) <= 1e4


@settings(max_examples=200, deadline=None)
@given(TREES, st.fixed_dictionaries({n: VALUES for n in NAMES}))
def test_parsed_text_equals_pytorch_float64(tree: Tree, values: dict[str, float]) -> None:
    torch = pytest.importorskip("torch", reason="PyTorch, the oracle here, is not installed (e.g. Pyodide)")
    assume(_well_conditioned(tree, values))
    parsed = parse(to_text(tree, "-")).evaluate(values)
    parsed.root.backward()

    leaves = {n: torch.tensor(x, dtype=torch.float64, requires_grad=True) for n, x in values.items()}

    def torch_unary(name: str, x: Any) -> Any:
        t = x if isinstance(x, torch.Tensor) else torch.tensor(float(x), dtype=torch.float64)
        return getattr(torch, name)(t)

    out = build(tree, leaves, torch_unary)
    assume(isinstance(out, torch.Tensor) and out.requires_grad)
    out.backward()
    assert close(parsed.root.data, float(out.item()))
    for name, leaf in parsed.variables.items():
        expected = 0.0 if leaves[name].grad is None else float(leaves[name].grad.item())
        assert close(leaf.grad, expected), name
