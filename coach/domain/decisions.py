"""Today's plan from the programme and the recorded sessions: decisions, check-in. Pure.

Only real programme sessions count (run at speed 1, without one-run overrides,
with at least one set done). Those of the same plan build the load up; when the
therapist changes the exercises or their dosage, the new programme starts from its
own dosage, but carries what happened to the exercises it shares since it was agreed
(a flare, a worse morning, rising pain, the decreases), so nothing that just happened
is forgotten. Safety events from the warning-sign checks (`holds`) allow no increase.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.domain.model import FULL_PERCENT, Dosage, Programme, ProgrammeExercise, Sides
from coach.domain.progression_rules import Decision, Hold, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.session_record import ExerciseDone, SessionRecord
from coach.domain.warning_signs import SIGNS, Check, Reason, Urgency

HISTORY_SESSIONS = 40  # how many recent sessions the rules look at (they need far fewer)
NERVE_DAYS = 7  # no increase within a week of new leg symptoms
DECREASES_WINDOW_DAYS = 28  # three decreases within four weeks, over all exercises: advise
DECREASES_ADVISE = 3


def dosage_of(entry: ProgrammeExercise, done: ExerciseDone) -> Dosage:
    """The dosage a recorded exercise was done at, with the programme's timing."""
    return dataclasses.replace(
        entry.dosage,
        level=done.level,
        sets=done.sets,
        reps=done.reps,
        sides=Sides(done.sides),
        hold_s=done.hold_s,
        duration_s=done.duration_s,
    )


def _before_dosage(entry: ProgrammeExercise, done: ExerciseDone) -> Dosage | None:
    """The dosage the recorded decision started from, with the programme's timing."""
    if done.decision is None or not done.decision.before:
        return None
    before = done.decision.before  # only the fields a decision changes: level, sets, ...
    level = before.get("level", done.level)
    fields: dict[str, Any] = dict(before)
    return dataclasses.replace(
        dosage_of(entry, done), **fields, sides=entry.exercise.sides_at(level)
    )


def seen_for(
    entry: ProgrammeExercise,
    records: Sequence[SessionRecord],
    morning_today: Morning | None = None,
    percent: int = FULL_PERCENT,
    carried: frozenset[str] = frozenset(),
    morning_only: str = "",
) -> list[Seen]:
    """The recorded sessions of one exercise, oldest first, with their next mornings.

    `carried`: the ids of records from the plan before, carried into a new one;
    `morning_only`: the id of one of them that counts for its next morning and its pain
    before only (the last session before a new plan was agreed: its pain during and its
    decision the therapist knew when agreeing the plan).
    """
    seen: list[Seen] = []
    for i, record in enumerate(records):
        done = next((e for e in record.exercises if e.id == entry.exercise.id), None)
        if done is None:
            continue
        morning: Morning | None = None
        if i + 1 < len(records):
            following = records[i + 1].before
            if following.about == record.id and following.morning_after:
                morning = Morning(following.morning_after)
        else:
            morning = morning_today
        answers = done.answers
        if record.id == morning_only:
            day = record.day
            seen.append(
                Seen(
                    day,
                    dosage_of(entry, done),
                    False,
                    morning=morning,
                    pain_before=record.before.pain,  # the person's pain, whatever the plan
                    carried=True,
                )
            )
            continue
        seen.append(
            Seen(
                day=record.day,
                dosage=dosage_of(entry, done),
                complete=done.full(percent),
                pain=answers.highest_pain,
                effort=Effort(answers.effort) if answers.effort else None,
                morning=morning,
                decision=Kind(done.decision.kind) if done.decision else None,
                reason=done.decision.reason if done.decision else None,
                before=_before_dosage(entry, done),
                pain_before=record.before.pain,
                carried=record.id in carried,
            )
        )
    return seen


def decisions(
    programme: Programme,
    records: Sequence[SessionRecord],
    today: date,
    morning_today: Morning | None = None,
    pain_now: int | None = None,
    *,
    carried: Sequence[SessionRecord] = (),
    holds: Sequence[Hold] = (),
    morning_only: str = "",
) -> list[Decision]:
    """Increase, keep or decrease for each exercise of the programme, oldest records first.

    `carried`: sessions of the plan before that a new plan takes into account, of which
    `morning_only` (an id) counts for its next morning only.
    """
    settings = programme.progression
    every = sorted([*carried, *records], key=lambda r: r.started)
    carried_ids = frozenset(r.id for r in carried)
    found = [
        decide(
            entry.exercise,
            entry.dosage,
            seen_for(
                entry,
                every,
                morning_today,
                settings.full_session_percent,
                carried_ids,
                morning_only,
            ),
            today,
            settings,
            lock=entry.lock,
            ceiling=entry.ceiling,
            pain_now=pain_now,
            holds=holds,
        )
        for entry in programme.exercises
    ]
    return _advise_decreases(found, every, today)


