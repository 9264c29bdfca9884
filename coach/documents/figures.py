"""Line figures of an exercise's start and end positions, drawn as SVG from pose data. Pure.

Pose points live on a 100 x 100 canvas with y pointing up from the floor; SVG
y points down, so every point is flipped. The drawing is cropped above the
figures, so a lying exercise gives a low, wide picture. The near limbs are
drawn dark, the far limbs (`*_far`) lighter behind them, the props (floor,
mat, chair, wall) lightest of all.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from coach.domain.model import Exercise, Point, Pose
from coach.errors import CoachError
from coach.i18n import _

INK = "#1f2a33"
FAR = "#9aa7b2"
PROP = "#c9d1d8"
MAT = "#e3e8ec"
HEAD_R = 5.5
STROKE = 3.2
FAR_STROKE = 2.8
PANEL = 100.0
MARGIN = 3.0  # above the highest point and below the floor
GAP = 10.0
LABEL_H = 12.0

# The chair every chair exercise is drawn with: seat height 44, back on the right.
CHAIR = (
    ("M", 46, 44),
    ("L", 72, 44),  # seat
    ("M", 48, 44),
    ("L", 48, 0),  # front leg
    ("M", 70, 44),
    ("L", 70, 0),  # back leg
    ("M", 70, 44),
    ("L", 73, 82),  # backrest
)


def ceiling(pose: Pose) -> float:
    """The highest canvas y either figure (or its chair) reaches, with room for a head."""
    top = max(p.y for points in (pose.start, pose.end) for p in points.values()) + HEAD_R
    if pose.prop == "chair":
        top = max(top, 82.0)
    if pose.prop == "wall":
        top = PANEL
    return min(PANEL, max(top, 30.0))


def size(pose: Pose, labels: bool) -> tuple[float, float]:
    """Width and height of the drawing in canvas units."""
    return 2 * PANEL + GAP, ceiling(pose) + 2 * MARGIN + (LABEL_H if labels else 0.0)


class _Canvas:
    def __init__(self, top: float) -> None:
        self.top = top

    def y(self, y: float) -> float:
        """Canvas y (up from the floor) as SVG y (down from the top of the drawing)."""
        return MARGIN + self.top - y

    def xy(self, p: Point, dx: float) -> str:
        return f"{p.x + dx:.1f},{self.y(p.y):.1f}"

    def limb(
        self,
        points: Mapping[str, Point],
        names: tuple[str, ...],
        dx: float,
        color: str,
        width: float,
    ) -> str:
        coords = " ".join(self.xy(points[n], dx) for n in names)
        return (
            f'<polyline points="{coords}" fill="none" stroke="{color}" '
            f'stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def prop(self, prop: str, dx: float) -> list[str]:
        parts = []
        floor = self.y(0)
        if prop in ("floor", "mat", "chair", "wall"):
            parts.append(
                f'<line x1="{dx + 1:.1f}" y1="{floor:.1f}" x2="{dx + PANEL - 1:.1f}" '
                f'y2="{floor:.1f}" stroke="{PROP}" stroke-width="1.5"/>'
            )
        if prop == "mat":
            parts.append(
                f'<rect x="{dx + 3:.1f}" y="{self.y(2):.1f}" width="{PANEL - 6:.1f}" '
                f'height="2" fill="{MAT}" stroke="{PROP}" stroke-width="0.6"/>'
            )
        if prop == "chair":
            path = " ".join(f"{cmd}{x + dx:.1f},{self.y(y):.1f}" for cmd, x, y in CHAIR)
            parts.append(
                f'<path d="{path}" fill="none" stroke="{PROP}" stroke-width="2.4" '
                'stroke-linecap="round"/>'
            )
        if prop == "wall":
            parts.append(
                f'<line x1="{dx + 94:.1f}" y1="{floor:.1f}" x2="{dx + 94:.1f}" '
                f'y2="{self.y(96):.1f}" stroke="{PROP}" stroke-width="2.4"/>'
            )
        return parts

    def figure(self, points: Mapping[str, Point], dx: float) -> list[str]:
        """The body: far limbs first, then torso, near limbs and the head on top."""
        p = dict(points)
        parts = []
        # The far arm hangs from the same shoulder, the far leg from the same hip; a far
        # limb that was not given is hidden behind the near one.
        if "elbow_far" in p or "hand_far" in p:
            arm = {
                "shoulder": p["shoulder"],
                "elbow_far": p.get("elbow_far", p["elbow"]),
                "hand_far": p.get("hand_far", p["hand"]),
            }
            parts.append(self.limb(arm, ("shoulder", "elbow_far", "hand_far"), dx, FAR, FAR_STROKE))
        if "knee_far" in p or "foot_far" in p:
            leg = {
                "hip": p["hip"],
                "knee_far": p.get("knee_far", p["knee"]),
                "foot_far": p.get("foot_far", p["foot"]),
            }
            parts.append(self.limb(leg, ("hip", "knee_far", "foot_far"), dx, FAR, FAR_STROKE))
        spine = ("head", "shoulder", "back", "hip") if "back" in p else ("head", "shoulder", "hip")
        parts.append(self.limb(p, spine, dx, INK, STROKE + 0.6))
        parts.append(self.limb(p, ("hip", "knee", "foot"), dx, INK, STROKE))
        parts.append(self.limb(p, ("shoulder", "elbow", "hand"), dx, INK, STROKE))
        head = p["head"]
        parts.append(
            f'<circle cx="{head.x + dx:.1f}" cy="{self.y(head.y):.1f}" r="{HEAD_R}" '
            f'fill="#ffffff" stroke="{INK}" stroke-width="{STROKE}"/>'
        )
        return parts


def svg(pose: Pose, labels: tuple[str, str] | None = None) -> str:
    """Both positions side by side; with `labels`, a caption under each."""
    width, height = size(pose, labels is not None)
    canvas = _Canvas(ceiling(pose))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.1f}" '
        f'width="{width * 3:.0f}" height="{height * 3:.0f}">',
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.1f}" fill="#ffffff"/>',
    ]
    for index, points in enumerate((pose.start, pose.end)):
        dx = index * (PANEL + GAP)
        parts += canvas.prop(pose.prop, dx)
        parts += canvas.figure(points, dx)
        if labels:
            parts.append(
                f'<text x="{dx + PANEL / 2:.1f}" y="{canvas.y(0) + MARGIN + 8:.1f}" '
                f'text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" '
                f'font-size="7" fill="{INK}">{escape(labels[index])}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def exercise_svg(exercise: Exercise) -> str:
    """The exercise's pictures with captions, for `coach exercises show ID --svg FILE`."""
    if exercise.pose is None:
        raise CoachError(
            _("{id} has no pose data to draw").format(id=exercise.id),
            _("Add a [pose] table to its definition (see exercises/README.md)"),
        )
    return svg(exercise.pose, (_("Starting position"), _("End position")))
