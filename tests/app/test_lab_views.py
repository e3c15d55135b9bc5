"""The lab's widgets and figure without a browser: typing, errors, stepping, sliders, language, layout."""

from __future__ import annotations

import itertools

import pytest

from app.lab.layout import layered_layout
from app.lab.page import LabPage, make
from app.lab.views.graph import BOX_W
from app.page import PageState
from micrograd_core import parse, trace

SIXTY = (
    "tanh(a*x + b*y + c)*u + tanh(d*x + e*y + f)*v + sigmoid(a*y - d*x)*w + log(1 + exp(b*c))"
    " + (x - y)**2 + relu(u*v - w) + exp(-(a*a + d*d)/2)*(e - f) + (x/u).tanh() + (a - b)*c"
)


@pytest.fixture
def view() -> LabPage:
    built = make(PageState())
    built.__panel__()
    return built


def test_typing_an_expression_redraws_the_graph(view: LabPage) -> None:
    view.expression.box.value_input = "a*a + b"
    result = view.state.current
    assert result.text == "a*a + b"
    assert len(view.graph.nodes.data["x"]) == len(result.nodes) == 4
    assert view.graph.nodes.data["title"] == ["a", "a·a", "b", "a·a + b"]
    assert list(view.expression.sliders) == ["a", "b"]
    assert view.code.source.value == result.script


def test_a_bad_expression_marks_the_position_and_keeps_the_graph(view: LabPage) -> None:
    view.expression.box.value_input = "a*b"
    drawn = dict(view.graph.nodes.data)
    view.expression.box.value_input = "a*b + foo(1)"
    assert 'data-code="unknown_function"' in view.expression.error.object
    assert 'data-position="6"' in view.expression.error.object
    assert "<mark>f</mark>" in view.expression.error.object
    assert view.graph.nodes.data == drawn
    assert "mg-lab-invalid" in view.expression.box.css_classes
    view.expression.box.value_input = "a*b + 1"
    assert view.expression.error.object == ""


def test_the_buttons_walk_and_unreached_nodes_show_no_grad(view: LabPage) -> None:
    view.expression.box.value_input = "(a*b + c).tanh()"
    result = view.state.current
    view.stepper.first.clicks += 1
    assert view.state.position == 0 and view.stepper.position.value == 0
    assert set(view.graph.nodes.data["grad_text"]) == {""}
    computed = [not n.op for n in result.nodes]
    assert [t != "" for t in view.graph.nodes.data["data_text"]] == computed
    for _ in range(len(result.forward) + 1):
        view.stepper.next.clicks += 1
    grads = view.graph.nodes.data["grad_text"]
    assert grads[-1] == "∂ 1.000" and grads[0] == ""
    assert view.graph.nodes.data["width"][-1] > 2  # the current node is outlined
    view.stepper.end.clicks += 1
    assert view.state.position == result.length
    assert "" not in view.graph.nodes.data["grad_text"]
    view.stepper.back.clicks += 1
    assert view.state.position == result.length - 1


def test_the_position_slider_drives_the_walk(view: LabPage) -> None:
    view.stepper.position.value = 1
    assert view.state.position == 1
    assert 'data-position="1"' in view.stepper.steps.object


def test_a_slider_sets_the_value_and_a_preset_moves_the_sliders(view: LabPage) -> None:
    view.expression.box.value_input = "a*b"
    view.expression.sliders["a"].value = 1.5
    assert view.state.current.values["a"] == 1.5
    view.expression.presets["lecture_neuron"].clicks += 1
    assert list(view.expression.sliders) == ["x1", "w1", "x2", "w2", "b"]
    assert view.expression.sliders["b"].value == pytest.approx(6.8813735870195432)
    assert view.expression.sliders["b"].end >= 7  # the slider widens to show a preset's value beyond 5


def test_a_bug_switch_turns_the_check_red(view: LabPage) -> None:
    view.expression.box.value_input = "a + a*b"
    assert 'data-testid="lab-check" data-ok="true"' in view.check.table.object
    view.check.bug.value = "assign"
    assert 'data-testid="lab-check" data-ok="false"' in view.check.table.object
    assert "only its last contribution survives" in view.check.table.object


def test_the_language_switch_relabels_everything(view: LabPage) -> None:
    view.expression.page.language = "fr"
    assert view.stepper.next.label == "Suivant ▶"
    assert "Vérification du gradient" in view.check.table.object
    assert any("Début" in b for b in [view.stepper.first.label])
    assert "aucun (le moteur)" in view.check.bug.options


@pytest.mark.parametrize("text", ["a*b + c", "a + a*b", "(a + b)*(a − b)", SIXTY])
def test_the_layout_never_puts_two_boxes_in_one_cell_and_flows_left_to_right(text: str) -> None:
    built = parse(text).evaluate({n: 0.5 for n in parse(text).variables})
    graph = trace(built.root)
    index = {v: i for i, v in enumerate(graph.nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges]
    positions = layered_layout(len(graph.nodes), edges)
    assert len(set(positions)) == len(positions)  # one box per cell: boxes (< 1 cell) never overlap
    rows_by_column: dict[int, list[float]] = {}
    for column, row in positions:
        rows_by_column.setdefault(column, []).append(row)
    for rows in rows_by_column.values():
        rows.sort()
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(rows))
    assert all(positions[a][0] < positions[b][0] for a, b in edges)  # every arrow points right
    assert BOX_W < 1.0


def test_sixty_nodes_fit_the_bounds_and_draw(view: LabPage) -> None:
    view.expression.box.value_input = SIXTY
    assert view.state.error is None
    assert 55 <= len(view.state.current.nodes) <= 65
    assert len(view.graph.edges.data["x0"]) == len(view.state.current.edges)


def test_the_buttons_that_cannot_move_are_disabled(view: LabPage) -> None:
    view.expression.box.value_input = "(a*b + c).tanh()"
    stepper = view.stepper
    buttons = (stepper.first, stepper.back, stepper.next, stepper.end)
    stepper.first.clicks += 1
    assert [b.disabled for b in buttons] == [True, True, False, False]
    stepper.next.clicks += 1
    assert [b.disabled for b in buttons] == [False, False, False, False]
    stepper.end.clicks += 1
    assert [b.disabled for b in buttons] == [False, False, True, True]


def test_a_refused_link_shows_its_text_in_the_box_it_marks(view: LabPage) -> None:
    view.state.apply_query({"expr": "__import__('os')"})
    assert 'data-code="' in view.expression.error.object
    assert view.expression.box.value == "__import__('os')"  # not the previous expression, marked red
    assert "mg-lab-invalid" in view.expression.box.css_classes
