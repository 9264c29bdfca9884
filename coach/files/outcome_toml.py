"""Outcome measures in files: a programme's `[[outcomes.activity]]`, a session's `[outcomes]`."""

from __future__ import annotations

from typing import Any

from coach.domain.outcomes import (
    ACTIVITY_CHARS,
    EFFECT_IDS,
    MAX_ACTIVITIES,
    START,
    WEEK,
    Outcomes,
    Score,
    same,
)
from coach.files.toml_parse import without_none
from coach.files.toml_reader import Reader
from coach.i18n import _


def activities_from(r: Reader) -> tuple[str, ...]:
    """`[[outcomes.activity]]`: up to three activities the back makes hard, each a `name`."""
    o = r.table("outcomes", required=False)
    if o is None:
        return ()
    found: list[str] = []
    for i, ar in enumerate(o.tables("activity")):
        name = ar.string("name")
        ar.finish()
        if name is None:
            continue
        if len(name) > ACTIVITY_CHARS:
            o.problem(
                f"activity[{i}].name",
                _("{count} characters; use at most {most}").format(
                    count=len(name), most=ACTIVITY_CHARS
                ),
            )
        elif any(same(name, other) for other in found):
            o.problem(
                f"activity[{i}].name", _('"{name}" is already in this list').format(name=name)
            )
        else:
            found.append(name.strip())
    if len(found) > MAX_ACTIVITIES:
        o.problem(
            "activity",
            _("{count} activities; the outcome measure takes at most {most}").format(
                count=len(found), most=MAX_ACTIVITIES
            ),
        )
    o.finish()
    return tuple(found)


def to_toml(o: Outcomes) -> dict[str, Any]:
    data: dict[str, Any] = without_none(
        {"kind": o.kind, "pain_week": o.pain_week, "effect": o.effect}
    )
    if o.activities:
        data["activity"] = [
            without_none({"name": s.activity, "score": s.score}) for s in o.activities
        ]
    return data


def from_toml(r: Reader) -> Outcomes | None:
    kind = r.choice("kind", (START, WEEK))
    pain_week = r.integer("pain_week", 0, 10, required=False)
    effect = r.choice("effect", EFFECT_IDS, required=False)
    scores = []
    for ar in r.tables("activity", required=False, min_items=0):
        name = ar.string("name")
        score = ar.integer("score", 0, 10, required=False)
        ar.finish()
        if name is not None:
            scores.append(Score(" ".join(name.split()), score))  # as a programme's: trimmed
    if len(scores) > MAX_ACTIVITIES:
        r.problem("activity", _("expected at most {count} items").format(count=MAX_ACTIVITIES))
    r.finish()
    return Outcomes(kind, scores, pain_week, effect) if kind is not None else None
