"""The lab's maths, done by micrograd_core once per change and frozen into a ``LabResult``.

The expression is evaluated into a graph of ``Value``s, ``backward()`` runs once, and the engine's
own ``forward_order`` / ``backward_steps`` give the walk the stepper shows: no view (and nothing
here) re-derives the chain rule. The chosen bug's grads and the gradient check come along.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from micrograd_core import (
    Expression,
    GradCheckRow,
    Value,
    agrees,
    backward_steps,
    grad_check,
    trace,
)

from .bugs import NONE, grads_with_bug, shared_nodes
from .script import python_script

CHECK_EPS = 1e-5
CHECK_TOL = 1e-4
NAME_CHARS = 11  # a computed node's label longer than this is called n1, n2, … in the graph and the text


@dataclass(frozen=True)
class LabNode:
    """One node of the graph: ``label`` as maths (``a·b``), ``op`` as the engine names it.

    ``name`` is what the graph's box and the step text call it: the label when it is short, else
    ``n1``, ``n2``… in the order the nodes are computed (the box then shows its operation too).
    """

    label: str
    name: str
    op: str
    data: float
    grad: float  # backward()'s grad
    is_variable: bool


@dataclass(frozen=True)
class LabEdge:
    """``source`` feeds input ``slot`` of ``target`` (node indices); ``local`` = ∂target/∂source."""

    source: int
    target: int
    slot: int
    local: float


@dataclass(frozen=True)
class LabContribution:
    """``steps.Contribution`` with node indices: target.grad += local × upstream (= product)."""

    target: int
    slot: int
    local: float
    upstream: float
    product: float
    before: float
    after: float


@dataclass(frozen=True)
class LabStep:
    """One node of the backward walk (the engine's order) and what it sends to its inputs."""

    node: int
    grad: float
    contributions: tuple[LabContribution, ...]


@dataclass(frozen=True)
class LabResult:
    """Everything the lab shows for one expression, its values and a bug switch (immutable).

    The walk's timeline: positions 0…len(forward) fill the computed nodes' data in, then positions
    up to ``len(forward) + len(backward)`` run backward one non-leaf node at a time.
    """

    text: str
    python: str
    variables: tuple[str, ...]
    values: Mapping[str, float]
    out: float
    nodes: tuple[LabNode, ...]
    edges: tuple[LabEdge, ...]
    forward: tuple[int, ...]  # computed (non-leaf) nodes in the order their data was computed
    backward: tuple[LabStep, ...]  # non-leaf nodes in backward()'s order, root first
    grads: Mapping[str, float]  # ∂out/∂variable, from backward()
    bug: str
    bug_grads: Mapping[str, float]  # the same grads from the bug's version of backward
    check_rows: tuple[GradCheckRow, ...]  # autograd = bug_grads (the engine's with no bug)
    check_ok: bool
    check_failed: str  # "" or why the centred difference could not be computed
    shared: tuple[str, ...]  # labels of nodes feeding several input slots
    script: str

    @property
    def length(self) -> int:
        """The last position of the walk."""
        return len(self.forward) + len(self.backward)


def compute(expression: Expression, values: Mapping[str, float], bug: str = NONE) -> LabResult:
    """Evaluate, run backward, record the walk, the bug's grads and the gradient check.

    Raises ``micrograd_core.EvaluationError`` when the engine refuses an operation for these values.
    """
    evaluation = expression.evaluate(values)
    root = evaluation.root
    root.backward()
    graph = trace(root)
    index = {v: i for i, v in enumerate(graph.nodes)}
    labels = _labels(expression, evaluation.values)
    variables = set(evaluation.variables.values())
    texts = [labels.get(v, _number_label(v)) for v in graph.nodes]
    names = short_names(texts, [bool(v.inputs) for v in graph.nodes])
    nodes = tuple(
        LabNode(text, name, v.op, v.data, v.grad, v in variables)
        for v, text, name in zip(graph.nodes, texts, names, strict=True)
    )
    edges = tuple(
        LabEdge(index[src], index[dst], slot, local)
        for dst in graph.nodes
        for slot, (src, local) in enumerate(zip(dst.inputs, dst.local_grads, strict=True))
    )
    forward = tuple(i for i, v in enumerate(graph.nodes) if v.inputs)
    backward = tuple(
        LabStep(
            index[s.node],
            s.grad,
            tuple(
                LabContribution(index[c.target], c.slot, c.local, c.upstream, c.product, c.before, c.after)
                for c in s.contributions
            ),
        )
        for s in backward_steps(root)
        if s.contributions
    )
    grads = {name: v.grad for name, v in evaluation.variables.items()}
    if bug == NONE:
        bug_grads = grads
    else:
        buggy = grads_with_bug(root, bug)
        bug_grads = {name: buggy[v] for name, v in evaluation.variables.items()}
    rows, failed = _check(expression, values, bug_grads)
    return LabResult(
        text=expression.text,
        python=expression.python(),
        variables=expression.variables,
        values=MappingProxyType({n: float(values[n]) for n in expression.variables}),
        out=root.data,
        nodes=nodes,
        edges=edges,
        forward=forward,
        backward=backward,
        grads=MappingProxyType(grads),
        bug=bug,
        bug_grads=MappingProxyType(bug_grads),
        check_rows=rows,
        check_ok=not failed and all(r.ok for r in rows),
        check_failed=failed,
        shared=tuple(names[index[v]] for v in shared_nodes(root)),
        script=python_script(expression, values, bug, root.data, grads),
    )


def short_names(labels: list[str], computed: list[bool]) -> list[str]:
    """Each label, or ``n1``, ``n2``… for computed nodes whose label is longer than ``NAME_CHARS``."""
    names = []
    count = 0
    for label, is_computed in zip(labels, computed, strict=True):
        if is_computed and len(label) > NAME_CHARS:
            count += 1
            label = f"n{count}"
        names.append(label)
    return names


def _labels(expression: Expression, evaluated: tuple[Value | float, ...]) -> dict[Value, str]:
    """Each Value of the graph written as maths; constants made by the engine have none here."""
    labels: dict[Value, str] = {}
    for value, label in zip(evaluated, expression.labels(), strict=True):
        if isinstance(value, Value):
            labels.setdefault(value, label)
    return labels


def _number_label(v: Value) -> str:
    x = v.data
    return (str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)).replace("-", "−")


def _check(
    expression: Expression, values: Mapping[str, float], autograd: Mapping[str, float]
) -> tuple[tuple[GradCheckRow, ...], str]:
    """Centred differences per variable against ``autograd``; ("", rows) or (reason, ()) when the
    shifted points leave the expression's domain (log near 0, …)."""
    names = expression.variables
    if not names:
        return (), ""

    def f(*leaves: Value) -> Value:
        return expression.evaluate({n: leaf.data for n, leaf in zip(names, leaves, strict=True)}).root

    try:
        report = grad_check(
            f, [values[n] for n in names], CHECK_EPS, CHECK_TOL, names=names, raise_on_failure=False
        )
    except (ArithmeticError, ValueError) as error:
        return (), str(error)
    rows = tuple(
        GradCheckRow(
            r.name, r.value, autograd[r.name], r.numeric, agrees(autograd[r.name], r.numeric, CHECK_TOL)
        )
        for r in report.rows
    )
    return rows, ""
