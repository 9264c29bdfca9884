"""`coach programme new`: a programme from options, or from a few questions.

Either way the answers become the same TOML table, which goes through the
programme validator before anything is written. The questions themselves are in
programme_questions.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from coach.commands.common import writable_target
from coach.domain.catalogue import Library
from coach.domain.limits import whole_number
from coach.domain.model import DAY_ALIASES, SCHEMA_VERSION, WEEKDAYS, Programme
from coach.domain.outcomes import ACTIVITY_CHARS, MAX_ACTIVITIES, same
from coach.errors import CoachError, InvalidFileError, Problem, UsageError
from coach.files.programmes import parse_programme, write_new_programme
from coach.files.text_rules import text_problem
from coach.i18n import _, language, speaking
from coach.live.prompts import Asker

DEFAULT_EXERCISES = ("bird-dog", "single-leg-bridge")
SPEC = re.compile(
    r"(?P<id>[a-z0-9-]+)(?:@(?P<level>\d+))?"
    r"(?::(?:(?P<sets>\d+)x(?P<reps>\d+)(?:/(?P<hold>\d+)s)?|(?P<minutes>\d+)min|(?P<secs>\d+)s))?"
)
SPEC_HELP = "ID[@LEVEL][:SETSxREPS[/HOLDs]] | ID[@LEVEL]:MINUTESmin"


@dataclass
class Answers:
    output: Path | None = None
    exercises: list[str] = field(default_factory=list)
    title: str | None = None
    patient: str | None = None
    therapist: str | None = None
    practice: str | None = None
    phone: str | None = None
    email: str | None = None
    recipient: str | None = None  # the practice's age public key
    activities: list[str] = field(default_factory=list)  # for the outcome measure (PSK)
    per_week: int | None = None
    days: str | None = None
    start: str | None = None
    agreed: str | None = None
    notes: str | None = None
    exercise_notes: dict[str, str] = field(default_factory=dict)  # by exercise id
    allow_outside_range: bool = False
    lang: str | None = None  # the patient's language, written into the programme


def parse_spec(spec: str, library: Library) -> dict[str, Any]:
    """One --exercise value as a programme entry: {"id": ..., "level": ..., "sets": ...}."""
    match = SPEC.fullmatch(spec.strip())
    if not match:
        raise UsageError(
            _('--exercise "{value}": expected {expected}, e.g. {example}').format(
                value=spec, expected=SPEC_HELP, example="bird-dog@3:3x10/5s"
            )
        )
    exercise = library.get(match["id"])
    entry: dict[str, Any] = {"id": exercise.id}

    def number(name: str) -> int:
        found = whole_number(match[name])
        if found is None:  # thousands of digits: refused here, not by int()
            shown = spec if len(spec) <= 40 else spec[:40] + "…"
            raise UsageError(_('--exercise "{value}": far too large a number').format(value=shown))
        return found

    if match["level"]:
        entry["level"] = number("level")
    if match["sets"]:
        if exercise.timed:
            raise UsageError(
                _('--exercise "{value}": {id} is time-based; give minutes, e.g. {id}:10min').format(
                    value=spec, id=exercise.id
                )
            )
        entry["sets"], entry["reps"] = number("sets"), number("reps")
        if match["hold"]:
            entry["hold_s"] = number("hold")
    elif match["minutes"] or match["secs"]:
        if not exercise.timed:
            raise UsageError(
                _('--exercise "{value}": {id} has sets and reps, e.g. {id}:3x10').format(
                    value=spec, id=exercise.id
                )
            )
        entry["duration_s"] = number("minutes") * 60 if match["minutes"] else number("secs")
    return entry


def exercise_notes(values: list[str]) -> dict[str, str]:
    """--note ID=TEXT values by exercise id."""
    found = {}
    for value in values:
        ex_id, sep, text = value.partition("=")
        if not sep or not ex_id.strip() or not text.strip():
            raise UsageError(
                _('--note "{value}": expected ID=TEXT, e.g. bird-dog=Keep it slow').format(
                    value=value
                )
            )
        found[ex_id.strip()] = text.strip()
    return found


def reviewer(console: Console) -> Callable[[Programme, Path], bool]:
    """Shows the whole programme, then asks whether to write it."""

    def review(programme: Programme, target: Path) -> bool:
        from coach.live.library_views import programme_detail  # noqa: PLC0415

        console.print()
        console.print(programme_detail(programme))
        asker = Asker(console)
        return asker.yes_no(_("Write it to {file}?").format(file=target), True)

    return review


def check_target(target: Path, *, force: bool) -> None:
    """A file the programme may be written to: a name the system takes, in a folder that is
    there, not a folder, and (without --force) not a file that is there already."""
    writable_target(target)
    if not force and target.exists():
        raise CoachError(
            _("{file} already exists").format(file=target),
            _("Choose another file name with -o, or pass --force to replace it"),
        )


_TEXT_OPTIONS = ("title", "patient", "therapist", "practice", "phone", "email", "notes")


def check_options(answers: Answers) -> None:
    """The options given, checked before any question is asked: a text coach would not
    save, a date or days it can't read, is said now rather than after the last answer."""
    texts = [(f"--{name}", getattr(answers, name)) for name in _TEXT_OPTIONS]
    texts += [(f"--note {ex_id}", note) for ex_id, note in answers.exercise_notes.items()]
    for option, text in texts:
        if text is not None and (wrong := text_problem(text)) is not None:
            raise UsageError(f"{option}: {wrong}")
    _check_activities(answers.activities)
    if answers.recipient is not None:
        from coach.files.sealed import recipient_problem  # noqa: PLC0415

        if (wrong := recipient_problem(answers.recipient)) is not None:
            raise UsageError(f"--recipient: {wrong}")
    _date("--start", answers.start)
    _date("--agreed", answers.agreed)
    if answers.days is not None:
        parse_days(answers.days)


