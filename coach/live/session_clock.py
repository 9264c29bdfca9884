"""Session time for the runner: a monotonic clock at preview speed, the inbox it waits on,
and signals as flags that act only where nothing is half written.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TextIO, cast


class Terminated(Exception):
    """SIGTERM or SIGHUP arrived: stop, keep what was done, restore the terminal."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.signum = signum


# The signals that end a session (saved, terminal restored), and the ones that pause it.
# Windows has only SIGTERM and SIGINT of these.
_HANDLED = ("SIGTERM", "SIGHUP", "SIGINT", "SIGTSTP", "SIGCONT")
HELD = frozenset(getattr(signal, s) for s in _HANDLED if hasattr(signal, s))
HANGUP: int = getattr(signal, "SIGHUP", signal.SIGTERM)  # Windows has no SIGHUP


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


class Gate:
    """Signals while a command runs: flags, turned into exceptions only at safe points.

    A safe point is a wait (for a key or a typed answer) where nothing is being written, so
    a signal never cuts a screen update or a file in half. One that arrives in the middle of
    writing is kept until the next safe point, which comes within one screen update:
    entering it raises at once.

    - SIGTERM, SIGHUP: `Terminated`. The first one decides the exit code; once it has come,
      every later signal (Ctrl-C, Ctrl-Z, another SIGTERM) is ignored until the command is
      done, so nothing cuts the restoring of the terminal or the saving of the record.
    - SIGINT (Ctrl-C): `KeyboardInterrupt`, at a safe point only.
    - SIGTSTP (Ctrl-Z): with the full screen on, the runner is woken to hand the terminal
      back first (`suspend`); otherwise the process stops at once, as it would without coach.
    - SIGCONT: `resumed`, so the runner counts the time it was stopped as a pause.
    """

    def __init__(self) -> None:
        self.stop: int | None = None  # the first SIGTERM or SIGHUP
        self.interrupt = False  # a Ctrl-C that came outside a safe point
        self.depth = 0  # > 0 inside `interruptible()`
        self.wake: Callable[[], None] | None = None  # the runner's, while its screen is on
        self.suspend = False  # Ctrl-Z, for the runner to take
        self.resumed = False  # SIGCONT came: the runner pauses

    def on_stop(self, signum: int, frame: object) -> None:
        if self.stop is not None:
            return
        self.stop = signum
        if self.depth:
            raise Terminated(signum)
        self._wake()

    def on_interrupt(self, signum: int, frame: object) -> None:
        if self.stop is not None:
            return
        if self.depth:
            raise KeyboardInterrupt
        self.interrupt = True

    def on_suspend(self, signum: int, frame: object) -> None:
        if self.stop is not None:
            return
        if self.wake is None:  # the terminal is as the shell left it: stop now
            stop_process()
            return
        self.suspend = True
        self._wake()

    def on_continue(self, signum: int, frame: object) -> None:
        self.resumed = True
        self._wake()

    def _wake(self) -> None:
        if self.wake is not None:
            self.wake()

    def handler(self, name: str) -> Callable[[int, object], None]:
        return {
            "SIGTERM": self.on_stop,
            "SIGHUP": self.on_stop,
            "SIGINT": self.on_interrupt,
            "SIGTSTP": self.on_suspend,
            "SIGCONT": self.on_continue,
        }[name]


def stop_process() -> None:
    """Stop this process as Ctrl-Z does (POSIX); it goes on from here after `fg`."""
    if sys.platform == "win32":  # no job control: nothing sends or handles SIGTSTP there
        return
    previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    try:
        os.kill(os.getpid(), signal.SIGTSTP)
    finally:
        signal.signal(signal.SIGTSTP, previous)


_gate: Gate | None = None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """The handled signals held back from this thread for the block (POSIX), so no write
    is cut short.

    A handler that only sets a flag is not enough: a signal that interrupts the write to a
    terminal can still leave half a character there. Held back, it goes to another thread
    or waits until the write is whole.
    """
    if sys.platform == "win32":  # no signal masks: the flag alone
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_GONE = (errno.EIO, errno.EPIPE)


class Shielded:
    """A text stream whose writes no handled signal cuts (see `_signals_held`).

    A terminal that is gone (its window closed: EIO; a closed pipe: EPIPE) takes every
    later write without a word: nobody is left to read it, and the work must still be saved.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                with _signals_held():
                    return self.stream.write(text)
            except OSError as exc:
                self._lost(exc)
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                with _signals_held():
                    self.stream.flush()
            except OSError as exc:
                self._lost(exc)

    def _lost(self, exc: OSError) -> None:
        if exc.errno not in _GONE:
            raise exc
        self.gone = True
        # A terminal that is gone without a SIGHUP reaching coach (its window closed while
        # the shell ignores the signal) is a hang-up all the same: stop at the next wait,
        # never run on in the dark and credit reps nobody saw.
        if exc.errno == errno.EIO and _gate is not None:
            _gate.on_stop(HANGUP, None)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding ... as the stream's
        return getattr(self.stream, name)


def terminal_gone() -> None:
    """After SIGHUP: standard output and error go to the null device, so nothing written
    later (a buffer flushed at exit) fails on the closed terminal and changes the exit code."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)


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
    """A wait that a signal may end: raises now what came while writing (see `Gate`)."""
    gate = _gate
    if gate is None:
        yield
        return
    if gate.stop is not None:
        raise Terminated(gate.stop)
    if gate.interrupt:
        gate.interrupt = False
        raise KeyboardInterrupt
    gate.depth += 1
    try:
        yield
    finally:
        gate.depth -= 1


@contextlib.contextmanager
def stop_signals() -> Iterator[Gate]:
    """Catch the handled signals for the block (see `Gate`); the gate already installed,
    when there is one, so a session inside `coach start` shares its command's gate.

    Check the gate's `stop` afterwards: a SIGTERM after the last safe point still means
    the session was stopped by it.
    """
    global _gate  # noqa: PLW0603 -- one command per process; the handlers need a home
    if _gate is not None:
        yield _gate
        return
    gate = Gate()
    # A signal the starter ignores stays ignored: SIGHUP under nohup, SIGINT in a job
    # started with & by a shell without job control.
    names = [
        name
        for name in _HANDLED
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN
    ]
    try:
        previous = {
            name: signal.signal(getattr(signal, name), gate.handler(name)) for name in names
        }
    except ValueError:  # not the main thread (a test harness): nothing to install
        yield gate
        return
    _gate = gate
    try:
        yield gate
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
        _gate = None
