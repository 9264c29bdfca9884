"""Body drawings of an exercise's two positions, as SVG, from pose data. Pure.

The body comes from `coach.domain.body` (the same one the live view draws): tapered
limbs, round joints, a torso with volume, a head with a face. Pose points live on a
100 x 100 canvas with y up from the floor; SVG y points down, so every point is
flipped. The drawing is cropped above the figures, so a lying exercise gives a low,
wide picture. The near limbs are dark, the far ones lighter (at least 3:1 on white,
and a key under the pictures names their sides), the props lightest of all. An arrow
on the second picture shows which way the body moves.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

from coach.domain import body, movement
from coach.domain.model import Exercise, Point, Pose
from coach.domain.plain_words import position_names
from coach.errors import CoachError
from coach.i18n import _, language

INK = "#1f2a33"
NEAR = "#27465a"
FAR = "#7d8f9c"  # 3.3:1 on white: readable, and clearly lighter than NEAR
EYE = "#ffffff"
ARROW = "#c2410c"
PROP = "#aeb9c2"
MAT = "#e1e7ec"
CHAIR = "#c3ccd3"
HALO = 0.9  # the white edge around each part, so limbs read in front of the trunk
PANEL = 100.0
MARGIN = 3.0  # above the highest point and below the floor
GAP = 10.0
MIN_ARROW = 14.0  # canvas units: the shortest arrow drawn
HEADING_CHARS = 48  # characters of a heading that fit across the drawing at full size
LABEL_H = 11.0
KEY_H = 9.0
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
STICK = "#9a6a3c"  # a wooden broomstick
COLORS = {"stick": STICK, "far": FAR, "body": NEAR, "near": NEAR}


def has_arrow(pose: Pose) -> bool:
    return pose.arrow != "none" and movement.travel(pose) >= 1.0


def extent(pose: Pose) -> tuple[float, float]:
    """The bottom and top of the drawing: the figures, the prop, and the arrow with its head
    (seen from above, the arrow is round the head, inside the figure)."""
    low, top = body.extent(pose)
    if pose.view == "top" or not has_arrow(pose):
        return low, top
    for name in movement.arrow_points(pose):
        a, ctrl, b = arrow_path(pose, name)
        top = max(top, a.y + 3, b.y + 3, _on_curve(a, ctrl, b).y + 2)
    return low, min(PANEL + 10, top)


def has_far(pose: Pose) -> bool:
    return any(name.endswith("_far") for points in (pose.start, pose.end) for name in points)


def size(pose: Pose, labels: bool, key: bool = False) -> tuple[float, float]:
    """Width and height of the drawing in canvas units."""
    extra = (LABEL_H if labels else 0.0) + (KEY_H if key and has_far(pose) else 0.0)
    low, top = extent(pose)
    return 2 * PANEL + GAP, top - low + 2 * MARGIN + extra


class _Canvas:
    def __init__(self, top: float, low: float = 0.0) -> None:
        self.top = top
        self.low = low

    def y(self, y: float) -> float:
        """Canvas y (up from the floor) as SVG y (down from the top of the drawing)."""
        return MARGIN + self.top - y

    def at(self, p: Point, dx: float) -> tuple[float, float]:
        return p.x + dx, self.y(p.y)

    def shapes(self, piece: body.Piece, dx: float) -> list[str]:
        """A tapered capsule: its two end circles and the band between their tangents."""
        if piece.poly:
            outline = " ".join(f"{x:.2f},{y:.2f}" for x, y in (self.at(p, dx) for p in piece.poly))
            return [f'<polygon points="{outline}"/>']
        (ax, ay), (bx, by) = self.at(piece.a, dx), self.at(piece.b, dx)
        d = math.hypot(bx - ax, by - ay)
        if d <= abs(piece.ra - piece.rb) + 1e-6:  # one end's circle holds the other
            return [
                _circle(ax, ay, piece.ra) if piece.ra >= piece.rb else _circle(bx, by, piece.rb)
            ]
        ux, uy = (bx - ax) / d, (by - ay) / d
        k = (piece.ra - piece.rb) / d
        h = math.sqrt(max(0.0, 1 - k * k))
        # The outer tangents touch both circles where their normal w = k u +- h u-perp.
        (w1x, w1y), (w2x, w2y) = ((k * ux - s * h * uy, k * uy + s * h * ux) for s in (1, -1))
        ra, rb = piece.ra, piece.rb
        big_b, big_a = int(k < 0), int(k > 0)  # which end's arc goes more than half round
        return [
            f'<path d="M{ax + ra * w1x:.2f},{ay + ra * w1y:.2f} '
            f"L{bx + rb * w1x:.2f},{by + rb * w1y:.2f} "
            f"A{rb:.2f},{rb:.2f} 0 {big_b} 0 {bx + rb * w2x:.2f},{by + rb * w2y:.2f} "
            f"L{ax + ra * w2x:.2f},{ay + ra * w2y:.2f} "
            f'A{ra:.2f},{ra:.2f} 0 {big_a} 0 {ax + ra * w1x:.2f},{ay + ra * w1y:.2f}Z"/>'
        ]

    def figure(self, pose: Pose, points: Mapping[str, Point], dx: float) -> list[str]:
        """Run by run of one layer: a white edge around every part first, then the parts,
        so the parts of a run merge and a run in front stands out from the one behind."""
        figure = body.build(points, pose)
        parts = []
        for layer, run in itertools.groupby(figure.pieces, key=lambda piece: piece.layer):
            shapes = [s for piece in run for s in self.shapes(piece, dx)]
            parts.append(
                f'<g fill="#ffffff" stroke="#ffffff" stroke-width="{2 * HALO}" '
                f'stroke-linejoin="round">{"".join(shapes)}</g>'
            )
            parts.append(f'<g fill="{COLORS[layer]}">{"".join(shapes)}</g>')
        eyes = "".join(_circle(*self.at(eye, dx), 0.95) for eye in figure.eyes)
        if eyes:
            parts.append(f'<g fill="{EYE}">{eyes}</g>')
        return parts

    def prop(self, pose: Pose, dx: float) -> list[str]:
        prop = pose.prop
        if pose.view == "top":
            if prop not in ("chair", "armchair", "lowchair"):
                return []
            return [
                f'<rect x="{x + dx:.1f}" y="{self.y(y):.1f}" width="{w}" height="{h}" rx="2" '
                f'fill="{CHAIR}"/>'
                for x, y, w, h in body.CHAIR_TOP
            ]
        parts = []
        floor = self.y(0)
        if prop != "none":
            parts.append(
                f'<line x1="{dx + 1:.1f}" y1="{floor:.1f}" x2="{dx + PANEL - 1:.1f}" '
                f'y2="{floor:.1f}" stroke="{PROP}" stroke-width="1.2"/>'
            )
        if prop == "mat":
            parts.append(
                f'<rect x="{dx + 2:.1f}" y="{self.y(1.4):.1f}" width="{PANEL - 4:.1f}" '
                f'height="1.4" rx="0.7" fill="{MAT}" stroke="{PROP}" stroke-width="0.4"/>'
            )
        if prop in ("chair", "armchair", "lowchair"):
            rects = body.prop_rects(pose)
            parts += [
                f'<rect x="{x + dx:.1f}" y="{self.y(y):.1f}" width="{w}" height="{h}" rx="1.2" '
                f'fill="{CHAIR}"/>'
                for x, y, w, h in rects
            ]
        if prop == "wall":
            parts.append(
                f'<rect x="{dx + 93:.1f}" y="{self.y(98):.1f}" width="4" height="98" '
                f'fill="{CHAIR}"/>'
            )
        return parts

    def arrow(self, pose: Pose, dx: float) -> list[str]:
        """The movement's arrow on the second picture (see `arrow_points`)."""
        if pose.view == "top":
            return self._turn_arrow(pose, dx)
        parts = []
        for name in movement.arrow_points(pose):
            a, ctrl, b = arrow_path(pose, name)
            parts += self._curve(a, ctrl, b, dx, pose.arrow == "both")
        return parts

    def _turn_arrow(self, pose: Pose, dx: float) -> list[str]:
        start, end = movement.ends(pose)
        head = end["head"]
        angles = [
            math.atan2(*reversed(body.facing(points, pose.front, pose.view)))
            for points in (start, end)
        ]
        r = body.HEAD_R + 9
        # Behind the head, where the shoulders turn from: clear of the arms and the knees.
        a0, a1 = (angle + math.pi for angle in angles)
        a1 = a0 + math.remainder(a1 - a0, math.tau)  # the short way round
        mid = (a0 + a1) / 2
        a, b, c = (Point(head.x + r * math.cos(t), head.y + r * math.sin(t)) for t in (a0, mid, a1))
        ctrl = Point(2 * b.x - (a.x + c.x) / 2, 2 * b.y - (a.y + c.y) / 2)
        return self._curve(a, ctrl, c, dx, pose.arrow == "both")

    def _curve(self, a: Point, ctrl: Point, b: Point, dx: float, both_ways: bool) -> list[str]:
        (x1, y1), (cx, cy), (x2, y2) = (self.at(p, dx) for p in (a, ctrl, b))
        parts = [
            f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
            f'stroke="{ARROW}" stroke-width="1.4" stroke-linecap="round"/>'
        ]
        heads = [((x2, y2), (cx, cy))]
        if both_ways:
            heads.append(((x1, y1), (cx, cy)))
        for (tx, ty), (fx, fy) in heads:
            ux, uy = tx - fx, ty - fy
            n = math.hypot(ux, uy) or 1.0
            ux, uy = ux / n, uy / n
            size = 3.6
            left = (tx - ux * size - uy * size * 0.6, ty - uy * size + ux * size * 0.6)
            right = (tx - ux * size + uy * size * 0.6, ty - uy * size - ux * size * 0.6)
            parts.append(
                f'<polygon points="{tx:.1f},{ty:.1f} {left[0]:.1f},{left[1]:.1f} '
                f'{right[0]:.1f},{right[1]:.1f}" fill="{ARROW}"/>'
            )
        return parts


