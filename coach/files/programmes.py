"""Programme files: a therapist's plan for one person. Loading, the built-in default, `use`."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from coach.domain.catalogue import Library
from coach.domain.limits import GET_READY_LIMIT, LIMITS
from coach.domain.model import (
    DAY_ALIASES,
    SCHEMA_VERSION,
    WEEKDAYS,
    Ceiling,
    Contact,
    Programme,
    ProgrammeExercise,
    ProgressionSettings,
)
from coach.errors import CoachError, InvalidFileError, Problem
from coach.files.durable import atomic_write_bytes
from coach.files.exercise_files import (
    check_dosage_kind,
    check_in_level,
    outside_level,
    read_dosage_fields,
)
from coach.files.outcome_toml import activities_from
from coach.files.paths import Paths
from coach.files.regular_files import OddFileError, present, read_file, read_regular
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import _

DEFAULT_PROGRAMME = Path(__file__).parent.parent / "default_programme.toml"

# Limits of the progression parameters: (lowest, highest).
PROGRESSION_LIMITS: dict[str, tuple[int, int]] = {
    "pain_during_max": (0, 10),
    "pain_stop": (1, 10),
    "increase_after_sessions": (1, 20),
    "increase_min_days": (0, 60),
    "decrease_after_worse_mornings": (1, 10),
    "resume_lower_after_days": (1, 365),
    "restart_after_days": (1, 365),
    "full_session_percent": (1, 100),
    "pain_today_high": (1, 10),
    "pain_today_jump": (1, 10),
    "rising_pain_points": (1, 10),
    "reps_step": (1, 10),
    "hold_step_s": (1, 30),
    "sets_step": (1, 5),
    "duration_step_s": (10, 1800),
}
CEILING_LIMITS: dict[str, tuple[int, int]] = {
    "level": (1, 99),
    **{k: LIMITS[k] for k in ("sets", "reps", "hold_s", "duration_s")},
}


# A patient's id: made when the programme is made, so a practice tells its patients apart.
PATIENT_ID = re.compile(r"[0-9a-f]{32}")


def _recipient(t: Reader) -> str | None:
    """`[therapist] recipient`: the key a patient's export is sealed to, checked in full."""
    from coach.files.sealed import recipient_problem  # noqa: PLC0415 -- loads pyrage if used

    value = t.string("recipient", required=False)
    if value is not None and (wrong := recipient_problem(value)) is not None:
        t.problem("recipient", wrong)
        return None
    return value


def _read_progression(reader: Reader) -> ProgressionSettings:
    values = {}
    for name, (low, high) in PROGRESSION_LIMITS.items():
        value = reader.integer(name, low, high, required=False)
        if value is not None:
            values[name] = value
    reader.finish()
    settings = ProgressionSettings(**values)
    if settings.pain_during_max >= settings.pain_stop:
        reader.problem(
            "pain_stop",
            _("found {found}, expected more than pain_during_max ({limit})").format(
                found=settings.pain_stop, limit=settings.pain_during_max
            ),
        )
    return settings


def _read_entry(r: Reader, library: Library) -> ProgrammeExercise | None:
    ex_id = r.string("id")
    exercise = None
    if ex_id is not None:
        exercise = library.exercises.get(ex_id)
        if exercise is None:
            r.problem("id", library.unknown_message(ex_id))
    level = r.integer("level", 1, len(exercise.levels) if exercise else 99, required=False)
    overrides = read_dosage_fields(r)
    lock = r.boolean("lock", False)
    note = r.local_text("note", required=False, plain_ok=True)
    per_week = r.integer("per_week", 1, 7, required=False)
    video = r.string(
        "video",
        required=False,
        pattern=VIDEO,
        pattern_hint=_("an address starting with https:// or http://"),
    )
    if video is not None and len(video) > VIDEO_MAX:
        r.problem(
            "video",
            _("{count} characters; at most {most}, so that its QR code can be scanned").format(
                count=len(video), most=VIDEO_MAX
            ),
        )
    outside = r.boolean("allow_outside_range", False)
    get_ready = r.integer("get_ready_s", *GET_READY_LIMIT, required=False)
    ceiling_table = r.table("ceiling", required=False)
    ceiling = Ceiling()
    if ceiling_table is not None:
        ceiling = Ceiling(
            **{
                name: ceiling_table.integer(name, low, high, required=False)
                for name, (low, high) in CEILING_LIMITS.items()
            }
        )
        ceiling_table.finish()
    r.finish()
    if exercise is None or not check_dosage_kind(r, overrides, exercise.timed):
        return None
    if level is None or level == exercise.dosage.level:
        base = exercise.dosage
    else:
        # A different starting level starts at that level's own starting dosage.
        base = exercise.start_dosage(level)
    if "sides" not in overrides:
        overrides["sides"] = base.sides
    dosage = dataclasses.replace(base, **overrides)
    outside_range = bool(outside_level(dosage, exercise.level(dosage.level)))
    if not outside:  # the therapist may say so explicitly; the limits of every field still hold
        check_in_level(r, dosage, exercise.level(dosage.level), _(" (or set allow_outside_range)"))
    if ceiling.level is not None and ceiling.level < dosage.level:
        r.problem(
            "ceiling.level",
            _("found {found}, expected at least the starting level ({level})").format(
                found=ceiling.level, level=dosage.level
            ),
        )
    if ceiling.level is not None and ceiling.level > len(exercise.levels):
        r.problem(
            "ceiling.level",
            _("found {found}, expected 1 to {high} (the number of levels)").format(
                found=ceiling.level, high=len(exercise.levels)
            ),
        )
    return ProgrammeExercise(
        exercise=exercise,
        dosage=dosage,
        lock=lock,
        ceiling=ceiling,
        note=note,
        per_week=per_week,
        video=video,
        outside_range=outside_range,
        get_ready_s=get_ready,
    )


