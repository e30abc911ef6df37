"""The scale driver's chunk measurement: a chunk that saves twice is measured
over its whole cycle, not save to save (which counted half of the manage
route's work and reported it as the whole)."""

import pytest

from maxkit.bench import record


@pytest.fixture(scope="module")
def driver():
    # The driver is Jython code in the 2/3 subset; its figures are plain Python.
    return record.driver_module()


def marks_of(intervals):
    marks, now = [0], 0
    for interval in intervals:
        now += interval
        marks.append(now)
    return marks


def test_a_chunk_of_two_saves_is_measured_over_both(driver):
    # Each chunk: 49 units until its first save, 20 until its second.
    marks = marks_of([49, 20] * 10)
    assert driver.median_chunk(marks, 2) == 69
    # Save to save, the median is one of the halves: what the driver reported.
    assert driver.median_chunk(marks, 1) in (20, 49)


def test_a_chunk_of_one_save_is_save_to_save(driver):
    assert driver.median_chunk(marks_of([30, 28, 29, 31, 27]), 1) == 29


def test_too_few_saves_give_no_chunk(driver):
    assert driver.median_chunk([5], 1) is None
    assert driver.median_chunk([5, 9], 2) is None


@pytest.mark.parametrize(
    "saves, count, chunk, expected",
    [
        (20, 1000, 100, 2),
        (10, 1000, 100, 1),
        (4, 50, 25, 2),
        (1, 10, 100, 1),
        (0, 0, 100, 1),
    ],
)
def test_saves_per_chunk(driver, saves, count, chunk, expected):
    assert driver.saves_per_chunk(saves, count, chunk) == expected


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([1000, 10000, 100000], 20000),
        ([1000, 10000], 20000),
        ([50, 100], 1000),
        ([30000], 30000),
        ([1000], 10000),
    ],
)
def test_the_warm_up_is_long_enough_for_the_jit_and_no_longer_than_the_run(
    driver, counts, expected
):
    assert driver.warm_up(counts) == expected