def arrow_path(pose: Pose, name: str) -> tuple[Point, Point, Point]:
    """A curved arrow beside the point `name`, from a quarter of its way (so it does not
    start on a limb that stays where this one was) to where it ends: start, control point,
    end. It bulges away from the body and never crosses the face. (Seen from above, the
    arrow is an arc round the head instead.)"""
    start, end = movement.ends(pose)
    a, b = start[name], end[name]
    if pose.arrow != "both":
        a = Point(a.x + (b.x - a.x) * 0.25, a.y + (b.y - a.y) * 0.25)
    centre = _centre(end)
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    span = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    if span < MIN_ARROW:
        # A small movement still gets an arrow that can be seen: as long, the same way.
        ux, uy = (b.x - a.x) / span, (b.y - a.y) / span
        a = Point(mx - ux * MIN_ARROW / 2, my - uy * MIN_ARROW / 2)
        b = Point(mx + ux * MIN_ARROW / 2, my + uy * MIN_ARROW / 2)
        span = MIN_ARROW
    ox, oy = mx - centre.x, my - centre.y
    length = math.hypot(ox, oy) or 1.0
    ox, oy = ox / length, oy / length
    pieces = body.build(end, pose).pieces
    offset = 5.0  # beside the body, not on it: further out until it is clear
    while True:
        a2 = Point(a.x + ox * offset, a.y + oy * offset)
        b2 = Point(b.x + ox * offset, b.y + oy * offset)
        ctrl = Point(mx + ox * (offset + span * 0.3), my + oy * (offset + span * 0.3))
        along = [_on_curve(a2, ctrl, b2, t / 6) for t in range(7)]
        if offset > 30 or not any(piece.contains(p.x, p.y) for p in along for piece in pieces):
            break
        offset += 1.5
    # Inside the panel, and above the floor: the caption is below it.
    a2, ctrl, b2 = (Point(min(PANEL - 2, max(2.0, p.x)), max(1.5, p.y)) for p in (a2, ctrl, b2))
    return a2, ctrl, b2


