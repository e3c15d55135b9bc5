"""A safe parser for typed expressions such as ``(a*b + c).tanh()`` or ``tanh(a*b + c)``.

``parse(text)`` reads the text with its own tokenizer and precedence-climbing parser (nothing is
ever passed to ``eval``, ``exec``, ``compile`` or ``ast``) and returns an ``Expression``;
``Expression.evaluate(values)`` builds the graph from ``Value``s, one leaf per variable name, the
way the same code written in Python with ``micrograd_core`` would.

Grammar (as in Python, so ``-a**2`` is ``-(a**2)`` and ``2**3**2`` is ``2**(3**2)``)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := "-" unary | power
    power      := postfix ("**" unary)?         the exponent must be a constant number
    postfix    := atom ("." function "(" ")")*  the methods .relu() .exp() .log() .tanh() .sigmoid()
    atom       := number | name | function "(" expression ")" | "(" expression ")"

"−" (U+2212) is read as "-", "×" and "·" as "*". Sub-expressions made of numbers only are computed
at once, as Python computes ``2*3`` before it meets a ``Value``: ``a ** (1/2)`` is ``a ** 0.5``.

Every problem raises ``ExpressionError`` (a ``ValueError``) with the 0-based ``position`` of the
offending character, a ``code`` naming the kind of problem and ``details`` for translated messages.
The text, the nesting and the size are bounded (``MAX_LENGTH``, ``MAX_DEPTH``, ``MAX_NODES``,
``MAX_VARIABLES``, ``MAX_NAME_LENGTH``, ``MAX_EXPONENT``), so any input answers quickly.
"""

from __future__ import annotations

import builtins
import keyword
import operator
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .engine import Value

MAX_LENGTH = 1000  # characters of text
MAX_DEPTH = 40  # nesting of parentheses, calls, unary minus and exponents
MAX_NODES = 200  # numbers, names and operations in the text
MAX_VARIABLES = 12
MAX_NAME_LENGTH = 24
MAX_EXPONENT = 1000.0  # |n| in x ** n

FUNCTIONS: tuple[str, ...] = ("relu", "exp", "log", "tanh", "sigmoid")
# Names a variable may not take: Python's own words, and the names the generated script uses.
RESERVED: frozenset[str] = frozenset(
    {*keyword.kwlist, *keyword.softkwlist, *dir(builtins), "Value", "micrograd_core"}
)
_ALIASES = {"−": "-", "×": "*", "·": "*"}
_SINGLE = frozenset("+-*/().,")
_WHITESPACE = frozenset(" \t\n\r")
_FORBIDDEN: dict[str, tuple[str, str]] = {
    "'": ("string", "strings are not allowed"),
    '"': ("string", "strings are not allowed"),
    "[": ("subscript", "subscripts and lists ('[ ]') are not allowed"),
    "]": ("subscript", "subscripts and lists ('[ ]') are not allowed"),
    "{": ("brace", "braces ('{ }') are not allowed"),
    "}": ("brace", "braces ('{ }') are not allowed"),
    "^": ("caret", "'^' is not a power here: write ** (a ** 2)"),
}
# the operators themselves: Python dispatches Value and float operands as it would in a script
_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
_METHODS: dict[str, Callable[[Value], Value]] = {
    "relu": Value.relu,
    "exp": Value.exp,
    "log": Value.log,
    "tanh": Value.tanh,
    "sigmoid": Value.sigmoid,
}
# How tightly each kind of node binds, for printing with the fewest parentheses.
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4, "atom": 5}


class ExpressionError(ValueError):
    """The text is not an expression this parser accepts, or its graph cannot be computed.

    ``position`` is the 0-based index of the offending character in the text, ``code`` a stable
    name of the problem (e.g. ``"unknown_function"``) and ``details`` the values its message quotes.
    ``str(error)`` is the English message, which ends with the 1-based character number.
    """

    def __init__(self, message: str, position: int, code: str, **details: object) -> None:
        self.message = message
        self.position = position
        self.code = code
        self.details: Mapping[str, object] = MappingProxyType(details)
        super().__init__(f"{message} (at character {position + 1})")


