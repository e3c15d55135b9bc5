"""The two losses against PyTorch float64: value and d loss / d score, including extreme scores."""

from __future__ import annotations

import math
from typing import Any

import pytest

from micrograd_core import Value, bce_with_logits, max_margin

torch = pytest.importorskip("torch", reason="PyTorch, the test oracle here, is not installed (e.g. Pyodide)")

SCORES = [-1e3, -700.0, -37.5, -3.0, -0.2, 0.0, 0.2, 3.0, 37.5, 700.0, 1e3]


def _torch_loss_and_grad(score: float, loss: Any) -> tuple[float, float]:
    s = torch.tensor(score, dtype=torch.float64, requires_grad=True)
    out = loss(s)
    out.backward()
    return float(out.item()), float(s.grad.item())


@pytest.mark.parametrize("score", SCORES)
@pytest.mark.parametrize("label", [0.0, 1.0, 0.3])
def test_bce_with_logits_equals_torch(score: float, label: float) -> None:
    s = Value(score)
    loss = bce_with_logits(s, label)
    loss.backward()
    target = torch.tensor(label, dtype=torch.float64)
    expected, expected_grad = _torch_loss_and_grad(
        score, lambda t: torch.nn.functional.binary_cross_entropy_with_logits(t, target)
    )
    # abs_tol: for a confidently right score (s = −37.5, y = 0) torch rounds log1p(e**−37.5) ≈ 5e-17 to 0,
    # our log1p keeps it; either way the two agree to far below anything the app shows.
    assert math.isclose(loss.data, expected, rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(s.grad, expected_grad, rel_tol=1e-12, abs_tol=1e-300)


@pytest.mark.parametrize("score", SCORES)
@pytest.mark.parametrize("label", [-1, 1])
def test_max_margin_equals_torch(score: float, label: int) -> None:
    s = Value(score)
    loss = max_margin(s, label)
    loss.backward()
    expected, expected_grad = _torch_loss_and_grad(score, lambda t: torch.relu(1.0 - t * label))
    assert loss.data == expected
    assert s.grad == expected_grad