def _on_curve(a: Point, ctrl: Point, b: Point, t: float = 0.5) -> Point:
    """The point a fraction t along the quadratic curve from a to b (its middle by default)."""
    u = 1 - t
    return Point(
        u * u * a.x + 2 * u * t * ctrl.x + t * t * b.x,
        u * u * a.y + 2 * u * t * ctrl.y + t * t * b.y,
    )


def _centre(points: Mapping[str, Point]) -> Point:
    s, h = points["shoulder"], points["hip"]
    return Point((s.x + h.x) / 2, (s.y + h.y) / 2)


def _circle(x: float, y: float, r: float) -> str:
    return f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}"/>'


def _text(
    x: float, y: float, text: str, size: float = 7, anchor: str = "middle", bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-family="{FONT}" '
        f'font-size="{size}"{weight} fill="{INK}">{escape(text)}</text>'
    )


def key_text(pose: Pose) -> tuple[str, str] | None:
    """What the dark and the light limbs are: "right arm and leg", "left arm and leg"."""
    side = movement.near_side(pose.end, pose.front, pose.view)
    if side is None or not has_far(pose):
        return None
    words = {"left": _("left arm and leg"), "right": _("right arm and leg")}
    return words[side], words["left" if side == "right" else "right"]


def drawing(pose: Pose, labels: tuple[str, str] | None = None, key: bool = False) -> list[str]:
    """The SVG elements of both positions side by side, from (0, 0); see `size`."""
    _width, height = size(pose, labels is not None, key)
    low, top = extent(pose)
    canvas = _Canvas(top, low)
    parts = []
    for index, points in enumerate((pose.start, pose.end)):
        dx = index * (PANEL + GAP)
        parts += canvas.prop(pose, dx)
        parts += canvas.figure(pose, points, dx)
        if index == 1 and has_arrow(pose):
            parts += canvas.arrow(pose, dx)
        if labels:
            parts.append(_text(dx + PANEL / 2, canvas.y(canvas.low) + MARGIN + 8, labels[index]))
    names = key_text(pose) if key else None
    if names is not None:
        y = height - 3
        x = 2.0
        for color, name in zip((NEAR, FAR), names, strict=True):
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 4.6:.1f}" width="5" height="5" rx="1" fill="{color}"/>'
            )
            parts.append(_text(x + 7, y, name, size=6, anchor="start"))
            x += 12 + len(name) * 3.4
        if pose.view == "top":
            parts.append(_text(x, y, _("seen from above"), size=6, anchor="start"))
    return parts


