"""The two charts of `coach progress`, drawn with block and dot characters as rich text.

Weekly load is a horizontal bar per week (its number beside it); pain is a grid of
0 to 10 against time, one column per moment, with the next-morning answers on a
line below and dates only where they fit. Plain mode (`--plain`) prints lines of
text instead (progress_views), so a screen reader never meets these characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from coach.domain.plain_words import long_date, short_date, week_of
from coach.domain.progress_summary import PainPoint, Week
from coach.i18n import _

_EIGHTHS = " ▏▎▍▌▋▊▉"
BEFORE, DURING = "•", "x"
MORNING_MARKS = {"worse": "▲", "better": "▼", "same": "·"}
PAIN_ROWS = 11  # 10 down to 0


def bar(value: float, top: float, cells: int) -> str:
    """A bar of `value` against `top` in `cells` characters, to an eighth of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(value / top * cells * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def load_bars(rows: Sequence[Week], load: Sequence[int], width: int) -> Group:
    """Weekly load: one bar per week, its number at the end."""
    labels = [week_of(w.monday) for w in rows]
    label_width = max((len(label) for label in labels), default=0)
    number_width = max((len(str(v)) for v in load), default=1)
    cells = max(10, width - label_width - number_width - 3)
    top = max(load, default=0)
    lines: list[RenderableType] = [Text(_("Weekly load (reps × hold seconds)"), style="bold")]
    for label, value in zip(labels, load, strict=True):
        line = Text(label.ljust(label_width) + " ")
        line.append(bar(value, top, cells).ljust(cells), style="cyan")
        line.append(" " + str(value).rjust(number_width))
        lines.append(line)
    return Group(*lines)


def _columns(points: Sequence[PainPoint], cells: int) -> list[int]:
    """The column of each point: time mapped linearly onto `cells` columns."""
    if not points:
        return []
    first, last = points[0].when.timestamp(), points[-1].when.timestamp()
    span = last - first
    if span <= 0:
        return [cells // 2] * len(points)
    return [round((p.when.timestamp() - first) / span * (cells - 1)) for p in points]


def _date_axis(points: Sequence[PainPoint], columns: list[int], cells: int) -> str:
    """Dates under the grid where they fit, never the same date twice."""
    axis = [" "] * cells
    taken_until = -1
    shown: set[str] = set()
    years = {p.when.year for p in points}
    for point, column in zip(points, columns, strict=True):
        day = point.when.date()
        label = short_date(day) if len(years) == 1 else long_date(day)
        start = min(max(0, column - len(label) // 2), cells - len(label))
        if label in shown or start <= taken_until or start < 0:
            continue
        axis[start : start + len(label)] = label
        taken_until = start + len(label)
        shown.add(label)
    return "".join(axis).rstrip()


def pain_plot(points: Sequence[PainPoint], width: int) -> Group:
    """Pain before (•) and at its highest during (x) each session, the mornings below."""
    cells = max(10, width - 5)
    columns = _columns(points, cells)
    grid = [[" "] * cells for _row in range(PAIN_ROWS)]
    styles: dict[tuple[int, int], str] = {}
    for point, column in zip(points, columns, strict=True):
        for value, mark, style in (
            (point.before, BEFORE, "cyan"),
            (point.during, DURING, "red"),
        ):
            if value is not None:
                row = 10 - value
                grid[row][column] = mark
                styles[(row, column)] = style
    lines: list[RenderableType] = [Text(_("Pain, 0-10"), style="bold")]
    for row in range(PAIN_ROWS):
        value = 10 - row
        line = Text(f"{value:>2} ┤" if value % 5 == 0 else "   │")
        for column, mark in enumerate(grid[row]):
            line.append(mark, style=styles.get((row, column), ""))
        lines.append(line)
    lines.append(Text("   └" + "─" * cells))
    mornings = [" "] * cells
    for point, column in zip(points, columns, strict=True):
        if point.morning in MORNING_MARKS:
            mornings[column] = MORNING_MARKS[point.morning]
    if any(m != " " for m in mornings):
        lines.append(Text("    " + "".join(mornings).rstrip()))
    lines.append(Text("    " + _date_axis(points, columns, cells), style="dim"))
    key = [
        (BEFORE, _("pain before")),
        (DURING, _("highest during")),
        (MORNING_MARKS["worse"], _("next morning worse")),
        (MORNING_MARKS["better"], _("next morning better")),
        (MORNING_MARKS["same"], _("next morning the same")),
    ]
    # Packed by hand: a narrow terminal wraps between items, never inside one.
    packed = ""
    for item in (f"{mark} {label}" for mark, label in key):
        if packed and len(packed) + 3 + len(item) > width:
            lines.append(Text(packed, style="dim"))
            packed = ""
        packed = f"{packed}   {item}" if packed else item
    lines.append(Text(packed, style="dim"))
    return Group(*lines)