class EvaluationError(ExpressionError):
    """The expression is well formed but the engine refused an operation for these values
    (division by zero, log of x ≤ 0, overflow, …); ``position`` points at that operation."""


@dataclass(frozen=True)
class Node:
    """One node of a parsed expression; ``children`` are indices of earlier nodes.

    ``kind`` is "number" (``number``), "variable" (``name``), "neg", "binary" (``op`` one of
    + - * /), "power" (``number`` is the exponent) or "call" (``op`` a function name, ``method``
    true when written ``x.f()``). ``position`` is where the node's operator or name starts.
    """

    kind: str
    position: int
    children: tuple[int, ...] = ()
    op: str = ""
    number: float = 0.0
    name: str = ""
    method: bool = False


@dataclass(frozen=True)
class Evaluation:
    """The graph of an expression: its ``root`` and the leaf ``Value`` of each variable.

    ``values`` has one ``Value`` (or a plain float, for a number that never met a variable) per
    node of ``Expression.nodes``, in the same order.
    """

    root: Value
    variables: Mapping[str, Value]
    values: tuple[Value | float, ...]


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its ``nodes`` in evaluation order (the root is last) and its
    ``variables`` in order of first appearance."""

    text: str
    nodes: tuple[Node, ...]
    variables: tuple[str, ...]

    def evaluate(self, values: Mapping[str, float]) -> Evaluation:
        """Build the graph with ``values`` for the variables (every variable needs one).

        Raises ``EvaluationError`` naming the operation when the engine refuses it, and
        ``KeyError`` when a variable has no value.
        """
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise KeyError(f"no value for the variable(s) {', '.join(missing)}")
        leaves = {name: Value(values[name], label=name) for name in self.variables}
        results: list[Value | float] = []
        for node in self.nodes:
            results.append(_evaluate_node(node, results, leaves))
        root = results[-1]
        if not isinstance(root, Value):  # a constant expression: a leaf, as Value(3.0) would be
            root = Value(root)
        return Evaluation(root, MappingProxyType(leaves), tuple(results))

    def python(self) -> str:
        """The expression as Python code using ``micrograd_core`` (methods, ``Value(n)`` for constants)."""
        return _print(self.nodes, python=True)[-1]

    def labels(self) -> tuple[str, ...]:
        """Each node written as mathematics (``tanh(a·b + c)``, ``−x``), in the order of ``nodes``."""
        return _print(self.nodes, python=False)

    def __str__(self) -> str:
        return self.python()


def parse(text: str) -> Expression:
    """Parse ``text`` into an ``Expression``; raises ``ExpressionError`` naming the problem and position."""
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:  # checked first: a megabyte of text costs nothing
        raise ExpressionError(
            f"the expression is too long: {len(text)} characters, at most {MAX_LENGTH}",
            MAX_LENGTH,
            "too_long",
            length=len(text),
            limit=MAX_LENGTH,
        )
    parser = _Parser(text, _tokenize(text))
    return parser.parse()


# ----------------------------------------------------------------- tokenizer


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int
    value: float = 0.0


def _tokenize(text: str) -> Iterator[_Token]:
    """The tokens of ``text``, read lazily: a problem is reported where the parser meets it."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _WHITESPACE:
            i += 1
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            yield _Token("name", text[i:j], i)
            i = j
        elif (ch.isascii() and ch.isdigit()) or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            j = _number_end(text, i)
            literal = text[i:j]
            value = float(literal)
            if value - value != 0.0:
                raise ExpressionError(
                    f"the number {literal} is too large for a float", i, "number_too_large", number=literal
                )
            yield _Token("number", literal, i, value)
            i = j
        elif ch == "*" and text.startswith("**", i):
            yield _Token("op", "**", i)
            i += 2
        elif ch in _SINGLE or ch in _ALIASES:
            yield _Token("op", _ALIASES.get(ch, ch), i)
            i += 1
        else:
            raise _bad_character(ch, i)
    yield _Token("end", "", n)


