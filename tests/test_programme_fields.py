"""The programme says it all: lang, logo, a note, a frequency and a video per exercise,
and a dosage outside a level's range when the therapist says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Run

PLAN = """\
schema = 1
title = "Sterke rug"
lang = "nl"
logo = "logo.png"
sessions_per_week = 3
[[exercises]]
id = "bird-dog"
level = 2
note = "Houd je rug recht; kijk naar de vloer."
video = "https://example.org/videos/vogelhond"
[[exercises]]
id = "side-plank"
level = 1
sets = 3
reps = 10
allow_outside_range = true
per_week = 7
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (120, 50), (27, 94, 130)).save(tmp_path / "logo.png")
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def text_of(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_every_field_is_valid_and_printed(run: Run, plan: Path, tmp_path: Path) -> None:
    assert run("programme", "check", str(plan)).exit_code == 0
    out = tmp_path / "plan.pdf"
    assert run("print", str(plan), "-o", str(out)).exit_code == 0
    text = text_of(out)
    # lang = "nl": printed in Dutch without --lang
    assert "Beginhouding" in text and "Van je therapeut" in text
    assert "Houd je rug recht; kijk naar de vloer." in text
    assert "elke dag" in text  # side plank: every day, the programme three times a week
    assert "Buiten het gebruikelijke bereik van dit niveau" in text
    assert "Scan de code met je telefoon" in text and "onder de code" in text
    assert "https://example.org/videos/vogelhond" in text
    raw = out.read_bytes()
    assert b"/Subtype /Image" in raw and b"Logo van de praktijk" in raw
    english = tmp_path / "en.pdf"
    assert run("--lang", "en", "print", str(plan), "-o", str(english)).exit_code == 0
    assert "From your therapist" in text_of(english)  # --lang still decides


def test_markdown_and_show_have_them_too(run: Run, plan: Path) -> None:
    md = run("--lang", "en", "print", str(plan), "--format", "md").stdout
    assert "**From your therapist:** Houd je rug recht; kijk naar de vloer." in md
    assert "**Video:** <https://example.org/videos/vogelhond>" in md
    assert "every day. Outside this level's usual range" in md
    assert "**At this level:**" in md  # side plank at level 1, not its default
    shown = " ".join(run("programme", "show", str(plan)).stdout.split())
    assert "Video: https://example.org/videos/vogelhond" in shown
    assert "every day, outside the level's range" in shown


def test_the_current_programmes_language_is_the_screens(run: Run, plan: Path) -> None:
    assert run("programme", "use", str(plan)).exit_code == 0
    assert "Je volgende sessie" in run("next").stdout
    assert "Your next session" in run("--lang", "en", "next").stdout


def test_the_note_is_shown_when_the_exercise_begins(run: Run, plan: Path) -> None:
    dry = run("--lang", "en", "start", "--programme", str(plan), "--dry-run").stdout
    assert re.search(r"bird-dog: get ready .*Your therapist: Houd je rug recht", dry)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (('video = "https://', 'video = "javascript:alert(1)//'), "video: found"),
        (('logo = "logo.png"', 'logo = "missing.png"'), "missing.png: no such file"),
        (('logo = "logo.png"', 'logo = "plan.toml"'), "expected a .png or .svg file"),
        (
            ("per_week = 7", "per_week = 9"),
            "per_week: found 9, expected a whole number from 1 to 7",
        ),
        (('lang = "nl"', 'lang = "de"'), "lang: found"),
        (("allow_outside_range = true\n", ""), "or set allow_outside_range"),
    ],
)
def test_every_field_is_checked(run: Run, plan: Path, change: tuple[str, str], says: str) -> None:
    plan.write_text(plan.read_text().replace(*change), encoding="utf-8")
    result = run("programme", "check", str(plan))
    assert result.exit_code == 1 and says in result.stdout + result.stderr, result.output


def test_programme_new_writes_them(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "new.toml"
    result = run(
        "programme",
        "new",
        "-o",
        str(out),
        "-e",
        "side-plank@1:3x10",
        "-e",
        "bird-dog",
        "--allow-outside-range",
        "--note",
        "bird-dog=Rustig aan",
        "--patient-lang",
        "nl",
        "--email",
        "info@fysio.nl",
        "--days",
        "ma,wo,vr",
    )
    assert result.exit_code == 0, result.output
    written = out.read_text()
    assert 'lang = "nl"' in written and 'note = "Rustig aan"' in written
    assert "allow_outside_range = true" in written and 'email = "info@fysio.nl"' in written
    refused = run("programme", "new", "-o", str(tmp_path / "x.toml"), "-e", "side-plank@1:3x10")
    assert refused.exit_code == 1 and "allow_outside_range" in refused.output


def filled(pdf: Path) -> list[int]:
    """Filled rectangles per page (a QR code is hundreds; a table none)."""
    counts = []
    for page in PdfReader(pdf).pages:
        data = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
        counts.append(len(re.findall(r"re\s+f\b", data)))
    return counts


def test_a_qr_code_leaves_the_tables_after_it_alone(run: Run, plan: Path, tmp_path: Path) -> None:
    with_video, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    assert run("print", str(plan), "-o", str(with_video)).exit_code == 0
    plan.write_text(plan.read_text().replace('video = "https://', '# video = "https://'))
    assert run("print", str(plan), "-o", str(without)).exit_code == 0
    a, b = filled(with_video), filled(without)
    changed = [i for i in range(len(a)) if a[i] != b[i]]
    # The code on the page of its exercise's steps; no other page has anything filled in.
    assert len(a) == len(b) and len(changed) == 1 and a[changed[0]] > 100


def test_a_bad_logo_is_named_by_check_and_skipped_by_print(
    run: Run, plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    checked = run("programme", "check", str(plan))
    assert checked.exit_code == 1 and "not a PNG image that can be read" in checked.stderr
    out = tmp_path / "h.pdf"
    printed = run("--lang", "en", "print", str(plan), "-o", str(out))
    assert printed.exit_code == 0 and "printed without the logo" in printed.stderr
    assert out.exists()


def test_a_missing_logo_never_stops_a_session(run: Run, plan: Path, tmp_path: Path) -> None:
    assert run("programme", "use", str(plan)).exit_code == 0
    for logo in tmp_path.rglob("logo.png"):
        logo.unlink()
    for home_logo in (tmp_path / "home").rglob("logo.png"):
        home_logo.unlink()
    assert run("next").exit_code == 0
    assert run("start", "--dry-run").exit_code == 0


def test_a_video_address_stays_scannable(run: Run, plan: Path) -> None:
    plan.write_text(plan.read_text().replace("videos/vogelhond", "v/" + "€" * 400))
    result = run("programme", "check", str(plan))
    assert result.exit_code == 1 and "so that its QR code can be scanned" in result.stderr


def test_ten_exercises_keep_their_log_sheet_headings_whole(run: Run, tmp_path: Path) -> None:
    ids = [
        "bird-dog",
        "single-leg-bridge",
        "cat-camel",
        "clamshell",
        "dead-bug",
        "hip-hinge",
        "pelvic-tilt",
        "side-plank",
        "sit-to-stand",
        "standing-back-extension",
    ]
    plan = tmp_path / "many.toml"
    args = [a for i in ids for a in ("-e", i)]
    assert run("programme", "new", "-o", str(plan), *args).exit_code == 0
    out = tmp_path / "many.pdf"
    assert run("--lang", "nl", "print", str(plan), "-o", str(out)).exit_code == 0
    sheet = PdfReader(out).pages[-1].extract_text() or ""
    assert "Heupscharnier" in sheet and "achteroverbuigen" in sheet
