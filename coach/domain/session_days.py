"""Which days a programme's sessions fall on, and when a reminder of one may come.

A programme names its days (`days = ["mon", "wed", "fri"]`) or gives a count per week,
spread over the week (`SPREAD`). The calendar export, the paper log sheet and the
reminder all use these days. A reminder never comes at night (`at_night`): a job that
missed its time while the laptop was off runs at the next start-up, and that may be 2 am.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from coach.domain.model import WEEKDAYS, Programme

# Spread over the week when the programme gives a count instead of named days.
SPREAD = {
    1: ("wed",),
    2: ("tue", "fri"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "thu", "fri"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
    7: tuple(WEEKDAYS),
}
NIGHT_FROM = time(22, 0)  # from 22:00 ...
NIGHT_UNTIL = time(7, 0)  # ... until 07:00 no reminder is shown, and none may be set
DEFAULT_AT = time(18, 0)


def session_days(programme: Programme) -> tuple[str, ...]:
    """The programme's session days, Monday first."""
    days = programme.days or SPREAD[programme.sessions_per_week]
    return tuple(d for d in WEEKDAYS if d in days)


def weekday(day: date) -> str:
    return list(WEEKDAYS)[day.weekday()]


def first_day(start: date, days: tuple[str, ...]) -> date:
    """The first session day on or after `start`."""
    numbers = {list(WEEKDAYS).index(d) for d in days}
    day = start
    while day.weekday() not in numbers:
        day += timedelta(days=1)
    return day


def at_night(moment: time) -> bool:
    return moment >= NIGHT_FROM or moment < NIGHT_UNTIL


def session_due(programme: Programme, today: date) -> bool:
    """Whether `today` is one of the programme's session days, from its start on."""
    started = programme.start is None or programme.start <= today
    return started and weekday(today) in session_days(programme)


def next_reminder(days: tuple[str, ...], at: time, now: datetime) -> datetime:
    """The next moment a reminder at `at` on `days` comes, after `now` (local time)."""
    start = now.date() if now.time() < at else now.date() + timedelta(days=1)
    return datetime.combine(first_day(start, days), at, tzinfo=now.tzinfo)
