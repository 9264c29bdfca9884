"""How a pose moves: positions in between, the mirror image, the point that travels most,
which side is near, and joints that bend the wrong way. Pure geometry on pose points."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping

from coach.domain.body import chirality
from coach.domain.model import FRONTS, Point, Pose, knee_backwards

FAR_OF = {
    "elbow_far": "elbow",
    "hand_far": "hand",
    "knee_far": "knee",
    "foot_far": "foot",
    "shoulder_far": "shoulder",
    "hip_far": "hip",
}


def complete(points: Mapping[str, Point], names: Iterable[str]) -> dict[str, Point]:
    """`points` with every name in `names` present: a far point that was left out is where
    its near one is (hidden behind it), the back halfway between shoulder and hip."""
    out = dict(points)
    for name in names:
        if name in out:
            continue
        if name in FAR_OF:
            out[name] = out[FAR_OF[name]]
        elif name == "back":
            s, h = out["shoulder"], out["hip"]
            out[name] = Point((s.x + h.x) / 2, (s.y + h.y) / 2)
    return out


def between(start: Mapping[str, Point], end: Mapping[str, Point], t: float) -> dict[str, Point]:
    """The position a fraction `t` of the way from `start` to `end`: every point moves in a
    straight line."""
    names = start.keys() | end.keys()
    a_all, b_all = complete(start, names), complete(end, names)
    return {
        name: Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        for name in names
        if (a := a_all.get(name)) is not None and (b := b_all.get(name)) is not None
    }


MIRROR_FRONT = {"left": "right", "right": "left", "up": "up", "down": "down", "viewer": "viewer"}


def mirrored_pose(pose: Pose) -> Pose:
    """The whole pose in a mirror: both positions, and the way the body faces."""
    return dataclasses.replace(
        pose, start=mirrored(pose.start), end=mirrored(pose.end), front=MIRROR_FRONT[pose.front]
    )


def mirrored(points: Mapping[str, Point]) -> dict[str, Point]:
    """The position seen in a mirror: the other side of the body does the work."""
    return {name: Point(100.0 - p.x, p.y) for name, p in points.items()}


def near_side(points: Mapping[str, Point], front: str, view: str) -> str | None:
    """Which side of the body ("left" or "right") the dark, near limbs are.

    In a side view the camera sees one side; in a front or top view the points without
    `_far` are whichever side they lie on. None when that can't be told."""
    s, h = points["shoulder"], points["hip"]
    if view == "top":
        fx, fy = FRONTS[front]
        right = (fy, -fx)  # the head points at the viewer
    elif front == "viewer":
        ux, uy = s.x - h.x, s.y - h.y
        right = (-uy, ux)
    else:
        fx, fy = FRONTS[front]
        ux, uy = s.x - h.x, s.y - h.y
        if (fx, fy) == (0.0, 0.0):
            return None
        return "left" if ux * fy - uy * fx > 0 else "right"
    other = points.get("shoulder_far") or points.get("hip_far")
    mine = s if "shoulder_far" in points else h
    if other is None:
        return None
    dot = (mine.x - other.x) * right[0] + (mine.y - other.y) * right[1]
    return "right" if dot > 0 else "left"


def ends(pose: Pose) -> tuple[dict[str, Point], dict[str, Point]]:
    """Start and end with the same points, far ones filled in where they were left out."""
    names = pose.start.keys() | pose.end.keys()
    return complete(pose.start, names), complete(pose.end, names)


def moving_point(pose: Pose) -> str:
    """The point that travels furthest from start to end: where the arrow goes."""
    start, end = ends(pose)
    names = sorted(n for n in start if n != "head")
    return max(names, key=lambda n: math.hypot(end[n].x - start[n].x, end[n].y - start[n].y))


ENDS = ("hand", "hand_far", "foot", "foot_far")


def arrow_points(pose: Pose) -> list[str]:
    """The points the arrows follow: the pose's own `arrow_at`, else each hand or foot that
    travels most (within 60 % of the furthest; at most two: an arm and a leg), else the
    point that travels most of all."""
    start, end = ends(pose)
    given = [name for name in pose.arrow_at if name in start and name in end]
    if given:
        return given

    def far(n: str) -> float:
        return math.hypot(end[n].x - start[n].x, end[n].y - start[n].y)

    top = max(far(n) for n in start if n != "head")
    movers = sorted(
        (n for n in ENDS if n in start and far(n) >= max(0.6 * top, 3.0)), key=far, reverse=True
    )
    return movers[:2] or [moving_point(pose)]


def travel(pose: Pose) -> float:
    """How far the most moving point travels, in canvas units."""
    start, end = ends(pose)
    name = moving_point(pose)
    return math.hypot(end[name].x - start[name].x, end[name].y - start[name].y)


def bend_backwards(points: Mapping[str, Point], front: str) -> list[str]:
    """The knees and elbows of a side view that bend the wrong way.

    A knee bends backwards when it sits behind the line from hip to foot
    (`knee_backwards`, the check a definition gets when it is read); an elbow when the
    hand comes in front of the upper arm. Seen from the front or from above, a joint
    bends towards or away from the viewer and the picture can't show it wrong."""
    if FRONTS[front] == (0.0, 0.0):
        return []
    c = chirality(points, front)
    wrong = []
    for suffix in ("", "_far"):
        if knee_backwards(points, front, far=bool(suffix)):
            wrong.append("knee" + suffix)
        a = points.get("shoulder" + suffix) or points.get("shoulder")
        b, e = points.get("elbow" + suffix), points.get("hand" + suffix)
        if a is None or b is None or e is None:
            continue
        cross = (b.x - a.x) * (e.y - b.y) - (b.y - a.y) * (e.x - b.x)
        length = math.hypot(b.x - a.x, b.y - a.y) * math.hypot(e.x - b.x, e.y - b.y) or 1.0
        # A few degrees either way is a straight arm, not a bend.
        if c * cross / length > math.sin(math.radians(8)):
            wrong.append("elbow" + suffix)
    return wrong
