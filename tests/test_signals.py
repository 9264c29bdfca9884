"""SIGTERM during a session: a flag that stops the runner at its next wait, never mid-write.

In-process, on a fake clock: the signal is sent to this very process at a chosen moment
(inside a screen write, inside a wait), so the tests are exact and take no real time.
"""

from __future__ import annotations

import errno
import io
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach.domain.session_record import new_record
from coach.domain.timeline import Timeline, compile_timeline
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.live import session_clock
from coach.live.cues import Sound
from coach.live.runner import JUMP_S, Runner
from coach.live.session_clock import (
    Inbox,
    SpeedClock,
    Terminated,
    interruptible,
    shielded,
    stop_signals,
)
from coach.live.session_outcome import Ending, Settings
from tests.test_runner import FakeClock, make, short_bird

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
    with stop_signals() as gate:
        os.kill(os.getpid(), signal.SIGTERM)  # outside any wait: only noted
        assert gate.stop is not None
        with pytest.raises(Terminated), interruptible():
            pass  # the next safe point stops
    with stop_signals() as gate, pytest.raises(Terminated), interruptible():
        os.kill(os.getpid(), signal.SIGTERM)  # inside a wait: stops at once
    assert signal.getsignal(signal.SIGTERM) != gate.on_stop  # put back as it was


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
    with stop_signals() as gate:
        out = shielded(stream)
        out.write("╭─╮")
        assert signal.SIGTERM in stream.masks[-1]
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        with SignalAfter(stream):
            out.write("│")
        assert gate.stop is not None and stream.getvalue() == "╭─╮│"


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


# -- time nobody exercised, Ctrl-Z, SIGHUP --------------------------------------------------


class StoppedFor(FakeClock):
    """A clock whose `n`th wait ends `gap` seconds late: the process was stopped (SIGSTOP)
    or the machine slept; with `signum`, that signal arrives during the wait too."""

    def __init__(self, n: int, gap: float, signum: int | None = None) -> None:
        super().__init__()
        self.n, self.gap, self.signum = n, gap, signum

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        self.n -= 1
        item = super().wait(events, timeout)
        if self.n == 0:
            self.t += self.gap
            if self.signum is not None:
                os.kill(os.getpid(), self.signum)
        return item


def plain_run(
    timeline: Timeline,
    tmp_path: Path,
    clock: FakeClock,
    keys: bool = True,
    between: Callable[[int], bool] | None = None,
) -> tuple[Runner, Store, io.StringIO]:
    """A plain session; with `keys` as from a terminal (the keys come from the fake clock),
    and `between` for the questions after each exercise."""
    return make(timeline, tmp_path, clock, keys=keys, between=between)


def two_birds() -> Timeline:
    return compile_timeline([short_bird(sets=1, reps=1), short_bird(sets=1, reps=1)], 5)


@pytest.mark.parametrize(("gap", "paused"), [(3.0, False), (3.5, True), (600.0, True)])
def test_a_wait_that_ends_late_is_a_pause(
    timeline: Timeline, tmp_path: Path, gap: float, paused: bool
) -> None:
    """Over 3 s late (JUMP_S): paused at the moment the wait should have ended, nothing
    credited for the time in between; up to 3 s late is a busy machine and goes on."""
    clock = StoppedFor(3, gap)  # in the first hold
    runner, _store, out = plain_run(timeline, tmp_path, clock)
    clock.keys = [(10_000.0, "q"), (10_001.0, "y")]  # nobody comes back: stopped much later
    outcome = runner.run()
    text = out.getvalue()
    assert ("paused" in text) is paused
    if paused:
        assert outcome.ending is Ending.STOPPED
        assert outcome.record.exercises[0].done == []  # the hold that "ran" is not credited
    else:
        assert outcome.ending is Ending.COMPLETE


def test_without_keys_the_session_goes_on_without_the_time_away(
    timeline: Timeline, tmp_path: Path
) -> None:
    """Nobody can press space (stdin is no terminal): paused and at once resumed, so the
    session ends as planned, its clock not moved on by the ten minutes away."""
    clock = StoppedFor(3, 600.0)
    runner, _store, out = plain_run(timeline, tmp_path, clock, keys=False)
    outcome = runner.run()
    lines = out.getvalue().splitlines()
    assert outcome.ending is Ending.COMPLETE
    paused = next(i for i, line in enumerate(lines) if line.endswith("paused"))
    assert lines[paused + 1].endswith("resumed")  # nothing ran in between

    def stamp(line: str) -> float:  # "[mm:ss.s] ..."
        minutes, seconds = line[1:8].split(":")
        return int(minutes) * 60 + float(seconds)

    assert stamp(lines[paused + 1]) - stamp(lines[paused]) >= 600 - JUMP_S  # all of it a pause


