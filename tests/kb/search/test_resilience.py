"""The circuit breaker in front of the search engine, driven by a fake clock: no test waits for a cool-down."""

import pytest

from kb.search.resilience import CircuitBreaker, breaker_for, reset_breakers


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def breaker(settings, clock):
    settings.SEARCH_BREAKER_THRESHOLD = 3
    settings.SEARCH_BREAKER_COOLDOWN = 30
    return CircuitBreaker("engine@test", clock=clock)


def fail(breaker, times: int) -> None:
    for _ in range(times):
        assert breaker.allow()
        breaker.failed("timed out")


def test_requests_reach_the_engine_until_the_threshold_of_failures_in_a_row(breaker):
    fail(breaker, 2)
    assert breaker.allow() and not breaker.is_open
    breaker.failed("timed out")
    assert breaker.is_open and not breaker.allow()
    assert breaker.last_error == "timed out"


def test_a_success_forgets_earlier_failures(breaker):
    fail(breaker, 2)
    breaker.succeeded()
    fail(breaker, 2)
    assert breaker.allow() and not breaker.is_open


def test_an_open_breaker_lets_exactly_one_trial_through_once_the_cool_down_has_passed(breaker, clock):
    fail(breaker, 3)
    clock.advance(29.9)
    assert not breaker.allow()
    clock.advance(0.2)
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # everybody else waits for its outcome
    breaker.succeeded()
    assert not breaker.is_open and breaker.allow() and breaker.allow()


def test_a_failed_trial_opens_the_breaker_for_another_full_cool_down(breaker, clock):
    fail(breaker, 3)
    clock.advance(31)
    assert breaker.allow()
    breaker.failed("connection refused")  # one failure is enough after a trial
    clock.advance(29)
    assert not breaker.allow()
    clock.advance(2)
    assert breaker.allow()


def test_each_engine_has_one_breaker_and_they_can_all_be_closed(settings):
    settings.SEARCH_BREAKER_THRESHOLD = 1
    first = breaker_for("elasticsearch@http://node-a:9200")
    assert breaker_for("elasticsearch@http://node-a:9200") is first
    assert breaker_for("elasticsearch@http://node-b:9200") is not first
    first.failed("down")
    assert first.is_open
    reset_breakers()
    assert not first.is_open and first.allow()
