"""The graph-free path (``evaluate``) gives the ``Value`` forward's numbers bit for bit, and fails alike."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from micrograd_core.activations import ACTIVATIONS, ActivationName
from micrograd_core.nn import MLP, Layer, Neuron

Activation = ActivationName
NAMES = tuple(ACTIVATIONS)  # micrograd's 'linear' too


def _bits(x: float | list[float]) -> list[str]:
    return [v.hex() for v in (x if isinstance(x, list) else [x])]


def _forward(module: Neuron | Layer | MLP, x: list[float]) -> list[str]:
    out = module(x)
    return [v.data.hex() for v in (out if isinstance(out, list) else [out])]


@pytest.mark.parametrize("activation", NAMES)
@pytest.mark.parametrize("sizes", [[1], [3], [8, 8, 1], [4, 3, 2], [2, 5, 5, 5, 1]])
def test_mlp_evaluate_equals_the_value_forward_bitwise(activation: Activation, sizes: list[int]) -> None:
    rng = random.Random(f"{activation}{sizes}")
    random.seed(rng.random())
    mlp = MLP(2, sizes, activation=activation)
    for p in mlp.parameters():
        p.data = rng.uniform(-3.0, 3.0)  # biases too, so no pre-activation is trivially 0
    points = [[rng.uniform(-4.0, 4.0), rng.uniform(-4.0, 4.0)] for _ in range(200)]
    points += [[0.0, 0.0], [-0.0, 1e-300], [1e6, -1e6]]
    batch = mlp.evaluate_many(points)
    for x, fast in zip(points, batch, strict=True):
        expected = _forward(mlp, x)
        assert _bits(fast) == expected
        assert _bits(mlp.evaluate(x)) == expected


@settings(max_examples=60, deadline=None)
@given(
    activation=st.sampled_from(NAMES),
    nin=st.integers(1, 4),
    nouts=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    seed=st.integers(0, 2**32 - 1),
    x=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=4, max_size=4),
)
def test_random_networks_and_inputs(
    activation: Activation, nin: int, nouts: list[int], seed: int, x: list[float]
) -> None:
    random.seed(seed)
    mlp = MLP(nin, nouts, activation=activation)
    inputs = x[:nin]
    assert _bits(mlp.evaluate(inputs)) == _forward(mlp, inputs)


@pytest.mark.parametrize("activation", NAMES)
def test_neuron_and_layer_evaluate_equal_their_value_forward(activation: Activation) -> None:
    random.seed(7)
    neuron, layer, single = Neuron(3, activation=activation), Layer(3, 4, activation=activation), Layer(3, 1)
    for x in ([0.5, -1.25, 2.0], [-3.0, 0.1, 0.2], [0.0, 0.0, 0.0]):
        assert _bits(neuron.evaluate(x)) == _forward(neuron, x)
        assert _bits(layer.evaluate(x)) == _forward(layer, x)
        assert isinstance(single.evaluate(x), float)
        assert _bits(single.evaluate(x)) == _forward(single, x)


def test_evaluate_builds_no_graph_and_leaves_grads_alone() -> None:
    random.seed(3)
    mlp = MLP(2, [4, 1])
    for p in mlp.parameters():
        p.grad = 0.5
    mlp.evaluate([1.0, 2.0])
    assert all(p.grad == 0.5 and p.op == "" for p in mlp.parameters())


def test_evaluate_overflows_where_the_value_forward_overflows() -> None:
    random.seed(1)
    mlp = MLP(2, [3, 1], activation="tanh")
    x = [1e300, 1e300]
    for p in mlp.parameters():
        p.data = 1e10
    with pytest.raises(OverflowError):
        mlp(x)
    with pytest.raises(OverflowError, match="pre-activation overflows"):
        mlp.evaluate(x)  # tanh would saturate an inf to 1.0: the check is before the activation


@pytest.mark.parametrize("bad", [[1.0], [1.0, 2.0, 3.0]])
def test_evaluate_rejects_the_wrong_number_of_inputs(bad: list[float]) -> None:
    random.seed(1)
    with pytest.raises(ValueError, match="expects 2 inputs"):
        MLP(2, [2, 1]).evaluate(bad)


def test_evaluate_rejects_a_non_finite_input() -> None:
    random.seed(1)
    with pytest.raises(ValueError, match="finite"):
        MLP(2, [2, 1]).evaluate([float("nan"), 0.0])


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_evaluate_layers_gives_every_hidden_neurons_value_forward(activation: Activation) -> None:
    random.seed(11)
    mlp = MLP(2, [3, 4, 1], activation=activation)
    points = [[0.5, -1.0], [1.5, 0.25], [-2.0, -0.75]]
    layers = mlp.evaluate_layers(points)
    assert [len(layer) for layer in layers] == [3, 4, 1]
    for k, x in enumerate(points):
        inputs: list[float] = x
        for layer, outputs in zip(mlp.layers, layers, strict=True):
            values = [n(inputs).data for n in layer.neurons]
            assert [column[k].hex() for column in outputs] == [v.hex() for v in values]
            inputs = values
    assert mlp.evaluate_layers([]) == [[[], [], []], [[], [], [], []], [[]]]


def test_evaluate_many_checks_every_point() -> None:
    random.seed(2)
    mlp = MLP(2, [2, 1])
    with pytest.raises(ValueError, match="expects 2 inputs, got 3"):
        mlp.evaluate_many([[0.0, 1.0], [0.0, 1.0, 2.0]])
    with pytest.raises(ValueError, match="finite numbers, got inf"):
        mlp.evaluate_many([[0.0, 1.0], [float("inf"), 1.0]])
    assert mlp.evaluate_many([(1, 2)]) == mlp.evaluate_many([[1.0, 2.0]])  # ints are read as floats
