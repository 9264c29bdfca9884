"""What the progress report says, gathered once for its PDF and its Markdown.

The period, adherence per week, every dosage change with its reason (as it was
stored when decided), pain before, highest during and the next morning, the
weekly check-in answers, the notes and the flags to look at first. No PDF
library here: `coach report --format md` never loads one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from coach.domain import decisions, outcomes, plain_words, progress_summary, report_flags
from coach.domain.break_timer import BreakDay
from coach.domain.catalogue import Library
from coach.domain.model import Programme
from coach.domain.session_record import SessionRecord
from coach.domain.warning_signs import Check
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files import break_log, check_log
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import current_programme, fingerprint, parse_programme
from coach.files.session_store import Recorded, Store
from coach.i18n import _, language, ngettext

if TYPE_CHECKING:
    from coach.files.practice_rows import Kept


@dataclass(frozen=True)
class Change:
    day: date
    exercise: str
    kind: str
    reason: str  # in the report's language, as stored when it was decided
    exercise_id: str = ""


@dataclass(frozen=True)
class ExerciseReport:
    """One exercise of the programme over the period."""

    name: str
    current: progress_summary.Current
    weeks: list[progress_summary.ExerciseWeek]
    changes: list[Change]


@dataclass(frozen=True)
class ReportData:
    programme: Programme
    first: date  # the period: no earlier than the programme's first session
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
    outcomes: outcomes.Course  # every outcome answer since the start, not only the period
    exercises: list[ExerciseReport]
    excluded: int  # previews and one-off runs in the period: not in the figures


@dataclass(frozen=True)
class Sources:
    """What a report is made from: a patient's own files, or a practice's copy of them."""

    programme: Programme
    fingerprint: str
    store: Store | Recorded
    breaks: Callable[[date], tuple[list[BreakDay], list[CoachError]]]  # the days since
    checks: tuple[list[Check], list[CoachError]]
    unreadable: list[str] = field(default_factory=list)  # files a patient's coach could not read


def gather(paths: Paths, weeks: int, day: date) -> ReportData:
    """The report of the files in `paths`."""
    programme = current_programme(paths, load_library(paths))
    return assemble(
        Sources(
            programme,
            fingerprint(programme),
            Store(paths),
            lambda since: break_log.load_since(paths, since),
            check_log.load(paths),
        ),
        weeks,
        day,
    )


def practice_sources(kept: Kept, library: Library, file: Path) -> Sources:
    """The sources of a patient's report from what the practice imported (`file` names the
    database in any message)."""
    # Imported here: a patient's own report never reads a practice's store.
    from coach.files.export_doc import revive  # noqa: PLC0415
    from coach.files.practice_rows import kept_breaks, kept_checks, kept_sessions  # noqa: PLC0415

    problems: list[Problem] = []
    programme = parse_programme(revive(kept.programme), file, library, problems)
    if programme is None:
        raise InvalidFileError(problems)
    days = kept_breaks(kept.entries["breaks"], file)
    return Sources(
        programme,
        kept.fingerprint,
        Recorded(kept_sessions(kept.entries["sessions"], file)),
        lambda since: ([d for d in days if d.started.date() >= since], []),
        (kept_checks(kept.entries["checks"], file), []),
        kept.unreadable,
    )


def assemble(sources: Sources, weeks: int, day: date) -> ReportData:
    """The report of `sources` for the `weeks` up to `day`."""
    programme, store, fp = sources.programme, sources.store, sources.fingerprint
    began = store.began(fp, programme.start)
    weeks = progress_summary.weeks_to_show(weeks, day, began)
    rows_first = decisions.monday(day) - timedelta(weeks=weeks - 1)
    first = max(rows_first, began) if began is not None and began <= day else rows_first
    history = store.history(since=rows_first - timedelta(days=7))
    everything = [r for r in history.sessions if r.started.date() >= first]
    # The figures are this programme's: sessions of an earlier plan, and before it began, stay out.
    ours = [r for r in history.sessions if r.programme_id == fp]
    period = [r for r in ours if r.started.date() >= first]
    rows = progress_summary.weeks(period, programme, day, weeks, began)
    days, break_problems = sources.breaks(rows_first)
    checks, check_problems = sources.checks
    walks = [
        sum(d.taken() for d in days if w.monday <= d.started.date() < w.monday + timedelta(days=7))
        for w in rows
    ]
    plan = store.latest(decisions.HISTORY_SESSIONS, lambda r: r.counts and r.programme_id == fp)
    course = outcomes.course(store.answers())  # their start may be before the period
    lang = language()
    names = {e.exercise.id: e.exercise.name.get(lang) for e in programme.exercises}
    changes = _changes(period, names, lang)
    current = progress_summary.current(programme, plan.sessions)
    pairs = [
        (record, morning)
        for record, morning in progress_summary.with_mornings(history.sessions)
        if record.programme_id == fp and record.started.date() >= first
    ]
    exercises = [
        ExerciseReport(
            name=names[entry.exercise.id],
            current=state,
            weeks=progress_summary.exercise_weeks(pairs, entry.exercise.id, rows),
            changes=[c for c in changes if c.exercise_id == entry.exercise.id],
        )
        for entry, state in zip(programme.exercises, current, strict=True)
    ]
    return ReportData(
        programme=programme,
        first=first,
        last=day,
        weeks=rows,
        walks=walks,
        current=current,
        changes=changes,
        pain=[p for p in progress_summary.pain_points(ours) if p.when.date() >= first],
        checkins=[
            (r.started.date(), r.checkin.week, r.checkin.done, r.checkin.planned, r.checkin.reason)
            for r in everything
            if r.checkin is not None
        ],
        notes=[(r.started.date(), r.note) for r in everything if r.note],
        problems=[
            "; ".join(p.lines()) for p in [*history.problems, *break_problems, *check_problems]
        ]
        + sources.unreadable,
        flags=report_flags.flags(
            [r for r in ours if r.started.date() >= first - timedelta(days=7)],
            checks,
            programme.progression,
            first,
            names,
        )
        + outcomes.worse(course),
        outcomes=course,
        exercises=exercises,
        excluded=sum(1 for r in everything if r.kind != "programme" or r.speed != 1.0),
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
                        ex.id,
                    )
                )
    return found


def change_words(kind: str) -> str:
    """An increase or a decrease in words."""
    return _("one step up") if kind == "increase" else _("one step down")


def check_in_line(c: tuple[date, str, int, int, str | None]) -> str:
    day, week, done, planned, reason = c
    try:  # stored as an ISO week, 2026-W45: shown as the week of its Monday
        year, number = week.split("-W")
        shown = plain_words.week_of(date.fromisocalendar(int(year), int(number), 1))
    except ValueError:
        shown = week
    text = _("{week}: {done} of {planned} sessions").format(week=shown, done=done, planned=planned)
    if reason:
        text += "; " + _("in the way: {reason}").format(reason=_(plain_words.OBSTACLES[reason]))
    return f"{plain_words.short_date(day)}, {text}"


def period_text(data: ReportData) -> str:
    def day(d: date) -> str:
        return f"{plain_words.short_date(d)} {d.year}"

    text = _("Period: {first} to {last}").format(first=day(data.first), last=day(data.last))
    sessions = sum(w.done for w in data.weeks)
    text += ". " + ngettext("{count} full session", "{count} full sessions", sessions).format(
        count=sessions
    )
    if data.excluded:
        text += "; " + ngettext(
            "{count} preview or one-off run not counted",
            "{count} previews and one-off runs not counted",
            data.excluded,
        ).format(count=data.excluded)
    return text + "."


def efforts(answers: Sequence[str]) -> str:
    """The effort answers of a week in words: \"about right 2×, too hard 1×\"."""
    counts = Counter(answers)
    words = {"easy": _("too easy"), "right": _("about right"), "hard": _("too hard")}
    return ", ".join(f"{words[k]} {n}×" for k, n in counts.items() if k in words) or "-"


