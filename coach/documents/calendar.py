"""`coach programme calendar`: the planned session days as a recurring iCalendar event.

Written with the icalendar library; any calendar app can import the file. Times
are floating local times (no time zone), so the session stays at, say, 18:00
wherever the person's calendar is set.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from coach import __version__
from coach.domain import plain_words
from coach.domain.model import Programme
from coach.domain.session_days import first_day, session_days
from coach.domain.session_plan import Overrides, programme_plan
from coach.domain.timeline import compile_timeline
from coach.files.programmes import fingerprint
from coach.i18n import _, language

ICAL_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}


def calendar(
    programme: Programme, at: time, remind_minutes: int, weeks: int | None, today: date
) -> bytes:
    days = session_days(programme)
    start = first_day(max(programme.start or today, today), days)
    total = compile_timeline(programme_plan(programme, Overrides())).total
    minutes = max(5, -(-int(total) // 60) + 5)  # the session, and a few minutes of questions
    title = programme.title.get(language())

    lines = [
        f"- {e.exercise.name.get(language())}: {plain_words.dosage_line(e.dosage)}"
        for e in programme.exercises
    ]
    description = "\n".join(
        [
            _("Your exercises with coach ({frequency}).").format(
                frequency=plain_words.frequency(programme)
            ),
            *lines,
            "",
            _("Start with: coach start"),
        ]
    )

    cal = Calendar()
    cal.add("prodid", f"-//coach//coach {__version__}//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"{fingerprint(programme)}-{''.join(days)}@coach")
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("summary", _("Exercises: {title}").format(title=title))
    event.add("description", description)
    event.add("dtstart", datetime.combine(start, at))
    event.add("duration", timedelta(minutes=minutes))
    rule: dict[str, object] = {"freq": "weekly", "byday": [ICAL_DAYS[d] for d in days]}
    if weeks is not None:
        rule["until"] = datetime.combine(start + timedelta(weeks=weeks), time(23, 59))
    event.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Time for your exercises"))
    alarm.add("trigger", timedelta(minutes=-remind_minutes))
    event.add_component(alarm)
    cal.add_component(event)
    return bytes(cal.to_ical())
