"""micrograd_core: a typed, pure-Python scalar autodiff engine (Value + backward), with no dependencies."""

from .engine import Value, topological_order
from .gradcheck import GradCheckError, GradCheckReport, GradCheckRow, grad_check
from .graph import Graph, trace
from .losses import bce_with_logits, max_margin

__all__ = [
    "GradCheckError",
    "GradCheckReport",
    "GradCheckRow",
    "Graph",
    "Value",
    "bce_with_logits",
    "grad_check",
    "max_margin",
    "topological_order",
    "trace",
]
__version__ = "0.1.0"
