"""micrograd_core.expression: typed expressions give the graph Python would build by hand, and every
hostile text gives one ExpressionError naming the problem and its position, fast."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import pytest

from micrograd_core import EvaluationError, ExpressionError, Value, parse, trace
from micrograd_core.expression import MAX_DEPTH, MAX_LENGTH, MAX_NODES, MAX_VARIABLES

Builder = Callable[[dict[str, Value]], Value]

LECTURE = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
SEED = {"x1": 2.0, "x2": 3.0, "w1": 0.5, "w2": -0.5, "b": 1.0}

# (text, values, the same graph built by hand with Value)
PRESETS: list[tuple[str, dict[str, float], Builder]] = [
    ("(x1*w1 + x2*w2 + b).relu()", SEED, lambda v: (v["x1"] * v["w1"] + v["x2"] * v["w2"] + v["b"]).relu()),
    ("tanh(x1*w1 + x2*w2 + b)", LECTURE, lambda v: (v["x1"] * v["w1"] + v["x2"] * v["w2"] + v["b"]).tanh()),
    ("a*a", {"a": -3.0}, lambda v: v["a"] * v["a"]),
    ("(a + b)*(a − b)", {"a": 2.0, "b": -3.0}, lambda v: (v["a"] + v["b"]) * (v["a"] - v["b"])),
    ("log(1 + exp(x))", {"x": 0.5}, lambda v: (1 + v["x"].exp()).log()),
    ("sigmoid(x)", {"x": 0.5}, lambda v: v["x"].sigmoid()),
    ("1/(1 + exp(−x))", {"x": 0.5}, lambda v: 1 / (1 + (-v["x"]).exp())),
    ("(a*b + c).tanh()", {"a": 2.0, "b": -3.0, "c": 10.0}, lambda v: (v["a"] * v["b"] + v["c"]).tanh()),
    ("a + a*b", {"a": 2.0, "b": -3.0}, lambda v: v["a"] + v["a"] * v["b"]),
]


def _shape(root: Value) -> list[tuple[str, str, tuple[int, ...], float, float]]:
    """The graph as (op, label, input indices, data, grad) per node: equal shapes are the same graph."""
    graph = trace(root)
    index = {id(v): i for i, v in enumerate(graph.nodes)}
    return [(v.op, v.label, tuple(index[id(c)] for c in v.inputs), v.data, v.grad) for v in graph.nodes]


@pytest.mark.parametrize(("text", "values", "build"), PRESETS, ids=[p[0] for p in PRESETS])
def test_presets_give_the_graph_built_by_hand(text: str, values: dict[str, float], build: Builder) -> None:
    built = parse(text).evaluate(values)
    built.root.backward()
    leaves = {name: Value(x, label=name) for name, x in values.items()}
    by_hand = build(leaves)
    by_hand.backward()
    assert _shape(built.root) == _shape(by_hand)  # same nodes, edges, data and grads, bit for bit
    assert {n: v.grad for n, v in built.variables.items()} == {n: v.grad for n, v in leaves.items()}


def test_the_lecture_neuron_gives_0_7071() -> None:
    built = parse("tanh(x1*w1 + x2*w2 + b)").evaluate(LECTURE)
    built.root.backward()
    assert built.root.data == pytest.approx(math.sqrt(0.5), abs=1e-12)
    assert built.variables["w1"].grad == pytest.approx(1.0, abs=1e-12)
    assert built.variables["x1"].grad == pytest.approx(-1.5, abs=1e-12)


def test_a_variable_used_twice_is_one_node_with_two_outgoing_edges() -> None:
    built = parse("a + a*b").evaluate({"a": 2.0, "b": -3.0})
    graph = trace(built.root)
    a = built.variables["a"]
    assert sum(1 for v in graph.nodes if v.label == "a") == 1
    assert sum(1 for src, _ in graph.edges if src is a) == 2
    built.root.backward()
    assert a.grad == 1.0 + (-3.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-a**2", -9.0),  # ** binds tighter than unary minus, as in Python
        ("(-a)**2", 9.0),
        ("2**3**2 * a", 512.0 * 3.0),  # ** is right-associative
        ("a - b - c", 3.0 - 1.0 - 2.0),
        ("a / b / c", 3.0 / 1.0 / 2.0),
        ("a ** (1/2)", math.sqrt(3.0)),  # a constant exponent is computed first, as Python does
        ("a ** -1", 1.0 / 3.0),
        ("a − b × c · 2", 3.0 - 1.0 * 2.0 * 2.0),  # the typographic minus and times
        ("(a).tanh().exp()", math.exp(math.tanh(3.0))),
        ("exp(tanh(a))", math.exp(math.tanh(3.0))),
        ("2.exp() * a", math.exp(2.0) * 3.0),
        (".5*a + 1e-1*b + 2.5E+1*c", 1.5 + 0.1 + 50.0),
        ("  a\t*\nb ", 3.0),
        ("relu(-a) + sigmoid(0*a) + log(a)", 0.0 + 0.5 + math.log(3.0)),
    ],
)
def test_grammar_follows_python(text: str, expected: float) -> None:
    expression = parse(text)
    values = {"a": 3.0, "b": 1.0, "c": 2.0}
    assert expression.evaluate({n: values[n] for n in expression.variables}).root.data == pytest.approx(
        expected, rel=1e-15
    )


def test_functions_and_methods_build_the_same_graph() -> None:
    values = {"a": 0.3, "b": -1.2}
    as_methods = parse("(a*b).relu() + (a - b).exp() + a.log() + (b/a).tanh() + (-b).sigmoid()")
    as_functions = parse("relu(a*b) + exp(a - b) + log(a) + tanh(b/a) + sigmoid(-b)")
    first, second = as_methods.evaluate(values), as_functions.evaluate(values)
    first.root.backward()
    second.root.backward()
    assert _shape(first.root) == _shape(second.root)


def test_variables_in_order_of_first_appearance_and_the_python_text() -> None:
    expression = parse("tanh(w1*x1 + b) * x1")
    assert expression.variables == ("w1", "x1", "b")
    assert expression.python() == "(w1 * x1 + b).tanh() * x1"
    assert expression.labels()[-1] == "tanh(w1·x1 + b)·x1"
    assert parse("exp(2) + a").python() == "Value(2).exp() + a"


def test_a_constant_expression_is_one_leaf() -> None:
    built = parse("2 * 3 + 1").evaluate({})
    assert (built.root.data, built.root.inputs, dict(built.variables)) == (7.0, (), {})


def test_a_missing_value_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="b"):
        parse("a + b").evaluate({"a": 1.0})


# ----------------------------------------------------------------- hostile inputs

TOO_MANY = " + ".join(f"v{i}" for i in range(MAX_VARIABLES + 1))
NESTED = "(" * 450 + "a" + ")" * 450  # within the length limit, beyond the nesting limit

# (text, error class, code, position, words the message must contain)
HOSTILE: list[tuple[str, type[ExpressionError], str, int, tuple[str, ...]]] = [
    ("__import__('os')", ExpressionError, "dunder", 0, ("__import__", "'__'")),
    ("().__class__.__bases__", ExpressionError, "empty_parentheses", 0, ("empty parentheses",)),
    ("a.__dict__", ExpressionError, "dunder", 2, ("__dict__",)),
    ("a.__class__", ExpressionError, "dunder", 2, ("__class__",)),
    ("lambda x: x", ExpressionError, "keyword", 0, ("lambda",)),
    ("(x for x in y)", ExpressionError, "keyword", 3, ("'for'", "comprehensions")),
    ("[x for x in y]", ExpressionError, "subscript", 0, ("subscripts",)),
    ("a[0]", ExpressionError, "subscript", 1, ("subscripts",)),
    ("'os'", ExpressionError, "string", 0, ("strings",)),
    ('a + "b"', ExpressionError, "string", 4, ("strings",)),
    ("{a}", ExpressionError, "brace", 0, ("braces",)),
    ("a.real", ExpressionError, "unknown_method", 2, (".real()", ".tanh()")),
    ("a.tanh", ExpressionError, "method_not_called", 6, (".tanh()",)),
    ("a.tanh(b)", ExpressionError, "method_argument", 7, ("no argument",)),
    ("open(a)", ExpressionError, "unknown_function", 0, ("open()", "relu, exp, log, tanh and sigmoid")),
    ("print + 1", ExpressionError, "reserved_name", 0, ("'print'", "reserved")),
    ("exp(a, b)", ExpressionError, "call_arguments", 5, ("one argument",)),
    ("a, b", ExpressionError, "unexpected", 1, ("','",)),
    ("a ** b", ExpressionError, "exponent_not_number", 5, ("exponent", "number")),
    ("9**9**9", ExpressionError, "exponent_too_large", 1, ("387420489", "1000")),
    ("a ** 1001", ExpressionError, "exponent_too_large", 2, ("1001", "1000")),
    ("exp(1000)", EvaluationError, "overflow", 0, ("exp(1000)", "too large")),
    ("10 ** 400 * a", EvaluationError, "overflow", 3, ("10 ** 400", "too large")),
    ("log(a - a)", EvaluationError, "log_domain", 0, ("log(0)", "x > 0")),
    ("1/0", EvaluationError, "division_by_zero", 1, ("1 / 0", "division by zero")),
    ("a / (a - a)", EvaluationError, "division_by_zero", 2, ("division by zero",)),
    ("(a - a) ** -1", EvaluationError, "zero_negative_power", 8, ("negative power",)),
    ("(-2) ** 0.5 * a", EvaluationError, "negative_base", 5, ("fractional power",)),
    ("(" * 10_000 + "a" + ")" * 10_000, ExpressionError, "too_long", MAX_LENGTH, (f"{MAX_LENGTH}",)),
    (NESTED, ExpressionError, "too_deep", MAX_DEPTH, (f"{MAX_DEPTH} levels",)),
    ("-" * 100 + "a", ExpressionError, "too_deep", MAX_DEPTH, (f"{MAX_DEPTH} levels",)),
    ("a" + "+a" * 300, ExpressionError, "too_many_nodes", 199, (f"{MAX_NODES}",)),
    ("x" * 1_000_000, ExpressionError, "too_long", MAX_LENGTH, ("1000000 characters", f"{MAX_LENGTH}")),
    ("a\x00b", ExpressionError, "control_character", 1, ("U+0000",)),
    ("a +\u202eb", ExpressionError, "control_character", 3, ("U+202E",)),
    ("\uff41 + 1", ExpressionError, "non_ascii", 0, ("U+FF41", "FULLWIDTH LATIN SMALL LETTER A")),
    ("\u0430 + 1", ExpressionError, "non_ascii", 0, ("U+0430", "CYRILLIC SMALL LETTER A")),
    ("", ExpressionError, "empty", 0, ("empty",)),
    ("   ", ExpressionError, "empty", 0, ("empty",)),
    ("a +", ExpressionError, "incomplete", 3, ("ends too early",)),
    ("(a + b", ExpressionError, "unclosed", 6, ("'(' at character 1",)),
    ("a + b)", ExpressionError, "unmatched", 5, ("')'",)),
    ("2a", ExpressionError, "implicit_multiplication", 1, ("write *",)),
    ("a b", ExpressionError, "missing_operator", 2, ("operator",)),
    ("a ^ 2", ExpressionError, "caret", 2, ("**",)),
    ("+a", ExpressionError, "unary_plus", 0, ("unary '+'",)),
    ("exp + 1", ExpressionError, "function_as_name", 0, ("exp(x)",)),
    ("1e999 * a", ExpressionError, "number_too_large", 0, ("1e999",)),
    ("a = 1", ExpressionError, "bad_character", 2, ("'='",)),
    (TOO_MANY, ExpressionError, "too_many_variables", TOO_MANY.rindex("v"), (f"{MAX_VARIABLES}",)),
    ("a" * 30, ExpressionError, "name_too_long", 0, ("24 characters",)),
]


@pytest.mark.parametrize(("text", "error", "code", "position", "words"), HOSTILE, ids=lambda x: repr(x)[:40])
def test_hostile_text_gives_one_clear_error_fast(
    text: str, error: type[ExpressionError], code: str, position: int, words: tuple[str, ...]
) -> None:
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        expression = parse(text)
        expression.evaluate({name: 1.0 for name in expression.variables})
    elapsed = time.perf_counter() - start
    assert isinstance(caught.value, ValueError)
    assert type(caught.value) is error
    assert (caught.value.code, caught.value.position) == (code, position)
    message = str(caught.value)
    assert message.endswith(f"(at character {position + 1})")
    for word in words:
        assert word in message
    assert elapsed < 1.0


def test_an_error_never_comes_from_python_itself() -> None:
    """Nothing in the text reaches Python: not even a name that exists in this module."""
    with pytest.raises(ExpressionError):
        parse("__builtins__")
    with pytest.raises(ExpressionError):
        parse("time.sleep(10)")  # 'time' is a variable, .sleep is not one of the five methods


def test_parse_refuses_a_non_string() -> None:
    with pytest.raises(TypeError, match="str"):
        parse(b"a + b")  # type: ignore[arg-type]