VIDEO_MAX = 300
VIDEO = re.compile(r"https?://[^\s\"'<>]+")
LOGO_TYPES = (".png", ".svg")


LOGO_MAX_BYTES = 2_000_000
LOGO_MAX_PIXELS = 4000


def _logo(r: Reader, file: Path) -> Path | None:
    """Where the practice's logo is: beside the programme when relative.

    Only the name is checked here (a .png or .svg, not outside the programme's folder): a
    logo is decoration, and one that went missing must not stop a session. `coach
    programme check` and `coach print` look at the file itself (`logo_problem`).
    """
    name = r.string("logo", required=False)
    if name is None:
        return None
    given = Path(name).expanduser()
    if given.suffix.lower() not in LOGO_TYPES:
        r.problem("logo", _("found {found}, expected a .png or .svg file").format(found=name))
        return None
    if not given.is_absolute() and ".." in given.parts:
        r.problem("logo", _("give a file beside the programme, or a full path"))
        return None
    return given if given.is_absolute() else file.parent / given


def logo_problem(logo: Path) -> str | None:
    """What is wrong with a logo file, in words; None when it can be printed."""
    try:  # a link, a folder, a pipe or a device is no logo: only a regular file is read
        if logo.is_symlink():
            raise FileNotFoundError
        data = read_regular(logo, LOGO_MAX_BYTES)
    except OddFileError as exc:
        too_large = _("{file}: larger than 2 MB; use a smaller image").format(file=logo)
        return too_large if exc.too_large else exc.message
    except (FileNotFoundError, IsADirectoryError):
        return _("{file}: no such file").format(file=logo)
    except OSError as exc:
        return _("{file}: cannot be read ({reason})").format(file=logo, reason=exc.strerror)
    if logo.suffix.lower() == ".png":
        try:
            from PIL import Image  # noqa: PLC0415 -- fpdf's own image library

            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image.verify()
        except Exception:
            return _("{file}: not a PNG image that can be read").format(file=logo)
        if max(width, height) > LOGO_MAX_PIXELS:
            return _("{file}: {width} x {height} pixels; use at most {most}").format(
                file=logo, width=width, height=height, most=LOGO_MAX_PIXELS
            )
    elif b"<svg" not in data[:2048].lower():
        return _("{file}: not an SVG image").format(file=logo)
    return None


