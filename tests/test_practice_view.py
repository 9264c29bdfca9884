"""The practice view's numbers, each tried on both sides of its boundary.

The boundaries are written as numbers, not as the constants: a constant moved by mistake
(tools/mutate.py, mutations l1-l8) must fail these tests.

No session for 10 days; steps down on 3 days; flags from the last 4 weeks (28 days, today
included); full sessions over the last 2 weeks (14 days); what was planned in them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.domain import practice_view
from coach.domain.practice_view import (
    Row,
    first_to_call,
    flags,
    planned,
)
from coach.files import practice_rows, practice_store
from coach.files.paths import Paths

TODAY = date(2026, 11, 30)  # a Monday


@pytest.mark.parametrize(("days_ago", "quiet"), [(9, False), (10, True)])
def test_no_session_for_ten_days(days_ago: int, quiet: bool) -> None:
    found = flags({}, TODAY - timedelta(days=days_ago), TODAY)
    assert ("quiet" in found) is quiet


def test_no_session_yet_is_quiet() -> None:
    assert flags({}, None, TODAY) == ["quiet"]


@pytest.mark.parametrize(("days", "flagged"), [(2, False), (3, True)])
def test_steps_down_on_three_days(days: int, flagged: bool) -> None:
    found = flags({"decrease": days}, TODAY, TODAY)
    assert ("decreases" in found) is flagged


def test_the_rules_advice_about_decreases_is_a_flag_on_its_own() -> None:
    assert flags({"decreases-advised": 1}, TODAY, TODAY) == ["decreases"]


def test_flags_come_in_the_order_a_practice_reads_them() -> None:
    every = {"floor": 1, "decrease": 3, "rising": 1, "worse": 1, "warning": 1}
    assert flags(every, None, TODAY) == list(practice_view.FLAGS)


@pytest.mark.parametrize(
    ("days", "first", "expected"),
    [
        ((), None, 6),  # 3 a week, two weeks
        (("mon", "wed", "fri"), None, 6),
        (("mon", "wed", "fri"), TODAY - timedelta(days=2), 1),  # began on Saturday: Monday only
        (("mon",), TODAY, 1),
        (("tue",), TODAY + timedelta(days=1), 0),  # begins tomorrow
    ],
)
def test_planned_in_the_last_two_weeks(
    days: tuple[str, ...], first: date | None, expected: int
) -> None:
    assert planned(3, days, first, TODAY) == expected


def test_a_warning_sign_comes_first_then_the_most_flags_then_the_longest_quiet() -> None:
    def row(name: str, found: list[str], last: date | None) -> Row:
        return Row(name, name, last, 0, 0, found)

    rows = [
        row("calm", [], TODAY),
        row("two", ["rising", "decreases"], TODAY),
        row("sign", ["warning"], TODAY),
        row("one-old", ["rising"], TODAY - timedelta(days=5)),
        row("one-new", ["rising"], TODAY),
    ]
    assert [r.name for r in first_to_call(rows)] == ["sign", "two", "one-old", "one-new", "calm"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with practice_store.opened(Paths(tmp_path, tmp_path)) as con:
        con.execute(
            "INSERT INTO patients (id, name, exported, coach_version, fingerprint, programme, "
            "per_week, days, first, last, dosage, unreadable) VALUES "
            "('p', 'Anna', '', '', '', '{}', 3, '[]', NULL, ?, '[]', '[]')",
            (TODAY.isoformat(),),
        )
        yield con


def _event(db: sqlite3.Connection, kind: str, days_ago: int) -> None:
    day = (TODAY - timedelta(days=days_ago)).isoformat()
    db.execute("INSERT INTO events (patient, kind, day) VALUES ('p', ?, ?)", (kind, day))


@pytest.mark.parametrize(("days_ago", "counted"), [(27, True), (28, False), (-1, False)])
def test_flags_look_back_four_weeks(db: sqlite3.Connection, days_ago: int, counted: bool) -> None:
    _event(db, "warning", days_ago)
    (row,) = practice_rows.rows(db, TODAY)
    assert ("warning" in row.flags) is counted


def test_three_days_of_steps_down_inside_the_window(db: sqlite3.Connection) -> None:
    for days_ago in (1, 10, 28):  # the third is a day too old
        _event(db, "decrease", days_ago)
    assert "decreases" not in practice_rows.rows(db, TODAY)[0].flags
    _event(db, "decrease", 27)
    assert "decreases" in practice_rows.rows(db, TODAY)[0].flags


@pytest.mark.parametrize(
    ("days_ago", "counts", "done"),
    [(13, 2, 1), (14, 2, 0), (0, 2, 1), (0, 1, 0), (-1, 2, 0)],
)
def test_full_sessions_over_the_last_two_weeks(
    db: sqlite3.Connection, days_ago: int, counts: int, done: int
) -> None:
    day = (TODAY - timedelta(days=days_ago)).isoformat()
    db.execute(
        "INSERT INTO entries (patient, kind, id, day, counts, finished, digest, content) "
        "VALUES ('p', 'sessions', ?, ?, ?, 1, '', ?)",
        (day + "T09-00-00", day, counts, json.dumps({})),
    )
    assert practice_rows.rows(db, TODAY)[0].done == done


def test_a_database_from_a_newer_coach_is_refused(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    with practice_store.opened(paths) as con:
        con.execute(f"PRAGMA user_version = {practice_store.SCHEMA + 1}")
    from coach.errors import CoachError

    with pytest.raises(CoachError, match="made by a newer coach"), practice_store.opened(paths):
        pass


def test_the_database_is_in_wal_mode_at_the_current_schema(tmp_path: Path) -> None:
    with practice_store.opened(Paths(tmp_path, tmp_path)) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA user_version").fetchone()[0] == practice_store.SCHEMA


def test_history_the_gp_knows_is_no_call_but_a_new_sign_is() -> None:
    """CLINICAL.md: history is told once, not news to re-alarm about."""
    from datetime import datetime

    from coach.domain.warning_signs import Check, Reason

    when = datetime(2026, 11, 20, 9, 0).astimezone()
    known = Check(when, Reason.MONTHLY, {"cancer": True}, known=("cancer",))
    told = Check(when, Reason.MONTHLY, {"cancer": True})
    fever = Check(when, Reason.MONTHLY, {"fever": True, "cancer": True}, known=("cancer",))
    nothing = Check(when, Reason.MONTHLY, {"fever": False})
    lost = Check(when, Reason.ASKED, unreadable="x.toml")
    assert practice_view.events([], [known]) == []
    assert practice_view.events([], [nothing]) == []
    for check in (told, fever, lost):
        assert practice_view.events([], [check]) == [("warning", when.date())]


@pytest.mark.parametrize(
    ("reason", "flare"),
    [("pain", True), ("morning", True), ("break", False), ("lighter-today", False)],
)
def test_a_step_down_for_a_break_is_not_a_flare(reason: str, flare: bool) -> None:
    """The practice view and the report count the steps down the rules count (version 3)."""
    from coach.domain.report_flags import stepped_down
    from coach.domain.session_record import DecisionDone

    assert stepped_down(DecisionDone("decrease", reason, {}, {"nl": "", "en": ""})) is flare
    assert not stepped_down(DecisionDone("keep", reason, {}, {"nl": "", "en": ""}))
