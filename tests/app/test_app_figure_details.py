"""The figures' details a reader notices (issue 7, item 8) and a computation graph legible at any width the
figure takes, a phone's included (item 7): checked on the Bokeh models, without a browser."""

from __future__ import annotations

import itertools
import re
from html import unescape

import panel as pn
import pytest
from bokeh.models import GlyphRenderer, NumeralTickFormatter, Rect, Text

from app.i18n import t
from app.neuron.maths import ACTIVATIONS
from app.neuron.model import NeuronModel
from app.neuron.views import graph_geometry as geo
from app.neuron.views.gradcheck import GradCheckView
from app.neuron.views.gradients import GradientsView
from app.neuron.views.graph import GraphView, edge_text, node_texts
from app.neuron.views.learning import LearningView


def test_the_loss_history_starts_at_step_0_with_a_readable_loss_axis() -> None:
    model = NeuronModel(activation="tanh", target=0.5, w1=0.0, w2=0.0, b=0.5493061443340549)  # ŷ ≈ y*
    view = LearningView(model)
    fig = view.figure
    assert model.result.loss < 1e-15  # a loss of (almost) 0: what made the axis read "0.000e+0"
    assert (fig.x_range.start, fig.x_range.end) == (0, 10)  # not −1…1 around the single point
    assert fig.y_range.start == 0 and fig.y_range.end > 0
    (formatter,) = {axis.formatter for axis in fig.yaxis}
    assert isinstance(formatter, NumeralTickFormatter) and "e" not in formatter.format
    model.param.update(w1=0.5, w2=-0.5, b=1.0, activation="relu", target=1.0, lr=0.001)
    for _ in range(14):
        model.step()
    assert fig.x_range.end == 14  # the axis grows with the steps taken
    assert fig.y_range.end >= max(model.history)


def test_the_learning_rate_is_a_labelled_number_box() -> None:
    view = LearningView(NeuronModel())
    # label above, value in a box; a text box parsed in Python, so that "0,3" is accepted too (issue 7 item 9)
    assert isinstance(view.lr.box, pn.widgets.TextInput)
    assert (view.lr.bounds, view.lr.box.value) == ((0.001, 10.0), "0.050")
    view.lr.box.value = "0.3"
    assert view.model.lr == 0.3


def test_bar_value_labels_sit_clear_of_the_bar_ends() -> None:
    model = NeuronModel(x2=-1.5, b=0.2)
    view = GradientsView(model)
    data = view.source.data
    labels = next(
        r for r in view.figure.renderers if isinstance(r, GlyphRenderer) and isinstance(r.glyph, Text)
    )
    assert labels.glyph.y_offset == "offset"
    for grad, offset, baseline in zip(data["grad"], data["offset"], data["baseline"], strict=True):
        # screen y grows downwards: above a positive bar (offset < 0), below a negative one (offset > 0)
        assert offset == (4 if grad < 0 else -4)
        assert baseline == ("top" if grad < 0 else "bottom")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_gradient_chart_title_says_what_it_shows(lang: str) -> None:
    model = NeuronModel()
    model.page.language = lang
    title = GradientsView(model).figure.title.text
    assert title == t("grads_title", lang)
    assert "∂ of" not in title and "∂ de" not in title  # "∂ŷ/∂ of every input" read as a broken formula
    assert ("gradient of ŷ per input" if lang == "en" else "gradient de ŷ par entrée") in title


def test_the_agree_header_keeps_its_question_mark() -> None:
    html = unescape(GradCheckView(NeuronModel()).pane.object)
    header = re.search(r"<th([^>]*)>agree\?</th>", html)
    assert header is not None and "white-space:nowrap" in header.group(1)


# --- the computation graph's geometry ------------------------------------------------------------------


def extreme_models() -> list[NeuronModel]:
    """States with the longest labels: every activation, every slider at an end of its range."""
    models = []
    for activation, signs in itertools.product(ACTIVATIONS, [(1, 1, 1, 1, 1), (1, -1, -1, 1, -1)]):
        values = dict(zip(("x1", "x2", "w1", "w2", "b"), (5.0 * s for s in signs), strict=True))
        models.append(NeuronModel(activation=activation, target=-5.0, **values))
    return models


