"""Pain over time: the usual pain before a session, a high-pain day, rising weekly pain. Pure."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from coach.domain.model import ProgressionSettings
from coach.domain.seen import Seen

RISING_WEEKS = 3  # weekly pain higher in each of the last three weeks: advise contact


USUAL_OF = 3  # the usual pain is the median of this many last answers


def usual(answers: Sequence[int]) -> float | None:
    """The person's usual pain before a session: the median of the last three answers."""
    recent = list(answers)[-USUAL_OF:]
    import statistics  # noqa: PLC0415 -- pulls in fractions and decimal: only when used

    return statistics.median(recent) if recent else None


def usual_pain(history: Sequence[Seen]) -> float | None:
    """`usual` over the pain-before answers of earlier sessions."""
    return usual([s.pain_before for s in history if s.pain_before is not None])


def pain_high_today(
    pain_now: int | None, usual: float | None, settings: ProgressionSettings
) -> bool:
    """Pain before today's session 7 or more, or 3 or more above the usual."""
    if pain_now is None:
        return False
    if pain_now >= settings.pain_today_high:
        return True
    return usual is not None and pain_now - usual >= settings.pain_today_jump


def weekly_pain(history: Sequence[Seen], today: date, weeks: int) -> list[list[float | None]]:
    """Mean pain per week, this week first: [before, during] for the last `weeks` weeks.

    Week 0 is the seven days up to today, week 1 the seven before, and so on.
    """
    import statistics  # noqa: PLC0415 -- pulls in fractions and decimal: only when used

    out: list[list[float | None]] = []
    for k in range(weeks):
        end, begin = today - timedelta(days=7 * k), today - timedelta(days=7 * (k + 1))
        inside = [s for s in history if begin <= s.day < end]
        row: list[float | None] = []
        for values in (
            [s.pain_before for s in inside if s.pain_before is not None],
            [s.pain for s in inside if s.pain is not None],
        ):
            row.append(statistics.mean(values) if values else None)
        out.append(row)
    return out


def rising(history: Sequence[Seen], today: date, points: int) -> tuple[bool, bool]:
    """(pain rising, pain higher in each of the last three weeks), before or during.

    Rising: this week's mean is `points` or more above the mean of one or two weeks
    ago. Three weeks in a row: each of the last three weeks higher than the one before,
    `points` or more in all.
    """
    weeks = weekly_pain(history, today, RISING_WEEKS)
    up = steady = False
    for series in (0, 1):
        means = [w[series] for w in weeks]
        now = means[0]
        if now is None:
            continue
        if any(m is not None and now - m >= points for m in means[1:]):
            up = True
            known = [m for m in means if m is not None]
            if len(known) == len(means) and all(a > b for a, b in itertools.pairwise(known)):
                steady = True
    return up, steady
