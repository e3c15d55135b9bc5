"""micrograd_core.nn: Module, Neuron, Layer, MLP (micrograd-compatible), and micrograd's moons demo."""

from __future__ import annotations

import math
import random

import pytest

from micrograd_core import Value, grad_check
from micrograd_core.activations import ACTIVATION_NAMES, ACTIVATIONS, activation_function
from micrograd_core.nn import MLP, Layer, Module, Neuron

# ----------------------------------------------------------------- Neuron


def _neuron(weights: list[float], bias: float, **kwargs: object) -> Neuron:
    n = Neuron(len(weights), **kwargs)  # type: ignore[arg-type]
    for w, value in zip(n.w, weights, strict=True):
        w.data = value
    n.b.data = bias
    return n


def test_neuron_parameters_are_weights_then_bias() -> None:
    random.seed(0)
    n = Neuron(3)
    params = n.parameters()
    assert params == [*n.w, n.b]
    assert len(params) == 4
    assert all(-1.0 <= w.data <= 1.0 for w in n.w)
    assert len({w.data for w in n.w}) == 3  # drawn, not constant
    assert n.b.data == 0.0


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, 0.0),  # relu(−0.5)
        ({"activation": "relu"}, 0.0),
        ({"activation": "tanh"}, math.tanh(-0.5)),
        ({"activation": "sigmoid"}, 1 / (1 + math.exp(0.5))),
        ({"activation": "linear"}, -0.5),
        ({"nonlin": False}, -0.5),
        ({"nonlin": False, "activation": "tanh"}, -0.5),  # nonlin=False wins, as in micrograd
    ],
)
def test_neuron_computes_activation_of_w_dot_x_plus_b(kwargs: dict[str, object], expected: float) -> None:
    n = _neuron([0.5, -1.0], 0.5, **kwargs)
    out = n([2.0, 2.0])  # w·x + b = 0.5·2 − 1·2 + 0.5 = −0.5
    assert out.data == pytest.approx(expected, rel=1e-15)


def test_seed_neuron_through_nn() -> None:
    n = _neuron([0.5, -0.5], 1.0)
    x1, x2 = Value(2.0), Value(3.0)
    out = n([x1, x2])
    out.backward()
    assert out.data == 0.5
    assert [p.grad for p in n.parameters()] == [2.0, 3.0, 1.0]
    assert (x1.grad, x2.grad) == (0.5, -0.5)


def test_neuron_rejects_bad_arguments() -> None:
    for nin in (0, -1, True, 2.5):
        with pytest.raises(ValueError, match="nin"):
            Neuron(nin)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="activation"):
        Neuron(2, activation="softmax")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expects 2 inputs, got 3"):
        Neuron(2)([1.0, 2.0, 3.0])


def test_neuron_repr_names_its_activation() -> None:
    assert repr(Neuron(3)) == "ReLUNeuron(3)"
    assert repr(Neuron(3, nonlin=False)) == "LinearNeuron(3)"
    assert repr(Neuron(2, activation="tanh")) == "TanhNeuron(2)"


# ----------------------------------------------------------------- Layer and MLP


def test_layer_has_nout_neurons_reading_the_same_inputs() -> None:
    layer = Layer(2, 3, activation="tanh")
    assert len(layer.neurons) == 3
    assert len(layer.parameters()) == 9
    out = layer([0.3, -0.2])
    assert isinstance(out, list) and len(out) == 3
    assert [o.data for o in out] == [n([0.3, -0.2]).data for n in layer.neurons]
    assert all(n.activation == "tanh" for n in layer.neurons)


def test_layer_of_one_neuron_returns_a_single_value() -> None:
    assert isinstance(Layer(2, 1)([1.0, 2.0]), Value)


def test_layer_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError, match="nout"):
        Layer(2, 0)
    with pytest.raises(ValueError, match="nin"):
        Layer(0, 2)


def test_mlp_matches_micrograds_shape() -> None:
    model = MLP(2, [16, 16, 1])
    assert len(model.layers) == 3
    assert len(model.parameters()) == 16 * 3 + 16 * 17 + 17  # 337, as micrograd reports
    assert [layer.neurons[0].nonlin for layer in model.layers] == [True, True, False]
    assert isinstance(model([0.5, -0.5]), Value)
    assert repr(model).startswith("MLP of [Layer of [ReLUNeuron(2)")


def test_mlp_activation_applies_to_hidden_layers_only() -> None:
    model = MLP(3, [4, 2], activation="sigmoid")
    assert [layer.neurons[0].activation for layer in model.layers] == ["sigmoid", "linear"]
    out = model([1.0, 2.0, 3.0])
    assert isinstance(out, list) and len(out) == 2


def test_mlp_forward_is_the_composition_of_its_layers() -> None:
    model = MLP(2, [3, 2, 1])
    x = [0.7, -1.1]
    h1 = model.layers[0](x)
    h2 = model.layers[1](h1)  # type: ignore[arg-type]
    y = model.layers[2](h2)  # type: ignore[arg-type]
    assert model(x).data == y.data  # type: ignore[union-attr]


