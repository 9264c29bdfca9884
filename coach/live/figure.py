"""The exercise's figure in the live view, drawn in braille cells.

The same body as on paper (`coach.domain.body`), rasterised into a grid of braille
dots: 2 x 4 dots per terminal cell, so any UTF-8 terminal shows it without
graphics support. Which position it shows follows the phase: the starting position
while getting ready, moving from start to end while moving into position, the end
position during the hold, moving back on the return; mirrored when the other side
works. A move is drawn in a few frames per second, and every frame is kept, so a
repeated rep costs no drawing at all.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

from rich.text import Text

from coach.domain import body, movement
from coach.domain.engine import Engine
from coach.domain.model import Exercise, Point, Pose
from coach.domain.timeline import Kind, Phase, Side, Timeline

FPS = 3  # frames per second while the body moves
MIN_ROWS = 5  # below this many rows the figure is left out
RANK = {"prop": 1, "far": 2, "stick": 2, "body": 3, "near": 3}
STYLE = {1: "dim", 2: "dim", 3: "bold"}
# Braille dot bits by (column, row) inside a cell.
DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def _frames(phase: Phase) -> int:
    return max(1, round(phase.duration * FPS))


def frame(phase: Phase, into: float) -> int:
    """Which frame of a move or return `into` seconds in; 0 for still phases."""
    if phase.kind not in (Kind.MOVE, Kind.RETURN, Kind.TIMED):
        return 0
    if phase.kind is Kind.TIMED:
        return int(into) % 2  # a walk: one stride, then the other, a second each
    n = _frames(phase)
    # A hair of slack, so that the moment a frame is due always shows that frame.
    return min(n, int(into / phase.duration * n + 1e-6)) if phase.duration else n


def next_frame_in(phase: Phase, into: float) -> float | None:
    """Seconds until the figure changes again during a move or return; None otherwise.
    Never less than a millisecond: a wait of nothing would wake the loop for nothing."""
    if phase.kind not in (Kind.MOVE, Kind.RETURN):
        return None
    n = _frames(phase)
    k = frame(phase, into)
    if k >= n:
        return None
    return max(0.001, (k + 1) * phase.duration / n - into)


def wake(engine: Engine, now: float, due: float | None) -> float | None:
    """The engine's next change `due`, or the figure's next frame if that comes first."""
    if due is None:  # paused or finished: nothing moves
        return None
    phase = engine.phase
    frame_in = next_frame_in(phase, phase.duration - engine.remaining(now))
    return due if frame_in is None else min(due, now + frame_in)


def _ease(t: float) -> float:
    """Slow out of one position and slow into the next, as a person moves."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


def _showing(timeline: Timeline, phase: Phase) -> tuple[int, Side | None]:
    """The exercise whose figure belongs to this phase, and the side it is done on."""
    index = phase.exercise
    if phase.kind is Kind.REST and not phase.set_no and index + 1 < len(timeline.plan):
        index += 1  # the rest before the next exercise: its starting position
    side = phase.side
    if side is None:
        # Getting ready or resting: the side that comes next, if the exercise has sides.
        side = next(
            (
                p.side
                for p in timeline.phases[phase.index :]
                if p.exercise == index and p.side is not None
            ),
            None,
        )
    return index, side


def position(
    timeline: Timeline, phase: Phase, into: float
) -> tuple[Pose, Mapping[str, Point], str, bool] | None:
    """The pose, the points to draw now, a key for the frame and whether it is the other
    side's mirror image; None without pictures."""
    index, side = _showing(timeline, phase)
    item = timeline.plan[index]
    pose = item.exercise.pose_at(item.dosage.level)
    if pose is None:
        return None
    mirror = side is not None and pose.side is not None and side.value != pose.side
    k = frame(phase, into)
    if phase.kind is Kind.HOLD:
        t = 1.0
    elif phase.kind in (Kind.MOVE, Kind.RETURN) and index == phase.exercise:
        t = _ease(k / _frames(phase))
        if phase.kind is Kind.RETURN:
            t = 1.0 - t
    elif phase.kind is Kind.TIMED:
        t = 0.0 if k == 0 else 1.0
    else:
        t = 0.0
    # Always the filled-in points, so that one key is always one picture.
    points = movement.between(pose.start, pose.end, t)
    if mirror:
        points = movement.mirrored(points)
        pose = movement.mirrored_pose(pose)
    key = f"{item.exercise.id}:{item.dosage.level}:{int(mirror)}:{t}"
    return pose, points, key, mirror


def as_text(lines: tuple[tuple[tuple[str, str], ...], ...]) -> Text:
    """The rasterised cells as rich text: one line per row, one run per style."""
    out = Text(no_wrap=True, overflow="crop")
    for i, runs in enumerate(lines):
        if i:
            out.append("\n")
        for chars, style in runs:
            out.append(chars, style=style or None)
    return out


