"""NetworkModel: one result per change, Step/Play/Reset, editing the data, divergence, the URL."""

from __future__ import annotations

import math

import pytest

from app.network import training
from app.network.model import NetworkModel, NetworkResult


def _floats(result: NetworkResult) -> list[float]:
    """Every number a view can show."""
    numbers = [*result.scores, *result.boundary, result.objective]
    numbers += [w for layer in result.weights for n in layer for w in n]
    numbers += [g for layer in result.grads for n in layer for g in n]
    for entry in result.history:
        for m in (entry.train, entry.test):
            numbers += [x for x in (m.loss, m.accuracy) if x is not None]
    return numbers


def test_a_new_model_publishes_its_first_result() -> None:
    model = NetworkModel()
    result = model.current
    assert len(result.points) == 100 and result.steps == 0
    assert len(result.boundary) == training.GRID**2
    assert [len(layer) for layer in result.weights] == [8, 8, 1]
    assert [len(layer) for layer in result.unit_grids] == [8, 8]
    assert len(result.history) == 1 and result.trace is None


def test_step_publishes_one_result_and_play_ticks_step() -> None:
    model = NetworkModel()
    seen: list[NetworkResult] = []
    model.param.watch(lambda e: seen.append(e.new), "result")
    assert model.step()
    assert len(seen) == 1 and seen[0].steps == 1 and len(seen[0].history) == 2
    model.play()
    model.play_tick()
    model.play_tick()
    model.pause()
    model.play_tick()  # paused: nothing happens
    assert model.current.steps == 3 and len(seen) == 3


def test_training_moons_from_the_default_seed_reaches_95_percent() -> None:
    model = NetworkModel()
    for _ in range(100):
        assert model.step()
    accuracy = model.current.train.accuracy
    assert accuracy is not None and accuracy >= 0.95
    assert model.current.history[-1].train.loss < model.current.history[0].train.loss  # type: ignore[operator]


def test_reset_reinitialises_from_the_seed_and_a_run_is_reproducible() -> None:
    a, b = NetworkModel(seed=7), NetworkModel(seed=7)
    first = a.current.weights
    for _ in range(5):
        a.step()
        b.step()
    assert a.current.weights == b.current.weights and a.current.weights != first
    a.reset()
    assert a.current.weights == first and a.current.steps == 0 and len(a.current.history) == 1
    assert NetworkModel(seed=8).current.weights != first


def test_data_changes_remake_data_and_network_architecture_changes_remake_the_network() -> None:
    model = NetworkModel()
    model.step()
    model.dataset = "spiral"
    assert model.current.steps == 0 and model.current.points != NetworkModel().current.points
    model.layers = [3]
    assert [len(layer) for layer in model.current.weights] == [3, 1]
    model.layers = []
    assert [len(layer) for layer in model.current.weights] == [1]
    assert model.current.unit_grids == ()


def test_a_loss_change_keeps_the_weights_and_recomputes_the_gradients() -> None:
    model = NetworkModel()
    model.step()
    weights, grads = model.current.weights, model.current.grads
    model.loss = "bce"
    assert model.current.weights == weights and model.current.grads != grads
    assert model.current.steps == 1


def test_add_and_remove_points() -> None:
    model = NetworkModel(n=20)
    weights = model.current.weights
    model.add_point(1.0, -1.0, 0)
    model.add_label = 1
    model.add_point(9.0, 0.5)  # outside the plot: kept at its edge
    points = model.current.points
    assert len(points) == 22 and model.current.weights == weights
    assert (points[-2].x1, points[-2].x2, points[-2].label, points[-2].test) == (1.0, -1.0, 0, False)
    assert (points[-1].x1, points[-1].label) == (2.0, 1)
    assert model.nearest_point(1.02, -0.99, radius=0.1) == 20
    assert model.nearest_point(1.5, -1.5, radius=0.01) is None
    model.selected = 21
    model.remove_point(20)
    assert len(model.current.points) == 21 and model.selected == 20
    assert model.current.trace is not None and model.current.trace.point == points[-1]
    model.remove_point(99)  # no such point: ignored
    assert len(model.current.points) == 21
    with pytest.raises(ValueError, match="class must be 0 or 1"):
        model.add_point(0.0, 0.0, 2)


