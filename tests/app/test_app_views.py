"""The views hold exactly the engine's numbers, update in place, relabel when the language changes, never
show NaN."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from html import unescape

import panel as pn
import pytest
from app_reference import NAMES, engine_neuron
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure as Figure
from panel.models.markup import HTML as PanelHTML

from app.common.formatting import GRAPH_DIGITS, fmt
from app.common.notices_view import NoticesView
from app.i18n import CATALOGUE, t
from app.main import build
from app.neuron.maths import ACTIVATIONS, GRAD_NAMES
from app.neuron.model import NeuronModel
from app.neuron.views.activation import ActivationView
from app.neuron.views.controls import ControlsView
from app.neuron.views.explanation import ExplanationView
from app.neuron.views.gradcheck import GradCheckView
from app.neuron.views.gradients import GradientsView
from app.neuron.views.graph import GraphView, layout
from app.neuron.views.learning import LearningView
from app.neuron.views.output import OutputView
from app.page import PageState
from app.shell import PageShell

READOUT = re.compile(r'data-testid="([a-z0-9-]+)" data-value="([^"]+)">([^<]*)<')


def readouts(html: str) -> dict[str, tuple[float, str]]:
    return {testid: (float(value), text) for testid, value, text in READOUT.findall(html)}


def test_output_view_shows_out_and_z_with_exact_data_values() -> None:
    model = NeuronModel(activation="sigmoid", w1=0.3)
    view = OutputView(model)
    out, z, _ = engine_neuron({n: getattr(model, n) for n in NAMES}, "sigmoid")
    values = readouts(view.pane.object)
    assert values["out"] == (model.result.out, fmt(model.result.out))
    assert values["z"] == (model.result.z, fmt(model.result.z))
    assert values["out"][0] == pytest.approx(out, rel=1e-12)  # nn.Neuron sums in another order
    assert values["z"][0] == pytest.approx(z, rel=1e-12)
    model.w2 = 1.0
    values = readouts(view.pane.object)
    assert values["out"][0] == model.result.out


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradient_view_source_and_text_hold_the_engines_gradients(activation: str) -> None:
    model = NeuronModel(activation=activation, x2=-1.5, b=0.2)
    view = GradientsView(model)
    source = view.source
    _, _, grads = engine_neuron({n: getattr(model, n) for n in NAMES}, activation)
    assert source.data["factor"] == [f"∂ŷ/∂{n}" for n in GRAD_NAMES]
    assert source.data["grad"] == pytest.approx([grads[n] for n in GRAD_NAMES], rel=1e-12)
    assert source.data["grad"] == [model.result.grads[n] for n in GRAD_NAMES]
    for g, color in zip(source.data["grad"], source.data["color"], strict=True):
        assert color == ("#2b6cb0" if g > 0 else "#dd6b20" if g < 0 else "#a0aec0")
    texts = readouts(view.text.object)
    for name in GRAD_NAMES:
        assert texts[f"grad-{name}"][0] == model.result.grads[name]


def test_views_update_their_sources_in_place_never_rebuilding_figures() -> None:
    model = NeuronModel()
    grads, graph, act = GradientsView(model), GraphView(model), ActivationView(model)
    before = [(v.figure, s) for v, s in ((grads, grads.source), (graph, graph.nodes), (act, act.point))]
    model.w1 = -1.0
    model.activation = "tanh"
    after = [(v.figure, s) for v, s in ((grads, grads.source), (graph, graph.nodes), (act, act.point))]
    assert all(a[0] is b[0] and a[1] is b[1] for a, b in zip(before, after, strict=True))
    assert grads.source.data["grad"][0] == model.result.grads["w1"]


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_graph_view_nodes_hold_each_nodes_data_and_grad(activation: str) -> None:
    model = NeuronModel(activation=activation, w1=-0.8)
    view = GraphView(model)
    nodes = model.result.nodes
    assert view.nodes.data["data"] == [n.data for n in nodes]
    assert view.nodes.data["grad"] == [n.grad for n in nodes]
    assert view.nodes.data["data_text"] == [fmt(n.data, "en", GRAPH_DIGITS) for n in nodes]
    assert view.edges.data["local"] == [e.local for e in model.result.edges]
    # left to right: every edge goes to a column further right
    xs = view.nodes.data["x"]
    for e in model.result.edges:
        assert xs[e.source] < xs[e.target]
    assert xs[-1] == max(xs)  # the output is rightmost


def test_graph_layout_puts_inputs_left_and_the_bias_next_to_its_sum() -> None:
    result = NeuronModel().result
    pos = dict(zip((n.name for n in result.nodes), layout(result.nodes, result.edges), strict=True))
    assert {pos[n][0] for n in ("x1", "w1", "x2", "w2")} == {0.0}
    assert pos["x1·w1"][0] == pos["x2·w2"][0] == 1.0
    assert pos["b"][0] == pos["s"][0] == 2.0
    assert pos["z"][0] == 3.0 and pos["ŷ"][0] == 4.0
    assert len(set(pos.values())) == len(pos)  # no two boxes on top of each other


def test_activation_view_point_tangent_and_curve_come_from_the_result() -> None:
    model = NeuronModel(activation="tanh", w1=0.1)
    view = ActivationView(model)
    r = model.result
    assert view.point.data == {"z": [r.z], "f": [r.out]}
    assert view.tangent.data == {"z": list(r.tangent_z), "f": list(r.tangent_f)}
    assert view.curve.data == {"z": list(r.curve_z), "f": list(r.curve_f)}
    assert view.figure.x_range.start <= r.z <= view.figure.x_range.end
    assert fmt(r.slope) in view.caption.object


def test_gradcheck_view_marks_the_kink_and_says_why() -> None:
    model = NeuronModel()
    view = GradCheckView(model)
    assert view.pane.object.count("✓") == 5 and "✗" not in view.pane.object
    model.w1 = 0.25  # z = 0: ReLU's kink
    html = view.pane.object
    assert 'data-testid="check-b" data-ok="false"' in html
    assert "✗" in html
    assert t("check_kink", "en") in html.replace("&#x27;", "'")
    model.page.language = "fr"
    assert "point anguleux" in view.pane.object


def test_learning_view_shows_the_loss_and_the_history() -> None:
    model = NeuronModel()
    view = LearningView(model)
    assert readouts(view.loss.object)["loss"][0] == 0.25
    model.step()
    model.step()
    assert view.history_source.data["loss"] == list(model.history)
    assert view.history_source.data["step"] == [0, 1, 2]
    assert readouts(view.loss.object)["loss"][0] == model.result.loss
    view.play_button.clicks += 1  # what a click does
    assert model.playing and view.play_button.name == t("pause", "en")
    view.step_button.clicks += 1
    assert not model.playing and view.play_button.name == t("play", "en")


def test_notices_view_always_has_its_area_and_translates() -> None:
    model = NeuronModel()
    view = NoticesView(model, model.page, sources=("url",))
    assert 'data-testid="notice"' in view.pane.object
    model.apply_query({"w1": "abc"})
    assert "not a number" in view.pane.object
    model.page.language = "fr"
    assert "n&#x27;est pas un nombre" in view.pane.object


def test_explanation_walks_the_chain_rule_with_the_engines_numbers() -> None:
    model = NeuronModel()
    view = ExplanationView(model)
    html = view.pane.object
    assert "passes through" in html
    assert f"{fmt(2.0)} × {fmt(1.0)} = {fmt(2.0)}" in html  # ∂ŷ/∂w1 = x1 × ∂ŷ/∂(x1·w1)
    model.w1 = -3.0  # z < 0: the ReLU blocks the gradient
    assert "is blocked" in view.pane.object


# --- the whole page -------------------------------------------------------------------------------------


def walk(obj: object) -> Iterator[object]:
    """Every Panel object and Bokeh model (figure, HTML) under ``obj``."""
    if isinstance(obj, pn.viewable.Viewer):
        yield obj
        yield from walk(obj.__panel__())
        return
    yield obj
    if isinstance(obj, pn.pane.Bokeh):
        yield obj.object
    if isinstance(obj, pn.layout.base.ListLike):
        for child in obj.objects:
            yield from walk(child)


def visible_text(template: pn.viewable.Viewable) -> str:
    parts: list[str] = []
    for obj in walk(template):
        if isinstance(obj, PanelHTML):
            parts.append(re.sub(r"<[^>]+>", " ", unescape(obj.text)))
        elif isinstance(obj, pn.widgets.Widget):
            parts.append(obj.name)
            if isinstance(obj, pn.widgets.Select):
                parts.extend(obj.labels)
        elif isinstance(obj, Figure):
            parts.append(obj.title.text or "")
            parts.extend(ax.axis_label or "" for ax in (*obj.xaxis, *obj.yaxis))
    return " | ".join(parts)


def neuron_page(**params: object) -> tuple[PageShell, NeuronModel]:
    """The whole page, and its neuron model with ``params`` set."""
    shell = build(PageState())
    model = shell.built["neuron"].state
    assert isinstance(model, NeuronModel)
    model.param.update(**params)
    return shell, model


def sources(template: pn.viewable.Viewable) -> list[ColumnDataSource]:
    found = []
    for obj in walk(template):
        if isinstance(obj, Figure):
            found.extend(r.data_source for r in obj.renderers)
    return found


def test_the_page_has_the_contract_hooks() -> None:
    template, _ = neuron_page()
    classes = {c for obj in walk(template) if isinstance(obj, pn.widgets.Widget) for c in obj.css_classes}
    expected = {f"mg-slider-{n}" for n in NAMES} | {
        "mg-activation",
        "mg-language",
        "mg-reset",
        "mg-step",
        "mg-play",
    }
    assert expected <= classes
    html = " ".join(unescape(o.text) for o in walk(template) if isinstance(o, PanelHTML))
    for testid in (
        "title",
        "out",
        "z",
        "grad-w1",
        "grad-w2",
        "grad-b",
        "grad-x1",
        "grad-x2",
        "loss",
        "notice",
    ):
        assert html.count(f'data-testid="{testid}"') == 1, testid
    sliders = [
        o for o in walk(template) if isinstance(o, pn.widgets.FloatSlider) and "mg-slider-w1" in o.css_classes
    ]
    assert (
        sliders[0].value == 0.5 and sliders[0].start == -5 and sliders[0].end == 5 and sliders[0].step == 0.01
    )
    select = next(
        o for o in walk(template) if isinstance(o, pn.widgets.Select) and "mg-activation" in o.css_classes
    )
    assert list(select.values) == list(ACTIVATIONS)


def test_switching_language_relabels_everything() -> None:
    template, model = neuron_page()
    english = visible_text(template)
    model.page.language = "fr"
    french = visible_text(template)
    assert t("page_title", "fr") in french and t("slider_w1", "fr") in french
    # no English message that has a different French version is left on the page
    leftovers = [
        m["en"]
        for m in CATALOGUE.values()
        if m["en"] != m["fr"] and "{" not in m["en"] and m["en"] in french and m["en"] not in m["fr"]
    ]
    assert leftovers == []
    model.page.language = "en"
    assert visible_text(template) == english


def test_a_widget_moves_the_model_and_the_views() -> None:
    model = NeuronModel()
    controls = ControlsView(model)
    grads = GradientsView(model)
    controls.sliders["x1"].value = 3.0
    assert model.x1 == 3.0
    assert grads.source.data["grad"][0] == 3.0  # ∂ŷ/∂w1 = x1 · ReLU′(z), z = 1.5 − 1.5 + 1 > 0
    controls.activation.value = "identity"
    assert model.activation == "identity"


def test_no_nan_anywhere_after_a_divergence() -> None:
    template, model = neuron_page(lr=10.0, activation="identity", target=-3.0)
    model.play()
    for _ in range(50):
        if not model.playing:
            break
        model.play_tick()
    assert not model.playing
    assert "learn_limit" in [n.key for n in model.notices]  # the descent ran to the sliders' edge
    for source in sources(template):
        for column in source.data.values():
            for value in column:
                assert not (isinstance(value, float) and not math.isfinite(value)), column
    text = visible_text(template)
    assert not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert "slider limit" in text
