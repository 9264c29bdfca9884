"""A session record to TOML and back: the schema of one session file, checked on reading."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.domain.session_record import (
    RECORD_SCHEMA,
    Answers,
    Before,
    Checkin,
    DecisionDone,
    ExerciseDone,
    SessionRecord,
    SetDone,
    Status,
)
from coach.errors import InvalidFileError, Problem
from coach.files import outcome_toml
from coach.files.toml_parse import read_toml, without_none
from coach.files.toml_reader import Reader
from coach.i18n import _


def to_toml(record: SessionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": RECORD_SCHEMA,
        "started": record.started,
        "ended": record.ended,
        "status": record.status.value,
        "kind": record.kind,
        "programme": record.programme,
        "programme_id": record.programme_id or None,
        "language": record.language,
        "speed": record.speed if record.speed != 1.0 else None,
        "note": record.note,
        "stop_reason": record.stop_reason,
    }
    before = without_none(dataclasses.asdict(record.before))
    if before:
        data["before"] = before
    if record.checkin is not None:
        data["checkin"] = without_none(dataclasses.asdict(record.checkin))
    if record.outcomes is not None:
        data["outcomes"] = outcome_toml.to_toml(record.outcomes)
    exercises = []
    for ex in record.exercises:
        entry: dict[str, Any] = {"id": ex.id, "level": ex.level}
        if ex.duration_s is not None:
            entry["duration_s"] = ex.duration_s
        else:
            entry |= {"sets": ex.sets, "reps": ex.reps, "sides": ex.sides, "hold_s": ex.hold_s}
        if ex.skipped:
            entry["skipped"] = ex.skipped
        a = ex.answers
        answers = without_none(
            {
                "pain": a.pain,
                "effort": a.effort,
                "saddle": a.saddle,
                "leg": a.leg,
                "hurt": list(a.hurt) or None,
                "cut_short": a.cut_short or None,
            }
        )
        if answers:
            entry["answers"] = answers
        if ex.decision is not None:
            decision = dataclasses.asdict(ex.decision)
            decision["facts"] = without_none(decision["facts"])
            decision["before"] = without_none(decision["before"])
            entry["decision"] = without_none(decision)
        entry["done"] = [_set_to_toml(s) for s in ex.done]
        exercises.append(entry)
    data["exercises"] = exercises
    return without_none(data)


def _set_to_toml(done: SetDone) -> dict[str, Any]:
    entry: dict[str, Any] = {"set": done.set_no}
    if done.side:
        entry["side"] = done.side
    if done.seconds:
        entry["seconds"] = done.seconds
    else:
        entry |= {"reps": done.reps, "holds": done.holds}
    return entry


MORNINGS = ("better", "same", "worse")

EFFORTS = ("easy", "right", "hard")

REASONS = ("time", "pain", "forgot", "motivation", "other")

# A session this far ahead of the clock is not believed (a wrong clock, a hand-made file):
# it is skipped with a warning and never counts for progression.
FUTURE_SLACK = timedelta(days=1)

STOP_REASONS = ("pain", "leg", "emergency", "pain-exercise", "numbness")  # numbness: before v2


def from_toml(
    data: dict[str, Any], file: Path, key: str = "", record_id: str | None = None
) -> SessionRecord:
    """A record from a parsed file, or from an export's entry at `key` (`record_id` its id);
    raises InvalidFileError naming every problem."""
    problems: list[Problem] = []
    r = Reader(data, file, problems, key)
    r.schema(RECORD_SCHEMA)
    started = r.timestamp("started")
    ended = r.timestamp("ended", required=False)
    status = r.choice("status", [s.value for s in Status])
    kind = r.choice("kind", ("programme", "extra"), required=False) or "programme"
    programme = r.string("programme", required=False) or ""
    programme_id = r.string("programme_id", required=False) or ""
    language = r.choice("language", ("nl", "en"), required=False) or "en"
    speed = r.number("speed", 0.1, 100.0, required=False) or 1.0
    note = r.string("note", required=False)
    stop_reason = r.choice("stop_reason", STOP_REASONS, required=False)
    before = Before()
    if (br := r.table("before", required=False)) is not None:
        before = Before(
            pain=br.integer("pain", 0, 10, required=False),
            morning_after=br.choice("morning_after", MORNINGS, required=False),
            about=br.string("about", required=False),
        )
        br.finish()
    checkin = None
    if (cr := r.table("checkin", required=False)) is not None:
        week, done, planned = (
            cr.string("week"),
            cr.integer("done", 0, 100),
            cr.integer("planned", 0, 100),
        )
        reason = cr.choice("reason", REASONS, required=False)
        cr.finish()
        if week is not None and done is not None and planned is not None:
            checkin = Checkin(week, done, planned, reason)
    outcomes = None
    if (orr := r.table("outcomes", required=False)) is not None:
        outcomes = outcome_toml.from_toml(orr)
    exercises = [_exercise_from(er) for er in r.tables("exercises", min_items=0)]
    r.finish()
    if started is not None and ended is not None and ended < started:
        r.problem(
            "ended",
            _("{ended} is before the start ({started})").format(
                ended=ended.isoformat(), started=started.isoformat()
            ),
        )
    if started is not None and started > datetime.now(started.tzinfo) + FUTURE_SLACK:
        r.problem(
            "started",
            _("{started} is in the future; the clock may have been wrong").format(
                started=started.isoformat()
            ),
        )
    if problems or started is None or status is None:
        raise InvalidFileError(problems, _hint_for(file))
    return SessionRecord(
        id=record_id or file.stem,
        started=started,
        ended=ended,
        status=Status(status),
        kind=kind,
        programme=programme,
        programme_id=programme_id,
        language=language,
        speed=speed,
        before=before,
        checkin=checkin,
        outcomes=outcomes,
        note=note,
        stop_reason=stop_reason,
        exercises=[e for e in exercises if e is not None],
    )


def _decision_from(r: Reader) -> DecisionDone | None:
    kind = r.choice("kind", ("increase", "keep", "decrease"))
    reason = r.string("reason")
    declined = r.boolean("declined", False)
    before: dict[str, int] = {}
    if (br := r.table("before")) is not None:
        for name in ("level", "sets", "reps", "hold_s", "duration_s"):
            value = br.integer(name, 0, 100_000, required=False)
            if value is not None:
                before[name] = value
        br.finish()
    text = r.local_text("text")
    facts = r.raw_table("facts")
    since = r.date("since", required=False)
    step = r.choice("step", ("level", "sets", "reps", "hold_s", "duration_s"), required=False)
    r.finish()
    if kind is None or reason is None or text is None:
        return None
    return DecisionDone(
        kind, reason, before, {"nl": text.nl, "en": text.en}, declined, facts, since, step
    )


def _exercise_from(r: Reader) -> ExerciseDone | None:
    ex_id = r.string("id")
    level = r.integer("level", 1, 99)
    duration = r.integer("duration_s", 1, 100_000, required=False)
    timed = duration is not None
    sets = r.integer("sets", 1, 100, required=not timed) or 1
    reps = r.integer("reps", 1, 1000, required=not timed)
    sides = r.choice("sides", ("none", "alternate", "each"), required=not timed) or "none"
    hold = r.integer("hold_s", 0, 10_000, required=not timed) or 0
    skipped = r.integer("skipped", 0, 1_000_000, required=False) or 0
    answers = Answers()
    if (ar := r.table("answers", required=False)) is not None:
        answers = Answers(
            pain=ar.integer("pain", 0, 10, required=False),
            effort=ar.choice("effort", EFFORTS, required=False),
            saddle=ar.boolean("saddle", False) if ar.has("saddle") else None,
            leg=ar.boolean("leg", False) if ar.has("leg") else None,
            hurt=ar.integers("hurt", 0, 10),
            cut_short=ar.boolean("cut_short", False),
        )
        if ar.has("numbness"):
            # Files from before version 2 asked one question for both: read it as the
            # more serious sign, so a "yes" is never lost.
            old = ar.boolean("numbness", False)
            answers.saddle = answers.saddle or old
            answers.leg = answers.leg or old
        ar.finish()
    decision = None
    if (dr := r.table("decision", required=False)) is not None:
        decision = _decision_from(dr)
    done = []
    for sr in r.tables("done", min_items=0):
        set_no = sr.integer("set", 1, 100)
        side = sr.choice("side", ("left", "right"), required=False)
        entry = SetDone(
            set_no=set_no or 1,
            side=side,
            reps=sr.integer("reps", 0, 10_000, required=not timed) or 0,
            holds=sr.integer("holds", 0, 10_000, required=not timed) or 0,
            seconds=sr.number("seconds", 0, 1_000_000, required=timed) or 0.0,
        )
        sr.finish()
        done.append(entry)
    r.finish()
    if ex_id is None or level is None:
        return None
    return ExerciseDone(
        id=ex_id,
        level=level,
        sets=sets,
        reps=reps,
        sides=sides,
        hold_s=hold,
        duration_s=duration,
        done=done,
        skipped=skipped,
        answers=answers,
        decision=decision,
    )


def _hint_for(file: Path) -> str:
    return _(
        "Fix the file by hand, or move it out of the sessions folder; "
        "the rest of your history still loads."
    )


def load_record(path: Path) -> SessionRecord:
    try:
        data = read_toml(path)
    except InvalidFileError as exc:
        raise InvalidFileError(exc.problems, _hint_for(path)) from None
    return from_toml(data, path)
