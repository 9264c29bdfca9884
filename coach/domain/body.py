"""A body built from a pose's key points: tapered limbs, round joints, a torso with volume,
a head that faces somewhere, hands and feet. Pure geometry, shared by the printed SVG and
the terminal figure, so paper and screen show the same body.

Coordinates are the pose canvas: 100 x 100, y up from the floor. A figure is a list of
`Piece`s in drawing order, each in a layer: "far" (the limbs further away, or the other
side in a front or top view), "body" (torso and head) and "near".
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from coach.domain.model import FRONTS, Point, Pose

# Radii in canvas units, from the joint nearer the body to the one further out.
UPPER_ARM = (2.9, 2.3)
FOREARM = (2.3, 1.8)
THIGH = (4.4, 3.2)
SHIN = (3.2, 2.2)
HAND = (1.9, 1.4)
FOOT = (2.1, 1.5)
FOOT_LEN = 8.0
HEEL = 1.5  # the heel behind the ankle
HAND_LEN = 3.2
HEAD_R = 6.0
NECK_R = 2.6
CHEST_R = 7.0  # half the torso's depth at the chest, seen from the side
WAIST_R = 5.8
HIP_R = 6.4
EDGE_R = 3.5  # the rounding of a trunk seen from the front
FLOOR_NEAR = 5.0  # a hand or foot this close to the floor rests on it


# The chair every chair exercise is drawn with, from the side: the seat's top at 23 (46 cm
# for a person 88 units tall), the back on the right. Rectangles (x, y of the top left
# corner, width, height) in canvas units.
CHAIR_SIDE = ((46, 23, 27, 3), (47, 20, 3, 20), (69, 20, 3, 20), (69, 50, 3.5, 30))
ARMREST = ((49, 36, 23, 2.5), (66, 34, 2.5, 11))
# ... and from above: the seat, with the backrest at the top (behind a person facing down).
CHAIR_TOP = ((30, 66, 40, 28), (28, 71, 44, 5))
LOWER = 5  # a low chair's seat is this much lower


def prop_rects(pose: Pose) -> tuple[tuple[float, float, float, float], ...]:
    """The prop's rectangles (x, top y, width, height): a chair, an armrest, a wall."""
    if pose.prop not in ("chair", "armchair", "lowchair", "wall"):
        return ()
    if pose.prop == "wall":
        return ((93, 98, 4, 98),)
    if pose.view == "top":
        return CHAIR_TOP
    if pose.prop == "lowchair":  # 10 cm lower: all of it, the legs still on the floor
        return tuple((x, y - LOWER, w, h - LOWER if y - h <= 0 else h) for x, y, w, h in CHAIR_SIDE)
    return CHAIR_SIDE + (ARMREST if pose.prop == "armchair" else ())


def extent(pose: Pose) -> tuple[float, float]:
    """The lowest and highest canvas y drawn for both positions and the prop: from the floor
    (or, seen from above, what is nearest the bottom) to a little above the highest point."""
    pieces = [piece for points in (pose.start, pose.end) for piece in build(points, pose).pieces]
    rects = prop_rects(pose)
    top = max([p.bounds()[3] for p in pieces] + [y for _x, y, _w, _h in rects]) + 1.0
    if pose.view != "top":
        return 0.0, min(100.0, max(top, 30.0))
    low = min([p.bounds()[1] for p in pieces] + [y - h for _x, y, _w, h in rects]) - 1.0
    return low, top


