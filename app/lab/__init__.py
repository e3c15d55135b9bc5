"""The expression lab: type an expression, see its graph, step the backward pass node by node."""
