"""`coach report` after eight weeks: at most three pages, charts whole and inside their frames."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from tests.conftest import Run
from tests.test_scenarios import SCENARIOS, Person, replay

EIGHT_WEEKS = SCENARIOS / "40-eight-weeks-for-the-report.toml"
REPORT_DAY = datetime.fromisoformat("2026-11-22T18:00:00+01:00")


@pytest.fixture
def eight_weeks(
    run: Run,
    coach_home: Path,
    person: list[Person],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The scenario's eleven sessions, replayed through the real `coach start`: once per
    test process, then copied, so each test still gets a home of its own."""
    replayed = tmp_path_factory.getbasetemp() / "eight-weeks-home"
    if not replayed.exists():
        replay(EIGHT_WEEKS, run, coach_home, person)
        shutil.copytree(coach_home, replayed)
    else:
        shutil.copytree(replayed, coach_home, dirs_exist_ok=True)
    return coach_home


def report_pdf(run: Run, out: Path, *args: str) -> PdfReader:
    with time_machine.travel(REPORT_DAY, tick=False):
        result = run(*args, "report", "-o", str(out))
    assert result.exit_code == 0, result.output
    keep = os.environ.get("COACH_KEEP_REPORT")  # to look at it: a folder to copy it to
    if keep:
        shutil.copy(out, Path(keep) / out.name)
    return PdfReader(out)


def test_eight_weeks_fit_on_three_pages(run: Run, eight_weeks: Path, tmp_path: Path) -> None:
    for lang in ("en", "nl"):
        reader = report_pdf(run, tmp_path / f"report-{lang}.pdf", "--lang", lang)
        assert len(reader.pages) <= 3, (lang, len(reader.pages))


MARKS = {"•", "×", "▲", "▼", "·"}


Frame = tuple[float, float, float, float]


def chart_marks(reader: PdfReader) -> list[tuple[int, list[tuple[float, float]], Frame]]:
    """Per page with a chart: the marks' positions and the chart's frame (x0, y0, x1, y1)."""
    from pypdf.generic import ContentStream

    found: list[tuple[int, list[tuple[float, float]], Frame]] = []
    for number, page in enumerate(reader.pages):
        frames: list[Frame] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"re":
                x, y, w, h = (float(v) for v in operands)
                if w > 300 and abs(h) > 100:  # the chart's frame, not a table rule
                    frames.append((x, min(y, y + h), x + w, max(y, y + h)))
        marks: list[tuple[float, float]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            marks: list[tuple[float, float]] = marks,
        ) -> None:
            # The chart draws its marks at 7 and 8 pt; list bullets are body text.
            if text.strip() in MARKS and size < 9:
                marks.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        if frames:
            (frame,) = frames  # one chart per page at most, and whole
            found.append((number, marks, frame))
    return found


def test_the_pain_chart_is_whole_and_its_marks_inside_its_frame(
    run: Run, eight_weeks: Path, tmp_path: Path
) -> None:
    reader = report_pdf(run, tmp_path / "report.pdf")
    ((_page, marks, (x0, y0, x1, y1)),) = chart_marks(reader)
    assert len(marks) >= 2 * 11  # before and during for eleven sessions, and the mornings
    outside = [(x, y) for x, y in marks if not (x0 <= x <= x1 and y0 <= y <= y1)]
    assert outside == []


def test_what_the_therapist_reads(run: Run, eight_weeks: Path, tmp_path: Path) -> None:
    with time_machine.travel(REPORT_DAY, tick=False):
        run("start", "bird-dog", "--skip-check", "--speed", "10", input="\n\n\n\n\n")
        text = run("report", "--format", "md").stdout
    flat = " ".join(text.split())
    assert "Period: 28 Sep 2026 to 22 Nov 2026. 11 full sessions" in flat
    assert "1 preview or one-off run not counted" in flat
    for flag in (
        "Pain above 5 out of 10 during a session: 6 Oct and 21 Oct.",
        "A worse next morning, reported on: 13 Nov.",
        "Repeated steps down",
    ):
        assert flag in flat
    assert flat.index("## To look at first") < flat.index("## Sessions per week")
    assert "| week of 28 Sep | 3 of 3 | 100% | 0 |" in text
    assert "week of 21 Sep" not in text  # nothing before the programme's first session
    bird_dog = flat.split("## Bird-dog")[1].split("## Single-leg bridge")[0]
    # 6 Oct: a graded step up, 3 x 10, hold 3 s -> 3 x 7, hold 5 s (90 -> 105 per side,
    # +16.7 %); 9 Oct: back to 3 x 10, hold 3 s. Reps held: 3 x 7 x 2 + 3 x 10 x 2 = 102.
    assert "6 Oct, one step up: Bird-dog: 7 per side, hold 5 s from today." in bird_dog
    assert "| week of 5 Oct | 2 | 102 of 102 | 0 | 7 | about right 2× |" in bird_dog
    assert "| week of 19 Oct | 1 | 60 of 60 | 0 | 2 | too hard 1× | the same 1× |" in bird_dog
    assert bird_dog.count("one step up") == 1 and bird_dog.count("one step down") == 2
    assert "above 5 the load goes down" in bird_dog


def test_no_heading_breaks_inside_a_word(run: Run, eight_weeks: Path, tmp_path: Path) -> None:
    reader = report_pdf(run, tmp_path / "report-nl.pdf", "--lang", "nl")
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    for word in ("Overgeslagen", "Herhalingen", "Inspanning", "Therapietrouw", "Beweegpauzes"):
        assert word in text, word


def test_the_first_week_plans_only_the_days_left() -> None:
    """A programme that begins on a Sunday plans one session that week, not three."""
    import dataclasses
    from datetime import date

    from coach.domain.progress_summary import planned_in
    from coach.files.library import load_library
    from coach.files.paths import get_paths
    from coach.files.programmes import DEFAULT_PROGRAMME, load_programme

    three = load_programme(DEFAULT_PROGRAMME, load_library(get_paths()))
    monday, sunday = date(2026, 11, 16), date(2026, 11, 22)
    assert planned_in(three, monday, sunday) == 1  # ceil(3 x 1/7)
    assert planned_in(three, monday, date(2026, 11, 19)) == 2  # Thursday: 4 days left
    assert planned_in(three, monday + timedelta(days=7), sunday) == 3  # later weeks: all
    days = dataclasses.replace(three, days=("mon", "wed", "fri"), sessions_per_week=3)
    assert planned_in(days, monday, date(2026, 11, 18)) == 2  # Wednesday and Friday
    assert planned_in(days, monday, date(2026, 11, 21)) == 0  # Saturday: none left
    assert planned_in(three, monday - timedelta(days=7), sunday) == 0  # before it began


def test_a_new_programme_starts_a_new_report(
    run: Run, eight_weeks: Path, tmp_path: Path, person: list[Person]
) -> None:
    """After `programme use`, the old plan's sessions are not this plan's figures."""
    assert run("programme", "use", str(SCENARIOS / "programmes" / "bird-dog.toml")).exit_code == 0
    person.append(Person({"pain": 2, "exercise": [{"pain": 2, "effort": "right"}]}))
    with time_machine.travel(datetime.fromisoformat("2026-11-20T09:00:00+01:00"), tick=False):
        assert run("start", "--skip-check").exit_code == 0
    with time_machine.travel(REPORT_DAY, tick=False):
        text = run("report", "--format", "md").stdout
    flat = " ".join(text.split())
    assert "Period: 20 Nov 2026 to 22 Nov 2026. 1 full session." in flat
    assert "## Single-leg bridge" not in text and "week of 28 Sep" not in text
