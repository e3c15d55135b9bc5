"""The network's maths with the engine: training, gradients, trace, boundary, divergence, dead units."""

from __future__ import annotations

import math

import pytest

from app.network import training
from app.network.datasets import Point, make_dataset
from app.network.training import GRID_POINTS, Config, Diverged, Trainer, dead_units, metrics


def _train_points(points: tuple[Point, ...]) -> list[Point]:
    return [p for p in points if not p.test]


def test_moons_reach_95_percent_train_accuracy_in_100_full_batch_steps() -> None:
    points = make_dataset("moons", 100, 0.1, 1)
    trainer = Trainer(Config(hidden=(8, 8), activation="relu", loss="svm", lr=0.1, l2=1e-4, seed=1), points)
    for _ in range(100):
        trainer.step()
    train = _train_points(points)
    scores = trainer.evaluate([(p.x1, p.x2) for p in train])[-1][0]
    assert metrics(train, scores, "svm").accuracy is not None
    assert metrics(train, scores, "svm").accuracy >= 0.95  # type: ignore[operator]


@pytest.mark.parametrize("loss", ["svm", "bce"])
@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_gradients_are_the_mean_of_each_points_traced_gradient_plus_l2(loss: str, activation: str) -> None:
    points = make_dataset("xor", 30, 0.1, 2)
    l2 = 0.01
    trainer = Trainer(Config(hidden=(3, 2), activation=activation, loss=loss, l2=l2, seed=4), points)
    train_idx = [i for i, p in enumerate(points) if not p.test]
    traces = [trainer.trace(i) for i in train_idx]
    weights = trainer.weights()
    expected = [
        math.fsum(t.grads[li][ni][k] for t in traces) / len(traces) + 2 * l2 * weights[li][ni][k]
        for li, layer in enumerate(weights)
        for ni, neuron in enumerate(layer)
        for k in range(len(neuron))
    ]
    assert trainer.grads == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_step_moves_each_weight_by_minus_lr_times_its_gradient_and_lowers_the_loss() -> None:
    points = make_dataset("moons", 60, 0.1, 3)
    trainer = Trainer(Config(lr=0.05, seed=3), points)
    before = [w for layer in trainer.weights() for n in layer for w in n]
    grads, objective = trainer.grads, trainer.objective
    trainer.step()
    after = [w for layer in trainer.weights() for n in layer for w in n]
    assert after == [w - 0.05 * g for w, g in zip(before, grads, strict=True)]
    assert trainer.objective < objective
    assert trainer.steps == 1


def test_trace_forward_values_are_those_of_the_graph_free_path() -> None:
    points = make_dataset("circles", 40, 0.1, 1)
    trainer = Trainer(Config(hidden=(4, 3), activation="tanh", seed=9), points)
    for i in (0, 7, 39):
        trace = trainer.trace(i)
        layers = trainer.evaluate([(points[i].x1, points[i].x2)])
        assert trace.out == tuple(tuple(col[0] for col in layer) for layer in layers)
        assert trace.score == layers[-1][0][0]
        assert trace.pre[0][0] == pytest.approx(math.atanh(trace.out[0][0]), rel=1e-9)
        y = 2 * points[i].label - 1  # the default loss is micrograd's max-margin on y ∈ {−1, +1}
        assert trace.loss == max(0.0, 1.0 - trace.score * y)


def test_the_boundary_is_the_value_forward_at_each_grid_cell() -> None:
    trainer = Trainer(Config(seed=2), make_dataset("moons", 50, 0.1, 2))
    grid = trainer.evaluate(GRID_POINTS)[-1][0]
    assert len(grid) == training.GRID**2
    for k in (0, 1, 49, 50, 1234, 2499):
        assert grid[k] == trainer.score(Point(*GRID_POINTS[k], 0)).data


def test_mini_batches_are_drawn_from_the_seed() -> None:
    points = make_dataset("moons", 100, 0.1, 1)
    a, b = Trainer(Config(batch=10, seed=5), points), Trainer(Config(batch=10, seed=5), points)
    batch = a.batch()
    assert len(batch) == 10 and all(not p.test for p in batch)
    for _ in range(5):
        a.step()
        b.step()
    assert a.weights() == b.weights()
    assert a.batch() != batch  # a new batch each step


def test_a_step_that_makes_the_weights_explode_is_refused_and_changes_nothing() -> None:
    trainer = Trainer(Config(lr=1e7, seed=1), make_dataset("moons", 40, 0.1, 1))
    weights, grads = trainer.weights(), trainer.grads
    with pytest.raises(Diverged) as caught:
        trainer.step()
    assert caught.value.key == "net_diverged_weights"
    assert (trainer.weights(), trainer.grads, trainer.steps) == (weights, grads, 0)


def test_a_step_whose_forward_overflows_is_refused_and_restores_the_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(training, "EXPLODED_WEIGHT", math.inf)
    trainer = Trainer(Config(lr=1e299, seed=1), make_dataset("moons", 40, 0.1, 1))
    weights, objective = trainer.weights(), trainer.objective
    with pytest.raises(Diverged) as caught:
        trainer.step()
    assert caught.value.key == "net_diverged_overflow"
    assert (trainer.weights(), trainer.objective) == (weights, objective)


def test_dead_relu_units_are_those_silent_on_every_training_point() -> None:
    config = Config(hidden=(3,), activation="relu")
    assert dead_units(config, [[[0.0, 0.0], [0.0, 0.5], [0.0, 0.0]]]) == ((0, 0), (0, 2))
    assert dead_units(Config(hidden=(3,), activation="tanh"), [[[0.0, 0.0]]]) == ()
    trainer = Trainer(config, make_dataset("moons", 40, 0.1, 1))
    neuron = trainer.mlp.layers[0].neurons[1]
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.0, 0.0, -1.0
    hidden = trainer.evaluate([(p.x1, p.x2) for p in trainer.points if not p.test])[:-1]
    assert (0, 1) in dead_units(config, hidden)


def test_metrics_of_no_points_are_none_not_nan() -> None:
    assert metrics([], [], "svm") == training.Metrics(None, None)