def _number_end(text: str, i: int) -> int:
    """End of the number literal at ``i``: digits, an optional fraction, an optional exponent."""
    n = len(text)
    j = i
    while j < n and text[j].isascii() and text[j].isdigit():
        j += 1
    # a "." starts a fraction only before a digit or something that is not a name: 2.exp() is a call
    if j < n and text[j] == "." and not (j + 1 < n and (text[j + 1].isalpha() or text[j + 1] == "_")):
        j += 1
        while j < n and text[j].isascii() and text[j].isdigit():
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and text[k].isascii() and text[k].isdigit():
            while k < n and text[k].isascii() and text[k].isdigit():
                k += 1
            j = k
    return j


def _bad_character(ch: str, i: int) -> ExpressionError:
    if ch in _FORBIDDEN:
        code, message = _FORBIDDEN[ch]
        return ExpressionError(message, i, code, character=ch)
    point = f"U+{ord(ch):04X}"
    if unicodedata.category(ch).startswith("C"):
        return ExpressionError(
            f"the invisible or control character {point} is not allowed",
            i,
            "control_character",
            codepoint=point,
        )
    if not ch.isascii():
        name = unicodedata.name(ch, "unnamed")
        return ExpressionError(
            f"the character '{ch}' ({point} {name}) is not allowed: names use the ASCII letters a-z, A-Z, "
            "digits and _",
            i,
            "non_ascii",
            character=ch,
            codepoint=point,
            name=name,
        )
    return ExpressionError(f"the character '{ch}' is not allowed", i, "bad_character", character=ch)


# ----------------------------------------------------------------- parser


