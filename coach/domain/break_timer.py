"""The movement-break timer for `coach breaks`: reminders to stand up and walk. Pure.

The advice (practice blog; NHG-Standaard Aspecifieke lagerugpijn 2017): vary
your posture and don't sit for more than about an hour without a short walk.
Every `every` minutes the timer reminds; the person takes the break (a walk of
a few minutes, timed), snoozes it or skips it. While a reminder waits for an
answer it repeats every few minutes, gently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

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

    def finish(self, now: float) -> list[Tick]:
        """The run ends: a walk under way counts as a break taken."""
        events = self.tick(now)
        if self.state is State.WALKING:
            events.append(self._outcome(Outcome.TAKEN, now, self.every_s))
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
