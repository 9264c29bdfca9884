"""`coach breaks`: reminders to stand up and walk on laptop days. The timer is pure.

The advice (practice blog; NHG-Standaard Aspecifieke lagerugpijn 2017): vary
your posture and don't sit for more than about an hour without a short walk.
Every `every` minutes the timer reminds; the person takes the break (a walk of
a few minutes, timed), snoozes it or skips it. While a reminder waits for an
answer it repeats every few minutes, gently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import tomli_w

from coach.errors import CoachError, InvalidFileError, Problem
from coach.paths import Paths
from coach.storage import atomic_write_bytes, private_dir
from coach.validate import Reader, read_toml

BREAKS_SCHEMA = 1
REPEAT_S = 300  # a reminder nobody answered rings again after five minutes


class State(StrEnum):
    WAITING = "waiting"  # sitting; the next reminder is ahead
    DUE = "due"  # a reminder is showing
    WALKING = "walking"  # the break is running


class Outcome(StrEnum):
    TAKEN = "taken"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Tick:
    """What happened: a reminder ("remind"), a repeat ("again"), or a break outcome."""

    kind: str
    at: float


class BreakTimer:
    """Pure: `now` in seconds comes in, events come out; no clock, no I/O."""

    def __init__(self, now: float, every_s: float, walk_s: float, snooze_s: float) -> None:
        self.every_s, self.walk_s, self.snooze_s = every_s, walk_s, snooze_s
        self.state = State.WAITING
        self.deadline = now + every_s
        self.outcomes: list[tuple[float, Outcome]] = []

    def next_change(self) -> float:
        return self.deadline

    def remaining(self, now: float) -> float:
        return max(0.0, self.deadline - now)

    def tick(self, now: float) -> list[Tick]:
        events = []
        while now >= self.deadline:
            if self.state is State.WAITING:
                self.state = State.DUE
                events.append(Tick("remind", self.deadline))
                self.deadline += REPEAT_S
            elif self.state is State.DUE:
                events.append(Tick("again", self.deadline))
                self.deadline += REPEAT_S
            else:  # the walk is over: a break taken
                events.append(self._outcome(Outcome.TAKEN, self.deadline, self.every_s))
        return events

    def take(self, now: float) -> list[Tick]:
        """Going for the walk now (also before the reminder, when the person wants to)."""
        events = self.tick(now)
        if self.state is not State.WALKING:
            self.state = State.WALKING
            self.deadline = now + self.walk_s
            events.append(Tick("walking", now))
        return events

    def snooze(self, now: float) -> list[Tick]:
        events = self.tick(now)
        if self.state is State.DUE:
            events.append(self._outcome(Outcome.SNOOZED, now, self.snooze_s))
        return events

    def skip(self, now: float) -> list[Tick]:
        events = self.tick(now)
        if self.state is not State.WAITING:
            events.append(self._outcome(Outcome.SKIPPED, now, self.every_s))
        return events

    def _outcome(self, outcome: Outcome, at: float, wait: float) -> Tick:
        self.outcomes.append((at, outcome))
        self.state = State.WAITING
        self.deadline = at + wait
        return Tick(outcome.value, at)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for _at, o in self.outcomes if o is outcome)


# -- the record ------------------------------------------------------------------------


@dataclass
class BreakDay:
    """One run of `coach breaks`: when it started and what happened, saved after each break."""

    started: datetime
    every_min: int
    events: list[tuple[datetime, str]] = field(default_factory=list)
    ended: datetime | None = None

    @property
    def id(self) -> str:
        return self.started.strftime("%Y-%m-%dT%H-%M-%S")

    def taken(self) -> int:
        return sum(1 for _at, kind in self.events if kind == Outcome.TAKEN.value)


def breaks_dir(paths: Paths) -> Path:
    return paths.data_dir / "breaks"


def save(paths: Paths, day: BreakDay) -> Path:
    folder = private_dir(breaks_dir(paths) / day.id[:7])
    path = folder / f"{day.id}.toml"
    data: dict[str, object] = {
        "schema": BREAKS_SCHEMA,
        "started": day.started,
        "every_min": day.every_min,
        "breaks": [{"at": at, "outcome": kind} for at, kind in day.events],
    }
    if day.ended is not None:
        data["ended"] = day.ended
    atomic_write_bytes(path, tomli_w.dumps(data).encode("utf-8"))
    return path


def load_since(paths: Paths, since: date) -> tuple[list[BreakDay], list[CoachError]]:
    folder = breaks_dir(paths)
    days, problems = [], []
    months = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    for month in months:
        if month.name < since.strftime("%Y-%m"):
            continue
        for path in sorted(month.glob("*.toml")):
            if path.name[:10] < since.isoformat():
                continue
            try:
                days.append(_from(path))
            except CoachError as exc:
                problems.append(exc)
    return days, problems


def _from(path: Path) -> BreakDay:
    found: list[Problem] = []
    r = Reader(read_toml(path), path, found)
    r.schema(BREAKS_SCHEMA)
    started = r.timestamp("started")
    every = r.integer("every_min", 1, 600)
    ended = r.timestamp("ended", required=False)
    events = []
    for br in r.tables("breaks", min_items=0):
        at = br.timestamp("at")
        kind = br.choice("outcome", [o.value for o in Outcome])
        br.finish()
        if at is not None and kind is not None:
            events.append((at, kind))
    r.finish()
    if found or started is None or every is None:
        raise InvalidFileError(found)
    return BreakDay(started, every, events, ended)
