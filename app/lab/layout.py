"""Place any DAG left to right on a grid: a node's column is its depth, rows order each column.

Leaves sit one column left of their first consumer; within a column nodes are ordered by the mean row
of their neighbours (a few barycentre sweeps, which untangle most crossings), then packed onto
integer rows centred on 0. Every node gets its own (column, row) cell, so boxes smaller than a cell
never overlap. Pure Python: no Bokeh here.
"""

from __future__ import annotations

from collections.abc import Sequence

SWEEPS = 4


def layered_layout(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[int, float]]:
    """(column, row) for nodes 0…n−1 given (source, target) edges; nodes are in topological order."""
    inputs: list[list[int]] = [[] for _ in range(n)]
    consumers: list[list[int]] = [[] for _ in range(n)]
    for source, target in edges:
        inputs[target].append(source)
        consumers[source].append(target)
    column = [0] * n
    for i in range(n):
        if inputs[i]:
            column[i] = 1 + max(column[j] for j in inputs[i])
    for i in range(n):
        if not inputs[i] and consumers[i]:
            column[i] = max(0, min(column[c] for c in consumers[i]) - 1)

    columns: dict[int, list[int]] = {}
    for i in range(n):
        columns.setdefault(column[i], []).append(i)
    rank = {i: float(k) for members in columns.values() for k, i in enumerate(members)}
    order = sorted(columns)
    for sweep in range(SWEEPS):
        # right to left (by consumers) then left to right (by inputs), alternately
        forward = sweep % 2 == 1
        for c in order if forward else reversed(order):
            members = columns[c]
            keys = {}
            for i in members:
                neighbours = inputs[i] if forward else consumers[i]
                placed = [rank[j] for j in neighbours if column[j] != c]
                keys[i] = sum(placed) / len(placed) if placed else rank[i]
            members.sort(key=lambda i: (keys[i], rank[i]))
            for k, i in enumerate(members):
                rank[i] = float(k)
    tallest = max(len(m) for m in columns.values()) if columns else 0
    positions = [(0, 0.0)] * n
    for c, members in columns.items():
        offset = (tallest - len(members)) / 2.0
        for k, i in enumerate(members):
            positions[i] = (c, -(offset + k))  # rows go down the page
    return positions
