"""`coach programme new`: a programme from options, or from a few questions.

Either way the answers become the same TOML table, which goes through the
programme validator before anything is written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coach.domain import plain_words
from coach.domain.catalogue import Library
from coach.domain.limits import LIMITS
from coach.domain.model import DAY_ALIASES, SCHEMA_VERSION, WEEKDAYS, Exercise, Programme, Range
from coach.errors import InvalidFileError, Problem, UsageError
from coach.files.programmes import parse_programme, write_new_programme
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
    if match["level"]:
        entry["level"] = int(match["level"])
    if match["sets"]:
        if exercise.timed:
            raise UsageError(
                _('--exercise "{value}": {id} is time-based; give minutes, e.g. {id}:10min').format(
                    value=spec, id=exercise.id
                )
            )
        entry["sets"], entry["reps"] = int(match["sets"]), int(match["reps"])
        if match["hold"]:
            entry["hold_s"] = int(match["hold"])
    elif match["minutes"] or match["secs"]:
        if not exercise.timed:
            raise UsageError(
                _('--exercise "{value}": {id} has sets and reps, e.g. {id}:3x10').format(
                    value=spec, id=exercise.id
                )
            )
        entry["duration_s"] = int(match["minutes"]) * 60 if match["minutes"] else int(match["secs"])
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


def patient_language(value: str | None) -> str | None:
    if value is not None and value not in ("nl", "en"):
        raise UsageError(_('--patient-lang "{value}": expected nl or en').format(value=value))
    return value


def reviewer(console: Console) -> Callable[[Programme, Path], bool]:
    """Shows the whole programme, then asks whether to write it."""

    def review(programme: Programme, target: Path) -> bool:
        from coach.live.library_views import programme_detail  # noqa: PLC0415

        console.print()
        console.print(programme_detail(programme))
        asker = Asker(console)
        return asker.yes_no(_("Write it to {file}?").format(file=target), True)

    return review


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


def _days(value: str) -> list[str]:
    """Days typed in English (mon,wed,fri) or Dutch (ma,wo,vr), as the file's day keys."""
    typed = [d.strip().lower() for d in value.split(",") if d.strip()]
    days = [DAY_ALIASES.get(d[:2], d[:3]) if d[:3] not in WEEKDAYS else d[:3] for d in typed]
    wrong = [d for d in days if d not in WEEKDAYS]
    if wrong or not days:
        raise UsageError(
            _('--days "{value}": expected days such as mon,wed,fri').format(value=value)
        )
    return sorted(set(days), key=list(WEEKDAYS).index)


def to_table(answers: Answers, library: Library, today: date) -> dict[str, Any]:
    """The answers as a programme table, ready for validation and writing."""
    data: dict[str, Any] = {"schema": SCHEMA_VERSION}
    with speaking(answers.lang or language()):  # the patient reads the title
        data["title"] = answers.title or _("Home exercises")
    if answers.patient:
        data["patient"] = answers.patient
    contact = {
        k: v
        for k in ("name", "practice", "phone", "email")
        if (v := getattr(answers, "therapist" if k == "name" else k))
    }
    if contact:
        data["therapist"] = contact
    data["start"] = _date("--start", answers.start) or today
    agreed = _date("--agreed", answers.agreed)
    if agreed:
        data["agreed"] = agreed
    if answers.days:
        if answers.per_week is not None:
            raise UsageError(_("Give either --per-week or --days, not both."))
        data["days"] = _days(answers.days)
    else:
        data["sessions_per_week"] = answers.per_week or 3
    if answers.notes:
        data["notes"] = answers.notes
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


# -- the questions --------------------------------------------------------------


def _pick_exercises(asker: Asker, library: Library, console: Console) -> list[Exercise]:
    ordered = sorted(
        library.exercises.values(), key=lambda e: (e.id not in DEFAULT_EXERCISES, e.id)
    )
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    for column in ("#", _("Id"), _("Name"), _("Default dosage")):
        table.add_column(column)
    for i, ex in enumerate(ordered, start=1):
        table.add_row(
            str(i), Text(ex.id), Text(ex.name.get(language())), plain_words.dosage_line(ex.dosage)
        )
    console.print(table)
    by_number = {str(i): ex for i, ex in enumerate(ordered, start=1)}
    default = " ".join(
        str(i) for i, ex in enumerate(ordered, start=1) if ex.id in DEFAULT_EXERCISES
    )

    def parse(answer: str) -> list[Exercise]:
        chosen: list[Exercise] = []
        for word in answer.replace(",", " ").split():
            exercise = by_number.get(word) or library.exercises.get(word)
            if exercise is None:
                raise ValueError(
                    _('"{word}" is not a number or id from the list.').format(word=word)
                )
            if exercise not in chosen:
                chosen.append(exercise)
        if not chosen:
            raise ValueError(_("Choose at least one exercise."))
        return chosen

    return asker.ask(
        _("Which exercises? Numbers or ids, separated by spaces"), parse, default or None
    )