def test_the_graph_view_draws_with_the_geometrys_constants() -> None:
    view = GraphView(NeuronModel())
    fig = view.figure
    assert fig.height == geo.HEIGHT_PX
    assert fig.styles["min-width"] == f"{geo.MIN_WIDTH_PX}px"  # the narrowest the figure gets
    (rect,) = [r.glyph for r in fig.renderers if isinstance(r.glyph, Rect)]
    assert (rect.width, rect.height) == (geo.BOX_W, geo.BOX_H)
    texts = [r.glyph for r in fig.renderers if isinstance(r.glyph, Text)]
    fonts = {str(t.text): (str(t.text_font_size), t.y_offset) for t in texts}
    assert fonts["text"][0] == f"{geo.EDGE_FONT_PX}px"
    assert fonts["title"] == (f"{geo.TITLE_FONT_PX}px", geo.TITLE_OFFSET_PX)
    assert fonts["data_text"] == (f"{geo.VALUE_FONT_PX}px", 0)
    assert fonts["grad_text"] == (f"{geo.VALUE_FONT_PX}px", geo.GRAD_OFFSET_PX)
    xs, ys = view.nodes.data["x"], view.nodes.data["y"]
    (x0, x1), (y0, y1) = geo.ranges(list(zip(xs, ys, strict=True)))
    assert (fig.x_range.start, fig.x_range.end, fig.y_range.start, fig.y_range.end) == (x0, x1, y0, y1)
    anchors = [geo.edge_label_anchor((xs[e.source], ys[e.source])) for e in view.model.result.edges]
    assert list(zip(view.edges.data["xm"], view.edges.data["ym"], strict=True)) == anchors


def draw(view: GraphView, width: float) -> geo.Drawing:
    """Where the view's boxes and labels land in a figure ``width`` pixels wide."""
    result = view.model.result
    positions = list(zip(view.nodes.data["x"], view.nodes.data["y"], strict=True))
    texts = [node_texts(n) for n in result.nodes]
    return geo.drawing(positions, texts, [(e.source, edge_text(e)) for e in result.edges], width)


@pytest.mark.parametrize("width", [geo.MIN_WIDTH_PX, 1000])  # the narrowest the figure gets, and a desktop's
def test_no_graph_label_leaves_its_box_or_hides_under_another(width: int) -> None:
    for model in extreme_models():
        result = model.result
        drawn = draw(GraphView(model), width)
        state = f"{model.activation} {dict(result.inputs)}"
        for node, box, lines in zip(result.nodes, drawn.nodes, drawn.node_texts, strict=True):
            assert drawn.frame.contains(box), f"{node.name} cut off ({state})"
            for text, line in zip(node_texts(node), lines, strict=True):
                assert box.contains(line), f"“{text}” spills out of {node.name}'s box ({state})"
        for edge, label in zip(result.edges, drawn.edge_labels, strict=True):
            where = f"edge label “{edge_text(edge)}” ({state})"
            assert drawn.frame.contains(label), f"{where} is cut off"
            assert not any(label.overlaps(box) for box in drawn.nodes), f"{where} is under a box"
        for a, b in itertools.combinations(drawn.edge_labels, 2):
            assert not a.overlaps(b), f"two edge labels overlap ({state})"


def test_the_geometry_sees_an_overlap_when_there_is_one() -> None:
    # the graph squeezed into a 390 px phone's card, as the page drew it before the figure had a minimum width
    drawn = draw(GraphView(NeuronModel()), 350)
    lines = [(box, line) for box, texts in zip(drawn.nodes, drawn.node_texts, strict=True) for line in texts]
    assert any(not box.contains(line) for box, line in lines)
    assert any(label.overlaps(box) for label in drawn.edge_labels for box in drawn.nodes)
