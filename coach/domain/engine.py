"""The session state machine: a timeline, a clock reading in, events out. Pure.

The engine never reads a clock, sleeps or prints. Every method takes `now`, a
reading of a monotonic clock in session seconds, and returns the events that
happened up to then, each stamped with the session time it was scheduled for.

Each phase ends at an absolute deadline (its start plus its duration) and the
next phase starts exactly at that deadline, not at the moment the caller got
round to asking, so lateness never accumulates. A pause moves the deadline later
by the length of the pause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from coach.domain.timeline import Kind, Phase, Timeline


class EventKind(StrEnum):
    PHASE = "phase"  # a phase started
    TICK = "tick"  # the whole seconds left in the phase changed; value = seconds left
    HALFWAY = "halfway"
    REP_DONE = "rep-done"  # value = 1 when the rep counts: its hold (or move) ran to the end
    SET_DONE = "set-done"
    EXERCISE_DONE = "exercise-done"
    SESSION_DONE = "session-done"
    PAUSED = "paused"
    RESUMED = "resumed"
    SKIPPED = "skipped"
    REPEATED = "repeated"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    phase: Phase
    at: float  # session time: seconds since the start, pauses included
    value: int = 0


class Engine:
    def __init__(self, timeline: Timeline, now: float) -> None:
        if not timeline.phases:
            raise ValueError("an empty timeline")
        self.timeline = timeline
        self.t0 = now
        self.index = 0
        self.phase_start = now
        self.paused_at: float | None = None
        self.finished = False
        self.stopped = False
        self._last_tick = 0
        self._halfway_sent = False
        self._rep_ok = False
        # The phase whose full run makes a rep count: its hold, or its move when it has none.
        holds = {ph.rep_start for ph in timeline.phases if ph.kind is Kind.HOLD}
        self._working = {
            ph.index
            for ph in timeline.phases
            if ph.rep_start >= 0
            and (ph.kind is Kind.HOLD or (ph.kind is Kind.MOVE and ph.rep_start not in holds))
        }
        self._pending: list[Event] = self._start(0, now)  # the first phase starts now

    # -- reading the state ------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.timeline.phases[self.index]

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def deadline(self) -> float:
        return self.phase_start + self.phase.duration

    def _now(self, now: float) -> float:
        """While paused, time stands still at the moment of the pause."""
        return self.paused_at if self.paused_at is not None else now

    def remaining(self, now: float) -> float:
        return max(0.0, self.deadline - self._now(now))

    def seconds_left(self, now: float) -> int:
        """The whole seconds shown on the countdown: 3.2 s left shows as 4."""
        return math.ceil(self.remaining(now) - 1e-9)

    def elapsed(self, now: float) -> float:
        """Session time, pauses included."""
        return self._now(now) - self.t0

    def progress(self, now: float) -> float:
        """How far through the planned session, 0 to 1, by scheduled time."""
        if self.finished:
            return 1.0
        into = min(self.phase.duration, max(0.0, self._now(now) - self.phase_start))
        return min(1.0, (self.phase.start + into) / self.timeline.total)

    def next_change(self, now: float) -> float | None:
        """When the next visible change is due: a second boundary, halfway or the deadline."""
        if self.finished or self.paused:
            return None
        left = self.seconds_left(now)
        boundary = self.deadline - (left - 1) if left > 1 else self.deadline
        if self.phase.halfway_cue and not self._halfway_sent:
            boundary = min(boundary, self.phase_start + self.phase.duration / 2)
        return boundary

    # -- driving it -------------------------------------------------------------

    def tick(self, now: float) -> list[Event]:
        """Everything that happened up to `now`, in order."""
        events, self._pending = self._pending, []
        if self.paused:
            return events
        while not self.finished:
            phase = self.phase
            if phase.halfway_cue and not self._halfway_sent:
                halfway = self.phase_start + phase.duration / 2
                if now >= halfway:
                    self._halfway_sent = True
                    events.append(self._event(EventKind.HALFWAY, halfway))
            deadline = self.deadline
            if now < deadline:
                left = self.seconds_left(now)
                if 0 < left < self._last_tick:
                    self._last_tick = left
                    events.append(self._event(EventKind.TICK, deadline - left, left))
                break
            events += self._finish(deadline, completed=True)
            if not self.finished:
                events += self._start(self.index + 1, deadline)
        return events

    def pause(self, now: float) -> list[Event]:
        events = self.tick(now)
        if self.paused or self.finished:
            return events
        self.paused_at = now
        return [*events, self._event(EventKind.PAUSED, now)]

    def resume(self, now: float) -> list[Event]:
        if self.paused_at is None or self.finished:
            return []
        self.phase_start += now - self.paused_at
        self.paused_at = None
        return [self._event(EventKind.RESUMED, now), *self.tick(now)]

    def toggle_pause(self, now: float) -> list[Event]:
        return self.resume(now) if self.paused else self.pause(now)

    def skip(self, now: float) -> list[Event]:
        """End the current phase now; the next one starts at once (still paused if paused)."""
        events = self.tick(now)
        if self.finished:
            return events
        at = self._now(now)
        events.append(self._event(EventKind.SKIPPED, at))
        events += self._finish(at, completed=False)
        if not self.finished:
            events += self._start(self.index + 1, at)
            if self.paused_at is not None:
                self.paused_at = at
        return events

    def skip_exercise(self, now: float) -> list[Event]:
        """End the current exercise now: every phase left in it is skipped."""
        events = self.tick(now)
        if self.finished:
            return events
        exercise = self.phase.exercise
        skipped = False
        while not self.finished and self.phase.exercise == exercise:
            for event in self.skip(now):
                if event.kind is EventKind.SKIPPED:
                    if skipped:
                        continue  # the rest of the exercise is one skipped step
                    skipped = True
                events.append(event)
        return events

    def repeat_rep(self, now: float) -> list[Event]:
        """Start the current rep again from its first phase. Nothing to repeat outside a rep."""
        events = self.tick(now)
        if self.finished or self.phase.rep_start < 0:
            return events
        at = self._now(now)
        events.append(self._event(EventKind.REPEATED, at))
        self._rep_ok = False
        events += self._start(self.phase.rep_start, at)
        return events

    def stop(self, now: float) -> list[Event]:
        events = self.tick(now)
        if self.finished:
            return events
        self.finished = self.stopped = True
        return [*events, self._event(EventKind.STOPPED, self._now(now))]

    # -- inside -------------------------------------------------------------------

    def _event(self, kind: EventKind, at: float, value: int = 0) -> Event:
        return Event(kind, self.phase, at - self.t0, value)

    def _start(self, index: int, at: float) -> list[Event]:
        self.index = index
        self.phase_start = at
        self._halfway_sent = False
        self._last_tick = math.ceil(self.phase.duration - 1e-9)
        return [self._event(EventKind.PHASE, at)]

    def _finish(self, at: float, *, completed: bool) -> list[Event]:
        phase = self.phase
        events = []
        if completed and phase.index in self._working:
            self._rep_ok = True
        if phase.ends_rep:
            events.append(self._event(EventKind.REP_DONE, at, int(self._rep_ok)))
            self._rep_ok = False
        if phase.ends_set:
            events.append(self._event(EventKind.SET_DONE, at))
        if phase.ends_exercise:
            events.append(self._event(EventKind.EXERCISE_DONE, at))
        if phase.index + 1 == len(self.timeline.phases):
            self.finished = True
            events.append(self._event(EventKind.SESSION_DONE, at))
        return events
