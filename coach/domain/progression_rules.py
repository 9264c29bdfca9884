"""How much to do next time: increase, keep or decrease, and why. Pure and deterministic.

Two models, combined (sources in the project's clinical fact sheet; every rule,
its reason code and its source are listed in docs/progression.md):

- The pain-monitoring model (Thomee 1997; Silbernagel et al. 2007): pain during
  exercise may reach 5 out of 10; the next-morning (24-hour) response matters
  most. Back to usual by the next morning: keep or raise slightly; worse the
  next morning: lower. Pain should not climb from week to week.
- Time-contingent graded activity (Lindstrom et al. 1992; Lambeek et al.
  2007; NHS back pain leaflets; KNGF-richtlijn 2021): raise the load on a
  schedule, not when pain allows it; don't increase within a week; increase
  by a small step; restart lower after a break or when pain climbs.
- A 2-point change on the 0-10 scale is about the smallest that matters to a
  patient (Childs et al. 2005): the threshold for "rising pain".

The rules, in the order they are tried, with the programme's thresholds:

1. no history yet: keep (`first`);
2. a break of 14 days or more: one step down (`break`), and the count starts again;
3. pain during above 5 in a session at this dosage: one step down (`pain`);
4. a worse next morning: one step down (`morning`);
5. a break of 7-13 days: keep, and the count starts again (`restart`);
6. pain before today's session 7 or more, or 3 or more above the usual: no
   increase today (`pain-today`); the session offers a lighter day (`lighter-today`);
7. a new warning sign today: no increase (`sign-today`); new leg symptoms within
   the last week: no increase (`nerve`);
8. after a lighter day, until the pain before has been back to usual twice: no
   increase (`after-lighter`);
9. locked by the therapist, at the locked dosage: no increase (`locked`);
   decreases still apply, and below it the rules below bring it back up, never past it;
10. weekly mean pain (before or during) up 2 points or more within one to three
   weeks: no increase (`rising`). A block on increases, not a decrease: pain above 5
   and worse mornings already lower the load;
11. a worse morning at this dosage, fewer in a row than the programme asks: keep
   (`morning-wait`);
12. fewer than 3 full sessions (80 % of the planned reps) at this dosage: keep (`sessions`);
13. fewer than 7 days at this dosage: keep (`days`);
14. the last effort answer at this dosage "too hard": keep (`effort`);
15. otherwise one step up (`increase`), unless at the top (`top`) or at the
   therapist's ceiling (`ceiling`).

"At this dosage" means since the last change, since the last response to a bad
sign at the lowest step (so one flare there does not block increases forever),
and since the last break of 7 days or more. A step down undoes the last step up
exactly (going back over a step into a new level even when that is a little more
work per side, see `steps_taken`); without a recorded step it walks the ladder back
(sets, hold, reps, then the level below), and entering a lower level never adds
volume (sets x reps x hold per side). Three decreases within four weeks over all
exercises (`decisions`), or weekly mean pain up two weeks running (three weekly means,
each above the one before, 2 points or more in all), add advice to contact the
therapist or GP. A new plan carries what happened to the exercises it shares.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.domain.ladder import NO_CEILING, changed_field, step_up, volume
from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings
from coach.domain.pain_trends import back_to_usual, pain_high_today, rising, usual_pain
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.steps_taken import key, lower_step, redo_step

AFTER_LIGHTER_SESSIONS = 2  # sessions with the pain back to usual after a lighter day


# Every reason a decision can give. docs/progression.md has a row for each, and a
# test keeps the two in step.
REASONS = (
    "first",
    "break",
    "break-floor",
    "pain",
    "pain-floor",
    "morning",
    "morning-floor",
    "morning-wait",
    "restart",
    "pain-today",
    "lighter-today",
    "locked",
    "sign-today",
    "nerve",
    "after-lighter",
    "rising",
    "sessions",
    "days",
    "effort",
    "top",
    "ceiling",
    "increase",
    "declined",
    "advised",
)
# Decisions that answer a bad sign or a break: the sessions before them no longer count.
FRESH_START = frozenset(
    {"pain", "pain-floor", "morning", "morning-floor", "break", "break-floor", "restart"}
)


@dataclass(frozen=True)
class Hold:
    """A safety event that allows no increase, whatever the history says (from the checks).

    `reason` is `sign-today` (a new warning sign reported today, and the person chose to
    exercise) or `nerve` (new leg symptoms within the last 7 days: no increase until `until`).
    """

    reason: str
    until: date | None = None  # the first day an increase is allowed again
    seen: bool = False  # sign-today: the day a doctor saw them, no new sign reported


@dataclass(frozen=True)
class Decision:
    exercise: str
    kind: Kind
    before: Dosage
    after: Dosage
    reason: str  # a code from REASONS; plain_words.explain turns it into words
    facts: dict[str, Any] = field(default_factory=dict)
    declined: bool = False
    since: date | None = None  # the first day of the dosage `after`
    unchanged_since: date | None = None  # the first day of the dosage `before`
    step: str | None = None  # what a change changed: level, sets, reps, hold_s or duration_s
    lighter: Dosage | None = None  # on a `pain-today` day: one step down, offered for today

    def declined_by_person(self) -> Decision:
        return dataclasses.replace(
            self,
            kind=Kind.KEEP,
            after=self.before,
            declined=True,
            reason="declined",
            since=self.unchanged_since,
            step=None,
        )

    def lighter_today(self) -> Decision:
        """The person took the lighter session offered on a high-pain day: today only.

        Unchanged when no lighter session was offered (not a `pain-today` decision, or the
        lowest step already).
        """
        if self.lighter is None:
            return self
        return dataclasses.replace(
            self,
            kind=Kind.DECREASE,
            after=self.lighter,
            reason="lighter-today",
            since=self.unchanged_since,
            step=changed_field(self.before, self.lighter),
            lighter=None,
        )


# -- what the history says --------------------------------------------------------------


def _window(history: Sequence[Seen], current: Dosage, restart_days: int) -> list[Seen]:
    """The sessions that count now: at the current dosage, since the last fresh start.

    A fresh start is a change of dosage, a response to a bad sign (also at the
    lowest step, where the dosage cannot change) and a break of `restart_days`.
    """
    window: list[Seen] = []
    own = any(not s.carried for s in history)
    for i in range(len(history) - 1, -1, -1):
        seen = history[i]
        # A new plan's first decision sees what it carries at any dosage; after that only
        # at its own dosage.
        if key(seen.track) != key(current) and (own or not seen.carried):
            break
        window.append(seen)
        if seen.reason in FRESH_START:
            break
        if i > 0 and (seen.day - history[i - 1].day).days >= restart_days:
            break
    return window[::-1]


# -- the rules -------------------------------------------------------------------


def decide(
    exercise: Exercise,
    start: Dosage,
    history: Sequence[Seen],
    today: date,
    settings: ProgressionSettings,
    *,
    lock: bool = False,
    ceiling: Ceiling = NO_CEILING,
    pain_now: int | None = None,
    holds: Sequence[Hold] = (),
) -> Decision:
    """The decision for today's session of one exercise.

    `start` is the programme's dosage, used until there is a history (for a locked
    exercise it is also the ceiling and the home it climbs back to); `history` holds the
    earlier sessions, oldest first, with the morning answer about the last one already
    filled in when it was given today: those of this programme, and, for a new programme,
    the ones it carries (`Seen.carried`); `pain_now` is the pain before today's session,
    when it was asked; `holds` are safety events that allow no increase today.
    """
    own = [s for s in history if not s.carried]
    current = own[-1].track if own else start
    window = _window(history, current, settings.restart_after_days)
    up, steady = rising(history, today, settings.rising_pain_points)
    unchanged: date = (window[0].since or window[0].day) if window and own else today

    def make(kind: Kind, after: Dosage, reason: str, **facts: Any) -> Decision:
        since = unchanged if after is current else today
        if lock:
            facts["locked"] = True
            if key(after) != key(start):
                facts["lowered"] = True  # below the therapist's dosage: never called "fixed"
        if steady:  # pain rising week after week: advice on every decision, a decrease too
            facts.setdefault("advise", "rising")
        return Decision(
            exercise.id,
            kind,
            current,
            after,
            reason,
            facts,
            since=since,
            unchanged_since=unchanged,
            step=changed_field(current, after) if kind is not Kind.KEEP else None,
        )

    if not history:
        if pain_high_today(pain_now, None, settings):  # from the very first session on
            lighter = lower_step(exercise, current, history, settings, ceiling)
            return dataclasses.replace(
                make(Kind.KEEP, current, "pain-today", pain_now=pain_now, usual=None),
                lighter=lighter,
            )
        return make(Kind.KEEP, current, "first")

    def down(reason: str, **facts: Any) -> Decision:
        lower = lower_step(exercise, current, own, settings, ceiling)
        if lower is None:
            if current != exercise.start_dosage(1):
                facts["no_lighter"] = True  # a lower level would be more work per side
            return make(Kind.KEEP, current, f"{reason}-floor", **facts)
        return make(Kind.DECREASE, lower, reason, **facts)

    new_plan = {"new_plan": True} if not own else {}
    gap = (today - history[-1].day).days
    if own and gap >= settings.resume_lower_after_days:  # a new plan sets its own dosage
        return down("break", days=gap, **new_plan)
    pains = [s.pain for s in window if s.pain is not None]
    too_much = [p for p in pains if p > settings.pain_during_max]
    if too_much:
        return down("pain", pain=max(too_much), limit=settings.pain_during_max, **new_plan)
    mornings = [s.morning for s in window if s.morning is not None]
    worse_run = 0
    for m in reversed(mornings):
        if m is not Morning.WORSE:
            break
        worse_run += 1
    if worse_run >= settings.decrease_after_worse_mornings:
        return down("morning", count=worse_run, **new_plan)
    if own and gap >= settings.restart_after_days:
        return make(Kind.KEEP, current, "restart", days=gap, **new_plan)

    usual = usual_pain(history)
    full = [s for s in window if s.complete and not s.today_only and not s.carried]
    days_at = (today - (window[0].day if window else today)).days
    facts: dict[str, Any] = {
        "sessions": len(full),
        "needed": settings.increase_after_sessions,
        "max_pain": max(pains) if pains else None,
        "limit": settings.pain_during_max,
        "mornings": sorted({m.value for m in mornings}),
        **new_plan,
    }
    if pain_high_today(pain_now, usual, settings):
        return dataclasses.replace(
            make(Kind.KEEP, current, "pain-today", pain_now=pain_now, usual=usual, **facts),
            lighter=lower_step(exercise, current, own, settings, ceiling),
        )
    if not own:
        return make(Kind.KEEP, current, "first", **facts)
    for hold in holds:  # safety first: in the order given, the first one speaks
        until = hold.until.isoformat() if hold.until else None
        return make(Kind.KEEP, current, hold.reason, until=until, seen=hold.seen or None, **facts)
    if not back_to_usual(history, pain_now, AFTER_LIGHTER_SESSIONS):
        return make(Kind.KEEP, current, "after-lighter", count=AFTER_LIGHTER_SESSIONS, **facts)
    if lock and key(current) == key(start):
        return make(Kind.KEEP, current, "locked", **facts)
    if up:
        return make(Kind.KEEP, current, "rising", points=settings.rising_pain_points, **facts)
    if Morning.WORSE in mornings:
        return make(Kind.KEEP, current, "morning-wait", **facts)
    if len(full) < settings.increase_after_sessions:
        return make(Kind.KEEP, current, "sessions", **facts)
    if days_at < settings.increase_min_days:
        return make(
            Kind.KEEP, current, "days", days=days_at, min_days=settings.increase_min_days, **facts
        )
    last_effort = next((s.effort for s in reversed(window) if s.effort is not None), None)
    if last_effort is Effort.HARD:
        return make(Kind.KEEP, current, "effort", **facts)
    if lock:  # below the therapist's dosage: back up the way it came down, never past it
        home = Ceiling(start.level, start.sets, start.reps, start.hold_s, start.duration_s)
        back = redo_step(own, current) or step_up(exercise, current, settings, home)
        if back is None or volume(back) > volume(start):
            back = start
        return make(Kind.INCREASE, back, "increase", home=True, **facts)
    higher = step_up(exercise, current, settings, ceiling)
    if higher is None:
        at_ceiling = step_up(exercise, current, settings) is not None
        return make(Kind.KEEP, current, "ceiling" if at_ceiling else "top", **facts)
    return make(Kind.INCREASE, higher, "increase", **facts)
