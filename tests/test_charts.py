"""The terminal charts of `coach progress`: bars to scale, marks where the values are."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

from rich.console import Console

from coach.domain.plain_words import short_date
from coach.domain.progress_summary import PainPoint, Week
from coach.live.charts import load_bars, pain_plot

TZ = timezone(timedelta(hours=1))


def lines(renderable: object, width: int = 80) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def test_load_bars_are_to_scale_and_fit() -> None:
    rows = [Week(date(2026, 10, 5) + timedelta(weeks=i), 3, 3) for i in range(3)]
    shown = lines(load_bars(rows, [2000, 1000, 0], 60), 60)
    assert shown[0] == "Weekly load (reps × hold seconds)"
    full, half, empty = shown[1:4]
    assert full.startswith("week of 5 Oct ") and full.endswith(" 2000")
    assert half.startswith("week of 12 Oct") and empty.endswith(" 0")
    assert abs(full.count("█") - 2 * half.count("█")) <= 1
    assert "█" not in empty
    assert all(len(line) <= 60 for line in shown)


def points(values: list[tuple[int | None, int | None, str | None]]) -> list[PainPoint]:
    start = datetime(2026, 11, 2, 9, tzinfo=TZ)
    return [
        PainPoint(start + timedelta(days=2 * i), before, during, morning)
        for i, (before, during, morning) in enumerate(values)
    ]


def test_pain_marks_sit_on_their_rows_and_dates_never_repeat() -> None:
    shown = lines(pain_plot(points([(2, 5, "worse"), (1, 3, "better"), (0, 10, "same")]), 60), 60)
    grid = shown[1:12]  # rows 10 down to 0
    row = {10 - i: text[4:] for i, text in enumerate(grid)}
    assert row[5][0] == "x" and row[2][0] == "•"  # the first session at the left edge
    assert row[10].rstrip().endswith("x") and row[0].rstrip().endswith("•")  # the last at right
    assert shown[13].strip().startswith("▲") and shown[13].rstrip().endswith("·")
    axis = shown[14].split()
    dates = [" ".join(axis[i : i + 2]) for i in range(0, len(axis), 2)]
    assert dates[0] == "2 Nov" and len(dates) == len(set(dates))
    assert all(len(line) <= 60 for line in shown)


def test_one_session_has_one_date() -> None:
    shown = lines(pain_plot(points([(3, 4, None)]), 50), 50)
    assert shown[13].split() == ["2", "Nov"]  # no morning line: the dates follow the axis


def test_dutch_dates() -> None:
    from coach.i18n import speaking

    with speaking("nl"):
        assert short_date(date(2026, 3, 1)) == "1 mrt"