def _check_activities(activities: list[str]) -> None:
    """--activity: up to three, each a short text, no two the same."""
    for n, text in enumerate(activities):
        wrong = text_problem(text) or (_("empty") if not text.strip() else None)
        if wrong is None and len(text.strip()) > ACTIVITY_CHARS:
            wrong = _("{count} characters; use at most {most}").format(
                count=len(text.strip()), most=ACTIVITY_CHARS
            )
        if wrong is None and any(same(text, other) for other in activities[:n]):
            wrong = _("given twice")
        if wrong is not None:
            raise UsageError(f'--activity "{text}": {wrong}')
    if len(activities) > MAX_ACTIVITIES:
        raise UsageError(
            _("--activity: {count} given; the outcome measure takes at most {most}").format(
                count=len(activities), most=MAX_ACTIVITIES
            )
        )


def _date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            _('{option} "{value}": expected a date like 2026-03-01').format(
                option=option, value=value
            )
        ) from None


# Every day's full names; a day may be typed as any start of one of at least two letters
# (mon, monday, ma, maandag), never as a word that only begins like one ("sunshine").
_DAY_NAMES = {
    "mon": ("monday", "maandag"),
    "tue": ("tuesday", "dinsdag"),
    "wed": ("wednesday", "woensdag"),
    "thu": ("thursday", "donderdag"),
    "fri": ("friday", "vrijdag"),
    "sat": ("saturday", "zaterdag"),
    "sun": ("sunday", "zondag"),
}


def _day(word: str) -> str | None:
    """The day key (mon) for a day typed in English or Dutch, or None."""
    if word in DAY_ALIASES:
        return DAY_ALIASES[word]
    found = [day for day, names in _DAY_NAMES.items() for name in names if name.startswith(word)]
    return found[0] if len(word) >= 2 and len(set(found)) == 1 else None


def parse_days(value: str) -> list[str]:
    """Days typed in English (mon,wed,fri) or Dutch (ma,wo,vr), as the file's day keys."""
    typed = [d.strip().lower() for d in value.split(",") if d.strip()]
    days = [_day(d) for d in typed]
    if None in days or not days:
        raise UsageError(
            _('--days "{value}": expected days such as mon,wed,fri').format(value=value)
        )
    return sorted({d for d in days if d is not None}, key=list(WEEKDAYS).index)


def to_table(answers: Answers, library: Library, today: date) -> dict[str, Any]:
    """The answers as a programme table, ready for validation and writing."""
    data: dict[str, Any] = {"schema": SCHEMA_VERSION}
    with speaking(answers.lang or language()):  # the patient reads the title
        data["title"] = answers.title or _("Home exercises")
    if answers.patient:
        data["patient"] = answers.patient
    data["patient_id"] = secrets.token_hex(16)  # how a practice knows this patient's exports
    contact = {
        k: v
        for k in ("name", "practice", "phone", "email", "recipient")
        if (v := getattr(answers, "therapist" if k == "name" else k))
    }
    if contact:
        data["therapist"] = contact
    data["start"] = _date("--start", answers.start) or today
    agreed = _date("--agreed", answers.agreed)
    if agreed:
        data["agreed"] = agreed
    if answers.days is not None:
        if answers.per_week is not None:
            raise UsageError(_("Give either --per-week or --days, not both."))
        data["days"] = parse_days(answers.days)
    else:
        data["sessions_per_week"] = 3 if answers.per_week is None else answers.per_week
    if answers.notes:
        data["notes"] = answers.notes
    if answers.activities:
        data["outcomes"] = {"activity": [{"name": a.strip()} for a in answers.activities]}
    if answers.lang:
        data["lang"] = answers.lang
    data["exercises"] = [parse_spec(spec, library) for spec in answers.exercises]
    unknown = set(answers.exercise_notes) - {entry["id"] for entry in data["exercises"]}
    if unknown:
        raise UsageError(
            _('--note "{id}": not an exercise of this programme').format(id=sorted(unknown)[0])
        )
    for entry in data["exercises"]:
        if note := answers.exercise_notes.get(entry["id"]):
            entry["note"] = note
        if answers.allow_outside_range:
            entry["allow_outside_range"] = True
    return data


def build(
    answers: Answers,
    library: Library,
    *,
    force: bool,
    today: date | None = None,
    review: Callable[[Programme, Path], bool] | None = None,
) -> Path | None:
    """Validate the answers as a programme and write it; returns the file written.

    With `review`, the whole programme is shown first and written only when it says yes
    (None is returned when not).
    """
    target = answers.output or Path("programme.toml")
    data = to_table(answers, library, today or date.today())
    if review is not None:
        problems: list[Problem] = []
        programme = parse_programme(data, target, library, problems)
        if programme is None:
            raise InvalidFileError(problems)
        if not review(programme, target):
            return None
    write_new_programme(data, target, library, overwrite=force)
    return target