def svg(pose: Pose, labels: tuple[str, str] | None = None, key: bool = True) -> str:
    """Both positions side by side; with `labels`, a caption under each; with `key`, what
    the dark and light limbs are."""
    width, height = size(pose, labels is not None, key)
    return _document(width, height, drawing(pose, labels, key))


def _document(width: float, height: float, parts: Iterable[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.1f}" '
        f'width="{width * 3:.0f}" height="{height * 3:.0f}">\n'
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.1f}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(parts) + "\n</svg>\n"


def exercise_svg(exercise: Exercise, level: int | None = None) -> str:
    """Every level's pictures, or one level's, each headed by its name, for
    `coach exercises show ID --svg FILE`."""
    numbers = [level] if level is not None else [lvl.number for lvl in exercise.levels]
    rows: list[tuple[str, Pose, int]] = []
    lang = language()
    for number in numbers:
        pose = exercise.pose_at(number)
        if pose is None:
            continue
        heading = _("{exercise}, level {number}: {variant}").format(
            exercise=exercise.name.get(lang),
            number=number,
            variant=exercise.level(number).variant.get(lang),
        )
        rows.append((heading, pose, number))
    if not rows:
        raise CoachError(
            _("{id} has no pose data to draw").format(id=exercise.id),
            _("Add a [pose] table to its definition (see exercises/README.md)"),
        )
    width = 2 * PANEL + GAP
    parts: list[str] = []
    y = 0.0
    for heading, pose, number in rows:
        points = min(7.0, 7.0 * HEADING_CHARS / max(1, len(heading)))  # a long name fits
        parts.append(_text(2, y + 8, heading, size=points, anchor="start", bold=True))
        _w, h = size(pose, True, True)
        inner = drawing(pose, position_names(pose, exercise.level(number)), key=True)
        parts.append(f'<g transform="translate(0 {y + 11:.1f})">' + "".join(inner) + "</g>")
        y += 11 + h + 4
    return _document(width, y, parts)
