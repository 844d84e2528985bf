"""Per-host pacing: one request at a time, a minimum gap between them, and rests a host asks for.

The gap is measured from the end of one response to the start of the next, so
a slow server is never hit harder because it is slow. Requests to different
hosts do not wait for each other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class HostResting(Exception):
    """The host asked for a longer rest (Retry-After) than the caller is willing to wait."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"{host} asked for a rest of {seconds:.0f} s")
        self.host = host
        self.seconds = seconds


@dataclass
class _Host:
    interval: float
    ready_at: float = float("-inf")  # earliest start of the next request (interval)
    rest_until: float = float("-inf")  # earliest start the host asked for (Retry-After, backoff)
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostThrottle:
    """Keeps requests to each host apart by at least `min_interval` seconds.

    `max_rest` bounds how long `slot` will sleep for a rest set with `rest`;
    a longer one raises `HostResting` instead of blocking the caller.
    """

    def __init__(
        self,
        min_interval: float,
        *,
        max_rest: float = float("inf"),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval = min_interval
        self.max_rest = max_rest
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for the host's turn, hold it while the body runs, then start its interval."""
        state = self._host(host)
        with state.lock:
            now = self._clock()
            if state.rest_until - now > self.max_rest:
                raise HostResting(host, state.rest_until - now)
            wait = max(state.ready_at, state.rest_until) - now
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                with self._lock:
                    state.ready_at = self._clock() + state.interval

    def rest(self, host: str, seconds: float) -> None:
        """Start no request to `host` for `seconds` from now (a Retry-After or a backoff)."""
        state = self._host(host)
        with self._lock:
            state.rest_until = max(state.rest_until, self._clock() + seconds)

    def slow_down(self, host: str, interval: float) -> None:
        """Use a longer interval for `host` (a robots.txt Crawl-delay); never a shorter one."""
        state = self._host(host)
        with self._lock:
            state.interval = max(self.min_interval, interval)

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _Host(self.min_interval)
            return state