def test_removing_every_test_point_shows_no_test_metrics_instead_of_nan() -> None:
    model = NetworkModel(n=20)
    for i in reversed([i for i, p in enumerate(model.current.points) if p.test]):
        model.remove_point(i)
    assert model.current.test.loss is None and model.current.test.accuracy is None
    assert all(math.isfinite(x) for x in _floats(model.current))


def test_selecting_a_point_traces_it_and_a_hidden_unit_shows_its_grid() -> None:
    model = NetworkModel()
    model.selected = 3
    trace = model.current.trace
    assert trace is not None and trace.index == 3 and trace.point == model.current.points[3]
    assert trace.score == model.current.scores[3]
    model.selected_unit = (1, 2)
    assert model.current.selected_unit == (1, 2)
    model.selected_unit = (5, 0)  # no such unit
    assert model.current.selected_unit is None


def test_divergence_stops_play_with_a_notice_and_shows_no_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(training, "EXPLODED_WEIGHT", 1.05)
    model = NetworkModel(lr=10.0)
    model.play()
    for _ in range(20):
        model.play_tick()
    assert not model.playing
    assert [n.key for n in model.notices] == ["net_diverged_weights"]
    assert all(abs(w) < 1.05 for layer in model.current.weights for n in layer for w in n)
    assert all(math.isfinite(x) for x in _floats(model.current))
    model.reset()
    assert model.notices == ()


def test_dead_relu_units_are_reported() -> None:
    model = NetworkModel(layers=[2])
    neuron = model._trainer.mlp.layers[0].neurons[0]
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.0, 0.0, -1.0
    model.add_point(0.0, 0.0, 1)  # any change republishes
    assert model.current.dead == ((0, 0),)


# ----------------------------------------------------------------- the URL


def test_query_items_reproduce_the_run() -> None:
    model = NetworkModel()
    model.param.update(dataset="xor", n=60, noise=0.2, layers=[4, 2], activation="tanh", loss="bce")
    model.param.update(lr=0.3, l2=0.001, batch=16, seed=42)
    items = model.query_items()
    assert items == {
        "dataset": "xor", "n": "60", "noise": "0.2", "layers": "4-2", "activation": "tanh", "loss": "bce",
        "eta": "0.3", "l2": "0.001", "batch": "16", "seed": "42",
    }  # fmt: skip
    other = NetworkModel()
    other.apply_query(items)
    assert other.query_items() == items and other.notices == ()
    assert other.current.weights == model.current.weights


def test_full_batch_and_no_hidden_layer_in_the_url() -> None:
    model = NetworkModel()
    model.apply_query({"batch": "full", "layers": "0"})
    assert model.batch == 0 and model.layers == []
    assert model.query_items()["batch"] == "full" and model.query_items()["layers"] == "0"


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ({"n": "5000"}, {"n": 300}, "net_url_clamped"),
        ({"eta": "-1"}, {"lr": 0.001}, "net_url_clamped"),
        ({"layers": "20-8-8-8"}, {"layers": [8, 8, 8]}, "net_url_layers"),
        ({"layers": "8-x"}, {}, "net_url_bad_value"),
        ({"layers": "__import__('os')"}, {}, "net_url_bad_value"),
        ({"eta": "nan"}, {}, "net_url_bad_value"),
        ({"seed": "1.5"}, {}, "net_url_bad_value"),
        ({"activation": "softmax"}, {}, "net_url_bad_value"),
        ({"act": "tanh", "lr": "0.5", "x1": "3"}, {}, None),  # the neuron view's keys are not ours
        ({"dataset": "MOONS"}, {"dataset": "moons"}, None),
        ({"noise": "1e999"}, {}, "net_url_bad_value"),
    ],
)
def test_bad_url_values_are_ignored_or_clamped_with_a_notice(
    query: dict[str, str], expected: dict[str, object], notice: str | None
) -> None:
    model = NetworkModel()
    defaults = {name: getattr(model, name) for name in ("n", "lr", "layers", "seed", "activation", "dataset")}
    model.apply_query({**query, "lang": "fr", "view": "network"})  # others' keys are left alone
    for name, default in defaults.items():
        assert getattr(model, name) == expected.get(name, default)
    assert [n.key for n in model.notices] == ([notice] if notice else [])
    assert all(math.isfinite(x) for x in _floats(model.current))
