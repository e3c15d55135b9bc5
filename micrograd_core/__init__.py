"""micrograd_core: a typed, pure-Python scalar autodiff engine (Value + backward), with no dependencies."""

from .engine import Value, topological_order
from .expression import EvaluationError, Expression, ExpressionError, parse
from .gradcheck import GradCheckError, GradCheckReport, GradCheckRow, agrees, grad_check
from .graph import Graph, trace
from .losses import bce_with_logits, max_margin
from .steps import BackwardStep, Contribution, backward_steps, forward_order

__all__ = [
    "BackwardStep",
    "Contribution",
    "EvaluationError",
    "Expression",
    "ExpressionError",
    "GradCheckError",
    "GradCheckReport",
    "GradCheckRow",
    "Graph",
    "Value",
    "agrees",
    "backward_steps",
    "bce_with_logits",
    "forward_order",
    "grad_check",
    "max_margin",
    "parse",
    "topological_order",
    "trace",
]
__version__ = "0.1.0"
