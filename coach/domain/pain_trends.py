"""Pain over time: the usual pain before a session, a high-pain day, rising weekly pain. Pure."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from coach.domain.model import ProgressionSettings
from coach.domain.seen import Seen

RISING_WEEKS = 4  # a rise of 2 points over up to four weeks (this week and three before)
STEADY_WEEKS = 3  # weekly pain higher in each of the last three weeks: advise contact
BACK_TO_USUAL = 1  # at most this much above the usual pain: back to usual (below the MCID)


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

    Rising: this week's mean is `points` or more above the mean of one, two or three
    weeks ago, so a slow climb (1, 1, 2, 2, 3 over five weeks) is seen too. Three weeks
    in a row: each of the last three weeks higher than the one before, `points` or more
    in all.
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
        recent = means[:STEADY_WEEKS]
        known = [m for m in recent if m is not None]
        if (
            len(known) == STEADY_WEEKS
            and now - known[-1] >= points
            and all(a > b for a, b in itertools.pairwise(known))
        ):
            steady = True
    return up, steady


def back_to_usual(history: Sequence[Seen], pain_now: int | None, sessions: int) -> bool:
    """After the last lighter day: whether the pain before has since been back to the usual
    of before that day in `sessions` sessions in a row (today's answer the last one). Once
    it has, the lighter day no longer holds anything back.

    Back to usual is at most `BACK_TO_USUAL` above it: less than the 2 points that matter
    (Childs 2005). True when there was no lighter day. Without a usual from before the
    lighter day (it was the very first session), back means below that day's pain.
    """
    lighter = [i for i, s in enumerate(history) if s.today_only]
    if not lighter:
        return True
    last = lighter[-1]
    before = usual_pain(history[:last])
    that_day = history[last].pain_before

    def back(pain: int | None) -> bool:
        if pain is None:
            return False
        if before is not None:
            return pain - before <= BACK_TO_USUAL
        return that_day is None or pain < that_day

    run = 0
    for pain in [s.pain_before for s in history[last + 1 :]] + [pain_now]:
        run = run + 1 if back(pain) else 0
        if run >= sessions:
            return True
    return False
