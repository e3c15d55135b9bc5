"""The network view's data sets: seeded, balanced, inside the plot, each with its own shape."""

from __future__ import annotations

import math

import pytest

from app.network.datasets import DATASETS, DOMAIN, TEST_FRACTION, make_dataset


@pytest.mark.parametrize("kind", DATASETS)
@pytest.mark.parametrize("n", [20, 21, 100, 300])
def test_classes_are_balanced_and_a_fifth_of_each_is_held_out(kind: str, n: int) -> None:
    points = make_dataset(kind, n, 0.1, 5)
    assert len(points) == n
    ones = [p for p in points if p.label == 1]
    zeros = [p for p in points if p.label == 0]
    assert (len(zeros), len(ones)) == ((n + 1) // 2, n // 2)
    for group in (zeros, ones):
        assert sum(p.test for p in group) == round(len(group) * TEST_FRACTION)


@pytest.mark.parametrize("kind", DATASETS)
def test_same_seed_same_points_other_seed_other_points(kind: str) -> None:
    assert make_dataset(kind, 60, 0.2, 3) == make_dataset(kind, 60, 0.2, 3)
    assert make_dataset(kind, 60, 0.2, 3) != make_dataset(kind, 60, 0.2, 4)


@pytest.mark.parametrize("kind", DATASETS)
def test_points_stay_inside_the_plot_even_with_the_most_noise(kind: str) -> None:
    lo, hi = DOMAIN
    for seed in range(5):
        for p in make_dataset(kind, 300, 0.5, seed):
            assert lo <= p.x1 <= hi and lo <= p.x2 <= hi
            assert math.isfinite(p.x1) and math.isfinite(p.x2)


def test_without_noise_each_data_set_has_its_shape() -> None:
    near = 2e-6  # coordinates are rounded to 6 decimals
    # circles: class 0 on the radius-1.5 circle, class 1 on the radius-0.6 one
    for p in make_dataset("circles", 40, 0.0, 1):
        assert math.hypot(p.x1, p.x2) == pytest.approx(1.5 if p.label == 0 else 0.6, abs=near)
    # xor: class 1 where both coordinates share a sign
    for p in make_dataset("xor", 40, 0.0, 1):
        assert (p.x1 * p.x2 > 0) == (p.label == 1)
    # linear: class 1 above x1 + x2 = 0, with a margin
    for p in make_dataset("linear", 40, 0.0, 1):
        margin = (p.x1 + p.x2) / math.sqrt(2.0)
        assert margin >= 0.2 - near if p.label == 1 else margin <= -0.2 + near
    # moons: micrograd's two half circles of radius 1, centred at (−0.5, −0.25) and (0.5, 0.25)
    for p in make_dataset("moons", 40, 0.0, 1):
        centre = (-0.5, -0.25) if p.label == 0 else (0.5, 0.25)
        assert math.hypot(p.x1 - centre[0], p.x2 - centre[1]) == pytest.approx(1.0, abs=near)
    # spiral: the two arms are half a turn apart
    for p in make_dataset("spiral", 40, 0.0, 1):
        assert math.hypot(p.x1, p.x2) <= 1.8 + near


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("blobs", 100, 0.1, 1), "unknown data set 'blobs'"),
        (("moons", 19, 0.1, 1), "number of points"),
        (("moons", 301, 0.1, 1), "number of points"),
        (("moons", 100, 0.6, 1), "noise"),
        (("moons", 100, math.nan, 1), "noise"),
    ],
)
def test_bad_arguments_are_named(args: tuple[str, int, float, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_dataset(*args)


def test_coordinates_have_at_most_six_decimals() -> None:
    for p in make_dataset("spiral", 50, 0.3, 2):
        assert p.x1 == round(p.x1, 6) and p.x2 == round(p.x2, 6)
