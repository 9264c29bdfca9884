"""Exercise definition files: read, validate and turn into model objects."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coach.domain.limits import GET_READY_LIMIT, ID_PATTERN, LIMITS, REP_FIELDS, TIMING_DEFAULTS
from coach.domain.model import (
    EQUIPMENT,
    REGIONS,
    SCHEMA_VERSION,
    Dosage,
    Exercise,
    Level,
    Pose,
    Position,
    Range,
    Sides,
)
from coach.errors import InvalidFileError, Problem
from coach.files.pose_files import drawn, read_cues, read_pose
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import _


def read_dosage_fields(reader: Reader) -> dict[str, Any]:
    """The dosage keys present in a table, each checked against its limits."""
    values: dict[str, Any] = {}
    for name, (low, high) in LIMITS.items():
        value = reader.integer(name, low, high, required=False)
        if value is not None:
            values[name] = value
    sides = reader.choice("sides", [s.value for s in Sides], required=False)
    if sides is not None:
        values["sides"] = Sides(sides)
    if reader.has("halfway_cue"):
        values["halfway_cue"] = reader.boolean("halfway_cue", False)
    return values


def check_dosage_kind(reader: Reader, values: Mapping[str, Any], timed: bool) -> bool:
    """Time-based exercises have a duration; the others have sets and reps. Report a mix."""
    ok = True
    if timed:
        for name in REP_FIELDS:
            if name in values:
                reader.problem(name, _("not used by a time-based exercise (it has duration_s)"))
                ok = False
    elif "duration_s" in values or "halfway_cue" in values:
        name = "duration_s" if "duration_s" in values else "halfway_cue"
        reader.problem(name, _("only for time-based exercises; this one has sets and reps"))
        ok = False
    return ok


def outside_level(dosage: Dosage, level: Level) -> list[tuple[str, int, Range]]:
    """The dosage values outside their level's range: (name, value, range)."""
    found = []
    for name, rng in (
        ("sets", level.sets),
        ("reps", level.reps),
        ("hold_s", level.hold_s),
        ("duration_s", level.duration_s),
    ):
        value = getattr(dosage, name)
        if rng is not None and value is not None and value not in rng:
            found.append((name, value, rng))
    return found


def check_in_level(reader: Reader, dosage: Dosage, level: Level, suffix: str = "") -> None:
    """Report dosage values outside the ranges of their level."""
    for name, value, rng in outside_level(dosage, level):
        reader.problem(
            name,
            _("found {found}, expected {low} to {high}, the range of level {level}{suffix}").format(
                found=value, low=rng.low, high=rng.high, level=level.number, suffix=suffix
            ),
        )


def _read_level(reader: Reader, number: int, timed: bool, base: Pose | None) -> Level | None:
    variant = reader.local_text("variant")
    changes = reader.local_text("changes")
    harder = reader.local_text("harder", required=False)
    if harder is not None and number == 1:
        reader.problem("harder", _("only for a level after the first (why its start is harder)"))
    ranges: dict[str, Range | None] = {}
    names = ("duration_s",) if timed else ("sets", "reps", "hold_s")
    for name in ("sets", "reps", "hold_s", "duration_s"):
        low, high = LIMITS[name]
        ranges[name] = reader.int_range(name, low, high)
        if name in names and ranges[name] is None and not reader.has(name):
            reader.problem(
                name, _("missing; expected {expected}").format(expected=_("[lowest, highest]"))
            )
        elif name not in names and reader.has(name):
            reader.problem(name, _("not used by this kind of exercise"))
    sides_value = reader.choice("sides", [s.value for s in Sides], required=False)
    if timed and sides_value is not None:
        reader.problem("sides", _("not used by a time-based exercise (it has duration_s)"))
    pose_table = reader.table("pose", required=False)
    pose = read_pose(pose_table, base) if pose_table is not None else None
    cues_table = reader.table("cues", required=False)
    cues = read_cues(cues_table) if cues_table is not None else None
    reader.finish()
    if variant is None or changes is None or any(ranges[n] is None for n in names):
        return None
    return Level(
        number=number,
        variant=variant,
        changes=changes,
        sides=Sides(sides_value) if sides_value else None,
        pose=pose,
        cues=cues,
        harder=harder,
        **ranges,
    )


