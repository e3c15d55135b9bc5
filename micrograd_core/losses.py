"""Classification losses on a score (logit) ``s``, built from engine operations so that ``backward()`` works.

- ``max_margin(s, y)``: micrograd's max-margin (SVM) loss relu(1 − y·s), with y ∈ {−1, +1}.
- ``bce_with_logits(s, y)``: binary cross-entropy on the logit, with y ∈ [0, 1]; one engine operation
  that stays finite for every finite score (see ``Value.bce_with_logits``).
"""

from __future__ import annotations

from numbers import Real

from .engine import Value

Score = Value | float


def max_margin(score: Score, label: int) -> Value:
    """relu(1 − y·s): zero once the score is on the right side by a margin of 1; y must be −1 or +1."""
    if isinstance(label, bool) or not isinstance(label, Real) or label not in (-1, 1):
        raise ValueError(f"max_margin: the label must be -1 or +1, got {label!r}")
    return (1.0 - _as_score(score) * float(label)).relu()


def bce_with_logits(score: Score, label: float) -> Value:
    """Binary cross-entropy of σ(s) against y ∈ [0, 1], finite for every finite score."""
    return _as_score(score).bce_with_logits(label)


def _as_score(score: Score) -> Value:
    return score if isinstance(score, Value) else Value(score)
