"""The walk through one ``LabResult``: which data and grads are known at a position, and the step's text.

Positions 1…F compute the forward nodes one by one; positions F+1…F+B run the backward steps the
engine recorded (``LabResult.backward``). Everything comes from the result; nothing is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.formatting import fmt
from ..i18n import t
from .compute import LabContribution, LabResult, LabStep

FORWARD = "forward"
BACKWARD = "backward"


@dataclass(frozen=True)
class WalkState:
    """At one position: each node's data (None: not computed yet) and grad (None: not reached yet)."""

    position: int
    phase: str  # FORWARD or BACKWARD
    current: int | None  # the node computed or propagated at this position
    data: tuple[float | None, ...]
    grads: tuple[float | None, ...]


def clamp(result: LabResult, position: int) -> int:
    return min(max(position, 0), result.length)


def walk_state(result: LabResult, position: int) -> WalkState:
    """What the graph shows at ``position`` (clamped to 0…``result.length``)."""
    position = clamp(result, position)
    n = len(result.nodes)
    forward_done = min(position, len(result.forward))
    computed = set(result.forward[:forward_done])
    forward = set(result.forward)
    data = tuple(
        node.data if (i in computed or i not in forward) else None for i, node in enumerate(result.nodes)
    )
    grads: list[float | None] = [None] * n
    current: int | None = result.forward[forward_done - 1] if forward_done else None
    phase = FORWARD
    back = position - len(result.forward)
    if back > 0:
        phase = BACKWARD
        grads[result.backward[0].node] = 1.0
        for step in result.backward[:back]:
            for c in step.contributions:
                grads[c.target] = c.after
        current = result.backward[back - 1].node
    return WalkState(position, phase, current, data, tuple(grads))


def num(x: float, lang: str, digits: int = 4) -> str:
    """A number as the page shows it: ``fmt``, with a decimal comma in French."""
    return fmt(x, lang, digits)


def _wrapped(x: float, lang: str) -> str:
    text = num(x, lang)
    return f"({text})" if text.startswith("−") else text


def _name(label: str) -> str:
    """A node's label, in parentheses when it is more than a name or a number: (a·b).grad."""
    simple = label.replace("_", "").replace(".", "").isalnum()
    return label if simple else f"({label})"


def step_lines(result: LabResult, position: int, lang: str) -> tuple[str, ...]:
    """The text of the step at ``position``, one line per update, with the live numbers."""
    position = clamp(result, position)
    if position == 0:
        return (t("lab_walk_start", lang),)
    if position <= len(result.forward):
        return (t("lab_walk_forward", lang, line=_forward_line(result, result.forward[position - 1], lang)),)
    step = result.backward[position - len(result.forward) - 1]
    lines = []
    if step is result.backward[0]:
        lines.append(t("lab_walk_backward_start", lang, root=_name(result.nodes[step.node].name)))
    lines.append(
        t("lab_walk_backward", lang, node=_name(result.nodes[step.node].name), grad=num(step.grad, lang))
    )
    for c in step.contributions:
        lines.append(_backward_line(result, step, c, lang))
        if c.before != 0.0 or _fed_before(result, step, c):
            lines.append(
                "    "
                + t(
                    "lab_walk_sum",
                    lang,
                    name=_name(result.nodes[c.target].name),
                    before=num(c.before, lang),
                    product=_wrapped(c.product, lang),
                    after=num(c.after, lang),
                )
            )
    if position == result.length:
        lines.append(t("lab_walk_done", lang))
    return tuple(lines)


def _fed_before(result: LabResult, step: LabStep, contribution: LabContribution) -> bool:
    """Whether ``contribution``'s target already received a contribution (its sum is accumulating)."""
    for s in result.backward:
        for c in s.contributions:
            if c is contribution:
                return False
            if c.target == contribution.target:
                return True
    return False


def _inputs(result: LabResult, node: int) -> list[int]:
    return [e.source for e in sorted((e for e in result.edges if e.target == node), key=lambda e: e.slot)]


_FORWARD_FORMS = {"+": "{0} + {1}", "-": "{0} − {1}", "*": "{0} × {1}", "/": "{0} / {1}", "neg": "−{0}"}


def _apply_form(op: str, args: list[str]) -> str:
    if op in _FORWARD_FORMS:
        return _FORWARD_FORMS[op].format(*args)
    if op.startswith("**"):
        return f"{args[0]}**{op[2:].replace('-', '−')}"
    return f"{op}({args[0]})"


def _forward_line(result: LabResult, index: int, lang: str) -> str:
    node = result.nodes[index]
    inputs = _inputs(result, index)
    symbolic = _apply_form(node.op, [_name(result.nodes[i].name) for i in inputs])
    numeric = _apply_form(node.op, [_wrapped(result.nodes[i].data, lang) for i in inputs])
    named = node.name if node.name == node.label else f"{node.name} = {node.label}"
    return f"{named} = {symbolic} = {numeric} = {num(node.data, lang)}"


def _local_symbol(result: LabResult, node: int, slot: int, lang: str) -> str:
    """∂node/∂input as a formula in the inputs' names (the engine supplies the number)."""
    op = result.nodes[node].op
    names = [_name(result.nodes[i].name) for i in _inputs(result, node)]
    x = names[0]
    if op == "+":
        return "1"
    if op == "-":
        return "1" if slot == 0 else "−1"
    if op == "neg":
        return "−1"
    if op == "*":
        return names[1 - slot]
    if op == "/":
        return f"1/{names[1]}" if slot == 0 else f"−{names[0]}/{names[1]}²"
    if op.startswith("**"):
        n = float(op[2:])
        m = n - 1.0
        power = "" if m == 1.0 else f"**{fmt_exponent(m)}"
        return f"{fmt_exponent(n)}·{x}{power}"
    forms = {
        "relu": t("lab_local_relu", lang, x=x),
        "exp": f"exp({x})",
        "log": f"1/{x}",
        "tanh": f"1 − tanh²({x})",
        "sigmoid": f"σ({x})·(1 − σ({x}))",
    }
    return forms.get(op, "?")


def fmt_exponent(x: float) -> str:
    return (str(int(x)) if x.is_integer() else repr(x)).replace("-", "−")


def _backward_line(result: LabResult, step: LabStep, c: LabContribution, lang: str) -> str:
    node = _name(result.nodes[step.node].name)
    target = _name(result.nodes[c.target].name)
    local = _local_symbol(result, step.node, c.slot, lang)
    if " " in local and not local.startswith("("):  # 1 − tanh²(x) is one factor of the product
        local = f"({local})"
    return (
        f"{target}.grad += ∂{node}/∂{target} × {node}.grad = {local} × {num(c.upstream, lang)}"
        f" = {num(c.local, lang)} × {_wrapped(c.upstream, lang)} = {num(c.product, lang)}"
    )
