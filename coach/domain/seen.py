"""What the progression rules see of one earlier session (`Seen`), and its answers. Pure.

Below `progression_rules` and `pain_trends`, which both read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coach.domain.model import Dosage


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
    complete: bool  # a full session: at least the programme's share of the planned reps
    pain: int | None = None  # highest pain during, 0-10
    effort: Effort | None = None
    morning: Morning | None = None  # how the back was the next morning
    decision: Kind | None = None  # the decision taken at the start of that session
    since: date | None = None  # the first day of that session's dosage, as recorded then
    reason: str | None = None  # that decision's reason code
    before: Dosage | None = None  # the dosage that decision started from
    pain_before: int | None = None  # pain before that session, 0-10
    carried: bool = False  # a session of the plan before, carried into a new one

    @property
    def today_only(self) -> bool:
        """A lighter session for one day only: the programme's track stays where it was."""
        return self.reason == "lighter-today"

    @property
    def track(self) -> Dosage:
        """The dosage the programme was at: for a lighter day, the one before it."""
        return self.before if self.today_only and self.before is not None else self.dosage
