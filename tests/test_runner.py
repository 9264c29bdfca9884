"""The runner loop with a fake clock: no real waiting, scripted key presses."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach.domain.model import Sides
from coach.domain.session_record import SessionRecord, Status, new_record
from coach.domain.timeline import Kind, PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.session_store import Store
from coach.live import figure
from coach.live.cues import Sound
from coach.live.runner import Runner
from coach.live.session_clock import Inbox
from coach.live.session_outcome import Ending, Settings


class FakeClock:
    """Time moves only when the runner waits; key presses come at scripted times."""

    def __init__(
        self, keys: list[tuple[float, str]] | None = None, interrupt_at: float | None = None
    ) -> None:
        self.t = 0.0
        self.keys = sorted(keys or [])
        self.interrupt_at = interrupt_at
        self.waits: list[float | None] = []

    def now(self) -> float:
        return self.t

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        self.waits.append(timeout)
        if self.interrupt_at is not None and (
            timeout is None or self.interrupt_at <= self.t + timeout
        ):
            self.t = max(self.t, self.interrupt_at)
            self.interrupt_at = None
            raise KeyboardInterrupt
        if self.keys and (timeout is None or self.keys[0][0] <= self.t + timeout):
            at, key = self.keys.pop(0)
            self.t = max(self.t, at)
            return ("key", key)
        assert timeout is not None, "the runner would wait for ever"
        self.t += timeout
        return None


class CountingStore(Store):
    def __init__(self, paths: Paths) -> None:
        super().__init__(paths)
        self.saved: list[int] = []  # reps done at each save

    def save(self, record: SessionRecord) -> Path:
        self.saved.append(sum(e.reps_done for e in record.exercises))
        return super().save(record)


LIBRARY = Paths(Path("/nonexistent"), Path("/nonexistent"))


def short_bird(**changes: Any) -> PlannedExercise:
    """The bird-dog made short for runner tests: 2 sets of 1 rep a side, a 2 s hold."""
    bird = load_library(LIBRARY).exercises["bird-dog"]
    short: dict[str, Any] = {"sets": 2, "reps": 1, "sides": Sides.ALTERNATE, "move_s": 1}
    short |= {"hold_s": 2, "return_s": 1, "rest_between_sets_s": 10}
    return PlannedExercise(bird, dataclasses.replace(bird.dosage, **(short | changes)))


@pytest.fixture
def timeline() -> Timeline:
    walk = load_library(LIBRARY).exercises["walk"]
    return compile_timeline(
        [short_bird(), PlannedExercise(walk, dataclasses.replace(walk.dosage, duration_s=60))],
        get_ready_s=5,  # the runner's timing, not the time to get down
    )


def make(
    timeline: Timeline,
    tmp_path: Path,
    clock: FakeClock,
    *,
    plain: bool = True,
    stdin: str = "",
    keys: bool = True,
    **kwargs: Any,
) -> tuple[Runner, CountingStore, io.StringIO]:
    """A runner on a fake clock; with `keys`, key presses come from the clock's script."""
    store = CountingStore(Paths(tmp_path, tmp_path))
    record = store.claim(new_record(timeline, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), "Test", "en"))
    out = io.StringIO()
    settings = Settings(plain=plain, sound=Sound.QUIET, read_keys=keys)
    console = Console(file=io.StringIO(), width=80, height=24)
    runner = Runner(
        timeline,
        record,
        store,
        settings,
        console,
        out=out,
        stdin=io.StringIO(stdin),
        clock=clock,
        **kwargs,
    )
    return runner, store, out


def test_plain_run_prints_stamped_lines_and_saves_each_set(
    timeline: Timeline, tmp_path: Path
) -> None:
    clock = FakeClock()
    runner, store, out = make(timeline, tmp_path, clock)
    outcome = runner.run()
    assert outcome.ending is Ending.COMPLETE
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[00:00.0] bird-dog: get ready 5 s - ")
    assert (
        "[00:05.0] bird-dog set 1/2 rep 1/1 left: move into position 1 s"
        " - Left arm and right leg out"
    ) in lines
    assert (
        "[00:06.0] bird-dog set 1/2 rep 1/1 left: hold 2 s - Keep your trunk still, breathe calmly"
    ) in lines
    assert "[00:13.0] bird-dog set 1/2: done" in lines
    assert "[00:13.0] bird-dog set 1/2: rest 10 s, next: set 2/2 rep 1/1 left" in lines
    assert "[02:36.0] walk: halfway" in lines  # 31 s bird-dog, 90 s rest, 5 s get ready, 30 s
    assert lines[-1] == "[03:06.0] session done"
    # Saved after each of the three sets (two of bird-dog, the walk), then at the end.
    assert store.saved == [2, 4, 4, 4]
    saved = store.history().sessions
    assert [r.status for r in saved] == [Status.COMPLETE]
    assert saved[0].exercises[1].done[0].seconds == 60


def test_no_busy_waiting(timeline: Timeline, tmp_path: Path) -> None:
    clock = FakeClock()
    make(timeline, tmp_path, clock)[0].run()
    waits = [w for w in clock.waits if w is not None]
    assert all(w > 0 for w in waits)
    # At most one wake-up per second of session time plus one per phase.
    assert len(waits) <= timeline.total + len(timeline.phases)


def test_pause_shifts_everything_after_it(timeline: Timeline, tmp_path: Path) -> None:
    clock = FakeClock(keys=[(2.0, "space"), (12.0, "space")])
    runner, _store, out = make(timeline, tmp_path, clock)
    runner.run()
    lines = out.getvalue().splitlines()
    assert "[00:02.0] paused" in lines and "[00:12.0] resumed" in lines
    assert (
        "[00:15.0] bird-dog set 1/2 rep 1/1 left: move into position 1 s"
        " - Left arm and right leg out"
    ) in lines


