"""SIGTERM during a session: a flag that stops the runner at its next wait, never mid-write.

In-process, on a fake clock: the signal is sent to this very process at a chosen moment
(inside a screen write, inside a wait), so the tests are exact and take no real time.
"""

from __future__ import annotations

import io
import os
import signal
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach.domain.session_record import new_record
from coach.domain.timeline import Timeline, compile_timeline
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.live.cues import Sound
from coach.live.runner import Ending, Runner, Settings
from coach.live.session_clock import (
    Inbox,
    Terminated,
    interruptible,
    shielded,
    sigterm_stops,
)
from tests.test_runner import FakeClock, short_bird

pytestmark = pytest.mark.reliability


@pytest.fixture
def timeline() -> Timeline:
    """The bird-dog, one set of two reps a side, a 2 s hold."""
    return compile_timeline([short_bird(sets=1, reps=2)], get_ready_s=5)


class SplitScreen(io.StringIO):
    """A terminal that takes bytes; on the write that holds `trigger`, SIGTERM arrives
    after the first byte of the first multi-byte character, the rest still to be written."""

    def __init__(self, trigger: str) -> None:
        self.data = bytearray()
        self.trigger = trigger
        self.fired = False

    def write(self, text: str) -> int:
        raw = text.encode()
        cut = next((i + 1 for i, ch in enumerate(raw) if ch >= 0xC0), None)
        if self.fired or self.trigger not in text or cut is None:
            self.data += raw
            return len(text)
        self.fired = True
        self.data += raw[:cut]
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, between two bytes
        self.data += raw[cut:]
        return len(text)

    def isatty(self) -> bool:
        return True


def live_runner(timeline: Timeline, tmp_path: Path, screen: io.StringIO) -> tuple[Runner, Store]:
    store = Store(Paths(tmp_path, tmp_path))
    record = store.claim(new_record(timeline, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), "Test", "en"))
    console = Console(file=screen, width=80, height=24, force_terminal=True, color_system=None)
    settings = Settings(plain=False, sound=Sound.QUIET, read_keys=False)
    runner = Runner(timeline, record, store, settings, console, clock=FakeClock())
    return runner, store


def test_sigterm_during_a_screen_write_leaves_whole_characters(
    timeline: Timeline, tmp_path: Path
) -> None:
    screen = SplitScreen(trigger="H O L D")
    runner, store = live_runner(timeline, tmp_path, screen)
    outcome = runner.run()
    assert screen.fired, "the signal was never sent: the test proves nothing"
    screen.data.decode("utf-8")  # raises on half a character
    assert outcome.terminated and outcome.ending is Ending.STOPPED
    (saved,) = store.history().sessions
    assert saved.status == "stopped"
    # The frame being written when the signal came was finished, then the session stopped.
    frame = screen.data.decode()
    assert frame.count("H O L D") >= 1 and frame.rstrip().endswith(("\x1b[?1049l", "\x1b[?25h"))


class SignalInWait(FakeClock):
    """A clock whose `n`th wait receives SIGTERM while waiting."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        self.n -= 1
        if self.n == 0:
            os.kill(os.getpid(), signal.SIGTERM)
        return super().wait(events, timeout)


def test_sigterm_in_a_wait_stops_there(timeline: Timeline, tmp_path: Path) -> None:
    store = Store(Paths(tmp_path, tmp_path))
    record = store.claim(new_record(timeline, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), "Test", "en"))
    clock = SignalInWait(5)
    settings = Settings(plain=True, sound=Sound.QUIET, read_keys=False)
    out = io.StringIO()
    console = Console(file=io.StringIO())
    outcome = Runner(timeline, record, store, settings, console, out=out, clock=clock).run()
    assert outcome.terminated and outcome.ending is Ending.STOPPED
    assert len(clock.waits) == 4  # the fifth ended as the signal came; no wait after it
    (saved,) = store.history().sessions
    assert saved.status == "stopped"


def test_the_gate_raises_only_at_a_safe_point() -> None:
    with sigterm_stops() as gate:
        os.kill(os.getpid(), signal.SIGTERM)  # outside any wait: only noted
        assert gate.pending
        with pytest.raises(Terminated), interruptible():
            pass  # the next safe point stops
    with sigterm_stops() as gate, pytest.raises(Terminated), interruptible():
        os.kill(os.getpid(), signal.SIGTERM)  # inside a wait: stops at once
    assert signal.getsignal(signal.SIGTERM) is not gate.handler  # put back as it was


def test_the_inbox_wakes_on_a_key_and_times_out() -> None:
    inbox = Inbox()
    try:
        assert inbox.get(0.0) is None
        inbox.put(("key", "q"))
        assert inbox.get(None) == ("key", "q")  # no wait: it was there
        inbox.wake()
        assert inbox.get(None) is None  # a wake-up alone ends a wait without a timeout
    finally:
        inbox.close()


class MaskSeen(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.masks: list[set[int | signal.Signals]] = []

    def write(self, text: str) -> int:
        self.masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))
        return super().write(text)


def test_a_shielded_write_holds_sigterm_back_until_it_is_whole() -> None:
    """The flag alone can't stop a signal from cutting a write to a terminal at the system
    call; held back for the write, SIGTERM reaches the handler after it."""
    stream = MaskSeen()
    with sigterm_stops() as gate:
        out = shielded(stream)
        out.write("╭─╮")
        assert signal.SIGTERM in stream.masks[-1]
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        with SignalAfter(stream):
            out.write("│")
        assert gate.pending and stream.getvalue() == "╭─╮│"


class SignalAfter:
    """SIGTERM sent from inside the next write: held back, it arrives when the write is done."""

    def __init__(self, stream: MaskSeen) -> None:
        self.stream = stream
        self.write = stream.write

    def __enter__(self) -> None:
        def write(text: str) -> int:
            # To this thread: sent to the process, another thread (xdist's) could take it.
            signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
            assert held_back()  # held back while the write runs
            return self.write(text)

        self.stream.write = write  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        self.stream.write = self.write  # type: ignore[method-assign]


def held_back() -> bool:
    return signal.SIGTERM in signal.sigpending()