class _Parser:
    """Precedence climbing over the tokens; nodes are appended children first (a post-order)."""

    def __init__(self, text: str, tokens: Iterator[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.token = next(tokens)
        self.depth = 0
        self.created = 0
        self.nodes: list[Node] = []
        self.variables: list[str] = []

    def advance(self) -> _Token:
        token = self.token
        if token.kind != "end":
            self.token = next(self.tokens)
        return token

    def at(self, text: str) -> bool:
        return self.token.kind == "op" and self.token.text == text

    def parse(self) -> Expression:
        if self.token.kind == "end":
            raise ExpressionError("the expression is empty", 0, "empty")
        self.expression()
        if self.token.kind != "end":
            raise self.unexpected()
        return Expression(self.text, tuple(self.nodes), tuple(self.variables))

    # grammar rules
    def expression(self) -> None:
        self.term()
        while self.at("+") or self.at("-"):
            op = self.advance()
            self.term()
            self.binary(op)

    def term(self) -> None:
        self.unary()
        while self.at("*") or self.at("/"):
            op = self.advance()
            self.unary()
            self.binary(op)

    def unary(self) -> None:
        if self.at("-"):
            op = self.advance()
            self.nested(self.unary, op.position)
            self.add(Node("neg", op.position, (len(self.nodes) - 1,)))
        elif self.at("+"):
            raise ExpressionError(
                "unary '+' is not supported (micrograd's Value has no +x)", self.token.position, "unary_plus"
            )
        else:
            self.power()

    def power(self) -> None:
        self.postfix()
        if self.at("**"):
            op = self.advance()
            exponent_at = self.token.position
            self.nested(self.unary, op.position)
            exponent = self.nodes[-1]
            if exponent.kind != "number":
                raise ExpressionError(
                    "the exponent of ** must be a number (as in micrograd), not an expression with variables "
                    "or functions",
                    exponent_at,
                    "exponent_not_number",
                )
            if abs(exponent.number) > MAX_EXPONENT:
                raise ExpressionError(
                    f"the exponent {_number_text(exponent.number)} is too large: |exponent| ≤ "
                    f"{_number_text(MAX_EXPONENT)}",
                    op.position,
                    "exponent_too_large",
                    exponent=_number_text(exponent.number),
                    limit=_number_text(MAX_EXPONENT),
                )
            self.nodes.pop()
            self.add(Node("power", op.position, (len(self.nodes) - 1,), number=exponent.number))

    def postfix(self) -> None:
        self.atom()
        while self.at("."):
            dot = self.advance()
            name = self.token
            if name.kind != "name":
                raise ExpressionError(
                    "a '.' must be followed by a method: .relu() .exp() .log() .tanh() .sigmoid()",
                    name.position,
                    "bad_attribute",
                )
            self.check_not_dunder(name)
            if name.text not in FUNCTIONS:
                raise ExpressionError(
                    f"unknown method .{name.text}(): the methods are .relu() .exp() .log() .tanh() "
                    ".sigmoid()",
                    name.position,
                    "unknown_method",
                    name=name.text,
                )
            self.advance()
            if not self.at("("):
                raise ExpressionError(
                    f"the method .{name.text} must be called: write .{name.text}()",
                    self.token.position,
                    "method_not_called",
                    name=name.text,
                )
            self.advance()
            if not self.at(")"):
                raise ExpressionError(
                    f".{name.text}() takes no argument",
                    self.token.position,
                    "method_argument",
                    name=name.text,
                )
            self.advance()
            self.add(Node("call", dot.position, (len(self.nodes) - 1,), op=name.text, method=True))

    def atom(self) -> None:
        token = self.token
        if token.kind == "number":
            self.advance()
            self.add(Node("number", token.position, number=token.value))
            if self.token.kind == "name" or self.at("("):
                raise ExpressionError(
                    f"a number cannot be followed by '{self.token.text}': write * to multiply",
                    self.token.position,
                    "implicit_multiplication",
                    found=self.token.text,
                )
        elif token.kind == "name":
            self.name(token)
        elif self.at("("):
            self.advance()
            if self.at(")"):
                raise ExpressionError("empty parentheses '()'", token.position, "empty_parentheses")
            self.nested(self.expression, token.position)
            self.close(token)
        else:
            raise self.unexpected()

    def name(self, token: _Token) -> None:
        self.check_not_dunder(token)
        text = token.text
        if _is_keyword(text):
            raise self.unexpected()
        self.advance()
        if self.at("("):
            if text not in FUNCTIONS:
                raise ExpressionError(
                    f"unknown function {text}(): the functions are relu, exp, log, tanh and sigmoid",
                    token.position,
                    "unknown_function",
                    name=text,
                )
            opening = self.advance()
            if self.at(")"):
                raise ExpressionError(
                    f"{text}() needs one argument: {text}(x)",
                    self.token.position,
                    "call_arguments",
                    name=text,
                )
            self.nested(self.expression, opening.position)
            if self.at(","):
                raise ExpressionError(
                    f"{text}() takes one argument, not several",
                    self.token.position,
                    "call_arguments",
                    name=text,
                )
            self.close(opening)
            self.add(Node("call", token.position, (len(self.nodes) - 1,), op=text))
            return
        if text in FUNCTIONS:
            raise ExpressionError(
                f"{text} is a function: write {text}(x) or (x).{text}()",
                token.position,
                "function_as_name",
                name=text,
            )
        if text in RESERVED:
            raise ExpressionError(
                f"'{text}' is a reserved Python name; choose another variable name",
                token.position,
                "reserved_name",
                name=text,
            )
        if len(text) > MAX_NAME_LENGTH:
            raise ExpressionError(
                f"the name {text[:MAX_NAME_LENGTH]}… is too long: at most {MAX_NAME_LENGTH} characters",
                token.position,
                "name_too_long",
                limit=MAX_NAME_LENGTH,
            )
        if text not in self.variables:
            if len(self.variables) == MAX_VARIABLES:
                raise ExpressionError(
                    f"too many variables: at most {MAX_VARIABLES}",
                    token.position,
                    "too_many_variables",
                    limit=MAX_VARIABLES,
                )
            self.variables.append(text)
        self.add(Node("variable", token.position, name=text))

    # helpers
    def nested(self, rule: Callable[[], None], position: int) -> None:
        """Run ``rule`` one level deeper, refusing before Python's own recursion limit is near."""
        if self.depth >= MAX_DEPTH:
            raise ExpressionError(
                f"the expression is nested too deeply: at most {MAX_DEPTH} levels of parentheses, calls, "
                "minus signs and exponents",
                position,
                "too_deep",
                limit=MAX_DEPTH,
            )
        self.depth += 1
        rule()
        self.depth -= 1

    def close(self, opening: _Token) -> None:
        if self.at(")"):
            self.advance()
            return
        if self.at(","):
            raise ExpressionError("unexpected ','", self.token.position, "unexpected", found=",")
        if self.token.kind == "end":
            raise ExpressionError(
                f"the '(' at character {opening.position + 1} is never closed",
                self.token.position,
                "unclosed",
                opened=opening.position + 1,
            )
        raise self.unexpected()

    def check_not_dunder(self, token: _Token) -> None:
        if "__" in token.text:
            raise ExpressionError(
                f"names with '__' ({token.text}) are not allowed", token.position, "dunder", name=token.text
            )

    def unexpected(self) -> ExpressionError:
        token = self.token
        if token.kind == "end":
            return ExpressionError("the expression ends too early", token.position, "incomplete")
        if token.text == ")":
            return ExpressionError("unexpected ')': it closes nothing", token.position, "unmatched")
        if token.kind == "name" and _is_keyword(token.text):
            what = "lambdas are" if token.text == "lambda" else f"'{token.text}' is a Python keyword,"
            return ExpressionError(
                f"{what} not allowed in an expression (no lambdas, comprehensions, conditions or statements)",
                token.position,
                "keyword",
                name=token.text,
            )
        if token.kind in ("name", "number"):
            return ExpressionError(
                f"unexpected '{token.text}': an operator (+ - * / **) is missing before it",
                token.position,
                "missing_operator",
                found=token.text,
            )
        return ExpressionError(f"unexpected '{token.text}'", token.position, "unexpected", found=token.text)

    def binary(self, op: _Token) -> None:
        right = len(self.nodes) - 1
        left = _subtree_start(self.nodes, right) - 1
        self.add(Node("binary", op.position, (left, right), op=op.text))

    def add(self, node: Node) -> None:
        """Append ``node``, or the number it computes to when all its children are numbers."""
        self.created += 1
        if self.created > MAX_NODES:
            raise ExpressionError(
                f"the expression is too large: at most {MAX_NODES} numbers, names and operations",
                node.position,
                "too_many_nodes",
                limit=MAX_NODES,
            )
        children = [self.nodes[i] for i in node.children]
        if node.kind in ("neg", "binary", "power") and all(c.kind == "number" for c in children):
            value = _fold(node, [c.number for c in children])
            del self.nodes[len(self.nodes) - len(children) :]
            node = Node(
                "number", children[0].position if node.kind == "binary" else node.position, number=value
            )
        self.nodes.append(node)


def _is_keyword(name: str) -> bool:
    return keyword.iskeyword(name) or keyword.issoftkeyword(name)


def _subtree_start(nodes: list[Node], last: int) -> int:
    """Index of the first node of the subtree that ends at ``last`` (subtrees are contiguous)."""
    start = last
    pending = list(nodes[last].children)
    while pending:
        child = pending.pop()
        start = min(start, child)
        pending.extend(nodes[child].children)
    return start


def _fold(node: Node, operands: list[float]) -> float:
    """Compute an operation on numbers now, in floats, as Python does before it meets any ``Value``."""
    x = operands[0]
    if node.kind == "neg":
        return -x
    try:
        if node.kind == "power":
            if x < 0.0 and not node.number.is_integer():
                raise ValueError("negative base")  # Python would return a complex number
            result = float(x**node.number)
        else:
            result = float(_BINARY[node.op](x, operands[1]))
    except (ArithmeticError, ValueError) as error:
        raise _evaluation_error(node, error, operands) from None
    if result - result != 0.0:
        raise _evaluation_error(node, OverflowError(), operands)
    return result


# ----------------------------------------------------------------- evaluation


def _evaluate_node(node: Node, results: list[Value | float], leaves: Mapping[str, Value]) -> Value | float:
    kind = node.kind
    if kind == "number":
        return node.number
    if kind == "variable":
        return leaves[node.name]
    operands = [results[i] for i in node.children]
    try:
        if kind == "neg":
            return -operands[0]
        if kind == "binary":
            result: Value = _BINARY[node.op](operands[0], operands[1])
            return result
        base = operands[0]
        if not isinstance(base, Value):
            base = Value(base)
        if kind == "power":
            return base**node.number
        return _METHODS[node.op](base)
    except (ArithmeticError, ValueError) as error:
        raise _evaluation_error(
            node, error, [o.data if isinstance(o, Value) else o for o in operands]
        ) from None


def _evaluation_error(node: Node, error: Exception, operands: list[float]) -> EvaluationError:
    shown = ", ".join(_number_text(x) for x in operands)
    operation = _operation_text(node, operands)
    if isinstance(error, ZeroDivisionError):
        if node.kind == "power":
            code, problem = "zero_negative_power", "0 cannot be raised to a negative power"
        else:
            code, problem = "division_by_zero", "division by zero"
    elif isinstance(error, OverflowError):
        code, problem = "overflow", "the result is too large for a float"
    elif node.kind == "call" and node.op == "log":
        code, problem = "log_domain", "log needs x > 0"
    elif node.kind == "power":
        code, problem = "negative_base", "a negative number cannot be raised to a fractional power"
    else:
        code, problem = "evaluation", str(error)
    return EvaluationError(
        f"{operation}: {problem}", node.position, code, operation=operation, operands=shown
    )


def _operation_text(node: Node, operands: list[float]) -> str:
    numbers = [_number_text(x) for x in operands]
    if node.kind == "binary":
        return f"{numbers[0]} {node.op} {numbers[1]}"
    if node.kind == "power":
        base = numbers[0] if operands[0] >= 0.0 else f"({numbers[0]})"
        return f"{base} ** {_number_text(node.number)}"
    if node.kind == "neg":
        return f"-{numbers[0]}"
    return f"{node.op}({numbers[0]})"


def _number_text(x: float) -> str:
    """A number as short as it is exact: 2 rather than 2.0, else repr."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


# ----------------------------------------------------------------- printing


def _print(nodes: tuple[Node, ...], *, python: bool) -> tuple[str, ...]:
    """Each node as text, built children first (no recursion), with only the parentheses needed."""
    texts: list[str] = []
    levels: list[int] = []
    minus = "-" if python else "−"
    for node in nodes:
        kind = node.kind
        if kind == "number":
            text = _number_text(node.number)
            level = _PRECEDENCE["neg" if node.number < 0 or text.startswith("-") else "atom"]
            if not python:
                text = text.replace("-", "−")
        elif kind == "variable":
            text, level = node.name, _PRECEDENCE["atom"]
        elif kind == "neg":
            (child,) = node.children
            inner = texts[child] if levels[child] > _PRECEDENCE["neg"] else f"({texts[child]})"
            text, level = minus + inner, _PRECEDENCE["neg"]
        elif kind == "binary":
            left, right = node.children
            p = _PRECEDENCE[node.op]
            lt = texts[left] if levels[left] >= p else f"({texts[left]})"
            rt = texts[right] if levels[right] > p else f"({texts[right]})"
            if python:
                text = f"{lt} {node.op} {rt}"
            else:
                symbol = {"-": " − ", "+": " + ", "*": "·"}.get(node.op, node.op)
                text = f"{lt}{symbol}{rt}"
            level = p
        elif kind == "power":
            (child,) = node.children
            base = texts[child] if levels[child] > _PRECEDENCE["**"] else f"({texts[child]})"
            exponent = _number_text(node.number)
            text, level = f"{base}**{exponent if python else exponent.replace('-', '−')}", _PRECEDENCE["**"]
        else:  # call
            (child,) = node.children
            if not python:
                text = f"{node.op}({texts[child]})"
            elif nodes[child].kind == "number":
                text = f"Value({texts[child]}).{node.op}()"
            else:
                target = texts[child] if levels[child] >= _PRECEDENCE["atom"] else f"({texts[child]})"
                text = f"{target}.{node.op}()"
            level = _PRECEDENCE["atom"]
        texts.append(text)
        levels.append(level)
    return tuple(texts)