def parse_exercise(
    data: Mapping[str, Any], file: Path, problems: list[Problem], every_level_drawn: bool = False
) -> Exercise | None:
    """Validate one definition; append every problem found, return None if there was any.

    With `every_level_drawn` (the bundled library), every level must carry its own pose."""
    before = len(problems)
    r = Reader(data, file, problems)
    r.schema(SCHEMA_VERSION)
    ex_id = r.string(
        "id", pattern=ID_PATTERN, pattern_hint=_("lowercase letters, digits and dashes")
    )
    if ex_id is not None and ex_id != file.stem:
        r.problem(
            "id",
            _('found "{found}", expected "{expected}" (the file name without .toml)').format(
                found=ex_id, expected=file.stem
            ),
        )
    ex_name, summary, purpose = (
        r.local_text("name"),
        r.local_text("summary"),
        r.local_text("purpose"),
    )
    start_position, feel, stop = (
        r.local_text("start_position"),
        r.local_text("feel"),
        r.local_text("stop"),
    )
    steps = r.local_list("steps")
    mistakes = r.local_list("mistakes")
    sources = r.strings("sources")

    tags = r.table("tags")
    position = equipment = region = None
    if tags is not None:
        position = tags.choice("position", [p.value for p in Position])
        equipment = tags.choices("equipment", EQUIPMENT)
        region = tags.choices("region", REGIONS)
        tags.finish()

    dosage_table = r.table("dosage")
    values: dict[str, Any] = {}
    timed = False
    if dosage_table is not None:
        level_no = dosage_table.integer("level", 1, 99)
        values = read_dosage_fields(dosage_table)
        timed = "duration_s" in values or ("reps" not in values and dosage_table.has("duration_s"))
        kind_ok = check_dosage_kind(dosage_table, values, timed)
        if not timed:
            for name in ("sets", "reps", "sides"):
                if name not in values and not dosage_table.has(name):
                    dosage_table.problem(
                        name,
                        _("missing; expected {expected}").format(
                            expected=_("a value (or duration_s for a time-based exercise)")
                        ),
                    )
        dosage_table.finish()
        if level_no is not None and kind_ok:
            values["level"] = level_no

    pose_table = r.table("pose", required=False)
    base = read_pose(pose_table, positions=False) if pose_table is not None else None
    level_readers = r.tables("levels")
    levels = tuple(
        lvl for i, lr in enumerate(level_readers) if (lvl := _read_level(lr, i + 1, timed, base))
    )
    if every_level_drawn:  # asked of each level's own table, whether or not it was read
        for lr in level_readers:
            if not lr.has("pose"):
                lr.problem(
                    "pose",
                    _("missing; every level of a bundled exercise has its own pictures"),
                )
    get_ready = r.integer("get_ready_s", *GET_READY_LIMIT, required=False)
    cues_table = r.table("cues", required=False)
    cues = read_cues(cues_table) if cues_table is not None else None
    r.finish()

    if len(problems) > before or dosage_table is None:
        return None
    if values["level"] > len(levels):
        dosage_table.problem(
            "level",
            _("found {found}, expected 1 to {high} (the number of levels)").format(
                found=values["level"], high=len(levels)
            ),
        )
        return None
    if not timed:
        values = {**TIMING_DEFAULTS, **values}
    dosage = Dosage(**values)
    check_in_level(dosage_table, dosage, levels[dosage.level - 1])
    if len(problems) > before:
        return None
    # No problems means every field was read: these checks only narrow the types.
    if not (
        ex_id
        and steps
        and mistakes
        and position
        and ex_name
        and summary
        and purpose
        and start_position
        and feel
        and stop
    ):
        return None
    return Exercise(
        get_ready_s=get_ready,
        id=ex_id,
        name=ex_name,
        summary=summary,
        purpose=purpose,
        start_position=start_position,
        feel=feel,
        stop=stop,
        steps=steps,
        mistakes=mistakes,
        sources=sources,
        position=Position(position),
        equipment=equipment or (),
        region=region or (),
        dosage=dosage,
        levels=levels,
        pose=drawn(base),
        cues=cues,
        source_file=file,
    )


def load_exercise_file(
    path: Path, problems: list[Problem], every_level_drawn: bool = False
) -> Exercise | None:
    try:
        data = read_toml(path)
    except InvalidFileError as exc:
        problems.extend(exc.problems)
        return None
    return parse_exercise(data, path, problems, every_level_drawn)
