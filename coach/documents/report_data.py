"""What the progress report says, gathered once for its PDF and its Markdown.

The period, adherence per week, every dosage change with its reason (as it was
stored when decided), pain before, highest during and the next morning, the
weekly check-in answers, the notes and the flags to look at first. No PDF
library here: `coach report --format md` never loads one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain import decisions, plain_words, progress_summary, report_flags
from coach.domain.model import Programme
from coach.domain.session_record import SessionRecord
from coach.files import break_log, check_log
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import current_programme, fingerprint
from coach.files.session_store import Store
from coach.i18n import _, language


@dataclass(frozen=True)
class Change:
    day: date
    exercise: str
    kind: str
    reason: str  # in the report's language, as stored when it was decided


@dataclass(frozen=True)
class ReportData:
    programme: Programme
    first: date
    last: date
    weeks: list[progress_summary.Week]
    walks: list[int]  # movement breaks taken per week
    current: list[progress_summary.Current]
    changes: list[Change]
    pain: list[progress_summary.PainPoint]
    checkins: list[tuple[date, str, int, int, str | None]]  # day, week, done, planned, reason
    notes: list[tuple[date, str]]
    problems: list[str]
    flags: list[str]  # what to look at first, in plain words


def gather(paths: Paths, weeks: int, day: date) -> ReportData:
    programme = current_programme(paths, load_library(paths))
    store = Store(paths)
    rows_first = decisions.monday(day) - timedelta(weeks=weeks - 1)
    history = store.history(since=rows_first - timedelta(days=7))
    records = history.sessions
    period = [r for r in records if r.started.date() >= rows_first]
    rows = progress_summary.weeks(records, programme, day, weeks)
    days, break_problems = break_log.load_since(paths, rows_first)
    walks = [
        sum(d.taken() for d in days if w.monday <= d.started.date() < w.monday + timedelta(days=7))
        for w in rows
    ]
    fp = fingerprint(programme)
    plan = store.latest(decisions.HISTORY_SESSIONS, lambda r: r.counts and r.programme_id == fp)
    lang = language()
    names = {e.exercise.id: e.exercise.name.get(lang) for e in programme.exercises}
    return ReportData(
        programme=programme,
        first=rows_first,
        last=day,
        weeks=rows,
        walks=walks,
        current=progress_summary.current(programme, plan.sessions),
        changes=_changes(period, names, lang),
        pain=[p for p in progress_summary.pain_points(records) if p.when.date() >= rows_first],
        checkins=[
            (r.started.date(), r.checkin.week, r.checkin.done, r.checkin.planned, r.checkin.reason)
            for r in period
            if r.checkin is not None
        ],
        notes=[(r.started.date(), r.note) for r in period if r.note],
        problems=["; ".join(p.lines()) for p in [*history.problems, *break_problems]],
        flags=report_flags.flags(
            records, check_log.load(paths)[0], programme.progression, rows_first
        ),
    )


def _changes(records: list[SessionRecord], names: dict[str, str], lang: str) -> list[Change]:
    found = []
    for record in records:
        if not record.counts:
            continue
        for ex in record.exercises:
            d = ex.decision
            if d is not None and d.kind != "keep":
                found.append(
                    Change(
                        record.started.date(),
                        names.get(ex.id, ex.id),
                        d.kind,
                        d.text.get(lang) or d.text.get("en", ""),
                    )
                )
    return found


def change_words(kind: str) -> str:
    """An increase or a decrease in words."""
    return _("one step up") if kind == "increase" else _("one step down")


def check_in_line(c: tuple[date, str, int, int, str | None]) -> str:
    day, week, done, planned, reason = c
    text = _("{week}: {done} of {planned} sessions").format(week=week, done=done, planned=planned)
    if reason:
        text += "; " + _("in the way: {reason}").format(reason=_(plain_words.OBSTACLES[reason]))
    return f"{day.isoformat()}, {text}"
