"""Session time for the runner: a monotonic clock at preview speed, the inbox it waits on,
and SIGTERM as a flag that stops the session only where nothing is half written.
"""

from __future__ import annotations

import collections
import contextlib
import select
import signal
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TextIO, cast


class Terminated(Exception):
    """SIGTERM arrived: stop, keep what was done, restore the terminal."""


class Inbox:
    """Key presses for the runner, posted by the key thread; the runner waits on it.

    The waiting is a `select` on a socket pair, not a lock with a timeout: a wake-up byte
    ends it at once, and the timeout is a span of time, never a point on some clock.
    """

    def __init__(self) -> None:
        self._items: collections.deque[tuple[str, Any]] = collections.deque()
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)

    def put(self, item: tuple[str, Any]) -> None:
        self._items.append(item)
        self.wake()

    def wake(self) -> None:
        """End the current or next wait (safe from another thread and from a signal handler)."""
        with contextlib.suppress(OSError):  # full or closed: a wake-up is pending anyway
            self._write.send(b"\0")

    def get(self, timeout: float | None) -> tuple[str, Any] | None:
        """The next item, or None when `timeout` seconds passed (or a wake-up came) first."""
        if not self._items:
            with contextlib.suppress(OSError, ValueError):
                select.select([self._read], [], [], timeout)
        with contextlib.suppress(OSError):
            while self._read.recv(4096):
                pass
        return self._items.popleft() if self._items else None

    def close(self) -> None:
        self._read.close()
        self._write.close()


class Clock(Protocol):
    """Session time, and waiting for the next key press for at most some session time."""

    def now(self) -> float: ...

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None: ...


class SpeedClock:
    """Session seconds on the monotonic clock, `speed` times as fast (for previews)."""

    def __init__(self, speed: float = 1.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.speed = speed
        self.monotonic = monotonic
        self.origin = monotonic()

    def now(self) -> float:
        return (self.monotonic() - self.origin) * self.speed

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        """The next key press, or None when `timeout` session seconds passed first."""
        real = None if timeout is None else max(0.0, timeout / self.speed)
        return events.get(real)


class _Gate:
    """SIGTERM while a session runs: a flag, turned into `Terminated` only at safe points.

    A safe point is a wait (for a key or a typed answer) where nothing is being written, so a
    signal never cuts a screen update or a file in half. One that arrives in the middle of
    writing is kept until the next safe point, which comes within one screen update: entering
    it raises at once.
    """

    def __init__(self) -> None:
        self.pending = False
        self.depth = 0  # > 0 inside `interruptible()`

    def handler(self, signum: int, frame: object) -> None:
        self.pending = True
        if self.depth:
            raise Terminated


_gate: _Gate | None = None


@contextlib.contextmanager
def _sigterm_held() -> Iterator[None]:
    """SIGTERM held back from this thread for the block (POSIX), so no write is cut short.

    A handler that only sets a flag is not enough: a signal that interrupts the write to a
    terminal can still leave half a character there. Held back, it goes to another thread
    or waits until the write is whole.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the flag alone
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Shielded:
    """A text stream whose writes SIGTERM does not cut (see `_sigterm_held`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        with _sigterm_held():
            return self.stream.write(text)

    def flush(self) -> None:
        with _sigterm_held():
            self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding ... as the stream's
        return getattr(self.stream, name)


def shielded(stream: TextIO) -> TextIO:
    return cast("TextIO", Shielded(stream))


@contextlib.contextmanager
def shielded_console(console: Any) -> Iterator[None]:
    """A rich console whose writes SIGTERM does not cut, for the block."""
    original = console.file
    console.file = shielded(original)
    try:
        yield
    finally:
        console.file = original


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """A wait that SIGTERM may end: raises `Terminated` now if it came while writing."""
    gate = _gate
    if gate is None:
        yield
        return
    if gate.pending:
        raise Terminated
    gate.depth += 1
    try:
        yield
    finally:
        gate.depth -= 1


@contextlib.contextmanager
def sigterm_stops() -> Iterator[_Gate]:
    """Catch SIGTERM for the block: `Terminated` at the next safe point (see `_Gate`).

    Check the gate's `pending` afterwards: a SIGTERM after the last safe point still
    means the session was stopped by it.
    """
    global _gate  # noqa: PLW0603 -- one session per process; the handler needs a home
    gate = _Gate()
    try:
        previous = signal.signal(signal.SIGTERM, gate.handler)
    except ValueError:  # not the main thread (a test harness): nothing to install
        yield gate
        return
    outer, _gate = _gate, gate
    try:
        yield gate
    finally:
        signal.signal(signal.SIGTERM, previous)
        _gate = outer