def test_module_zero_grad_resets_parameters_only() -> None:
    model = MLP(2, [3, 1])
    x = Value(0.5)
    out = model([x, 1.0])
    assert isinstance(out, Value)
    (out * out + 1).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())
    assert out.grad != 0.0  # not a parameter: left alone (out.zero_grad() would reset it)
    assert Module().parameters() == []


def test_mlp_parameter_gradients_agree_with_centred_differences() -> None:
    random.seed(7)
    model = MLP(2, [3, 2, 1], activation="tanh")
    params = model.parameters()

    def output(*values: Value) -> Value:
        # Put the grad_check leaves into the model, in parameters() order, and run it.
        for neuron in (n for layer in model.layers for n in layer.neurons):
            k = len(neuron.w)
            neuron.w, neuron.b = list(values[:k]), values[k]
            values = values[k + 1 :]
        y = model([0.4, -0.9])
        assert isinstance(y, Value)
        return y * y

    report = grad_check(output, [p.data for p in params])
    assert report.ok
    assert len(report.rows) == 9 + 8 + 3
    assert all(row.autograd != 0.0 for row in report.rows)  # tanh everywhere: every weight matters


# ----------------------------------------------------------------- micrograd's demo


def make_moons(n: int, noise: float, rng: random.Random) -> tuple[list[tuple[float, float]], list[int]]:
    """Two interleaving half circles (as scikit-learn's make_moons), labels −1 and +1."""
    outer, inner = n // 2, n - n // 2
    points, labels = [], []
    for i in range(outer):
        t = math.pi * i / (outer - 1)
        points.append((math.cos(t) + rng.gauss(0, noise), math.sin(t) + rng.gauss(0, noise)))
        labels.append(-1)
    for i in range(inner):
        t = math.pi * i / (inner - 1)
        points.append((1 - math.cos(t) + rng.gauss(0, noise), 0.5 - math.sin(t) + rng.gauss(0, noise)))
        labels.append(1)
    return points, labels


def test_moons_are_two_labelled_half_circles() -> None:
    points, labels = make_moons(100, 0.0, random.Random(0))
    assert len(points) == 100 and labels.count(1) == labels.count(-1) == 50
    for (x, y), label in zip(points, labels, strict=True):
        centre = (0.0, 0.0) if label == -1 else (1.0, 0.5)
        assert math.isclose(math.hypot(x - centre[0], y - centre[1]), 1.0, rel_tol=1e-12)


def _score(model: MLP, point: tuple[float, float]) -> Value:
    out = model([Value(point[0]), Value(point[1])])
    assert isinstance(out, Value)
    return out


def _svm_loss(model: MLP, points: list[tuple[float, float]], labels: list[int]) -> tuple[Value, float]:
    """micrograd's demo loss: mean max-margin hinge + 1e-4·L2, and the accuracy of the scores' signs."""
    scores = [_score(model, point) for point in points]
    margins = [(1 + -label * score).relu() for label, score in zip(labels, scores, strict=True)]
    data_loss = sum(margins, Value(0.0)) * (1.0 / len(margins))
    reg_loss = 1e-4 * sum((p * p for p in model.parameters()), Value(0.0))
    correct = [(label > 0) == (score.data > 0) for label, score in zip(labels, scores, strict=True)]
    return data_loss + reg_loss, sum(correct) / len(correct)


@pytest.mark.slow
def test_micrograd_moons_demo_trains_to_90_percent() -> None:
    # micrograd's demo.ipynb: MLP(2, [16, 16, 1]), 100 moons points with noise 0.1, SVM max-margin
    # loss + 1e-4·L2, 100 steps of SGD with lr = 1 − 0.9·k/100.
    points, labels = make_moons(100, 0.1, random.Random(1337))
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    history = []
    for k in range(100):
        loss, accuracy = _svm_loss(model, points, labels)
        history.append((loss.data, accuracy))
        model.zero_grad()
        loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
    final_loss, accuracy = _svm_loss(model, points, labels)
    assert accuracy >= 0.9, f"accuracy {accuracy:.0%}; (loss, accuracy) every 10 steps: {history[::10]}"
    assert final_loss.data < history[0][0] / 5


def test_one_activation_table_names_each_function_once_and_keeps_linear_as_an_alias() -> None:
    assert ACTIVATION_NAMES == ("relu", "tanh", "sigmoid", "identity")
    assert ACTIVATIONS["linear"] is ACTIVATIONS["identity"]
    z = Value(-0.5)
    assert [activation_function(name)(z).data for name in ACTIVATION_NAMES] == pytest.approx(
        [0.0, math.tanh(-0.5), 1 / (1 + math.exp(0.5)), -0.5], rel=1e-15
    )
    assert activation_function("identity")(z) is z  # no extra node in the graph
    with pytest.raises(ValueError, match=r"softmax.*relu"):
        activation_function("softmax")


def test_neuron_accepts_the_tables_identity_as_well_as_micrograds_linear() -> None:
    assert _neuron([0.5, -1.0], 0.5, activation="identity")([2.0, 2.0]).data == -0.5
