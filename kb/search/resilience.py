"""A circuit breaker in front of the search engine, so that a dead or slow engine does not cost every request its timeout.

Closed: requests go to the engine. After SEARCH_BREAKER_THRESHOLD consecutive failures it opens: for
SEARCH_BREAKER_COOLDOWN seconds every request goes straight to the database engine. Then one request (and only
one) tries the engine again: success closes the breaker, failure opens it for another cool-down.
State is per process (each web worker learns on its own), which is enough to bound the cost to N timeouts.
Kept rather than pybreaker: it is shorter than the adapter pybreaker would need for the allow/failed/succeeded
calls of kb.search.service, and its clock can be injected (pybreaker reads the system clock itself).
"""

import threading
import time
from collections.abc import Callable

from django.conf import settings


class CircuitBreaker:
    def __init__(self, name: str, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.clock = clock  # seconds, only ever compared with itself; tests pass a fake one
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.failures = 0
        self.opened_at: float | None = None
        self.trial_running = False
        self.last_error = ""

    @property
    def threshold(self) -> int:
        return getattr(settings, "SEARCH_BREAKER_THRESHOLD", 3)

    @property
    def cooldown(self) -> float:
        return getattr(settings, "SEARCH_BREAKER_COOLDOWN", 30.0)

    def allow(self) -> bool:
        """May this request try the engine? While open, no; after the cool-down, exactly one trial request."""
        with self._lock:
            if self.opened_at is None:
                return True
            if self.trial_running or self.clock() - self.opened_at < self.cooldown:
                return False
            self.trial_running = True
            return True

    def succeeded(self) -> None:
        with self._lock:
            self.reset()

    def failed(self, error: str) -> None:
        with self._lock:
            self.failures += 1
            self.last_error = error
            if self.trial_running or self.failures >= self.threshold:
                self.opened_at = self.clock()
            self.trial_running = False

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(engine_name: str) -> CircuitBreaker:
    with _breakers_lock:
        return _breakers.setdefault(engine_name, CircuitBreaker(engine_name))


def reset_breakers() -> None:
    """Close every breaker (tests, and after an operator fixed the engine in a shell)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.succeeded()