def test_skip_and_repeat_keys(timeline: Timeline, tmp_path: Path) -> None:
    clock = FakeClock(keys=[(1.0, "n"), (2.5, "b"), (20.0, "right")])
    runner, _store, out = make(timeline, tmp_path, clock)
    outcome = runner.run()
    text = out.getvalue()
    assert "[00:01.0] skipped: get ready" in text
    assert "[00:02.5] repeat the rep" in text
    assert outcome.record.exercises[0].skipped == 2


def test_q_keeps_or_discards(timeline: Timeline, tmp_path: Path) -> None:
    runner, store, _out = make(
        timeline, tmp_path / "keep", FakeClock(keys=[(15.0, "q"), (16.0, "y")])
    )
    outcome = runner.run()
    assert outcome.ending is Ending.STOPPED
    (record,) = store.history().sessions
    assert record.status is Status.STOPPED and record.exercises[0].reps_done == 2

    runner, store, _out = make(
        timeline, tmp_path / "drop", FakeClock(keys=[(15.0, "q"), (16.0, "n"), (17.0, "y")])
    )
    assert runner.run().ending is Ending.DISCARDED
    assert store.history().sessions == []


@pytest.mark.parametrize(
    "keys",
    [
        ["q", "enter"],  # Enter at the question: keep, the default
        ["q", "n", "esc", "y"],  # n, then no second yes: back to the question, then keep
        ["q", "n", "n", "enter"],
    ],
)
def test_no_session_is_lost_by_one_key(timeline: Timeline, tmp_path: Path, keys: list[str]) -> None:
    clock = FakeClock(keys=[(15.0 + i, key) for i, key in enumerate(keys)])
    runner, store, _out = make(timeline, tmp_path, clock)
    assert runner.run().ending is Ending.STOPPED
    (record,) = store.history().sessions
    assert record.exercises[0].reps_done == 2


def test_q_then_escape_goes_on(timeline: Timeline, tmp_path: Path) -> None:
    runner, _store, _out = make(timeline, tmp_path, FakeClock(keys=[(3.0, "q"), (4.0, "esc")]))
    assert runner.run().ending is Ending.COMPLETE


def test_ctrl_c_without_keys_asks_on_stdin(timeline: Timeline, tmp_path: Path) -> None:
    runner, store, out = make(
        timeline, tmp_path, FakeClock(interrupt_at=20.0), stdin="n\ny\n", keys=False
    )
    outcome = runner.run()
    assert outcome.interrupted and outcome.ending is Ending.DISCARDED
    assert "Save what you did so far? (y/n)" in out.getvalue()
    assert "Throw away what you did today? (y/n)" in out.getvalue()  # a second yes
    assert store.history().sessions == []
    runner, store, out = make(
        timeline, tmp_path / "kept", FakeClock(interrupt_at=20.0), stdin="n\n\n", keys=False
    )
    assert runner.run().ending is Ending.STOPPED  # no second yes: kept


def test_ctrl_c_with_no_answer_keeps_the_work(timeline: Timeline, tmp_path: Path) -> None:
    runner, store, _out = make(
        timeline, tmp_path, FakeClock(interrupt_at=20.0), stdin="", keys=False
    )
    outcome = runner.run()
    assert outcome.interrupted and outcome.ending is Ending.STOPPED
    assert len(store.history().sessions) == 1


def test_between_exercises_hook(timeline: Timeline, tmp_path: Path) -> None:
    seen: list[tuple[int, float]] = []
    clock = FakeClock()

    def between(index: int) -> bool:
        seen.append((index, clock.t))
        clock.t += 30  # the person takes 30 s to answer; the session waits
        return True

    runner, _store, out = make(timeline, tmp_path, clock, between=between)
    outcome = runner.run()
    assert seen == [(0, 31.0), (1, 216.0)]
    assert "[00:31.0] paused" in out.getvalue() and "[01:01.0] resumed" in out.getvalue()
    assert outcome.ending is Ending.COMPLETE


def test_a_stop_after_the_last_exercise_is_no_complete_session(
    timeline: Timeline, tmp_path: Path
) -> None:
    """The stop rule after the last exercise: no "Session complete. Well done!" then."""
    runner, _store, _out = make(timeline, tmp_path, FakeClock(), between=lambda index: index == 0)
    assert runner.run().ending is Ending.STOPPED


def test_between_can_end_the_session(timeline: Timeline, tmp_path: Path) -> None:
    runner, store, _out = make(timeline, tmp_path, FakeClock(), between=lambda index: False)
    outcome = runner.run()
    assert outcome.ending is Ending.STOPPED
    (record,) = store.history().sessions
    assert record.exercises[0].reps_done == 4 and not record.exercises[1].done


class FakeLive:
    def __init__(self) -> None:
        self.updates = 0

    def update(self, renderable: object, refresh: bool = False) -> None:
        self.updates += 1


def test_full_screen_redraws_only_on_change(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    live = FakeLive()

    @contextlib.contextmanager
    def screen(self: Runner) -> Any:
        yield live

    monkeypatch.setattr(Runner, "_screen", screen)
    clock = FakeClock()
    runner, _store, out = make(timeline, tmp_path, clock, plain=False)
    runner.run()
    assert out.getvalue() == ""  # nothing printed line by line
    # One frame per second shown, and a few a second while the figure moves; never one
    # per wake-up or per event.
    moving = sum(p.duration for p in timeline.phases if p.kind in (Kind.MOVE, Kind.RETURN))
    assert 0 < live.updates <= timeline.total + len(timeline.phases) + moving * figure.FPS
    assert live.updates <= len([w for w in clock.waits if w is not None]) + 1
