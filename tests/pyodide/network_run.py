"""Train the network view's default network on moons and print what it learned, as JSON (one line).

Run by tests/pyodide/test_network_in_pyodide.py both in CPython and inside Pyodide, which must print
the same numbers. ``python network_run.py ACTIVATION LOSS STEPS``.
"""

from __future__ import annotations

import json
import sys

from app.network.datasets import make_dataset
from app.network.training import Config, Trainer, metrics


def run(activation: str, loss: str, steps: int) -> dict[str, object]:
    points = make_dataset("moons", 100, 0.1, 1)
    trainer = Trainer(
        Config(hidden=(8, 8), activation=activation, loss=loss, lr=0.1, l2=1e-4, seed=1), points
    )
    for _ in range(steps):
        trainer.step()
    train = [p for p in points if not p.test]
    scores = trainer.evaluate([(p.x1, p.x2) for p in train])[-1][0]
    return {
        "platform": sys.platform,
        "points": [[p.x1.hex(), p.x2.hex(), p.label, p.test] for p in points],
        "objective": trainer.objective.hex(),
        "train_accuracy": metrics(train, scores, loss).accuracy,
        "weights": [w.hex() for layer in trainer.weights() for n in layer for w in n],
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
