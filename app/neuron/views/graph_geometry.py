"""Where the computation graph's boxes and labels land, in pixels, for a figure of a given size.

Bokeh draws on a canvas, so nothing in the page can tell whether a label spills out of its box or
hides under another one; this module computes it, with the same constants the view draws with, so a
test can check the drawing is legible at the narrowest width the figure takes (``MIN_WIDTH_PX``).
Text widths are estimated generously (``CHAR_EM`` font sizes per character).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BOX_W = 0.62  # data units; columns are 1 apart, so 0.38 is left between boxes for the edge labels
BOX_H = 0.76
X_PAD = 0.55  # data units between the outermost boxes' centres and the figure's edges
Y_PAD = 0.6
MIN_WIDTH_PX = 760  # narrower cards scroll sideways rather than squeeze the graph
HEIGHT_PX = 330
BORDER_PX = 5  # Bokeh's min_border on each side of the frame
TITLE_FONT_PX = 13
VALUE_FONT_PX = 12
EDGE_FONT_PX = 10
TITLE_OFFSET_PX = -18  # title above the box's centre, data on it, grad below (screen y grows downwards)
GRAD_OFFSET_PX = 16
LINE_FONTS_PX = (TITLE_FONT_PX, VALUE_FONT_PX, VALUE_FONT_PX)
LINE_OFFSETS_PX = (TITLE_OFFSET_PX, 0, GRAD_OFFSET_PX)
EDGE_LABEL_DX = 0.04  # data units after the arrow's start
EDGE_LABEL_DY = 0.06
CHAR_EM = 0.62  # upper estimate of one character's width, in font sizes
TEXT_PAD_PX = 3  # what a label keeps clear of its box's border


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels, y growing upwards."""

    left: float
    right: float
    bottom: float
    top: float

    def contains(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and other.right <= self.right
            and self.bottom <= other.bottom
            and other.top <= self.top
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )


@dataclass(frozen=True)
class Drawing:
    """The pixel boxes of a drawn graph: the frame, each node's box, each node's three text lines, and
    each edge's label."""

    frame: Box
    nodes: tuple[Box, ...]
    node_texts: tuple[tuple[Box, ...], ...]
    edge_labels: tuple[Box, ...]


def text_width(text: str, font_px: float) -> float:
    return len(text) * font_px * CHAR_EM


def ranges(positions: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The figure's x and y ranges (data units) around the node centres."""
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    return (min(xs) - X_PAD, max(xs) + X_PAD), (min(ys) - Y_PAD, max(ys) + Y_PAD)


def edge_label_anchor(source: tuple[float, float]) -> tuple[float, float]:
    """Where an edge's label starts (left, baseline bottom): just after its arrow leaves the source box."""
    return source[0] + BOX_W / 2.0 + EDGE_LABEL_DX, source[1] + EDGE_LABEL_DY


def drawing(
    positions: Sequence[tuple[float, float]],
    node_texts: Sequence[tuple[str, str, str]],
    edges: Sequence[tuple[int, str]],
    width_px: float,
    height_px: float = HEIGHT_PX,
) -> Drawing:
    """The pixel geometry of the graph drawn ``width_px`` × ``height_px``.

    ``node_texts`` holds each node's (title, data, grad) lines; ``edges`` each edge's (source index,
    label text)."""
    (x0, x1), (y0, y1) = ranges(positions)
    frame = Box(0.0, width_px - 2 * BORDER_PX, 0.0, height_px - 2 * BORDER_PX)
    sx = frame.right / (x1 - x0)
    sy = frame.top / (y1 - y0)

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - x0) * sx, (y - y0) * sy

    nodes: list[Box] = []
    texts: list[tuple[Box, ...]] = []
    for (x, y), lines in zip(positions, node_texts, strict=True):
        cx, cy = px(x, y)
        nodes.append(Box(cx - BOX_W * sx / 2, cx + BOX_W * sx / 2, cy - BOX_H * sy / 2, cy + BOX_H * sy / 2))
        boxes = []
        for text, font, offset in zip(lines, LINE_FONTS_PX, LINE_OFFSETS_PX, strict=True):
            half_w, half_h = text_width(text, font) / 2 + TEXT_PAD_PX, font / 2 + TEXT_PAD_PX
            mid = cy - offset
            boxes.append(Box(cx - half_w, cx + half_w, mid - half_h, mid + half_h))
        texts.append(tuple(boxes))
    labels = []
    for source, text in edges:
        left, bottom = px(*edge_label_anchor(positions[source]))
        labels.append(Box(left, left + text_width(text, EDGE_FONT_PX), bottom, bottom + EDGE_FONT_PX))
    return Drawing(frame, tuple(nodes), tuple(texts), tuple(labels))
