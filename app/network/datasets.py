"""Two-class 2-D data sets made from a seed, with no numpy or scikit-learn: the same points everywhere.

Every generator returns ``n`` points inside ``DOMAIN`` × ``DOMAIN``, ⌈n/2⌉ of class 0 and ⌊n/2⌋ of
class 1, drawn from ``random.Random(seed)`` and rounded to 6 decimals (so CPython and Pyodide give the
same points). ``noise`` is the standard deviation of the Gaussian jitter added to each coordinate.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

DOMAIN = (-2.0, 2.0)  # both axes: where points live and where the boundary is drawn
N_BOUNDS = (20, 300)
NOISE_BOUNDS = (0.0, 0.5)
TEST_FRACTION = 0.2
DECIMALS = 6


@dataclass(frozen=True)
class Point:
    """One sample: coordinates, class 0 or 1, and whether it is held out for testing."""

    x1: float
    x2: float
    label: int
    test: bool = False


Generator = Callable[[int, random.Random], tuple[float, float]]  # (index in its class, rng) -> point


def _moons(label: int, t: float) -> tuple[float, float]:
    # micrograd's demo data (scikit-learn's make_moons), centred on the origin
    if label == 0:
        return math.cos(t) - 0.5, math.sin(t) - 0.25
    return 1.0 - math.cos(t) - 0.5, 0.5 - math.sin(t) - 0.25


def moons(label: int, rng: random.Random) -> tuple[float, float]:
    return _moons(label, rng.uniform(0.0, math.pi))


def circles(label: int, rng: random.Random) -> tuple[float, float]:
    t = rng.uniform(0.0, 2.0 * math.pi)
    r = 1.5 if label == 0 else 0.6
    return r * math.cos(t), r * math.sin(t)


def xor(label: int, rng: random.Random) -> tuple[float, float]:
    # class 1 where x1 and x2 have the same sign; a 0.1 gap keeps the quadrants apart
    a, b = rng.uniform(0.1, 1.8), rng.uniform(0.1, 1.8)
    sign = rng.choice((-1.0, 1.0))
    return (sign * a, sign * b) if label == 1 else (sign * a, -sign * b)


def linear(label: int, rng: random.Random) -> tuple[float, float]:
    # class 1 above the line x1 + x2 = 0, at least 0.2 away from it
    along, across = rng.uniform(-1.4, 1.4), rng.uniform(0.2, 1.3)
    side = 1.0 if label == 1 else -1.0
    return (along + side * across) / math.sqrt(2.0), (-along + side * across) / math.sqrt(2.0)


def spiral(label: int, rng: random.Random) -> tuple[float, float]:
    # two interleaved arms, each turning 1.75 times around the origin
    u = rng.uniform(0.05, 1.0)
    t = 1.75 * 2.0 * math.pi * u + (math.pi if label == 1 else 0.0)
    return 1.8 * u * math.sin(t), 1.8 * u * math.cos(t)


GENERATORS: dict[str, Generator] = {
    "moons": moons,
    "circles": circles,
    "xor": xor,
    "linear": linear,
    "spiral": spiral,
}
DATASETS: tuple[str, ...] = tuple(GENERATORS)


def clamp_to_domain(x: float) -> float:
    lo, hi = DOMAIN
    return min(max(x, lo), hi)


def _rounded(x: float) -> float:
    """Within the plot, to 6 decimals: the last bits of cos, sin and log (inside ``gauss``) differ
    between C libraries, and rounding makes CPython and Pyodide draw the very same points."""
    return round(clamp_to_domain(x), DECIMALS)


def make_dataset(kind: str, n: int, noise: float, seed: int) -> tuple[Point, ...]:
    """``n`` points of data set ``kind``, classes balanced and interleaved, a ``TEST_FRACTION`` held out.

    The held-out points are chosen per class, so train and test keep the class balance.
    """
    if kind not in GENERATORS:
        raise ValueError(f"unknown data set {kind!r}; choose one of {', '.join(DATASETS)}")
    if not N_BOUNDS[0] <= n <= N_BOUNDS[1]:
        raise ValueError(f"the number of points must be in {N_BOUNDS}, got {n!r}")
    if not (NOISE_BOUNDS[0] <= noise <= NOISE_BOUNDS[1]):
        raise ValueError(f"the noise must be in {NOISE_BOUNDS}, got {noise!r}")
    rng = random.Random(f"{seed}:{kind}")
    generate = GENERATORS[kind]
    per_class = ((n + 1) // 2, n // 2)
    by_class: list[list[Point]] = []
    for label, count in enumerate(per_class):
        held_out = set(rng.sample(range(count), round(count * TEST_FRACTION)))
        points = []
        for i in range(count):
            x1, x2 = generate(label, rng)
            x1, x2 = x1 + rng.gauss(0.0, noise), x2 + rng.gauss(0.0, noise)
            points.append(Point(_rounded(x1), _rounded(x2), label, i in held_out))
        by_class.append(points)
    zeros, ones = by_class
    mixed = [p for pair in zip(zeros, ones, strict=False) for p in pair]
    return (*mixed, *zeros[len(ones) :])
