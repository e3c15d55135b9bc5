"""NeuronModel's numbers are micrograd_core's: the seed example, every activation, the gradient check."""

from __future__ import annotations

import math

import pytest
from app_reference import NAMES, SEED, centred_difference, engine_neuron

from app.neuron.maths import ACTIVATIONS, GRAD_NAMES
from app.neuron.model import NeuronModel
from micrograd_core import Value, trace

POINTS = [
    SEED,
    {"x1": -1.3, "x2": 0.7, "w1": 2.1, "w2": -4.2, "b": 0.35},
    {"x1": 4.9, "x2": -3.3, "w1": -0.01, "w2": 1.5, "b": -2.5},
    {"x1": 0.4, "x2": 0.2, "w1": 0.3, "w2": 0.9, "b": -0.05},
]


def test_seed_example_gives_out_half_and_the_seed_gradients() -> None:
    model = NeuronModel()
    result = model.result
    assert result.out == 0.5
    assert result.z == 0.5
    assert [result.grads[n] for n in GRAD_NAMES] == [2.0, 3.0, 1.0, 0.5, -0.5]
    assert GRAD_NAMES == ("w1", "w2", "b", "x1", "x2")
    assert {n: getattr(model, n) for n in NAMES} == SEED
    assert model.activation == "relu"


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("point", POINTS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
def test_values_and_gradients_equal_the_engine_and_centred_differences(
    activation: str, point: dict[str, float]
) -> None:
    model = NeuronModel(activation=activation, **point)
    result = model.result
    out, z, grads = engine_neuron(point, activation)
    assert result.out == pytest.approx(out, rel=1e-12, abs=1e-15)
    assert result.z == pytest.approx(z, rel=1e-12, abs=1e-15)
    for name in NAMES:
        assert result.grads[name] == pytest.approx(grads[name], rel=1e-12, abs=1e-15), name
        numeric = centred_difference(point, activation, name)
        assert result.grads[name] == pytest.approx(numeric, rel=1e-6, abs=1e-6), name
    assert result.check.ok
    assert all(row.ok for row in result.check.rows)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_graph_snapshot_matches_the_engines_trace(activation: str) -> None:
    model = NeuronModel(activation=activation, w1=1.25, x2=-0.75)
    result = model.result
    v = {n: Value(getattr(model, n), n) for n in NAMES}
    z = v["x1"] * v["w1"] + v["x2"] * v["w2"] + v["b"]
    out = {"relu": z.relu, "tanh": z.tanh, "sigmoid": z.sigmoid, "identity": lambda: z}[activation]()
    out.backward()
    graph = trace(out)
    assert len(result.nodes) == len(graph.nodes) == (9 if activation == "identity" else 10)
    assert len(result.edges) == len(graph.edges)
    assert sorted((n.op, n.data, n.grad) for n in result.nodes) == sorted(
        (n.op, n.data, n.grad) for n in graph.nodes
    )
    by_name = {n.name: n for n in result.nodes}
    for name in NAMES:
        assert by_name[name].data == getattr(model, name)
        assert by_name[name].grad == result.grads[name]
    # each edge carries the engine's local derivative ∂target/∂source
    for edge in result.edges:
        target = result.nodes[edge.target]
        source = result.nodes[edge.source]
        if target.op == "*":
            other = [
                result.nodes[e.source] for e in result.edges if e.target == edge.target and e is not edge
            ]
            assert edge.local == other[0].data
        elif target.op == "+":
            assert edge.local == 1.0
        else:
            assert edge.local == result.slope
        assert source.grad == pytest.approx(
            sum(e.local * result.nodes[e.target].grad for e in result.edges if e.source == edge.source)
        )


def test_slope_is_the_activations_local_gradient_and_the_tangent_touches_the_curve() -> None:
    for activation in ACTIVATIONS:
        result = NeuronModel(activation=activation, w1=0.1).result
        z = Value(result.z)
        f = z if activation == "identity" else getattr(z, activation)()
        expected = f.local_grads[0] if f is not z else 1.0
        assert result.slope == expected
        (z0, z1), (f0, f1) = result.tangent_z, result.tangent_f
        assert (f1 - f0) / (z1 - z0) == pytest.approx(result.slope)
        assert (f0 + f1) / 2 == pytest.approx(result.out)
        assert (z0 + z1) / 2 == pytest.approx(result.z)


def test_curve_samples_are_the_engines_activation_and_cover_z() -> None:
    model = NeuronModel(activation="tanh", w1=5.0, w2=5.0, b=5.0)  # z = 30, far outside [-5, 5]
    result = model.result
    assert result.curve_z[0] <= result.z <= result.curve_z[-1]
    assert list(result.curve_f) == [Value(z).tanh().data for z in result.curve_z]


def test_relu_at_the_kink_fails_the_check_honestly() -> None:
    model = NeuronModel(w1=0.25)  # z = 0.25·2 − 0.5·3 + 1 = 0 exactly
    result = model.result
    assert result.z == 0.0
    assert result.at_kink
    assert not result.check.ok
    rows = {row.name: row for row in result.check.rows}
    assert rows["b"].autograd == 0.0  # the engine's convention at the kink
    assert rows["b"].numeric == pytest.approx(0.5)  # the centred difference averages the slopes 0 and 1
    assert not rows["b"].ok
    assert rows["x1"].autograd == 0.0 and not rows["x1"].ok


def test_just_off_the_kink_the_check_passes_again() -> None:
    result = NeuronModel(w1=0.26).result  # z = 0.02: ReLU is smooth here
    assert not result.at_kink
    assert result.check.ok


def test_loss_and_its_gradients_come_from_the_engine() -> None:
    model = NeuronModel(target=2.0, activation="sigmoid")
    result = model.result
    y = Value(result.out)
    assert result.loss == pytest.approx((result.out - 2.0) ** 2)
    for name in ("w1", "w2", "b"):
        assert result.loss_grads[name] == pytest.approx(2 * (y.data - 2.0) * result.grads[name])


def test_the_result_is_immutable() -> None:
    result = NeuronModel().result
    with pytest.raises(AttributeError):
        result.out = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.grads["w1"] = 0.0  # type: ignore[index]


def test_one_recomputation_per_change() -> None:
    model = NeuronModel()
    seen = []
    model.param.watch(lambda e: seen.append(e.new), "result")
    model.w1 = 0.7
    model.param.update(w1=0.1, w2=0.2, b=0.3)
    assert len(seen) == 2
    assert seen[-1].inputs["b"] == 0.3


def test_reset_returns_to_the_seed() -> None:
    model = NeuronModel(w1=-3.0, activation="tanh", target=-2.0, lr=0.5)
    model.reset()
    assert {n: getattr(model, n) for n in (*NAMES, "activation", "target", "lr")} == {
        **SEED,
        "activation": "relu",
        "target": 1.0,
        "lr": 0.05,
    }
    assert model.result.out == 0.5
    assert model.notices == ()


def test_inputs_outside_the_slider_range_are_refused_with_a_named_error() -> None:
    model = NeuronModel()
    with pytest.raises(ValueError, match="w1"):
        model.w1 = 7.0
    with pytest.raises(ValueError, match="activation"):
        model.activation = "softmax"
    assert model.w1 == 0.5
    assert math.isfinite(model.result.out)
