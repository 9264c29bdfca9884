"""Pose and cue-word tables of exercise definitions: read, checked, turned into model objects."""

from __future__ import annotations

from coach.domain.model import (
    ARROWS,
    CUE_PHASES,
    FRONTS,
    POSE_FAR_POINTS,
    POSE_POINTS,
    PROPS,
    VIEWS,
    CueWords,
    LocalText,
    Point,
    Pose,
    knee_backwards,
)
from coach.files.toml_reader import Reader
from coach.i18n import _


def _read_positions(reader: Reader, front: str, view: str) -> list[dict[str, Point]]:
    """The start and end positions' key points, each checked for knees that bend backwards."""
    figures: list[dict[str, Point]] = []
    for name in ("start", "end"):
        table = reader.table(name)
        if table is None:
            continue
        points: dict[str, Point] = {}
        for point_name in POSE_POINTS + POSE_FAR_POINTS:
            point = table.point(point_name, required=point_name in POSE_POINTS)
            if point is not None:
                points[point_name] = point
        for far in (False, True):
            if view == "side" and knee_backwards(points, front, far):
                table.problem(
                    "knee_far" if far else "knee",
                    _('this knee bends backwards; a knee points to the front ("{front}")').format(
                        front=front
                    ),
                )
        table.finish()
        figures.append(points)
    return figures


def read_pose(reader: Reader, base: Pose | None = None, *, positions: bool = True) -> Pose | None:
    """A [pose] table. A level's pose takes what it leaves out from the exercise's (`base`);
    the exercise's own may leave out the positions when every level has them."""
    prop = reader.choice("prop", PROPS, required=False) or (base.prop if base else "none")
    front = reader.choice("front", tuple(FRONTS), required=False) or (
        base.front if base else "left"
    )
    view = reader.choice("view", VIEWS, required=False) or (base.view if base else "side")
    side = reader.choice("side", ("left", "right"), required=False) or (base.side if base else None)
    arrow = reader.choice("arrow", ARROWS, required=False) or (base.arrow if base else "one")
    arrow_at = (
        reader.choices("arrow_at", POSE_POINTS + POSE_FAR_POINTS)
        if reader.has("arrow_at")
        else (base.arrow_at if base else ())
    )
    labels = reader.local_list("labels") if reader.has("labels") else None
    if labels is not None and len(labels.en) != 2:
        reader.problem("labels", _("expected two names: the first position's and the second's"))
    if not (reader.has("start") or reader.has("end")) and not positions:
        reader.finish()
        return Pose(
            prop=prop,
            start={},
            end={},
            front=front,
            view=view,
            side=side,
            labels=labels,
            arrow=arrow,
            arrow_at=arrow_at,
        )
    figures = _read_positions(reader, front, view)
    _check_drawable(reader, figures, view, arrow_at)
    reader.finish()
    if len(figures) != 2 or not all(set(POSE_POINTS) <= set(f) for f in figures):
        return None
    return Pose(
        prop=prop,
        start=figures[0],
        end=figures[1],
        front=front,
        view=view,
        side=side,
        labels=labels or (base.labels if base else None),
        arrow=arrow,
        arrow_at=arrow_at,
    )


def _check_drawable(
    reader: Reader, figures: list[dict[str, Point]], view: str, arrow_at: tuple[str, ...]
) -> None:
    """A view from above needs both shoulders and both hips; an arrow needs its point."""
    names = {name for points in figures for name in points}
    if view == "top" and figures:
        for name in ("shoulder_far", "hip_far"):
            if not all(name in points for points in figures):
                reader.problem(
                    "view",
                    _(
                        '"top" needs {point} in both positions (the other side, seen from above)'
                    ).format(point=name),
                )
    missing = [name for name in arrow_at if name not in names and name != "back"]
    if missing and figures:
        reader.problem(
            "arrow_at",
            _("found {found}, which the positions do not give; expected points they give").format(
                found=", ".join(missing)
            ),
        )


def read_cues(reader: Reader) -> CueWords:
    """[cues]: words per phase ("move", "hold", "return"), and per side in [cues.left] and
    [cues.right]."""
    words: dict[str, LocalText] = {}
    for side in (None, "left", "right"):
        table = reader.table(side, required=False) if side else reader
        if table is None:
            continue
        for phase in CUE_PHASES:
            text = table.local_text(phase, required=False)
            if text is not None:
                words[f"{side}.{phase}" if side else phase] = text
        if side:
            table.finish()
    reader.finish()
    return CueWords(words)


def drawn(pose: Pose | None) -> Pose | None:
    """A pose with both positions, or None for settings without pictures."""
    return pose if pose is not None and pose.start and pose.end else None
