"""1 MB of dense dialogue parses in well under a few seconds, and time grows linearly.

The bounds are generous (the machine is shared); the real figures are in
docs/performance.md, from bench/bench_importer.py."""

import time

import pytest

from interviews.importer import MAX_INTERVIEW_BYTES, parse_interview


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer needs no database or browser."""


def dense_dialogue(size: int) -> str:
    parts = ["Лид: экономист Айдар Мусин рассказал о сезоне в порту."]
    number = 0
    while sum(map(len, parts)) * 2 < size:
        number += 1
        parts.append(f"– Что изменилось за сезон номер {number}?")
        parts.append("– Мы отгрузили больше зерна и построили два элеватора в области.")
    return "\n\n".join(parts)


def best_time(text: str) -> float:
    timings = []
    for _ in range(2):
        start = time.perf_counter()
        parse_interview(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


def test_a_megabyte_of_dialogue_parses_quickly_and_linearly():
    parse_interview(dense_dialogue(4096))  # the name dictionary loads once, not timed
    large = dense_dialogue(MAX_INTERVIEW_BYTES - 4096)
    quarter = dense_dialogue(MAX_INTERVIEW_BYTES // 4)
    assert len(parse_interview(large).exchanges) > 5000
    large_time, quarter_time = best_time(large), best_time(quarter)
    assert large_time < 3.0
    assert large_time < 8 * quarter_time  # linear: about 4×; quadratic would be 16×