def mornings(answers: Sequence[str]) -> str:
    """The next-morning answers of a week in words."""
    counts = Counter(answers)
    words = plain_words.MORNINGS
    shown = [(_(words[k]), n) for k, n in counts.items() if k in words]
    return ", ".join(f"{word} {n}×" for word, n in shown) or "-"


def week_row(week: progress_summary.ExerciseWeek) -> tuple[str, ...]:
    return (
        plain_words.week_of(week.monday),
        str(week.sessions),
        _("{done} of {planned}").format(done=week.done, planned=week.planned)
        if week.sessions
        else "-",
        str(week.skipped) if week.sessions else "-",
        "-" if week.pain is None else str(week.pain),
        efforts(week.efforts),
        mornings(week.mornings),
    )


def now_line(state: progress_summary.Current) -> str:
    """ "Now: level 3, 3 × 10 per side, hold 3 s, since 13 Nov." """
    dosage = plain_words.dosage_short(state.dosage)
    if state.since is None:
        return _("Now: level {level}, {dosage}; not started yet.").format(
            level=state.dosage.level, dosage=dosage
        )
    return _("Now: level {level}, {dosage}, since {since}.").format(
        level=state.dosage.level, dosage=dosage, since=plain_words.short_date(state.since)
    )


def weeks_table(data: ReportData) -> list[tuple[str, ...]]:
    """Sessions per week, its heading first: the same table in the PDF and in Markdown."""
    rows: list[tuple[str, ...]] = [
        (_("Week"), _("Full sessions"), _("Adherence"), _("Walking breaks"))
    ]
    rows += [
        (
            w.label,
            _("{done} of {planned}").format(done=w.done, planned=w.planned),
            w.adherence_text,
            str(walks),
        )
        for w, walks in zip(data.weeks, data.walks, strict=True)
    ]
    return rows


def exercise_table(report: ExerciseReport) -> list[tuple[str, ...]]:
    """One exercise week by week, its heading first; only the heading when it was not done."""
    header = (
        _("Week"),
        _("Sessions"),
        _("Reps held"),
        _("Skipped"),
        _("Pain"),
        _("Effort"),
        _("Mornings"),
    )
    return [header, *(week_row(w) for w in report.weeks if w.sessions)]


def change_line(change: Change, escape: Callable[[str], str] = str) -> str:
    """ "6 Oct, one step up: <the stored reason>", the reason through `escape`."""
    day = plain_words.short_date(change.day)
    return f"{day}, {change_words(change.kind)}: {escape(change.reason)}"