def parse_programme(
    data: Mapping[str, Any], file: Path, library: Library, problems: list[Problem]
) -> Programme | None:
    """Validate a programme; append every problem found, return None if there was any."""
    before = len(problems)
    r = Reader(data, file, problems)
    r.schema(SCHEMA_VERSION)
    title = r.local_text("title", plain_ok=True)
    patient = r.string("patient", required=False)
    patient_id = r.string(
        "patient_id", required=False, pattern=PATIENT_ID, pattern_hint=_("32 hexadecimal digits")
    )
    start = r.date("start", required=False)
    agreed = r.date("agreed", required=False)
    per_week = r.integer("sessions_per_week", 1, 7, required=False)
    days = r.choices("days", WEEKDAYS, DAY_ALIASES)
    notes = r.local_text("notes", required=False, plain_ok=True)
    lang = r.choice("lang", ("nl", "en"), required=False)
    logo = _logo(r, file)
    therapist = None
    t = r.table("therapist", required=False)
    if t is not None:
        therapist = Contact(
            **{k: t.string(k, required=False) for k in ("name", "practice", "phone", "email")},
            recipient=_recipient(t),
        )
        t.finish()
    activities = activities_from(r)
    p = r.table("progression", required=False)
    progression = _read_progression(p) if p is not None else ProgressionSettings()
    entries = [_read_entry(er, library) for er in r.tables("exercises")]
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry is not None:
            if entry.exercise.id in seen:
                r.problem(
                    f"exercises[{i}].id",
                    _('"{id}" is already in this programme').format(id=entry.exercise.id),
                )
            seen.add(entry.exercise.id)

    if per_week is not None and r.has("days"):
        r.problem("days", _("give either sessions_per_week or days, not both"))
    elif per_week is None and not r.has("days") and not r.has("sessions_per_week"):
        r.problem(
            "sessions_per_week",
            _("missing; expected {expected}").format(
                expected=_('a whole number from 1 to 7, or a list of days such as ["mon", "thu"]')
            ),
        )
    elif r.has("days") and not days:
        r.problem("days", _("expected at least {count} items").format(count=1))
    r.finish()
    if len(problems) > before or title is None:
        return None
    return Programme(
        title=title,
        start=start,
        agreed=agreed,
        patient=patient,
        patient_id=patient_id,
        therapist=therapist,
        sessions_per_week=per_week or len(days),
        days=days,
        notes=notes,
        progression=progression,
        exercises=tuple(e for e in entries if e is not None),
        source_file=file,
        lang=lang,
        logo=logo,
        activities=activities,
    )


def programme_language(path: Path) -> str | None:
    """The `lang` a programme file asks for, read on its own (no library needed); None when
    it has none or cannot be read (the command that uses the programme says why)."""
    try:
        lang = read_toml(path).get("lang") if present(path) else None
    except CoachError:
        return None
    return lang if lang in ("nl", "en") else None


def load_programme(path: Path, library: Library) -> Programme:
    problems: list[Problem] = []
    programme = parse_programme(read_toml(path), path, library, problems)
    if programme is None:
        raise InvalidFileError(
            problems, _("Check the file with: coach programme check {file}").format(file=path)
        )
    return programme


def current_programme(paths: Paths, library: Library) -> Programme:
    """The patient's current programme, or the built-in default when none was set.

    A current programme that is there but cannot be read (a dangling link, a folder) is
    an error naming it: silently going back to the built-in plan would change the dosage.
    """
    current = paths.current_programme
    if present(current) or current.is_symlink():
        return load_programme(current, library)
    return load_programme(DEFAULT_PROGRAMME, library)


@dataclass(frozen=True)
class UseResult:
    current: Path
    previous: Path | None  # where the replaced programme was kept


def use_programme(source: Path, paths: Paths, library: Library, now: datetime) -> UseResult:
    """Make `source` the current programme; keep the one it replaces."""
    programme = load_programme(source, library)  # validate first: never replace a good plan
    data = read_file(source)
    if programme.logo is not None and logo_problem(programme.logo) is None:
        # A logo named relative to the programme travels with it, under the same name.
        name = Path(str(read_toml(source)["logo"])).expanduser()
        if not name.is_absolute():
            atomic_write_bytes(paths.current_programme.parent / name, read_file(programme.logo))
    kept = None
    if present(paths.current_programme):
        stamp = now.strftime("%Y%m%dT%H%M%S")
        kept = paths.previous_programmes / f"{stamp}.toml"
        n = 1
        while present(kept):
            n += 1
            kept = paths.previous_programmes / f"{stamp}-{n}.toml"
        atomic_write_bytes(kept, read_file(paths.current_programme))
    atomic_write_bytes(paths.current_programme, data)
    return UseResult(current=paths.current_programme, previous=kept)


def write_new_programme(
    data: Mapping[str, Any], target: Path, library: Library, *, overwrite: bool
) -> Programme:
    """Validate a programme built from choices and write it; refuse to overwrite by accident."""
    if present(target) and not overwrite:
        raise CoachError(
            _("{file} already exists").format(file=target),
            _("Choose another file name with -o, or pass --force to replace it"),
        )
    problems: list[Problem] = []
    programme = parse_programme(data, target, library, problems)
    if programme is None:
        raise InvalidFileError(problems)
    atomic_write_bytes(target, tomli_w.dumps(dict(data)).encode("utf-8"))
    return programme


def fingerprint(programme: Programme) -> str:
    """Identifies the plan's exercises and starting dosages (not its title or notes).

    Progress is built on sessions with the same fingerprint: when a therapist
    changes the exercises or their dosage, progression starts again from the
    new plan.
    """
    parts = [repr((e.exercise.id, e.dosage, e.lock, e.ceiling)) for e in programme.exercises]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