def _ask_dosage(asker: Asker, exercise: Exercise) -> str:
    """Questions for one exercise; the answer as an --exercise spec."""
    name = exercise.name.get(language())
    d = exercise.dosage
    level_no = asker.integer(
        _("{name}: level (1-{high})").format(name=name, high=len(exercise.levels)),
        1,
        len(exercise.levels),
        d.level,
    )
    base = d if level_no == d.level else exercise.start_dosage(level_no)
    level = exercise.level(level_no)
    spec = f"{exercise.id}@{level_no}"
    if exercise.timed and level.duration_s and base.duration_s:
        low, high = (max(1, level.duration_s.low // 60), level.duration_s.high // 60)
        minutes = asker.integer(
            _("{name}: minutes ({low}-{high})").format(name=name, low=low, high=high),
            low,
            high,
            max(low, base.duration_s // 60),
        )
        return f"{spec}:{minutes}min"
    sets_r = level.sets or _limit("sets")
    reps_r = level.reps or _limit("reps")
    sets = asker.integer(
        _("{name}: sets ({low}-{high})").format(name=name, low=sets_r.low, high=sets_r.high),
        sets_r.low,
        sets_r.high,
        base.sets,
    )
    reps_q = (
        _("{name}: reps per side ({low}-{high})")
        if base.sides.value != "none"
        else _("{name}: reps ({low}-{high})")
    )
    reps = asker.integer(
        reps_q.format(name=name, low=reps_r.low, high=reps_r.high),
        reps_r.low,
        reps_r.high,
        base.reps,
    )
    spec += f":{sets}x{reps}"
    hold_r = level.hold_s
    if hold_r and hold_r.high:
        hold = asker.integer(
            _("{name}: hold in seconds ({low}-{high})").format(
                name=name, low=hold_r.low, high=hold_r.high
            ),
            hold_r.low,
            hold_r.high,
            base.hold_s,
        )
        spec += f"/{hold}s"
    return spec


def _limit(name: str) -> Range:
    return Range(*LIMITS[name])


def _ask_title(asker: Asker, lang: str) -> str | None:
    with speaking(lang):  # the suggested title in the patient's language
        suggested = _("Home exercises")
    return asker.text(_("Title"), suggested)


def _lang(answer: str) -> str:
    word = answer.strip().lower()
    if word not in ("nl", "en"):
        raise ValueError(_("Please type nl or en."))
    return word


def ask(answers: Answers, library: Library, console: Console) -> Answers:
    """Fill in what the options left open, by asking."""
    asker = Asker(console)
    console.print(
        Text(_("A new programme. Press Enter to take the value in brackets."), style="bold")
    )
    chosen = _pick_exercises(asker, library, console)
    optional = _("(Enter to skip)")
    specs, notes = [], dict(answers.exercise_notes)
    for exercise in chosen:
        specs.append(_ask_dosage(asker, exercise))
        note = asker.text(
            _("{name}: a note for the patient").format(name=exercise.name.get(language()))
            + " "
            + optional,
            optional=True,
        )
        if note:
            notes[exercise.id] = note

    def parse_often(answer: str) -> tuple[int | None, str | None]:
        if answer.isdigit() and 1 <= int(answer) <= 7:
            return int(answer), None
        try:
            return None, ",".join(_days(answer))
        except UsageError:
            raise ValueError(_("Please type 1 to 7, or days such as mon,wed,fri.")) from None

    per_week, days = (answers.per_week, answers.days)
    if per_week is None and days is None:
        per_week, days = asker.ask(
            _("How often? Sessions per week (1-7), or days such as mon,wed,fri"), parse_often, "3"
        )
    agreed = answers.agreed
    if agreed is None and asker.yes_no(_("Has the patient agreed to this plan today?"), False):
        agreed = date.today().isoformat()
    lang = answers.lang or asker.ask(_("The patient's language (nl/en)"), _lang, language())
    return dataclasses.replace(
        answers,
        exercises=specs,
        exercise_notes=notes,
        per_week=per_week,
        days=days,
        title=answers.title or _ask_title(asker, lang),
        patient=answers.patient or asker.text(_("Patient name") + " " + optional, optional=True),
        therapist=answers.therapist or asker.text(_("Therapist") + " " + optional, optional=True),
        practice=answers.practice or asker.text(_("Practice") + " " + optional, optional=True),
        phone=answers.phone or asker.text(_("Phone") + " " + optional, optional=True),
        email=answers.email or asker.text(_("E-mail") + " " + optional, optional=True),
        lang=lang,
        agreed=agreed,
        notes=answers.notes
        or asker.text(_("Notes for the patient") + " " + optional, optional=True),
        output=answers.output or Path(asker.text(_("File to write"), "programme.toml") or ""),
    )