@pytest.mark.parametrize("signum", [signal.SIGCONT, signal.SIGTSTP])
def test_ctrl_z_and_sigcont_pause_the_session(
    timeline: Timeline, tmp_path: Path, signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops: list[str] = []
    monkeypatch.setattr(session_clock, "stop_process", lambda: stops.append("stopped"))
    clock = StoppedFor(3, 0.0, signum)  # a signal in the first hold, and no time lost
    runner, _store, out = plain_run(timeline, tmp_path, clock)  # paused until a key
    clock.keys = [(10_000.0, "q"), (10_001.0, "y")]
    outcome = runner.run()
    assert "paused" in out.getvalue()
    assert outcome.ending is Ending.STOPPED and not outcome.terminated
    assert stops == (["stopped"] if signum == signal.SIGTSTP else [])


def test_sighup_stops_like_sigterm_and_says_which(timeline: Timeline, tmp_path: Path) -> None:
    clock = StoppedFor(5, 0.0, signal.SIGHUP)
    runner, store, _out = plain_run(timeline, tmp_path, clock)
    outcome = runner.run()
    assert outcome.signal == signal.SIGHUP and outcome.ending is Ending.STOPPED
    (saved,) = store.history().sessions
    assert saved.status == "stopped"


def test_after_a_stop_signal_ctrl_c_is_ignored() -> None:
    with stop_signals() as gate:
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGINT)  # would have cut the saving short
        assert gate.stop == signal.SIGTERM and not gate.interrupt
    with stop_signals() as gate:
        os.kill(os.getpid(), signal.SIGINT)  # outside a wait: kept for the next one
        with pytest.raises(KeyboardInterrupt), interruptible():
            pass


def test_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with stop_signals():
            assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_a_closed_terminal_takes_the_rest_without_a_traceback() -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

    stream = shielded(Gone())
    assert stream.write("the last frame") == len("the last frame")
    stream.flush()


def test_ctrl_c_while_coach_is_loading_ends_quietly_with_130() -> None:
    """SIGINT arrives while typer is being imported (the first tenth of a second of every
    command): exit 130, no traceback. Sent by an import hook, so no timing is involved."""
    script = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Hook())\n"
        "sys.argv = ['coach', 'history']\n"
        "from coach.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: signal.signal(
            signal.SIGINT, signal.SIG_DFL
        ),  # even from a background job
    )
    assert (done.returncode, done.stderr) == (130, "")


def test_the_speed_clock_counts_session_seconds() -> None:
    ticks = iter([10.0, 12.0])
    clock = SpeedClock(speed=4, monotonic=lambda: next(ticks))
    assert clock.now() == 8.0  # two real seconds at four times the speed
    inbox = Inbox()
    inbox.put(("key", "q"))
    assert clock.wait(inbox, 4.0) == ("key", "q")
    inbox.close()


