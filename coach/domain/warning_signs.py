"""The red-flag check as rules: the signs, when to ask, and what the answers mean. Pure.

The signs and their urgency follow the NHG-Standaard Aspecifieke lagerugpijn
(2017), NICE NG59 and the KNGF-richtlijn Lage rugpijn (2021), as summarised in
the project's clinical notes. One sign alone is not proof of anything, but any
emergency sign is reason enough to stop exercising and call a doctor. coach
never reassures against a red flag: when every answer is "no", it says so and
points to the GP should anything change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from coach.domain.model import ProgressionSettings, local_day
from coach.domain.pain_trends import pain_high_today, usual
from coach.i18n import N_

RECHECK_DAYS = 28  # every 4 weeks


class Urgency(StrEnum):
    EMERGENCY = "emergency"  # today: the GP now, the huisartsenpost out of hours, 112
    URGENT = "urgent"  # the GP soon


@dataclass(frozen=True)
class Sign:
    id: str
    urgency: Urgency
    question: str  # an English msgid, translated where it is asked
    fact: str  # the same sign as a fact, for "you answered yes to: ..."
    history: bool = False  # a fact about the past: once the GP knows, not asked again
    no_exercise: bool = False  # no exercise today, even though it is not an emergency
    nerve: bool = False  # nerves under pressure: no increase for a week after it (decisions)
    # Asked instead of the sign with this id once that sign is history (`to_ask`).
    instead_of: str | None = None


SIGNS = (
    Sign(
        "saddle",
        Urgency.EMERGENCY,
        N_("Do you have numbness or tingling around your genitals, buttocks or inner thighs?"),
        N_("numbness or tingling around the genitals, buttocks or inner thighs"),
        nerve=True,
    ),
    Sign(
        "bladder",
        Urgency.EMERGENCY,
        N_(
            "Do you have new trouble passing urine, or have you lost control of your bladder "
            "or bowels?"
        ),
        N_("new trouble passing urine, or loss of bladder or bowel control"),
        nerve=True,
    ),
    Sign(
        "legs",
        Urgency.EMERGENCY,
        N_(
            "Do you have weakness, numbness or tingling in both legs, or weakness in a leg "
            "that is getting worse?"
        ),
        N_("weakness, numbness or tingling in both legs, or a leg getting weaker"),
        nerve=True,
    ),
    Sign(
        "erection",
        Urgency.EMERGENCY,
        N_("Men: are you newly unable to get or keep an erection?"),
        N_("newly unable to get or keep an erection"),
        nerve=True,
    ),
    Sign(
        "trauma",
        Urgency.EMERGENCY,
        N_("Did this back pain start after a serious accident or fall?"),
        N_("back pain that started after a serious accident or fall"),
    ),
    Sign(
        "fall",
        Urgency.EMERGENCY,
        N_(
            "Have you had a new serious accident or fall since a doctor saw you about the last one?"
        ),
        N_("a new serious accident or fall"),
        instead_of="trauma",
    ),
    Sign(
        "fever",
        Urgency.URGENT,
        N_("Do you have a fever, or do you feel generally unwell, along with the back pain?"),
        N_("fever or feeling generally unwell, along with the back pain"),
        no_exercise=True,
    ),
    Sign(
        "weight",
        Urgency.URGENT,
        N_("Have you lost weight without trying to?"),
        N_("weight loss without trying"),
    ),
    Sign(
        "cancer",
        Urgency.URGENT,
        N_("Have you ever had cancer?"),
        N_("cancer in the past"),
        history=True,
    ),
    Sign(
        "age",
        Urgency.URGENT,
        N_("Did back pain like this start for the first time when you were under 20 or over 50?"),
        N_("back pain like this that first started under the age of 20 or over 50"),
        history=True,
    ),
    Sign(
        "night",
        Urgency.URGENT,
        N_(
            "Is the pain there all the time, worse at night, and not eased by rest or by "
            "changing position?"
        ),
        N_("pain that is constant, worse at night and not eased by rest or moving"),
    ),
    Sign(
        "steroids",
        Urgency.URGENT,
        N_("Do you take corticosteroids (such as prednisone) for a long time?"),
        N_("long-term use of corticosteroids"),
        history=True,
    ),
    Sign(
        "bones",
        Urgency.URGENT,
        N_(
            "Do you have osteoporosis (brittle bones), or do you take corticosteroids for a "
            "long time, and have you had a fall in the last four weeks, even a small one?"
        ),
        N_("osteoporosis or long-term corticosteroids, and a recent fall, even a small one"),
    ),
    Sign(
        "immune",
        Urgency.URGENT,
        N_("Is your immune system weakened, or do you inject drugs?"),
        N_("a weakened immune system, or injecting drugs"),
    ),
    Sign(
        "course",
        Urgency.URGENT,
        N_("Has the pain not improved at all after 3 to 4 weeks, or does it keep getting worse?"),
        N_("no improvement at all after 3 to 4 weeks, or pain that keeps getting worse"),
    ),
)
SIGN_IDS = tuple(s.id for s in SIGNS)


class Reported(StrEnum):
    """A sign the person reported during a session, outside the check."""

    SADDLE_OR_BLADDER = "saddle-or-bladder"  # an emergency wherever it is reported
    LEG = "leg"  # new or spreading leg symptoms: stop, and the check before the next session


REPORTED_FACTS = {
    Reported.SADDLE_OR_BLADDER: N_(
        "numbness or tingling around the genitals, buttocks or inner thighs, or new trouble "
        "with bladder or bowels, during a session"
    ),
    Reported.LEG: N_("new or spreading numbness, tingling or weakness in a leg, during a session"),
}


class Reason(StrEnum):
    FIRST = "first"  # before the very first session
    MONTHLY = "monthly"  # four weeks since the last check
    PAIN = "pain"  # pain before a session high, or well above the usual
    ASKED = "asked"  # coach check
    SEEN = "seen"  # the person confirms a doctor saw them after an emergency sign
    SESSION = "session"  # a sign reported during a session (see `reported`)
    SYMPTOMS = "symptoms"  # the check after leg symptoms were reported in a session
    FEVER = "fever"  # the one question whether the fever or feeling unwell has gone
    UNREADABLE = "unreadable"  # the check after an earlier check's file could not be read


@dataclass
class Check:
    when: datetime
    reason: Reason
    answers: dict[str, bool] = field(default_factory=dict)
    reported: Reported | None = None  # for Reason.SESSION: what was reported
    known: tuple[str, ...] = ()  # history signs the person's GP or therapist knows about
    # Not a check but the file of one that could not be read (its name): what it held is
    # not known, so it is not known to be safe (`due`). Never saved.
    unreadable: str = ""

    @property
    def day(self) -> date:
        """The calendar day it was answered, where the person is now (`local_day`)."""
        return local_day(self.when)

    @property
    def id(self) -> str:
        return self.when.strftime("%Y-%m-%dT%H-%M-%S")

    def signs(self, urgency: Urgency) -> list[Sign]:
        return [s for s in SIGNS if s.urgency is urgency and self.answers.get(s.id)]

    @property
    def emergency(self) -> bool:
        return bool(self.signs(Urgency.EMERGENCY)) or self.reported is Reported.SADDLE_OR_BLADDER

    @property
    def urgent(self) -> bool:
        return bool(self.signs(Urgency.URGENT))

    @property
    def no_exercise(self) -> bool:
        """An answer that means no exercise today (fever, feeling unwell), or an emergency."""
        return self.emergency or any(s.no_exercise for s in self.signs(Urgency.URGENT))

    def facts(self) -> list[str]:
        """Every "yes", as facts (English msgids), emergency signs first."""
        found = [s.fact for s in self.signs(Urgency.EMERGENCY) + self.signs(Urgency.URGENT)]
        if self.reported is not None:
            found.insert(0, REPORTED_FACTS[self.reported])
        return found


# -- when to ask ------------------------------------------------------------------


def blocked(checks: Sequence[Check]) -> Check | None:
    """The emergency check that blocks sessions until the person confirms being seen."""
    for check in reversed(checks):
        if check.reason is Reason.SEEN:
            return None
        if check.emergency:
            return check
    return None


def due(checks: Sequence[Check], now: datetime) -> Reason | None:
    """Whether a check is due before a session, apart from the pain rule.

    In this order: a check file that could not be read since the last full check (it may
    have held a warning sign); the first check; leg symptoms reported in a session since
    the last full check (also when an emergency or a "seen" came after the report); four
    weeks since the last full check, counted in calendar days where the person is (a clock
    change makes no day an hour short); a fever or feeling unwell, answered last time it was
    asked: the one question whether it has gone.
    """
    full = [
        i
        for i, c in enumerate(checks)
        if c.reason not in (Reason.SEEN, Reason.SESSION, Reason.FEVER) and not c.unreadable
    ]
    later = checks[full[-1] + 1 :] if full else checks  # in saved order: one second holds many
    if any(c.unreadable for c in later):
        return Reason.UNREADABLE
    if not any(c.reason is not Reason.SEEN for c in checks):
        return Reason.FIRST
    if any(c.reported is Reported.LEG for c in later):
        return Reason.SYMPTOMS
    if not full or days_between(checks[full[-1]].when, now) >= RECHECK_DAYS:
        return Reason.MONTHLY
    fever = [c.answers["fever"] for c in checks if "fever" in c.answers and not c.unreadable]
    if fever and fever[-1]:
        return Reason.FEVER
    return None


def days_between(earlier: datetime, later: datetime) -> int:
    """Calendar days from one moment to another, in the local time zone of this machine."""
    return (local_day(later) - local_day(earlier)).days


def known_history(checks: Sequence[Check]) -> set[str]:
    """History signs the person confirmed their GP or therapist knows: not asked again."""
    return {sign for check in checks for sign in check.known}


def seen_history(checks: Sequence[Check]) -> set[str]:
    """Emergency signs that are history once a doctor has seen the person about them: a
    fall or accident (what is asked after it is whether there was a new one)."""
    found: set[str] = set()
    for i, check in enumerate(checks):
        if check.answers.get("trauma") and any(c.reason is Reason.SEEN for c in checks[i + 1 :]):
            found.add("trauma")
    return found


def to_ask(checks: Sequence[Check], reason: Reason | None = None) -> list[Sign]:
    """The signs to ask now: all, except history the GP or therapist already knows, and a
    sign that is history since a doctor saw it, which gives way to the sign asked instead.
    After a fever (`Reason.FEVER`): that one question."""
    if reason is Reason.FEVER:
        return [s for s in SIGNS if s.id == "fever"]
    known = known_history(checks)
    seen = seen_history(checks)
    return [
        s
        for s in SIGNS
        if not (s.history and s.id in known)
        and s.id not in seen
        and (s.instead_of is None or s.instead_of in seen)
    ]


def together(check: Check, earlier: Sequence[Check]) -> list[Sign]:
    """History signs (answered now, or known from before) that come with a new urgent sign
    in this check: together they weigh more (Finucane 2020). A past cancer with new pain
    that is constant or worse at night needs a GP within 24 hours (NICE NG234); coach gives
    that time frame to every history sign with a new urgent one. Empty when there is none."""
    new = [s for s in check.signs(Urgency.URGENT) if not s.history]
    if not new:
        return []
    known = known_history(earlier) | set(check.known)
    return [s for s in SIGNS if s.history and (check.answers.get(s.id) or s.id in known)]


def pain_jump(
    pain_now: int | None, earlier: Sequence[int], settings: ProgressionSettings | None = None
) -> bool:
    """Pain before a session 7 or more, or at least 3 above the usual (median of the last 3).

    This starts the warning-sign check, from the very first session on, with the same
    thresholds (the programme's) as the progression rule that allows no increase that day.
    """
    return pain_high_today(pain_now, usual(earlier), settings or ProgressionSettings())
