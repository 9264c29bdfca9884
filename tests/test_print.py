"""Printed programmes and reports: text, pages, drawings, nothing outside the page."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from coach.domain.warning_signs import SIGNS
from coach.files.library import bundled_dir
from tests.conftest import Run

FIGURE_FILL = "0.1529 0.2745 0.3529 rg"  # the figures' near limbs and trunk, #27465a
PLAN = """\
title = "Sterke rug"
patient = "Anna de Vries"
sessions_per_week = 3
agreed = 2026-11-20
[therapist]
name = "Jelmer de Vries"
practice = "Fysio Oost"
phone = "020 123 4567"
[[exercises]]
id = "bird-dog"
[[exercises]]
id = "single-leg-bridge"
level = 1
"""


def pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def stroked(path: Path) -> list[bool]:
    found = []
    for page in PdfReader(path).pages:
        contents = page.get_contents()
        found.append(contents is not None and FIGURE_FILL in contents.get_data().decode("latin-1"))
    return found


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_handout(run: Run, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "anna.pdf"
    result = run("print", str(plan), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = pages(out)
    everything = " ".join(text)
    for part in (
        "Sterke rug",
        "Anna de Vries",
        "Jelmer de Vries, Fysio Oost",
        "020 123 4567",
        "Agreed with you on: 20 Nov 2026",
        "Bird-dog",
        "Single-leg bridge",
        "3 × 10 per side, alternating sides, hold 3 s, rest 1 min",
        "2 × 10, hold 3 s, rest 1 min",
        "3 times a week",
        "How your programme grows",
        "When to contact a doctor",
        "huisartsenpost",
        "Log sheet",
        "no one can promise a cure",
    ):
        assert part in everything, part
    assert len(text) == 5  # two exercise pages, growth, advice and doctor, log sheet
    assert all(f"page {i} of 5" in t for i, t in enumerate(text, start=1))
    assert stroked(out) == [True, True, False, False, False]  # the drawings, on their pages
    short = tmp_path / "short.pdf"
    assert run("print", str(plan), "-o", str(short), "--no-log-sheet").exit_code == 0
    assert len(pages(short)) == 4


def test_handout_in_dutch_on_letter(run: Run, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "anna.pdf"
    assert (
        run("--lang", "nl", "print", str(plan), "-o", str(out), "--paper", "letter").exit_code == 0
    )
    reader = PdfReader(out)
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (
        612.0,
        792.0,
    )
    everything = " ".join(pages(out))
    assert "Beginhouding" in everything and "3 × 10 per kant" in everything
    assert "Wanneer naar de dokter" in everything or "huisarts" in everything


def test_markdown(run: Run, plan: Path) -> None:
    result = run("print", str(plan), "--format", "md")
    assert result.exit_code == 0
    assert "# Sterke rug" in result.stdout and "## 1. Bird-dog" in result.stdout
    assert "3 × 10 per side, alternating sides, hold 3 s, rest 1 min" in result.stdout
    assert "## How your programme grows" in result.stdout and "## Good to know" in result.stdout


def _tripled(path: Path) -> str:
    """A definition whose every text is three times as long, and its lists three times longer."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("name", "summary", "purpose", "start_position", "feel", "stop"):
        for lang in ("nl", "en"):
            data[key][lang] = " ".join([data[key][lang]] * 3)
    for key in ("steps", "mistakes"):
        for lang in ("nl", "en"):
            data[key][lang] = data[key][lang] * 3
    import tomli_w

    return tomli_w.dumps(data)


def test_longest_texts_tripled_stay_on_the_page(
    run: Run, coach_home: Path, plan: Path, tmp_path: Path
) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    for ex in ("bird-dog", "single-leg-bridge"):
        (folder / f"{ex}.toml").write_text(_tripled(bundled_dir() / f"{ex}.toml"))
    out = tmp_path / "long.pdf"
    for lang in ("en", "nl"):
        result = run("--lang", lang, "print", str(plan), "-o", str(out))
        assert result.exit_code == 0, result.output
        reader = PdfReader(out)
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            outside: list[tuple[float, float, str]] = []

            def visit(
                text: str,
                cm: list[float],
                tm: list[float],
                *_args: object,
                width: float = width,
                height: float = height,
                outside: list[tuple[float, float, str]] = outside,
            ) -> None:
                x, y = cm[4] + tm[4], cm[5] + tm[5]
                if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                    outside.append((x, y, text))

            page.extract_text(visitor_text=visit)
            assert outside == [], lang
        # Nothing was cut off: the last step of the tripled list is printed in full.
        everything = " ".join(pages(out))
        last = tomllib.loads(_tripled(bundled_dir() / "bird-dog.toml"))["steps"][lang][-1]
        assert " ".join(last.split()) in everything


