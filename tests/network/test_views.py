"""The network view's parts without a browser: what each source holds, clicks, taps, language, links."""

from __future__ import annotations

import math
import re
import string

import pytest

from app.network.diagram import diagram, nearest_hidden_unit
from app.network.messages import MESSAGES, number, text
from app.network.model import NetworkModel
from app.network.neuron_link import neuron_query
from app.network.page import NetworkView, make_view
from app.network.training import GRID
from app.page import PageState as Page


@pytest.fixture
def view() -> NetworkView:
    return make_view(Page())


def test_the_data_plot_shows_every_point_and_the_boundary(view: NetworkView) -> None:
    result = view.model.current
    data = view.data_plot.points_source.data
    assert list(data["x1"]) == [p.x1 for p in result.points]
    assert list(data["alpha"]) == [0.0 if p.test else 0.9 for p in result.points]  # test points hollow
    image = view.data_plot.boundary_source.data["image"][0]
    assert image.shape == (GRID, GRID)
    assert image[0, 0] == result.boundary[0] and image[1, 0] == result.boundary[GRID]  # row 1 is the next x2


def test_clicks_add_remove_and_trace(view: NetworkView) -> None:
    model, plot = view.model, view.data_plot
    plot.click(1.9, 1.9)
    assert len(model.current.points) == 101 and len(plot.points_source.data["x1"]) == 101
    plot.click(1.91, 1.88)  # on it: removed
    assert len(model.current.points) == 100
    plot.mode.value = "trace"
    target = model.current.points[4]
    plot.click(target.x1 + 0.01, target.x2)
    assert model.selected == 4 and plot.ring_source.data == {"x1": [target.x1], "x2": [target.x2]}
    plot.click(1.9, -1.9)  # nothing there: the trace stays
    assert model.selected == 4 and len(model.current.points) == 100


def test_the_curves_grow_by_one_streamed_row_per_step(view: NetworkView) -> None:
    source = view.curves.source
    view.transport.step()
    view.transport.step()
    assert source.data["step"] == [0.0, 1.0, 2.0]
    history = view.model.current.history
    assert source.data["train_acc"] == [e.train.accuracy for e in history]
    view.model.reset()
    assert source.data["step"] == [0.0]


def test_the_diagram_draws_every_weight_with_its_gradient(view: NetworkView) -> None:
    result = view.model.current
    nodes, edges = diagram(result)
    assert len(nodes) == 2 + 8 + 8 + 1 and len(edges) == 2 * 8 + 8 * 8 + 8
    assert edges[0].weight == result.weights[0][0][0] and edges[0].grad == result.grads[0][0][0]
    assert len(view.diagram.edges.data["x0"]) == len(edges)
    assert view.diagram.edge_dots.data["w"][0] == number(edges[0].weight, "en")
    # a tap near a hidden node selects it; the output node and empty space do not
    hidden = next(n for n in nodes if n.column == 2 and n.index == 3)
    assert nearest_hidden_unit(result, hidden.x + 0.1, hidden.y) == (1, 3)
    assert nearest_hidden_unit(result, 3.0, 0.0) is None


def test_a_selected_hidden_unit_shows_its_own_output(view: NetworkView) -> None:
    assert not view.unit_map.figure.visible
    view.model.selected_unit = (0, 5)
    grid = view.unit_map.source.data["image"][0]
    assert view.unit_map.figure.visible
    assert list(grid.ravel()) == list(view.model.current.unit_grids[0][5])


def test_open_in_the_neuron_view_hands_over_the_traced_point_and_the_neurons_weights() -> None:
    received: list[dict[str, str]] = []
    view = make_view(Page(), on_open_neuron=received.append)
    view.model.activation = "tanh"
    assert view.trace.open_neuron() is None and received == []  # no traced point yet
    view.model.selected = 2
    view.trace.which.value = 1
    view.trace.open_neuron()
    point, (w1, w2, b) = view.model.current.points[2], view.model.current.weights[0][1]
    assert received == [
        {
            "x1": repr(point.x1),
            "x2": repr(point.x2),
            "w1": repr(w1),
            "w2": repr(w2),
            "b": repr(b),
            "act": "tanh",
        }
    ]


def test_with_no_hidden_layer_the_neuron_opens_linear() -> None:
    model = NetworkModel(layers=[], selected=0)
    query = neuron_query(model.current, 0)
    assert query is not None and query["act"] == "identity"


def test_french_everywhere(view: NetworkView) -> None:
    view.model.selected = 0
    view.page.language = "fr"
    assert view.transport.step_button.name == "Pas"
    assert "Pas 0 · graine 1" in view.transport.status.object
    assert re.search(r"\d,\d", view.transport.status.object)  # decimal comma
    assert "neurone" in view.trace.table.object
    assert view.settings.dataset.options["lunes"] == "moons"


def test_divergence_shows_a_notice_next_to_the_controls_and_no_nan(
    view: NetworkView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.network import training

    monkeypatch.setattr(training, "EXPLODED_WEIGHT", 1.05)
    view.model.lr = 10.0
    for _ in range(5):
        view.transport.step()
    assert 'data-key="net_diverged_weights"' in view.transport.notices.object
    assert "nan" not in view.transport.status.object.lower()


# ----------------------------------------------------------------- the catalogue


def test_every_message_has_english_and_french_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, texts in MESSAGES.items():
        assert key.startswith("net_") and set(texts) == {"en", "fr"}, key
        names = [{f for _, f, _, _ in fields.parse(texts[lang]) if f} for lang in ("en", "fr")]
        assert names[0] == names[1], key


def test_french_typography_puts_a_space_before_colons() -> None:
    for key, texts in MESSAGES.items():
        assert not re.search(r"\S[:;?!](\s|$)", texts["fr"].replace("∂L/∂w", "")), key


def test_numbers_are_short_and_never_nan() -> None:
    assert text("net_diverged_loss", "fr", lr=0.5, loss=1e13).endswith("taux d'apprentissage.")
    assert "0,5" in text("net_diverged_loss", "fr", lr=0.5, loss=1e13)
    assert "nan" not in text("net_diverged_loss", "en", lr=math.nan, loss=math.inf)


def test_the_keyboard_can_add_a_point_and_remove_the_traced_one(view: NetworkView) -> None:
    plot, model = view.data_plot, view.model
    plot.new_x1.value, plot.new_x2.value = 1.5, -1.25
    model.add_label = 0
    plot.add_button.clicks += 1
    last = model.current.points[-1]
    assert (last.x1, last.x2, last.label) == (1.5, -1.25, 0)
    view.trace.point.value = len(model.current.points) - 1  # typed in the "#" field
    assert model.selected == 100 and view.trace.remove.visible
    view.trace.remove.clicks += 1
    assert len(model.current.points) == 100 and model.selected is None


def test_open_in_the_neuron_view_asks_the_page_by_default() -> None:
    page = Page()
    view = make_view(page)
    view.model.selected = 0
    view.model.play()
    query = view.trace.open_neuron()
    assert query is not None and page.request == ("neuron", query)
    assert not view.model.playing  # the network pauses while the learner looks at its neuron


def test_during_play_the_diagram_sends_only_what_changed(view: NetworkView) -> None:
    edges = view.diagram.edges
    x0 = edges.data["x0"]
    view.transport.step()
    assert edges.data["x0"] is x0  # positions kept: only colours, widths and numbers were sent
    assert list(edges.data["width"]) != [] and len(edges.data["color"]) == len(x0)
    view.model.layers = [3]
    assert len(edges.data["x0"]) == 2 * 3 + 3
