"""The questions of `coach programme new` without --exercise: each answer checked as typed.

A wrong answer (a number out of range, a text with a control character, a file that is
there already) is said at once and asked again: nothing typed before it is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coach.commands.programme_wizard import DEFAULT_EXERCISES, Answers, check_target, parse_days
from coach.domain import plain_words
from coach.domain.catalogue import Library
from coach.domain.limits import LIMITS, whole_number
from coach.domain.model import Exercise, Range
from coach.domain.outcomes import MAX_ACTIVITIES
from coach.errors import CoachError, UsageError
from coach.i18n import _, language, speaking
from coach.live.prompts import Asker


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


def _target(force: bool) -> Callable[[str], Path]:
    """The answer to "File to write", checked as it is typed: a wrong one is asked again."""

    def parse(answer: str) -> Path:
        target = Path(answer)
        try:
            check_target(target, force=force)
        except CoachError as exc:
            raise ValueError(
                _("{problem}; type another file name.").format(problem=exc.message)
            ) from None
        return target

    return parse


def _ask_recipient(asker: Asker, optional: str) -> str | None:
    """The practice's public key, for sealed exports; this machine's own key is offered."""
    from coach.commands.common import get_paths  # noqa: PLC0415
    from coach.files import practice_store, sealed  # noqa: PLC0415
    from coach.files.regular_files import present  # noqa: PLC0415

    key = practice_store.key_file(get_paths())
    try:
        own = sealed.public_key(key) if present(key) else None
    except CoachError:
        own = None

    def parse(answer: str) -> str | None:
        if answer and (wrong := sealed.recipient_problem(answer)) is not None:
            raise ValueError(wrong)
        return answer or None

    question = _(
        "The practice's public key for sealed exports (age1..., from coach practice keygen)"
    )
    return asker.ask(question + ("" if own else " " + optional), parse, own)


def _ask_activities(asker: Asker) -> list[str]:
    """Up to three activities the back makes hard, in the patient's words (PSK)."""
    from coach.live.outcome_questions import activity_answer  # noqa: PLC0415

    found: list[str] = []
    parse = activity_answer(found, _("This activity is in the list already."))
    while len(found) < MAX_ACTIVITIES:
        question = _(
            "An activity the patient's back makes hard, for the outcome measure "
            "({number} of at most {most}, Enter when done)"
        ).format(number=len(found) + 1, most=MAX_ACTIVITIES)
        text = asker.ask(question, parse)
        if text is None:
            break
        found.append(text)
    return found


def ask(answers: Answers, library: Library, console: Console, *, force: bool = False) -> Answers:
    """Fill in what the options left open, by asking; each answer is checked as it is typed."""
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
        count = whole_number(answer)
        if count is not None and 1 <= count <= 7:
            return count, None
        try:
            return None, ",".join(parse_days(answer))
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
        recipient=answers.recipient or _ask_recipient(asker, optional),
        activities=answers.activities or _ask_activities(asker),
        lang=lang,
        agreed=agreed,
        notes=answers.notes
        or asker.text(_("Notes for the patient") + " " + optional, optional=True),
        output=answers.output or asker.ask(_("File to write"), _target(force), "programme.toml"),
    )