@dataclass(frozen=True)
class Piece:
    """A tapered capsule from `a` (radius ra) to `b` (radius rb); a disc when a == b."""

    layer: str  # "stick" | "far" | "body" | "near"
    a: Point
    b: Point
    ra: float
    rb: float
    poly: tuple[Point, ...] = ()  # a filled polygon instead of a capsule

    def contains(self, x: float, y: float) -> bool:
        if self.poly:
            return _inside(self.poly, x, y)
        dx, dy = self.b.x - self.a.x, self.b.y - self.a.y
        length_sq = dx * dx + dy * dy
        t = 0.0 if length_sq == 0 else ((x - self.a.x) * dx + (y - self.a.y) * dy) / length_sq
        t = min(1.0, max(0.0, t))
        px, py = self.a.x + t * dx - x, self.a.y + t * dy - y
        r = self.ra + (self.rb - self.ra) * t
        return px * px + py * py <= r * r

    def bounds(self) -> tuple[float, float, float, float]:
        if self.poly:
            xs, ys = [p.x for p in self.poly], [p.y for p in self.poly]
            return min(xs), min(ys), max(xs), max(ys)
        return (
            min(self.a.x - self.ra, self.b.x - self.rb),
            min(self.a.y - self.ra, self.b.y - self.rb),
            max(self.a.x + self.ra, self.b.x + self.rb),
            max(self.a.y + self.ra, self.b.y + self.rb),
        )


def _inside(poly: tuple[Point, ...], x: float, y: float) -> bool:
    """Whether (x, y) is inside the polygon (even-odd rule)."""
    inside = False
    j = len(poly) - 1
    for i, p in enumerate(poly):
        q = poly[j]
        if (p.y > y) != (q.y > y) and x < (q.x - p.x) * (y - p.y) / (q.y - p.y) + p.x:
            inside = not inside
        j = i
    return inside


@dataclass(frozen=True)
class Figure:
    pieces: tuple[Piece, ...]
    eyes: tuple[Point, ...]  # small light dots on the head: where the face is


def _unit(x: float, y: float) -> tuple[float, float]:
    length = math.hypot(x, y) or 1.0
    return x / length, y / length


def chirality(points: Mapping[str, Point], front: str) -> float:
    """+1 when the body's front is counter-clockwise from its head direction, else -1."""
    fx, fy = FRONTS[front]
    ux, uy = points["shoulder"].x - points["hip"].x, points["shoulder"].y - points["hip"].y
    return 1.0 if ux * fy - uy * fx > 0 else -1.0


def _limb(
    layer: str,
    root: Point,
    mid: Point,
    end: Point,
    radii: tuple[tuple[float, float], tuple[float, float]],
) -> Iterator[Piece]:
    yield Piece(layer, root, mid, *radii[0])
    yield Piece(layer, mid, end, *radii[1])


def _tip(
    layer: str,
    joint: Point,
    direction: tuple[float, float],
    size: tuple[float, float],
    length: float,
) -> Piece:
    dx, dy = direction
    return Piece(layer, joint, Point(joint.x + dx * length, joint.y + dy * length), *size)


def _foot_direction(
    knee: Point, foot: Point, turn: float, front: str, view: str
) -> tuple[float, float] | None:
    """Toes point to the front: the shin turned a quarter towards the body's front.
    Seen from the front or from above, the foot points at the viewer or along the thigh."""
    if front == "viewer" or view == "top":
        return None
    sx, sy = _unit(foot.x - knee.x, foot.y - knee.y)
    # A quarter turn counter-clockwise for one chirality, clockwise for the other.
    toes = (-sy, sx) if turn < 0 else (sy, -sx)
    if foot.y < FLOOR_NEAR and toes[1] < -0.5:
        return sx, sy  # kneeling: the foot lies flat behind, not through the floor
    if foot.y < FLOOR_NEAR and toes[1] < 0.5:
        return (1.0 if toes[0] > 0 else -1.0), 0.0  # standing: flat on the floor
    return toes


def _hand_direction(p: Mapping[str, Point], elbow: Point, hand: Point) -> tuple[float, float]:
    """Fingers go on from the forearm; a hand on the floor lies flat, fingers forward."""
    fx, fy = _unit(hand.x - elbow.x, hand.y - elbow.y)
    if hand.y < FLOOR_NEAR and fy < -0.5:
        ahead = p["shoulder"].x - p["hip"].x
        return (1.0 if ahead > 0 else -1.0), 0.0
    return fx, fy


