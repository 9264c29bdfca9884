"""What a therapist should see first in a progress report, in plain words. Pure.

Pain above the limit, a worse next morning, repeated steps down or being stuck at
the lowest step, pain rising over the weeks, every warning-sign answer, and
skipped work (sessions under the full-session share).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from coach.domain import plain_words
from coach.domain.decisions import DECREASES_ADVISE, flare_step
from coach.domain.model import ProgressionSettings
from coach.domain.session_record import DecisionDone, SessionRecord
from coach.domain.warning_signs import Check, Reason
from coach.i18n import _

# What a recorded decision says, for the report's flags and the practice view's.


def stepped_down(d: DecisionDone) -> bool:
    """A step down for pain or a worse morning (`decisions.flare_step`): not a break."""
    return flare_step(d.kind, d.reason)


def decreases_advised(d: DecisionDone) -> bool:
    """The rules advised contact after repeated steps down."""
    return d.facts.get("advise") == "decreases"


def at_floor(d: DecisionDone) -> bool:
    """A bad sign at the lowest step: nothing lighter left."""
    return d.reason.endswith("-floor")


def pain_rising(d: DecisionDone) -> bool:
    return d.reason == "rising" or d.facts.get("advise") == "rising"


def _days(days: Sequence[date]) -> str:
    return plain_words.join_words([plain_words.short_date(d) for d in sorted(set(days))])


def flags(
    records: Sequence[SessionRecord],
    checks: Sequence[Check],
    settings: ProgressionSettings,
    first: date,
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """The flags for the period from `first`, oldest sessions first; `names` are the
    exercises' names by id, for saying which exercises came down."""
    period = [r for r in records if r.counts and r.started.date() >= first]
    found: list[str] = []
    limit = settings.pain_during_max
    painful = [
        r.started.date()
        for r in period
        if any((p := e.answers.highest_pain) is not None and p > limit for e in r.exercises)
    ]
    if painful:
        found.append(
            _("Pain above {limit} out of 10 during a session: {days}.").format(
                limit=limit, days=_days(painful)
            )
        )
    mornings = [r.started.date() for r in period if r.before.morning_after == "worse"]
    if mornings:
        found.append(_("A worse next morning, reported on: {days}.").format(days=_days(mornings)))
    decisions = [(r.started.date(), e.decision) for r in period for e in r.exercises if e.decision]
    down = [
        (r.started.date(), e.id)
        for r in period
        for e in r.exercises
        if e.decision and stepped_down(e.decision)
    ]
    if any(decreases_advised(d) for _day, d in decisions) or len(down) >= DECREASES_ADVISE:
        which = sorted({(names or {}).get(ex, ex) for _day, ex in down})
        found.append(
            _("Repeated steps down: {days} ({exercises}).").format(
                days=_days([day for day, _ex in down]), exercises=plain_words.join_words(which)
            )
        )
    floor = [day for day, d in decisions if at_floor(d)]
    if floor:
        found.append(_("At the lowest step after a bad sign: {days}.").format(days=_days(floor)))
    rising = [day for day, d in decisions if pain_rising(d)]
    if rising:
        found.append(_("Pain rising over the weeks: {days}.").format(days=_days(rising)))
    for check in checks:
        if check.when.date() < first or check.reason is Reason.SEEN:
            continue
        if check.unreadable:  # never dropped without a word: it may have held a sign
            found.append(
                _(
                    "Warning-sign answers of {day} could not be read ({file}): they may "
                    "have held a warning sign."
                ).format(day=plain_words.short_date(check.when.date()), file=check.unreadable)
            )
            continue
        facts = check.facts()
        if facts:
            found.append(
                _("Warning signs on {day}: {facts}.").format(
                    day=plain_words.short_date(check.when.date()),
                    facts=plain_words.join_words([_(f) for f in facts]),
                )
            )
    short = [r.started.date() for r in period if not r.full(settings.full_session_percent)]
    skipped = sum(r.skipped for r in period)
    if short or skipped:
        found.append(
            _(
                "Skipped work: {count} of {total} sessions under {percent}% of the planned "
                "reps; {steps} steps skipped in all."
            ).format(
                count=len(short),
                total=len(period),
                percent=settings.full_session_percent,
                steps=skipped,
            )
        )
    return found
