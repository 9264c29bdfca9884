"""What a practice sees of its patients: the flags that ask for a call, and who comes first. Pure.

A flag comes from what a patient's own coach recorded (docs/export.md, "The practice view"):
- `warning`: a warning sign answered yes, or a check that could not be read, in the last
  four weeks (the same signs as the report, but for history the GP or therapist already
  knows; CLINICAL.md, red flags);
- `rising`: the rules found pain rising over the weeks (`pain_trends.rising`);
- `decreases`: steps down for pain or a worse morning (`decisions.flare_step`: a break is not a
  flare) on three days or more within four weeks, or the rules' own advice about them
  (rules version 3, the same numbers);
- `floor`: a bad sign at the lowest step, with no lighter step left;
- `worse`: outcome answers worse than at their start by the smallest change that counts, or
  "much worse" overall (`outcomes.worse`, docs/outcomes.md);
- `quiet`: no session for `QUIET_DAYS` days or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.domain import outcomes
from coach.domain.decisions import DECREASES_ADVISE, DECREASES_WINDOW_DAYS
from coach.domain.model import WEEKDAYS, Dosage
from coach.domain.report_flags import at_floor, decreases_advised, pain_rising, stepped_down
from coach.domain.session_record import SessionRecord
from coach.domain.warning_signs import Check, Reason, Urgency

WINDOW_DAYS = DECREASES_WINDOW_DAYS  # four weeks, as the advice after repeated steps down
RECENT_DAYS = 14  # sessions done against planned: the last two weeks
QUIET_DAYS = 10  # no session for this long: a call
DECREASE_DAYS = DECREASES_ADVISE  # days with a step down within the window
STOP_SIGNS = ("leg", "emergency", "numbness")  # a session stopped for a warning sign

# The order a practice reads them in: a warning sign first.
FLAGS = ("warning", "worse", "rising", "decreases", "floor", "quiet")


def events(records: Iterable[SessionRecord], checks: Iterable[Check]) -> list[tuple[str, date]]:
    """The flag events in sessions and checks: (kind, day), each at most once a day."""
    found: set[tuple[str, date]] = set()
    answered: list[outcomes.Answer] = []  # the outcome answers so far
    for r in sorted(records, key=lambda r: r.started):
        day = r.started.date()
        if r.outcomes is not None:
            answered.append((r.day, r.outcomes))
            if outcomes.worse(outcomes.course(answered)):
                found.add(("worse", day))
        if r.stop_reason in STOP_SIGNS or any(
            e.answers.saddle or e.answers.leg for e in r.exercises
        ):
            found.add(("warning", day))
        if not r.counts:
            continue
        for e in r.exercises:
            d = e.decision
            if d is None:
                continue
            for kind, said in (
                ("decrease", stepped_down),
                ("decreases-advised", decreases_advised),
                ("floor", at_floor),
                ("rising", pain_rising),
            ):
                if said(d):
                    found.add((kind, day))
    for c in checks:
        if c.reason is not Reason.SEEN and _news(c):
            found.add(("warning", c.when.date()))
    return sorted(found, key=lambda e: (e[1], e[0]))


def _news(check: Check) -> bool:
    """A check that asks for a call: a sign answered yes, or a check that could not be read.
    History the GP or therapist already knows (a past cancer, say) is not news: told once,
    it is not raised again (CLINICAL.md, red flags)."""
    if check.unreadable or check.reported is not None:
        return True
    signs = check.signs(Urgency.EMERGENCY) + check.signs(Urgency.URGENT)
    return any(not (s.history and s.id in check.known) for s in signs)


def flags(events_in_window: dict[str, int], last: date | None, today: date) -> list[str]:
    """The flags of one patient, from the number of days each event kind had in the window."""
    found = []
    if events_in_window.get("warning"):
        found.append("warning")
    if events_in_window.get("worse"):
        found.append("worse")
    if events_in_window.get("rising"):
        found.append("rising")
    if events_in_window.get("decrease", 0) >= DECREASE_DAYS or events_in_window.get(
        "decreases-advised"
    ):
        found.append("decreases")
    if events_in_window.get("floor"):
        found.append("floor")
    if last is None or (today - last).days >= QUIET_DAYS:
        found.append("quiet")
    return found


def window(today: date) -> date:
    """The first day the flags look at."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def recent(today: date) -> date:
    """The first day of the last two weeks."""
    return today - timedelta(days=RECENT_DAYS - 1)


def planned(per_week: int, days: Sequence[str], first: date | None, today: date) -> int:
    """Sessions planned in the last two weeks, from the programme's first session on."""
    start = recent(today) if first is None else max(recent(today), first)
    span = (today - start).days + 1
    if span <= 0:
        return 0
    if days:
        order = list(WEEKDAYS)
        wanted = {order.index(d) for d in days if d in WEEKDAYS}
        return sum(1 for i in range(span) if (start + timedelta(days=i)).weekday() in wanted)
    return round(per_week * span / 7)


@dataclass(frozen=True)
class Row:
    """One patient in the practice view."""

    id: str
    name: str
    last: date | None  # the last session with work in it
    done: int  # full sessions in the last two weeks (as the report counts them)
    planned: int
    flags: list[str]
    dosage: list[tuple[dict[str, str], Dosage]] = field(default_factory=list)  # name, dosage

    @property
    def needs_call(self) -> bool:
        return bool(self.flags)


def first_to_call(rows: Iterable[Row]) -> list[Row]:
    """A warning sign first, then the most flags, then the longest without a session."""

    def key(row: Row) -> tuple[int, int, date, str]:
        return (
            0 if "warning" in row.flags else 1,
            -len(row.flags),
            row.last or date.min,
            row.name.casefold(),
        )

    return sorted(rows, key=key)