def _torso(p: Mapping[str, Point], view: str) -> Iterator[Piece]:
    shoulder, hip = p["shoulder"], p["hip"]
    if view == "top" and "shoulder_far" in p and "hip_far" in p:
        # From above: the pelvis, and the shoulders across it.
        yield Piece("body", p["hip"], p["hip_far"], HIP_R, HIP_R)
        yield Piece("body", p["shoulder"], p["shoulder_far"], CHEST_R * 0.8, CHEST_R * 0.8)
        return
    if "shoulder_far" in p and "hip_far" in p:
        # Seen from the front: a trunk as wide as the shoulders, with rounded edges.
        corners = (shoulder, p["shoulder_far"], p["hip_far"], hip)
        yield Piece("body", shoulder, shoulder, 0, 0, poly=corners)
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
            yield Piece("body", a, b, EDGE_R, EDGE_R)
        return
    # From the side: a thick band along the spine, curved through `back` when given.
    back = p.get("back")
    if back is None:
        back = Point((shoulder.x + hip.x) / 2, (shoulder.y + hip.y) / 2)
    # The quadratic curve through shoulder, back and hip (back is its middle point).
    cx, cy = 2 * back.x - (shoulder.x + hip.x) / 2, 2 * back.y - (shoulder.y + hip.y) / 2
    steps = 8
    previous = shoulder
    for i in range(1, steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * shoulder.x + 2 * (1 - t) * t * cx + t * t * hip.x
        y = (1 - t) ** 2 * shoulder.y + 2 * (1 - t) * t * cy + t * t * hip.y
        here = Point(x, y)
        r0 = _torso_radius((i - 1) / steps)
        yield Piece("body", previous, here, r0, _torso_radius(t))
        previous = here


def _torso_radius(t: float) -> float:
    """Chest at the top, a narrower waist, the pelvis at the bottom."""
    if t < 0.6:
        return CHEST_R + (WAIST_R - CHEST_R) * t / 0.6
    return WAIST_R + (HIP_R - WAIST_R) * (t - 0.6) / 0.4


def build(points: Mapping[str, Point], pose: Pose) -> Figure:
    """The pieces of one position, in drawing order: from the side or the front, the far
    limbs, the trunk and head, then the near limbs; from above, what is lowest first:
    legs, trunk, arms, and the head on top."""
    p = dict(points)
    front, view = pose.front, pose.view
    turn = chirality(p, front) if FRONTS[front] != (0.0, 0.0) else 1.0
    legs = {layer: list(_leg(p, layer, turn, front, view)) for layer in ("far", "near")}
    arms = {layer: list(_arm(p, layer)) for layer in ("far", "near")}
    torso, head = list(_torso(p, view)), list(_head(p, front, view))
    stick = [_stick(p, turn)] if pose.prop == "stick" else []
    if view == "top":
        order = [legs["far"], legs["near"], torso, arms["far"], arms["near"], head]
    else:
        order = [stick, legs["far"], arms["far"], torso, head, legs["near"], arms["near"]]
    return Figure(tuple(piece for group in order for piece in group), _eyes(p, front, view))


def _side_points(p: Mapping[str, Point], layer: str, names: tuple[str, ...]) -> list[Point] | None:
    """The points of one limb; None for a far limb that was not given (hidden behind)."""
    suffix = "_far" if layer == "far" else ""
    if suffix and not any(n + suffix in p for n in names[1:]):
        return None
    return [p.get(n + suffix, p[n]) for n in names]


def _leg(p: Mapping[str, Point], layer: str, turn: float, front: str, view: str) -> Iterator[Piece]:
    found = _side_points(p, layer, ("hip", "knee", "foot"))
    if found is None:
        return
    hip, knee, foot = found
    yield from _limb(layer, hip, knee, foot, (THIGH, SHIN))
    toes = _foot_direction(knee, foot, turn, front, view)
    if toes is not None:
        heel = Point(foot.x - toes[0] * HEEL, foot.y - toes[1] * HEEL)
        yield _tip(layer, heel, toes, FOOT, FOOT_LEN + HEEL)
    else:
        yield Piece(layer, foot, foot, FOOT[0] * 1.2, FOOT[0] * 1.2)


def _arm(p: Mapping[str, Point], layer: str) -> Iterator[Piece]:
    found = _side_points(p, layer, ("shoulder", "elbow", "hand"))
    if found is None:
        return
    shoulder, elbow, hand = found
    yield from _limb(layer, shoulder, elbow, hand, (UPPER_ARM, FOREARM))
    yield _tip(layer, hand, _hand_direction(p, elbow, hand), HAND, HAND_LEN)


def _stick(p: Mapping[str, Point], turn: float) -> Piece:
    """A broomstick along the back: touching the head, the upper back and the sacrum."""
    s, h, head = p["shoulder"], p["hip"], p["head"]
    ux, uy = _unit(s.x - h.x, s.y - h.y)
    bx, by = (uy, -ux) if turn > 0 else (-uy, ux)  # away from the front
    off = CHEST_R + 1.2
    return Piece(
        "stick",
        Point(h.x + bx * off - ux * 8, h.y + by * off - uy * 8),
        Point(head.x + bx * (off - 1) + ux * 8, head.y + by * (off - 1) + uy * 8),
        1.1,
        1.1,
    )


def _head(p: Mapping[str, Point], front: str, view: str) -> Iterator[Piece]:
    head, shoulder = p["head"], p["shoulder"]
    if "shoulder_far" in p:
        s2 = p["shoulder_far"]
        shoulder = Point((shoulder.x + s2.x) / 2, (shoulder.y + s2.y) / 2)
    if view != "top":
        yield Piece("body", shoulder, head, NECK_R, NECK_R)
    yield Piece("body", head, head, HEAD_R, HEAD_R)
    fx, fy = facing(p, front, view)
    if (fx, fy) != (0.0, 0.0):
        # The nose: a small bump on the side the face is on.
        nose = Point(head.x + fx * HEAD_R * 0.95, head.y + fy * HEAD_R * 0.95)
        yield Piece("body", nose, nose, 1.5, 1.5)


def facing(p: Mapping[str, Point], front: str, view: str) -> tuple[float, float]:
    """Where the face points. Seen from above it turns with the shoulders: square to the
    line between them, on the side of `front`."""
    fx, fy = FRONTS[front]
    if view == "top" and "shoulder_far" in p:
        s, s2 = p["shoulder"], p["shoulder_far"]
        dx, dy = _unit(s2.x - s.x, s2.y - s.y)
        return (dy, -dx) if dy * fx - dx * fy >= 0 else (-dy, dx)
    return fx, fy


def _eyes(p: Mapping[str, Point], front: str, view: str) -> tuple[Point, ...]:
    head, shoulder = p["head"], p["shoulder"]
    if view == "top":
        return ()
    fx, fy = FRONTS[front]
    if (fx, fy) == (0.0, 0.0):
        # Facing the viewer: two eyes across the face, a little above its middle.
        if "shoulder_far" in p:
            s2 = p["shoulder_far"]
            shoulder = Point((shoulder.x + s2.x) / 2, (shoulder.y + s2.y) / 2)
        ux, uy = _unit(head.x - shoulder.x, head.y - shoulder.y)
        cx, cy = head.x + ux * 1.2, head.y + uy * 1.2
        return (Point(cx - uy * 2.2, cy + ux * 2.2), Point(cx + uy * 2.2, cy - ux * 2.2))
    # In profile: one eye towards the front, a little towards the top of the head.
    ux, uy = _unit(head.x - shoulder.x, head.y - shoulder.y)
    return (Point(head.x + fx * 3.2 + ux * 1.4, head.y + fy * 3.2 + uy * 1.4),)