FLARES = ("pain", "morning")  # decreases that answer the back, not a break or a lighter day


def flare_step(kind: str, reason: str) -> bool:
    """A step down that answers the back (pain, a worse morning): what rules version 3
    counts towards the advice, the report's and the practice view's flags."""
    return kind == Kind.DECREASE and reason in FLARES


def _advise_decreases(
    found: list[Decision], records: Sequence[SessionRecord], today: date
) -> list[Decision]:
    """The third day within four weeks on which the back came down a step, whichever
    exercises: advise contact, and say which exercises came down (a back that flares three
    times in a month needs a look). A break is not a flare, and one worse morning that
    lowers two exercises is one flare. That day nothing goes up (`advised`): the advice is
    to talk to someone first."""
    since = today - timedelta(days=DECREASES_WINDOW_DAYS)
    days: set[date] = set()
    flared: set[str] = set()
    for record in records:
        day = record.day
        if not since <= day < today:
            continue
        for done in record.exercises:
            d = done.decision
            if d is not None and flare_step(d.kind, d.reason):
                days.add(day)
                flared.add(done.id)
    down = [d for d in found if flare_step(d.kind, d.reason)]
    count = len(days) + 1  # today's
    if not down or count < DECREASES_ADVISE:
        return found
    flared |= {d.exercise for d in down}
    advice = {"advise": "decreases", "flared": sorted(flared), "decreases": count}

    def said(d: Decision) -> Decision:
        if d in down and "advise" not in d.facts:
            return dataclasses.replace(d, facts={**d.facts, **advice})
        if d.kind is Kind.INCREASE:  # the day coach says "contact your therapist": none up
            return dataclasses.replace(
                d,
                kind=Kind.KEEP,
                after=d.before,
                reason="advised",
                since=d.unchanged_since,
                step=None,
                facts={**d.facts, "decreases": count},
            )
        return d

    return [said(d) for d in found]


def safety_holds(checks: Sequence[Check], today: date) -> list[Hold]:
    """What the warning-sign checks say about an increase today.

    `sign-today`: a warning sign answered or reported today (the person exercises anyway),
    or a doctor has seen them today after one; `nerve`: a neurological sign (leg symptoms
    reported in a session; legs, saddle, bladder or erection answered or reported) within
    the last `NERVE_DAYS` calendar days, counted from the day a doctor saw them about it
    when that was later; a check file that could not be read within those days counts as
    one (it may have held such a sign).
    """
    sign_today = seen_today = False
    nerve_until: date | None = None
    for i, check in enumerate(checks):
        day = check.day
        if check.reason is Reason.SEEN:
            seen_today = seen_today or day == today
            continue
        yes = check.signs(Urgency.EMERGENCY) + check.signs(Urgency.URGENT)
        news = [s for s in yes if s.id not in check.known]
        if day == today and (news or check.reported is not None):
            sign_today = True
        nerve = check.reported is not None or any(check.answers.get(s.id) for s in SIGNS if s.nerve)
        if nerve or check.unreadable:
            seen = next((c for c in checks[i + 1 :] if c.reason is Reason.SEEN), None)
            start = max(day, seen.day) if seen is not None else day
            until = start + timedelta(days=NERVE_DAYS)
            nerve_until = until if nerve_until is None else max(nerve_until, until)
    holds = (
        [Hold("sign-today", seen=seen_today and not sign_today)] if sign_today or seen_today else []
    )
    if nerve_until is not None and today < nerve_until:
        holds.append(Hold("nerve", nerve_until))
    return holds


# -- the week ------------------------------------------------------------------------


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekLook:
    week: str  # "2026-W47"
    done: int
    planned: int

    @property
    def met(self) -> bool:
        return self.done >= self.planned


def checkin_due(
    records: Sequence[SessionRecord], today: date, planned: int, percent: int = FULL_PERCENT
) -> WeekLook | None:
    """On the first start of a new week: how last week went. None when not due.

    Not due on the very first use, nor when this week already had a check-in or
    a real session. Only full sessions count as done.
    """
    this_monday = monday(today)
    this_week = [r for r in records if r.started.date() >= this_monday]
    counting = [r for r in records if r.counts]
    if not counting or any(r.checkin or r.counts for r in this_week):
        return None
    last_monday = this_monday - timedelta(days=7)
    done = sum(
        1 for r in counting if last_monday <= r.started.date() < this_monday and r.full(percent)
    )
    return WeekLook(iso_week(last_monday), done, planned)
