"""Loss and accuracy, train and test, step by step; one new row per step is streamed, not resent."""

from __future__ import annotations

import math

import panel as pn
from bokeh.models import ColumnDataSource

from ...common.widgets import plain_figure
from ..messages import text
from ..model import MAX_HISTORY, HistoryEntry, NetworkResult
from .base import Part

TRAIN_COLOR, TEST_COLOR = "#2d3748", "#805ad5"
COLUMNS = ("step", "train_loss", "test_loss", "train_acc", "test_acc")


def history_row(entry: HistoryEntry) -> dict[str, list[float]]:
    """One entry as CDS columns; a missing test metric (no test point) is a gap in the line."""

    def value(x: float | None) -> float:
        return math.nan if x is None else x

    return {
        "step": [float(entry.step)],
        "train_loss": [value(entry.train.loss)],
        "test_loss": [value(entry.test.loss)],
        "train_acc": [value(entry.train.accuracy)],
        "test_acc": [value(entry.test.accuracy)],
    }


class Curves(Part):
    """Two small plots: mean loss and accuracy, train (solid) and test (dashed)."""

    def build(self) -> None:
        self.source = ColumnDataSource(data={c: [] for c in COLUMNS})
        self._shown: tuple[HistoryEntry, ...] = ()
        self.loss_figure = plain_figure(height=170, min_border=4)
        self.acc_figure = plain_figure(height=170, min_border=4, x_range=self.loss_figure.x_range)
        self.acc_figure.y_range.start, self.acc_figure.y_range.end = 0.0, 1.02
        self.loss_figure.y_range.start = 0.0
        for fig, metric in ((self.loss_figure, "loss"), (self.acc_figure, "acc")):
            for split, color, dash in (("train", TRAIN_COLOR, "solid"), ("test", TEST_COLOR, "dashed")):
                fig.line(
                    x="step", y=f"{split}_{metric}", source=self.source, line_width=2, color=color,
                    line_dash=dash, legend_label=split,
                )  # fmt: skip
            fig.legend.location = "top_right" if metric == "loss" else "bottom_right"
            fig.legend.label_text_font_size = "11px"
            fig.legend.background_fill_alpha = 0.6

    def relabel(self, lang: str) -> None:
        for fig in (self.loss_figure, self.acc_figure):
            fig.xaxis.axis_label = text("net_step_axis", lang)
            for item, split in zip(fig.legend.items, ("train", "test"), strict=True):
                item.label = {"value": text(f"net_{split}", lang)}
        self.loss_figure.yaxis.axis_label = text("net_loss_axis", lang)
        self.acc_figure.yaxis.axis_label = text("net_acc_axis", lang)

    def update(self, result: NetworkResult) -> None:
        history = result.history
        shown = self._shown
        if history == shown:
            return
        grows = len(history) == len(shown) + 1 and history[:-1] == shown
        slides = len(history) == len(shown) == MAX_HISTORY and history[:-1] == shown[1:]
        if grows or slides:
            self.source.stream(history_row(history[-1]), rollover=MAX_HISTORY)
        else:
            rows = [history_row(e) for e in history]
            self.source.data = {c: [v for r in rows for v in r[c]] for c in COLUMNS}
        self._shown = history

    def __panel__(self) -> pn.viewable.Viewable:
        return pn.Column(
            pn.pane.Bokeh(self.loss_figure, sizing_mode="stretch_width"),
            pn.pane.Bokeh(self.acc_figure, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )
