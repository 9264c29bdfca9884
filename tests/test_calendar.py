"""The calendar export parses back with the iCalendar library."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import time_machine
from icalendar import Calendar

from tests.conftest import Run


def events(path: Path) -> list[Any]:
    """The VEVENTs, loosely typed: icalendar's properties are a wide union."""
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_default_programme_three_days_a_week(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "coach.ics"
    with time_machine.travel(datetime.fromisoformat("2026-11-24T12:00:00+01:00"), tick=False):
        result = run("programme", "calendar", "-o", str(out), "--time", "07:30")
    assert result.exit_code == 0, result.output
    (event,) = events(out)
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert event["rrule"]["BYDAY"] == ["MO", "WE", "FR"]
    start = event.decoded("dtstart")
    assert start == datetime(2026, 11, 25, 7, 30)  # the first Wednesday from today
    assert event.decoded("duration") >= timedelta(minutes=20)
    assert "Bird-dog" in str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-15)


def test_named_days_and_an_end(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Rug"\ndays = ["tue", "sat"]\nstart = 2027-01-04\n[[exercises]]\nid = "walk"\n'
    )
    out = tmp_path / "walk.ics"
    # Before the programme's start, so the events begin on its first Tuesday.
    with time_machine.travel(datetime.fromisoformat("2026-12-01T12:00:00+01:00"), tick=False):
        result = run(
            "--lang",
            "nl",
            "programme",
            "calendar",
            str(plan),
            "-o",
            str(out),
            "--weeks",
            "6",
            "--remind",
            "30",
        )
    assert result.exit_code == 0, result.output
    (event,) = events(out)
    assert event["rrule"]["BYDAY"] == ["TU", "SA"]
    assert event.decoded("dtstart").date() == date(2027, 1, 5)
    assert event["rrule"]["UNTIL"][0].date() == date(2027, 2, 16)
    assert "Oefeningen" in str(event["summary"])


def test_bad_time_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("programme", "calendar", "-o", str(tmp_path / "x.ics"), "--time", "late")
    assert result.exit_code == 2
