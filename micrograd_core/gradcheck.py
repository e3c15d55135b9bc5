"""Gradient checking: compare backward()'s grads with centred finite differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .engine import Value


class GradCheckError(AssertionError):
    """Autograd and finite differences disagree; ``report`` holds every input's row."""

    def __init__(self, report: GradCheckReport) -> None:
        self.report = report
        failing = ", ".join(
            f"{row.name} (autograd {row.autograd:.6g} vs numeric {row.numeric:.6g})"
            for row in report.failures
        )
        super().__init__(f"gradient check failed for {failing}\n{report}")


@dataclass(frozen=True)
class GradCheckRow:
    """One input's result: the grad from backward(), the centred difference, and their agreement."""

    name: str
    value: float
    autograd: float
    numeric: float
    ok: bool

    @property
    def error(self) -> float:
        return abs(self.autograd - self.numeric)


@dataclass(frozen=True)
class GradCheckReport:
    """Per-input rows of a gradient check; ``str()`` prints them as a table."""

    rows: tuple[GradCheckRow, ...]
    eps: float
    tol: float

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows)

    @property
    def failures(self) -> tuple[GradCheckRow, ...]:
        return tuple(row for row in self.rows if not row.ok)

    def __str__(self) -> str:
        header = f"{'input':>8} {'value':>12} {'autograd':>14} {'numeric':>14} {'|diff|':>10}  ok"
        lines = [header, "-" * len(header)]
        for r in self.rows:
            mark = "✓" if r.ok else "✗"
            lines.append(
                f"{r.name:>8} {r.value:>12.6g} {r.autograd:>14.8f} {r.numeric:>14.8f}"
                f" {r.error:>10.2e}  {mark}"
            )
        return "\n".join(lines)


def agrees(autograd: float, numeric: float, tol: float) -> bool:
    """The check's rule for one input: |autograd − numeric| ≤ tol · max(1, |numeric|)."""
    return abs(autograd - numeric) <= tol * max(1.0, abs(numeric))


def grad_check(
    f: Callable[..., Value],
    inputs: Sequence[float],
    eps: float = 1e-5,
    tol: float = 1e-4,
    *,
    names: Sequence[str] | None = None,
    raise_on_failure: bool = True,
) -> GradCheckReport:
    """Check ``f``'s gradient at ``inputs`` against centred differences (f(x+ε) − f(x−ε)) / 2ε.

    A row is ok when ``agrees(autograd, numeric, tol)``. Raises ``GradCheckError``
    listing the failing inputs (unless ``raise_on_failure=False``) and returns the report. Near a
    kink such as relu at 0 the two honestly disagree, and the check says so.
    """
    if eps <= 0.0 or tol <= 0.0:
        raise ValueError(f"grad_check needs eps > 0 and tol > 0, got eps={eps!r}, tol={tol!r}")
    point = [float(x) for x in inputs]
    labels = list(names) if names is not None else [f"x{i}" for i in range(len(point))]
    if len(labels) != len(point):
        raise ValueError(f"grad_check got {len(labels)} names for {len(point)} inputs")

    leaves = [Value(x, label=name) for x, name in zip(point, labels, strict=True)]
    out = f(*leaves)
    if not isinstance(out, Value):
        raise TypeError(f"grad_check: f must return a Value, got {type(out).__name__}")
    out.backward()

    def evaluate(i: int, shift: float) -> float:
        shifted = [Value(x + shift) if j == i else Value(x) for j, x in enumerate(point)]
        return f(*shifted).data

    rows = []
    for i, leaf in enumerate(leaves):
        numeric = (evaluate(i, eps) - evaluate(i, -eps)) / (2.0 * eps)
        ok = agrees(leaf.grad, numeric, tol)
        rows.append(GradCheckRow(labels[i], point[i], leaf.grad, numeric, ok))
    report = GradCheckReport(tuple(rows), eps, tol)
    if raise_on_failure and not report.ok:
        raise GradCheckError(report)
    return report
