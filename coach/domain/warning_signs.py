"""The red-flag check as rules: the signs, when to ask, and what the answers mean. Pure.

The signs and their urgency follow the NHG-Standaard Aspecifieke lagerugpijn
(2017), NICE NG59 and the KNGF-richtlijn Lage rugpijn (2021), as summarised in
the project's clinical notes. One sign alone is not proof of anything, but any
emergency sign is reason enough to stop exercising and call a doctor. coach
never reassures against a red flag: when every answer is "no", it says so and
points to the GP should anything change.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from coach.i18n import N_

RECHECK_DAYS = 28  # every 4 weeks
PAIN_JUMP = 3  # pain before a session this much above the usual asks again


class Urgency(StrEnum):
    EMERGENCY = "emergency"  # today: the GP now, the huisartsenpost out of hours, 112
    URGENT = "urgent"  # the GP soon


@dataclass(frozen=True)
class Sign:
    id: str
    urgency: Urgency
    question: str  # an English msgid, translated where it is asked


SIGNS = (
    Sign(
        "saddle",
        Urgency.EMERGENCY,
        N_("Do you have numbness or tingling around your genitals, buttocks or inner thighs?"),
    ),
    Sign(
        "bladder",
        Urgency.EMERGENCY,
        N_(
            "Do you have new trouble passing urine, or have you lost control of your bladder "
            "or bowels?"
        ),
    ),
    Sign(
        "legs",
        Urgency.EMERGENCY,
        N_(
            "Do you have weakness, numbness or tingling in both legs, or weakness in a leg "
            "that is getting worse?"
        ),
    ),
    Sign(
        "erection", Urgency.EMERGENCY, N_("Men: are you newly unable to get or keep an erection?")
    ),
    Sign(
        "trauma",
        Urgency.EMERGENCY,
        N_("Did this back pain start after a serious accident or fall?"),
    ),
    Sign(
        "fever",
        Urgency.URGENT,
        N_("Do you have a fever, or do you feel generally unwell, along with the back pain?"),
    ),
    Sign("weight", Urgency.URGENT, N_("Have you lost weight without trying to?")),
    Sign("cancer", Urgency.URGENT, N_("Have you ever had cancer?")),
    Sign(
        "age",
        Urgency.URGENT,
        N_("Did back pain like this start for the first time when you were under 20 or over 50?"),
    ),
    Sign(
        "night",
        Urgency.URGENT,
        N_(
            "Is the pain there all the time, worse at night, and not eased by rest or by "
            "changing position?"
        ),
    ),
    Sign(
        "bones",
        Urgency.URGENT,
        N_(
            "Do you take corticosteroids (such as prednisone) for a long time, or do you have "
            "osteoporosis and had a fall, even a small one?"
        ),
    ),
    Sign("immune", Urgency.URGENT, N_("Is your immune system weakened, or do you inject drugs?")),
    Sign(
        "course",
        Urgency.URGENT,
        N_("Has the pain not improved at all after 3 to 4 weeks, or does it keep getting worse?"),
    ),
)
SIGN_IDS = tuple(s.id for s in SIGNS)


class Reason(StrEnum):
    FIRST = "first"  # before the very first session
    MONTHLY = "monthly"  # four weeks since the last check
    PAIN = "pain"  # pain before a session well above the usual
    ASKED = "asked"  # coach check
    SEEN = "seen"  # the person confirms a doctor saw them after an emergency sign


@dataclass
class Check:
    when: datetime
    reason: Reason
    answers: dict[str, bool] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.when.strftime("%Y-%m-%dT%H-%M-%S")

    def signs(self, urgency: Urgency) -> list[Sign]:
        return [s for s in SIGNS if s.urgency is urgency and self.answers.get(s.id)]

    @property
    def emergency(self) -> bool:
        return bool(self.signs(Urgency.EMERGENCY))

    @property
    def urgent(self) -> bool:
        return bool(self.signs(Urgency.URGENT))


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
    """Whether a check is due before a session, apart from the pain rule."""
    answered = [c for c in checks if c.reason is not Reason.SEEN]
    if not answered:
        return Reason.FIRST
    if now - answered[-1].when >= timedelta(days=RECHECK_DAYS):
        return Reason.MONTHLY
    return None


def pain_jump(pain_now: int | None, earlier: Sequence[int]) -> bool:
    """Pain now at least 3 points above the person's usual (the median of recent sessions)."""
    if pain_now is None or len(earlier) < 2:
        return False
    return pain_now - statistics.median(earlier) >= PAIN_JUMP


# -- the record ---------------------------------------------------------------------
