"""micrograd_core: a typed, pure-Python scalar autodiff engine (Value + backward), with no dependencies."""

from .engine import Value, topological_order
from .gradcheck import GradCheckError, GradCheckReport, GradCheckRow, grad_check
from .graph import Graph, trace

__all__ = [
    "GradCheckError",
    "GradCheckReport",
    "GradCheckRow",
    "Graph",
    "Value",
    "grad_check",
    "topological_order",
    "trace",
]
__version__ = "0.1.0"
