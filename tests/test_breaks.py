"""Movement breaks with a fake clock: reminders, taking, snoozing, skipping, the record."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console

from coach.domain.break_timer import REPEAT_S, BreakTimer, Outcome, State
from coach.files.break_log import load_since
from coach.files.paths import Paths
from coach.live.break_loop import BreakRunner, BreakSettings
from coach.live.session_clock import Inbox


def test_timer_reminds_repeats_and_counts() -> None:
    timer = BreakTimer(0.0, every_s=3000, walk_s=180, snooze_s=600)
    assert timer.tick(2999) == []
    assert [t.kind for t in timer.tick(3000)] == ["remind"]
    assert timer.state is State.DUE
    assert [t.kind for t in timer.tick(3000 + REPEAT_S)] == ["again"]
    assert [t.kind for t in timer.take(3400)] == ["walking"]
    assert [(t.kind, t.at) for t in timer.tick(3580)] == [("taken", 3580)]
    assert timer.next_change() == 3580 + 3000
    assert [t.kind for t in timer.tick(6580)] == ["remind"]
    assert [t.kind for t in timer.snooze(6600)] == ["snoozed"]
    assert timer.next_change() == 7200
    timer.tick(7200)
    assert [t.kind for t in timer.skip(7210)] == ["skipped"]
    assert timer.next_change() == 7210 + 3000
    assert (
        timer.count(Outcome.TAKEN),
        timer.count(Outcome.SNOOZED),
        timer.count(Outcome.SKIPPED),
    ) == (1, 1, 1)


def test_snooze_only_when_due_and_take_early() -> None:
    timer = BreakTimer(0.0, every_s=3000, walk_s=120, snooze_s=600)
    assert timer.snooze(100) == []
    assert [t.kind for t in timer.take(100)] == ["walking"]  # a break before the reminder
    assert [t.kind for t in timer.tick(220)] == ["taken"]


class FakeClock:
    def __init__(self, keys: list[tuple[float, str]]) -> None:
        self.t = 0.0
        self.keys = keys

    def now(self) -> float:
        return self.t

    def wait(self, events: Inbox, timeout: float | None) -> tuple[str, Any] | None:
        if self.keys and (timeout is None or self.keys[0][0] <= self.t + timeout):
            at, key = self.keys.pop(0)
            self.t = max(self.t, at)
            return ("key", key)
        assert timeout is not None
        self.t += timeout
        return None


def breaks_with_keys(
    paths: Paths, keys: list[tuple[float, str]], walk_min: int
) -> tuple[BreakRunner, io.StringIO]:
    """A break runner on the fake clock, every 50 minutes, its lines going to a buffer."""
    out = io.StringIO()
    runner = BreakRunner(
        paths,
        BreakSettings(every_min=50, walk_min=walk_min, read_keys=True),
        Console(file=io.StringIO()),
        out=out,
        stdin=io.StringIO(),
        clock=FakeClock(keys),
    )
    return runner, out


def test_runner_records_every_break(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    keys = [(3000.0, "space"), (6400.0, "s"), (7100.0, "n"), (9000.0, "q")]
    runner, out = breaks_with_keys(paths, keys, walk_min=3)
    day = runner.run()
    text = out.getvalue()
    assert "Time to stand up and walk for 3 minutes" in text
    assert "Break taken (1 today). Next one in 50 min." in text
    assert "Snoozed for 10 min." in text and "Skipped." in text
    assert [kind for _at, kind in day.events] == ["taken", "snoozed", "skipped"]
    (stored,) = load_since(paths, day.started.date())[0]
    assert stored.taken() == 1 and stored.ended is not None


def test_a_walk_under_way_when_stopping_counts_as_taken(tmp_path: Path) -> None:
    """Space, then q during the one-minute walk: one break taken, said in the singular."""
    from coach.live.break_loop import summary

    paths = Paths(tmp_path, tmp_path)
    runner, out = breaks_with_keys(paths, [(3000.0, "space"), (3030.0, "q")], walk_min=1)
    day = runner.run()
    assert "Walk for 1 minute;" in out.getvalue()
    assert [kind for _at, kind in day.events] == ["taken"]
    assert summary(day, runner.timer).plain.startswith("1 break taken, 0 snoozed, 0 skipped")
    (stored,) = load_since(paths, day.started.date())[0]
    assert stored.taken() == 1
