"""How much to do next time: increase, keep or decrease, and why. Pure and deterministic.

Two models, combined (sources in shared clinical notes, summarised here):

- The pain-monitoring model (Thomee 1997; Silbernagel et al. 2007): pain during
  exercise may reach 5 out of 10; what matters most is the next morning. Pain
  back to usual by the next morning: keep or raise the load slightly; worse
  the next morning: lower it.
- Time-contingent graded activity (Lindstrom et al. 1992; Lambeek et al.
  2007; NHS back pain leaflets; KNGF-richtlijn 2021): raise the load on a
  schedule, not when pain allows it; don't increase within a week; increase
  by a small step; restart lower after a break or when pain climbs.

The rules, with the thresholds from the programme's progression settings:

- locked by the therapist: keep;
- 14 or more days since the last session: one step lower;
- pain during above 5 in a session since the last change: one step lower;
- the next morning "worse" twice in a row since the last change: one step lower;
- one step up when, since the last change, at least 3 sessions were done in
  full, at least 7 days passed since the last increase, the pain during stayed
  at 5 or lower in all of them, no next morning was "worse" and the last effort
  was not "too hard" (the first week counts from the programme's first session);
- otherwise keep.

A step walks the exercise's ladder: reps +2 up to the level's maximum, then the
hold +2 s, then a set more, then the next level at its starting dosage; down
walks the same ladder back, never below level 1's minimum.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings, Range

NO_CEILING = Ceiling()


class Kind(StrEnum):
    INCREASE = "increase"
    KEEP = "keep"
    DECREASE = "decrease"


class Morning(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class Effort(StrEnum):
    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"


@dataclass(frozen=True)
class Seen:
    """One earlier programme session, as far as one exercise is concerned."""

    day: date
    dosage: Dosage  # what was done (after that session's own decision)
    complete: bool  # every planned rep done
    pain: int | None = None  # highest pain during, 0-10
    effort: Effort | None = None
    morning: Morning | None = None  # how the back was the next morning
    decision: Kind | None = None  # the decision taken at the start of that session
    since: date | None = None  # the first day of that session's dosage, as recorded then


@dataclass(frozen=True)
class Decision:
    exercise: str
    kind: Kind
    before: Dosage
    after: Dosage
    reason: str  # a code; coach.domain.plain_words.explain turns it into words
    facts: dict[str, Any] = field(default_factory=dict)
    declined: bool = False
    since: date | None = None  # the first day of the dosage `after`
    unchanged_since: date | None = None  # the first day of the dosage `before`

    def declined_by_person(self) -> Decision:
        return dataclasses.replace(
            self,
            kind=Kind.KEEP,
            after=self.before,
            declined=True,
            reason="declined",
            since=self.unchanged_since,
        )


# -- the ladder ------------------------------------------------------------------


def _with(dosage: Dosage, **changes: int) -> Dosage:
    return dataclasses.replace(dosage, **changes)  # type: ignore[arg-type]


def _level_start(exercise: Exercise, current: Dosage, number: int, top: bool) -> Dosage:
    """Level `number` at its lowest (going up) or highest (going down) dosage."""
    level = exercise.level(number)

    def pick(r: Range) -> int:
        return r.high if top else r.low

    return dataclasses.replace(
        current,
        level=number,
        sets=pick(level.sets) if level.sets else current.sets,
        reps=pick(level.reps) if level.reps else current.reps,
        hold_s=pick(level.hold_s) if level.hold_s else current.hold_s,
        duration_s=pick(level.duration_s) if level.duration_s else current.duration_s,
        sides=exercise.sides_at(number),
    )


def step_up(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling = NO_CEILING
) -> Dosage | None:
    """One step up the ladder, or None at the top (or at the therapist's ceiling)."""
    level = exercise.level(d.level)

    def room(value: int | None, rng_high: int | None, cap: int | None) -> int | None:
        """How far a field may still grow, or None if it may not."""
        if value is None or rng_high is None:
            return None
        limit = rng_high if cap is None else min(rng_high, cap)
        return limit if value < limit else None

    if d.duration_s is not None and level.duration_s:
        limit = room(d.duration_s, level.duration_s.high, ceiling.duration_s)
        if limit is not None:
            return _with(d, duration_s=min(limit, d.duration_s + settings.duration_step_s))
    else:
        if level.reps and (limit := room(d.reps, level.reps.high, ceiling.reps)) is not None:
            return _with(d, reps=min(limit, (d.reps or 0) + settings.reps_step))
        if (
            level.hold_s
            and (limit := room(d.hold_s, level.hold_s.high, ceiling.hold_s)) is not None
        ):
            return _with(d, hold_s=min(limit, d.hold_s + settings.hold_step_s))
        if level.sets and (limit := room(d.sets, level.sets.high, ceiling.sets)) is not None:
            return _with(d, sets=min(limit, d.sets + settings.sets_step))
    top_level = len(exercise.levels) if ceiling.level is None else ceiling.level
    if d.level < top_level:
        higher = _level_start(exercise, d, d.level + 1, top=False)
        if _within(higher, ceiling):
            return higher
    return None


def _within(d: Dosage, ceiling: Ceiling) -> bool:
    """Whether no field of `d` is above the therapist's ceiling for it."""
    for name in ("sets", "reps", "hold_s", "duration_s"):
        cap, value = getattr(ceiling, name), getattr(d, name)
        if cap is not None and value is not None and value > cap:
            return False
    return True


def step_down(exercise: Exercise, d: Dosage, settings: ProgressionSettings) -> Dosage | None:
    """One step back down the ladder, or None at level 1's minimum."""
    level = exercise.level(d.level)
    if d.duration_s is not None and level.duration_s:
        if d.duration_s > level.duration_s.low:
            return _with(
                d, duration_s=max(level.duration_s.low, d.duration_s - settings.duration_step_s)
            )
    else:
        if level.sets and d.sets > level.sets.low:
            return _with(d, sets=max(level.sets.low, d.sets - settings.sets_step))
        if level.hold_s and d.hold_s > level.hold_s.low:
            return _with(d, hold_s=max(level.hold_s.low, d.hold_s - settings.hold_step_s))
        if level.reps and d.reps is not None and d.reps > level.reps.low:
            return _with(d, reps=max(level.reps.low, d.reps - settings.reps_step))
    if d.level > 1:
        return _level_start(exercise, d, d.level - 1, top=True)
    return None


# -- the rules -------------------------------------------------------------------


def _since_change(history: Sequence[Seen], current: Dosage) -> list[Seen]:
    """The latest sessions done at the current dosage, oldest first."""
    same: list[Seen] = []
    for seen in reversed(history):
        if _key(seen.dosage) != _key(current):
            break
        same.append(seen)
    return same[::-1]


def _key(d: Dosage) -> tuple[int | None, ...]:
    return (d.level, d.sets, d.reps, d.hold_s, d.duration_s)


def decide(
    exercise: Exercise,
    start: Dosage,
    history: Sequence[Seen],
    today: date,
    settings: ProgressionSettings,
    *,
    lock: bool = False,
    ceiling: Ceiling = NO_CEILING,
) -> Decision:
    """The decision for today's session of one exercise.

    `start` is the programme's dosage, used until there is a history; `history`
    holds the earlier sessions of this programme, oldest first, with the morning
    answer about the last one already filled in when it was given today.
    """
    current = history[-1].dosage if history else start
    window = _since_change(history, current)
    if window:
        unchanged: date = window[0].since or window[0].day
    else:
        unchanged = today

    def make(kind: Kind, after: Dosage, reason: str, **facts: Any) -> Decision:
        since = unchanged if after is current else today
        return Decision(
            exercise.id, kind, current, after, reason, facts, since=since, unchanged_since=unchanged
        )

    if not history:
        return make(Kind.KEEP, current, "first")
    if lock:
        return make(Kind.KEEP, current, "locked")

    gap = (today - history[-1].day).days
    pains = [s.pain for s in window if s.pain is not None]
    mornings = [s.morning for s in window if s.morning is not None]

    lower = step_down(exercise, current, settings)
    if gap >= settings.resume_lower_after_days:
        return (
            make(Kind.DECREASE, lower, "break", days=gap)
            if lower
            else make(Kind.KEEP, current, "break-floor", days=gap)
        )
    too_much = [p for p in pains if p > settings.pain_during_max]
    if too_much:
        pain = {"pain": max(too_much), "limit": settings.pain_during_max}
        return (
            make(Kind.DECREASE, lower, "pain", **pain)
            if lower
            else make(Kind.KEEP, current, "pain-floor", **pain)
        )
    worse_run = settings.decrease_after_worse_mornings
    if len(mornings) >= worse_run and all(m is Morning.WORSE for m in mornings[-worse_run:]):
        return (
            make(Kind.DECREASE, lower, "mornings", count=worse_run)
            if lower
            else make(Kind.KEEP, current, "mornings-floor", count=worse_run)
        )

    full = [s for s in window if s.complete]
    # The week's wait counts from the last increase, or from the first session of this
    # programme: the starting dosage is an increase of its own.
    increases = [s.day for s in history if s.decision is Kind.INCREASE]
    days_since = (today - (increases[-1] if increases else history[0].day)).days
    facts: dict[str, Any] = {
        "sessions": len(full),
        "needed": settings.increase_after_sessions,
        "max_pain": max(pains) if pains else None,
        "limit": settings.pain_during_max,
        "mornings": sorted({m.value for m in mornings}),
    }
    if len(full) < settings.increase_after_sessions:
        return make(Kind.KEEP, current, "sessions", **facts)
    if days_since < settings.increase_min_days:
        return make(
            Kind.KEEP,
            current,
            "days",
            days=days_since,
            min_days=settings.increase_min_days,
            **facts,
        )
    if Morning.WORSE in mornings:
        return make(Kind.KEEP, current, "morning", **facts)
    last_effort = next((s.effort for s in reversed(window) if s.effort is not None), None)
    if last_effort is Effort.HARD:
        return make(Kind.KEEP, current, "effort", **facts)
    higher = step_up(exercise, current, settings, ceiling)
    if higher is None:
        at_ceiling = step_up(exercise, current, settings) is not None
        return make(Kind.KEEP, current, "ceiling" if at_ceiling else "top", **facts)
    return make(Kind.INCREASE, higher, "increase", **facts)
