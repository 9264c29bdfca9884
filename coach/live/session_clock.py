"""Session time for the runner: a monotonic clock at preview speed; SIGTERM as an exception."""

from __future__ import annotations

import contextlib
import queue
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol


class Terminated(Exception):
    """SIGTERM arrived: stop, keep what was done, restore the terminal."""


class Clock(Protocol):
    """Session time, and waiting for the next key press for at most some session time."""

    def now(self) -> float: ...

    def wait(
        self, events: queue.Queue[tuple[str, Any]], timeout: float | None
    ) -> tuple[str, Any] | None: ...


class SpeedClock:
    """Session seconds on the monotonic clock, `speed` times as fast (for previews)."""

    def __init__(self, speed: float = 1.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.speed = speed
        self.monotonic = monotonic
        self.origin = monotonic()

    def now(self) -> float:
        return (self.monotonic() - self.origin) * self.speed

    def wait(
        self, events: queue.Queue[tuple[str, Any]], timeout: float | None
    ) -> tuple[str, Any] | None:
        """The next key press, or None when `timeout` session seconds passed first."""
        real = None if timeout is None else max(0.0, timeout / self.speed)
        try:
            return events.get(timeout=real)
        except queue.Empty:
            return None


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into an exception in the main thread, so every `finally` runs."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (a test harness): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