def test_report(run: Run, coach_home: Path, tmp_path: Path, instant: None) -> None:
    no = "\n".join(["n"] * len(SIGNS))
    after = "\n".join(["3", "2", "", ""])
    with time_machine.travel(datetime.fromisoformat("2026-11-23T09:00:00+01:00"), tick=False):
        run("check", input=no + "\n")
        assert (
            run("start", input="\n".join(["", "2", after, after, "Ging goed"]) + "\n").exit_code
            == 0
        )
        out = tmp_path / "report.pdf"
        assert run("report", "-o", str(out)).exit_code == 0
        md = run("report", "--format", "md").stdout
    everything = " ".join(pages(out))
    for part in (
        "Progress report",
        "Sessions per week",
        "week of 23 Nov",
        "1 of 3",
        "Now: level 3",
        "Pain",
        "Ging goed",
    ):
        assert part in everything, part
    assert "Ging goed" in md and "## Bird-dog" in md and "Now: level 3" in md
    assert re.search(r"before 2, highest during 3", md)


def text_sizes(path: Path) -> Counter[float]:
    """How many characters of text the PDF sets at each font size."""
    sizes: Counter[float] = Counter()
    for page in PdfReader(path).pages:

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            sizes[round(size * tm[0], 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_default_handout_is_readable_and_short(run: Run, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "handout.pdf"
    assert run("--lang", lang, "print", "-o", str(out)).exit_code == 0
    reader = PdfReader(out)
    # An exercise a page, its pictures 7 cm a position; the rules, the GP; the log sheet.
    assert len(reader.pages) <= 4 + 1
    body, _count = text_sizes(out).most_common(1)[0]
    assert body >= 11
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == lang  # a screen reader reads Dutch as Dutch
    if lang == "nl":  # table headings whole: "Niveau", not "Nivea u"
        everything = " ".join(pages(out))
        assert "Niveau" in everything and "Volgende ochtend" in everything
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert ("1. Bird-dog" in first) and ("Starting position" in first or "Beginhouding" in first)


def test_large_print(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "large.pdf"
    assert run("print", "--large", "-o", str(out)).exit_code == 0
    body, _count = text_sizes(out).most_common(1)[0]
    assert body >= 14
    exercise_pages = [p for p in pages(out) if re.search(r"\b[12]\. (Bird-dog|Single-leg)", p)]
    assert len(exercise_pages) == 2  # one exercise a page
    assert stroked(out)[:3] == [False, True, True]  # a cover page, then an exercise a page


def test_pictures_have_alt_text(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    assert run("print", "-o", str(out)).exit_code == 0
    raw = out.read_bytes().decode("latin-1")
    assert "Pictures of Bird-dog, level 3: Starting position and Hold 3-5 s" in raw


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("missing/handout.pdf", 1, "no such folder"),
        ("handout.docx", 2, "coach writes PDF (.pdf) or Markdown (.md) files"),
    ],
)
def test_output_names_coach_cannot_write(
    run: Run, tmp_path: Path, name: str, code: int, says: str
) -> None:
    for command in ("print", "report"):
        result = run(command, "-o", str(tmp_path / name))
        assert result.exit_code == code and says in result.stderr, result.output
    assert not (tmp_path / "missing").exists()  # no folder made behind the person's back


def test_the_format_follows_the_file_name(run: Run, tmp_path: Path) -> None:
    assert run("print", "-o", str(tmp_path / "h.md")).exit_code == 0
    assert (tmp_path / "h.md").read_text().startswith("# ")
    clash = run("print", "-o", str(tmp_path / "h.md"), "--format", "pdf")
    assert clash.exit_code == 2 and "the name says md" in clash.stderr


def test_each_position_is_at_least_7_cm_wide_and_matches_the_level(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handout's pictures: each position at least 7 cm wide (large print wider), and
    the drawing of the prescribed level, not another."""
    from fpdf import FPDF

    from coach.documents.figures import GAP, PANEL

    placed: list[tuple[float, str]] = []
    real_image = FPDF.image

    def image(self: FPDF, name: Any, *args: Any, **kwargs: Any) -> Any:
        placed.append((kwargs["w"], kwargs.get("alt_text", "")))
        return real_image(self, name, *args, **kwargs)

    monkeypatch.setattr(FPDF, "image", image)
    assert run("print", "-o", str(tmp_path / "h.pdf")).exit_code == 0
    normal = [w * PANEL / (2 * PANEL + GAP) for w, _alt in placed]
    assert normal and min(normal) >= 70
    assert {alt for _w, alt in placed} == {
        "Pictures of Bird-dog, level 3: Starting position and Hold 3-5 s",
        "Pictures of Single-leg bridge, level 2: Starting position and Hold 3-5 s",
    }
    placed.clear()
    assert run("print", "--large", "-o", str(tmp_path / "l.pdf")).exit_code == 0
    assert min(w * PANEL / (2 * PANEL + GAP) for w, _alt in placed) > max(normal)


def test_a_long_note_never_pushes_a_picture_off_the_page(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fpdf import FPDF

    plan = tmp_path / "p.toml"
    note = " ".join(["Keep your back long and move slowly."] * 16)
    made = run(
        "programme",
        "new",
        "-e",
        "clamshell",
        "-e",
        "hip-hinge",
        "-o",
        str(plan),
        "--per-week",
        "3",
        "--note",
        f"hip-hinge={note}",
        "--force",
    )
    assert made.exit_code == 0, made.output
    bottoms: list[tuple[float, float]] = []
    real_image = FPDF.image

    def image(self: FPDF, name: Any, *args: Any, **kwargs: Any) -> Any:
        bottoms.append((kwargs["y"] + kwargs["h"], self.page_break_trigger))
        return real_image(self, name, *args, **kwargs)

    monkeypatch.setattr(FPDF, "image", image)
    assert run("print", str(plan), "-o", str(tmp_path / "h.pdf")).exit_code == 0
    assert bottoms and all(bottom <= limit for bottom, limit in bottoms)


def test_the_pdf_and_the_markdown_handout_have_the_same_sections(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in programme printed both ways: every `#` heading of the Markdown is in the
    PDF, and every heading the PDF draws (`pdf.heading`, wherever it is called from) is a
    Markdown heading, in the same order. The log sheet is paper only: left out here."""
    import html
    import importlib
    import pkgutil

    import coach.documents
    from coach.documents import pdf

    calls: list[tuple[Any, str]] = []
    scratch: list[Any] = []  # Blocks measures each block on a scratch page first
    real, real_blocks = pdf.heading, pdf.Blocks.__init__

    def heading(target: Any, text: str, *args: Any, **kwargs: Any) -> None:
        calls.append((target, text))
        real(target, text, *args, **kwargs)

    def blocks(self: pdf.Blocks, document: pdf.Document) -> None:
        real_blocks(self, document)
        scratch.append(self.scratch)

    monkeypatch.setattr(pdf.Blocks, "__init__", blocks)
    for info in pkgutil.iter_modules(coach.documents.__path__):
        source = Path(coach.documents.__path__[0], f"{info.name}.py")
        if "heading" not in source.read_text(encoding="utf-8"):
            continue  # not imported for nothing: the calendar's icalendar is slow to load
        module = importlib.import_module(f"coach.documents.{info.name}")
        if getattr(module, "heading", None) is real:
            monkeypatch.setattr(module, "heading", heading)
    out = tmp_path / "handout.pdf"
    assert run("print", "--no-log-sheet", "-o", str(out)).exit_code == 0
    markdown = run("print", "--format", "md").stdout
    headings = [
        html.unescape(re.sub(r"\\(.)", r"\1", line.lstrip("#").strip()))
        for line in markdown.splitlines()
        if re.match(r"#{1,6} ", line)
    ]
    text = " ".join(pages(out))
    drawn = [heading for target, heading in calls if not any(target is s for s in scratch)]
    assert len(headings) >= 5 and len(drawn) >= 4
    assert [h for h in headings if h not in text] == []
    _title, *sections = headings  # the title heads the first page; it is not a heading()
    assert drawn == sections