def still(exercise: Exercise, level: int, width: int, height: int) -> tuple[Text, Text] | None:
    """A level's two positions, each `width` x `height` cells, for `coach exercises show`."""
    pose = exercise.pose_at(level)
    if pose is None:
        return None
    return tuple(  # type: ignore[return-value]
        as_text(_raster(f"{exercise.id}:{level}:0:{t}", pose, points, width, height))
        for t, points in ((t, movement.between(pose.start, pose.end, t)) for t in (0.0, 1.0))
    )


def draw(timeline: Timeline, phase: Phase, into: float, width: int, height: int) -> Text | None:
    """The figure for this moment, or None when there is none or the room is too small."""
    if height < MIN_ROWS or width < 2 * MIN_ROWS:
        return None
    found = position(timeline, phase, into)
    if found is None:
        return None
    pose, points, key, mirror = found
    return as_text(_raster(key, pose, points, width, height, mirror))


class _Frozen:
    """Hash a frame by its key only: pose and points are what the key names."""

    def __init__(
        self, key: str, pose: Pose, points: Mapping[str, Point], mirror: bool = False
    ) -> None:
        self.key, self.pose, self.points, self.mirror = key, pose, points, mirror

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen) and other.key == self.key


def _raster(
    key: str,
    pose: Pose,
    points: Mapping[str, Point],
    width: int,
    height: int,
    mirror: bool = False,
) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The picture's cells; `mirror` when the pose is the other side's mirror image (its
    props are mirrored too). The key names the picture: one key, one picture."""
    return _cached(_Frozen(key, pose, points, mirror), width, height)


@functools.lru_cache(maxsize=512)
def _cached(frozen: _Frozen, width: int, height: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    pose, points = frozen.pose, frozen.points
    low, top = body.extent(pose)
    w, h = width * 2, height * 4
    scale = min(w / 100.0, h / (top - low))
    ox = (w - 100.0 * scale) / 2
    oy = h - (top - low) * scale  # the figure stands on the bottom row
    ranks = bytearray(w * h)

    def fill(x0: float, y0: float, x1: float, y1: float, rank: int, inside: object) -> None:
        """Set every dot whose centre lies in the shape, looking only inside its box."""
        px0 = max(0, int(ox + x0 * scale))
        px1 = min(w - 1, int(ox + x1 * scale) + 1)
        py0 = max(0, int(oy + (top - y1) * scale))
        py1 = min(h - 1, int(oy + (top - y0) * scale) + 1)
        for py in range(py0, py1 + 1):
            cy = top - (py + 0.5 - oy) / scale
            row = py * w
            for px in range(px0, px1 + 1):
                cx = (px + 0.5 - ox) / scale
                if ranks[row + px] < rank and inside(cx, cy):  # type: ignore[operator]
                    ranks[row + px] = rank

    if pose.view != "top" and pose.prop != "none":
        floor_row = min(h - 1, int(oy + (top - low) * scale) - 1)
        for px in range(max(0, int(ox)), min(w, int(ox + 100 * scale))):
            ranks[floor_row * w + px] = RANK["prop"]
    edge = 1.0 / scale  # one dot, in canvas units
    for left, y, rw, rh in body.prop_rects(pose):
        # Mirrored, the chair's back, an armrest or a wall are on the other side too.
        x = 100.0 - left - rw if frozen.mirror and pose.view != "top" else left
        # A large prop (a seat seen from above) as its outline, so the body on it stands out.
        hollow = rw > 6 * edge and rh > 6 * edge

        def rect(
            cx: float,
            cy: float,
            x: float = x,
            y: float = y,
            rw: float = rw,
            rh: float = rh,
            hollow: bool = hollow,
        ) -> bool:
            inside = x <= cx <= x + rw and y - rh <= cy <= y
            if not inside or not hollow:
                return inside
            return min(cx - x, x + rw - cx, cy - (y - rh), y - cy) < edge

        fill(x, y - rh, x + rw, y, RANK["prop"], rect)
    for piece in body.build(points, pose).pieces:
        x0, y0, x1, y1 = piece.bounds()
        fill(x0, y0, x1, y1, RANK[piece.layer], piece.contains)
    return _cells(ranks, w, width, height)


def _cells(
    ranks: bytearray, w: int, width: int, height: int
) -> tuple[tuple[tuple[str, str], ...], ...]:
    lines = []
    for row in range(height):
        runs: list[tuple[str, str]] = []
        for col in range(width):
            bits = best = 0
            for dy in range(4):
                base = (row * 4 + dy) * w + col * 2
                for dx in range(2):
                    r = ranks[base + dx]
                    if r:
                        bits |= DOTS[dy][dx]
                        best = max(best, r)
            char = chr(0x2800 + bits) if bits else " "
            style = STYLE.get(best, "")
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + char, style)
            else:
                runs.append((char, style))
        lines.append(tuple(runs))
    return tuple(lines)
