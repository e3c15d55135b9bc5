"""micrograd_core.losses: the max-margin (SVM) loss and the stable binary cross-entropy on the logit.

Their values and gradients against PyTorch float64 are in test_losses_against_torch.py.
"""

from __future__ import annotations

import math

import pytest

from micrograd_core import Value, bce_with_logits, max_margin

EXTREME_SCORES = [-1e308, -1e3, -710.0, -700.0, -40.0, -1.0, -1e-300, 0.0]
EXTREME_SCORES += [-s for s in EXTREME_SCORES[:-1]]


@pytest.mark.parametrize("score", EXTREME_SCORES)
@pytest.mark.parametrize("label", [0.0, 1.0, 0.25])
def test_bce_is_finite_with_a_finite_gradient_for_any_finite_score(score: float, label: float) -> None:
    s = Value(score)
    loss = bce_with_logits(s, label)
    loss.backward()
    assert math.isfinite(loss.data) and loss.data >= 0.0
    assert math.isfinite(s.grad) and -1.0 <= s.grad <= 1.0


def test_bce_at_zero_is_log_two_with_slope_one_half_minus_label() -> None:
    s = Value(0.0)
    loss = s.bce_with_logits(1)
    loss.backward()
    assert loss.data == math.log(2.0)
    assert s.grad == -0.5
    assert loss.op == "bce" and loss.inputs == (s,)


def test_bce_matches_the_naive_formula_where_that_one_is_accurate() -> None:
    for score in (-3.0, -0.4, 0.7, 2.5):
        for label in (0.0, 1.0):
            p = 1.0 / (1.0 + math.exp(-score))
            naive = -(label * math.log(p) + (1.0 - label) * math.log(1.0 - p))
            assert Value(score).bce_with_logits(label).data == pytest.approx(naive, rel=1e-13)


def test_bce_of_a_confidently_wrong_score_grows_linearly_instead_of_overflowing() -> None:
    assert Value(-1e3).bce_with_logits(1.0).data == 1e3
    assert Value(1e3).bce_with_logits(0.0).data == 1e3
    assert Value(1e3).bce_with_logits(1.0).data == 0.0


@pytest.mark.parametrize("label", [-0.5, 1.5, math.nan, math.inf])
def test_bce_rejects_a_label_outside_zero_one(label: float) -> None:
    with pytest.raises(ValueError, match=r"label must be in \[0, 1\]"):
        Value(1.0).bce_with_logits(label)


@pytest.mark.parametrize("label", ["1", None, True])
def test_bce_rejects_a_label_that_is_not_a_number(label: object) -> None:
    with pytest.raises(TypeError, match="label must be a number"):
        Value(1.0).bce_with_logits(label)  # type: ignore[arg-type]


def test_max_margin_is_micrograds_relu_of_one_minus_y_times_score() -> None:
    s = Value(0.25)
    loss = max_margin(s, -1)
    loss.backward()
    assert loss.data == 1.25
    assert s.grad == 1.0
    s2 = Value(3.0)
    zero = max_margin(s2, 1)  # beyond the margin: no loss, no gradient
    zero.backward()
    assert (zero.data, s2.grad) == (0.0, 0.0)
    assert max_margin(0.5, 1).data == 0.5  # a float score works too


@pytest.mark.parametrize("label", [0, 2, 0.5, True, "1"])
def test_max_margin_rejects_a_label_other_than_plus_or_minus_one(label: object) -> None:
    with pytest.raises(ValueError, match="must be -1 or \\+1"):
        max_margin(Value(1.0), label)  # type: ignore[arg-type]
