"""The work behind `coach next`, `coach progress` and `coach history`: read, render, export.

Imported only when one of those commands runs: it loads rich and the store.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from coach.domain import decisions, outcomes, plain_words, progress_summary
from coach.domain.model import Programme
from coach.domain.plain_words import explain
from coach.domain.progression_rules import Decision
from coach.domain.session_record import SessionRecord
from coach.errors import UsageError
from coach.files.durable import atomic_write_bytes
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.plan_history import PlanHistory, plan_history
from coach.files.programmes import current_programme, fingerprint
from coach.files.session_store import Store
from coach.files.session_toml import to_toml
from coach.i18n import _, language, ngettext
from coach.live import outcome_views, progress_views
from coach.live.console import MODE, heading, report_error, report_warning, say


def _programme(paths: Paths) -> tuple[Programme, Store, str]:
    library = load_library(paths)
    for message in library.skipped:  # before an "unknown exercise" that a skip explains
        report_warning(message)
    programme = current_programme(paths, library)
    return programme, Store(paths), fingerprint(programme)


def _warn(problems: list[Any]) -> None:
    for problem in problems:
        report_error(problem, warning=True)


def next_decisions(paths: Paths) -> tuple[Programme, list[Decision], PlanHistory]:
    programme, store, fp = _programme(paths)
    history = plan_history(paths, store, programme, fp, date.today())
    _warn(history.problems)
    return programme, history.decide(programme, date.today()), history


def next_command(paths: Paths, as_json: bool, console: Console) -> None:
    import json  # noqa: PLC0415 -- not every command needs it

    programme, found, history = next_decisions(paths)
    if as_json:
        out = []
        for entry, d in zip(programme.exercises, found, strict=True):
            dosage: dict[str, Any] = {
                "level": d.after.level,
                "sets": d.after.sets,
                "reps": d.after.reps,
                "hold_s": d.after.hold_s,
            }
            if d.after.duration_s is not None:
                dosage["duration_s"] = d.after.duration_s
            out.append(
                {
                    "exercise": entry.exercise.id,
                    "decision": d.kind.value,
                    "dosage": dosage,
                    "reason": explain(entry.exercise, d),
                }
            )
        console.file.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [
        (d.kind.value, explain(entry.exercise, d))
        for entry, d in zip(programme.exercises, found, strict=True)
    ]
    new_plan = plain_words.new_plan(history.since) if history.carries and history.since else None
    console.print(
        progress_views.next_view(lines, pending_morning=history.last is not None, note=new_plan)
    )
    worse = outcomes.worse(outcomes.course(Store(paths).answers()))
    if worse:
        console.print(outcome_views.contact_panel(worse))


@dataclass(frozen=True)
class Period:
    programme: Programme
    records: list[SessionRecord]
    store: Store
    fp: str
    weeks: int
    began: date | None


def _period(paths: Paths, weeks: int) -> Period:
    if weeks < 1:
        raise UsageError(_("--weeks {value}: expected 1 or more").format(value=weeks))
    programme, store, fp = _programme(paths)
    began = store.began(fp, programme.start)
    weeks = progress_summary.weeks_to_show(weeks, date.today(), began)
    first = decisions.monday(date.today()) - timedelta(weeks=weeks - 1)
    history = store.history(since=first - timedelta(days=7))  # and the mornings after
    _warn(history.problems)
    return Period(programme, history.sessions, store, fp, weeks, began)


def progress_command(paths: Paths, weeks: int, export: Path | None, console: Console) -> None:
    period = _period(paths, weeks)
    programme, records, weeks = period.programme, period.records, period.weeks
    day = date.today()
    rows = progress_summary.weeks(records, programme, day, weeks, period.began)
    first = rows[0].monday
    in_period = [r for r in records if r.started.date() >= first]
    plan_sessions = period.store.latest(
        decisions.HISTORY_SESSIONS, lambda r: r.counts and r.programme_id == period.fp
    )
    now = progress_summary.current(programme, plan_sessions.sessions)
    course = outcomes.course(period.store.answers())  # since their start
    if export is not None:
        _export(export, programme, rows, now, records, course)
        say(_("Wrote {file}.").format(file=export), console)
        return
    console.print(
        heading(
            ngettext(
                "{title}: this week, from {start}",
                "{title}: the last {weeks} weeks, from {start}",
                weeks,
            ).format(
                title=programme.title.get(language()),
                weeks=weeks,
                start=plain_words.short_date(first),
            )
        )
    )
    from coach.files import break_log  # noqa: PLC0415 -- only `progress` counts breaks

    days, problems = break_log.load_since(paths, first)
    _warn(problems)
    taken = [
        sum(d.taken() for d in days if w.monday <= d.started.date() < w.monday + timedelta(days=7))
        for w in rows
    ]
    console.print(progress_views.weeks_table(rows, taken if days else None))
    console.print()
    console.print(progress_views.current_table(programme, now))
    console.print()
    load = progress_summary.weekly_load(in_period, rows)
    points = [p for p in progress_summary.pain_points(records) if p.when.date() >= first]
    has_pain = any(p.before is not None or p.during is not None or p.morning for p in points)
    if MODE.plain:
        console.print(progress_views.load_lines(rows, load))
        if has_pain:
            console.print(progress_views.pain_lines(points))
        if not course.empty:  # to a file or a pipe, a week per line whatever the width
            console.print(outcome_views.week_lines(course), soft_wrap=not console.is_terminal)
        return
    from coach.live import charts  # noqa: PLC0415 -- only the full view draws charts

    width = max(40, min(console.width, 100))
    console.print(charts.load_bars(rows, load, width))
    console.print()
    if has_pain:
        console.print(charts.pain_plot(points, width))
    else:
        console.print(Text(_("No pain scores recorded in this period yet."), style="dim"))
    if not course.empty:
        console.print()
        console.print(outcome_views.outcome_view(course))


def _export(
    target: Path,
    programme: Programme,
    rows: list[progress_summary.Week],
    now: list[progress_summary.Current],
    everything: list[SessionRecord],
    course: outcomes.Course,
) -> None:
    import json  # noqa: PLC0415 -- not every command needs it

    table = [
        row
        for row in progress_summary.rows(everything)
        if row["date"] >= rows[0].monday.isoformat()
    ]
    suffix = target.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO()
        _csv(table, buffer)
        data = buffer.getvalue()
    elif suffix == ".json":
        payload = {
            "programme": programme.title.get(language()),
            "weeks": [
                {
                    "week": w.iso,
                    "monday": w.monday.isoformat(),
                    "done": w.done,
                    "planned": w.planned,
                    "adherence": w.adherence,
                }
                for w in rows
            ],
            "exercises": [
                {
                    "exercise": c.id,
                    "level": c.dosage.level,
                    "sets": c.dosage.sets,
                    "reps": c.dosage.reps,
                    "hold_s": c.dosage.hold_s,
                    "duration_s": c.dosage.duration_s,
                    "since": c.since.isoformat() if c.since else None,
                }
                for c in now
            ],
            "sessions": table,
            "outcomes": outcome_answers(course),
        }
        data = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        raise UsageError(
            _('--export "{file}": expected a file name ending in .csv or .json').format(file=target)
        )
    atomic_write_bytes(target, data.encode("utf-8"))


def outcome_answers(course: outcomes.Course) -> list[dict[str, Any]]:
    """Every outcome answer, oldest first: activities 0 (as before the back pain) to 10
    (impossible), the average pain over the last week 0-10, the overall effect."""
    return [
        {
            "date": day.isoformat(),
            "kind": o.kind,
            "activities": [{"name": s.activity, "score": s.score} for s in o.activities],
            "pain_week": o.pain_week,
            "overall": o.effect,
        }
        for day, o in course.answers
    ]


def _csv(table: Iterable[dict[str, Any]], out: IO[str]) -> None:
    import csv  # noqa: PLC0415 -- not every command needs it

    writer = csv.DictWriter(out, fieldnames=progress_summary.COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow(row)


def history_command(paths: Paths, fmt: str, console: Console) -> None:
    """One line per session, or CSV or JSON; exports stream, so years cost flat memory."""
    import json  # noqa: PLC0415 -- not every command needs it

    store = Store(paths)
    problems: list[Any] = []
    records = store.stream(problems.append)
    out = console.file
    if fmt == "csv":
        _csv(progress_summary.rows(records), out)
    elif fmt == "json":
        # One session per line: json's C encoder (an indent would switch to its pure-Python
        # one, three times as slow over years of sessions), still an array any tool reads.
        out.write("[")
        for n, record in enumerate(records):
            item = json.dumps(
                to_toml(record) | {"id": record.id}, ensure_ascii=False, default=_isoformat
            )
            out.write(("," if n else "") + "\n  " + item)
        out.write("\n]\n")
    else:
        shown = 0
        for record, morning in progress_summary.with_mornings(records):
            console.print(progress_views.history_line(record, morning), soft_wrap=True)
            shown += 1
        if not shown and not problems:
            console.print(_("No sessions yet. Start one with: coach start"))
    _warn(problems)


def _isoformat(value: Any) -> str:
    """Dates and times in JSON: ISO 8601, as in the session files."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