def test_ctrl_z_at_a_question_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the full screen (a question, the questions before a session) the terminal
    is as the shell left it: Ctrl-Z stops the process straight away."""
    kills: list[tuple[int, object]] = []
    monkeypatch.setattr(
        os, "kill", lambda pid, signum: kills.append((signum, signal.getsignal(signum)))
    )
    before = signal.getsignal(signal.SIGTSTP)
    session_clock.stop_process()
    assert kills == [(signal.SIGTSTP, signal.SIG_DFL)]  # the default action: a real stop
    assert signal.getsignal(signal.SIGTSTP) == before  # and the handler back after it
    stops: list[str] = []
    monkeypatch.setattr(session_clock, "stop_process", lambda: stops.append("now"))
    gate = session_clock.Gate()
    gate.on_suspend(signal.SIGTSTP, None)
    assert stops == ["now"] and not gate.suspend
    gate.on_stop(signal.SIGTERM, None)
    gate.on_suspend(signal.SIGTSTP, None)  # stopping already: ignored
    assert stops == ["now"]


def test_a_terminal_gone_without_sighup_is_a_hang_up() -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

        def flush(self) -> None:
            raise OSError(errno.EIO, "Input/output error")

    with stop_signals() as gate:
        stream = shielded(Gone())
        stream.flush()
        assert gate.stop == session_clock.HANGUP
        with pytest.raises(Terminated), interruptible():
            pass
    inner = io.StringIO()
    other = shielded(inner)
    inner.close()
    with pytest.raises(ValueError):  # a closed stream is a bug, not a hang-up: said
        other.write("x")


def test_after_a_hang_up_nothing_more_reaches_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    moved: list[int] = []
    monkeypatch.setattr(os, "dup2", lambda source, fd: moved.append(fd))
    session_clock.terminal_gone()
    assert moved == [1, 2]


def test_the_exit_code_and_the_words_after_a_signal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.errors import ExitCode
    from coach.live import guided_session

    gone: list[str] = []
    monkeypatch.setattr(session_clock, "terminal_gone", lambda: gone.append("gone"))
    assert guided_session._signalled(signal.SIGHUP) is ExitCode.HANGUP
    assert gone == ["gone"] and capsys.readouterr().err == ""
    assert guided_session._signalled(signal.SIGTERM) is ExitCode.TERMINATED
    assert "Stopped by a signal (SIGTERM)" in capsys.readouterr().err


def test_the_console_script_quiets_ctrl_c_only_while_loading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    from coach import launch

    seen: list[object] = []
    fake = types.ModuleType("coach.cli")
    fake.main = lambda: seen.append(signal.getsignal(signal.SIGINT))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "coach.cli", fake)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        launch.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen == [signal.default_int_handler]  # the command runs with Python's own
    with pytest.raises(SystemExit) as done:
        launch._loading(signal.SIGINT, None)
    assert done.value.code == 130


def test_sigterm_ends_the_plain_stop_question_too(timeline: Timeline, tmp_path: Path) -> None:
    """Plain mode without keys reads "Save what you did so far?" as a line: a SIGTERM while
    it waits ends the wait (it kept waiting for an answer before), and the work is kept."""
    read, write = os.pipe()

    class Waiting(io.StringIO):
        waited_out = False

        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            os.kill(os.getpid(), signal.SIGTERM)
            select.select([read], [], [], 5)  # nobody answers; a SIGTERM must end this
            self.waited_out = True
            return ""

    clock = FakeClock(interrupt_at=3.0)  # Ctrl-C in the first hold: the question
    runner, store, _out = plain_run(timeline, tmp_path, clock, keys=False)
    runner.stdin = stdin = Waiting()
    outcome = runner.run()
    os.close(read)
    os.close(write)
    assert not stdin.waited_out
    assert outcome.signal == signal.SIGTERM and outcome.ending is Ending.STOPPED
    (saved,) = store.history().sessions
    assert saved.status == "stopped"


def test_ctrl_z_at_a_question_between_exercises_does_not_pause_the_next(
    tmp_path: Path,
) -> None:
    def between(index: int) -> bool:
        os.kill(os.getpid(), signal.SIGCONT)  # as after Ctrl-Z and fg at the question
        return True

    runner, _store, _out = plain_run(two_birds(), tmp_path, FakeClock(), between=between)
    outcome = runner.run()
    assert outcome.ending is Ending.COMPLETE  # not left paused after the question
    assert all(e.done for e in outcome.record.exercises)


def test_questions_cut_short_by_ctrl_c_come_again_when_the_person_goes_on(
    tmp_path: Path,
) -> None:
    asked: list[int] = []

    def between(index: int) -> bool:
        asked.append(index)
        if len(asked) == 1:
            raise KeyboardInterrupt  # Ctrl-C at the first exercise's questions
        return True

    clock = FakeClock(keys=[(30.0, "esc")])  # "go on" at the stop question
    runner, _store, _out = plain_run(two_birds(), tmp_path, clock, between=between)
    outcome = runner.run()
    assert asked == [0, 0, 1]  # the first exercise's questions again, then the second's
    assert outcome.ending is Ending.COMPLETE and not outcome.interrupted


def test_on_windows_only_sigterm_and_ctrl_c_are_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows faked: no SIGHUP, SIGTSTP or SIGCONT, no signal masks, no Ctrl-Z stop."""
    for name in ("SIGHUP", "SIGTSTP", "SIGCONT"):
        monkeypatch.delattr(signal, name)
    monkeypatch.setattr(sys, "platform", "win32")

    def no_masks(*args: object) -> None:
        raise AssertionError("Windows has no pthread_sigmask")

    monkeypatch.setattr(signal, "pthread_sigmask", no_masks)
    monkeypatch.setattr(os, "kill", no_masks)
    with stop_signals() as gate:
        assert signal.getsignal(signal.SIGTERM) == gate.on_stop
        assert signal.getsignal(signal.SIGINT) == gate.on_interrupt
        stream = shielded(io.StringIO())
        assert stream.write("a whole line") == len("a whole line")  # written without a mask
        session_clock.stop_process()  # nothing to stop with: returns
    assert signal.getsignal(signal.SIGTERM) != gate.on_stop
