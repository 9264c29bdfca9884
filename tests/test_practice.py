"""Progress reaches the therapist: the round trip through the real CLI.

The therapist makes a key and a programme sealed to it; a patient lives six weeks of it
(a replayed history, tests/practice/six-weeks.toml: pain above 5 on three sessions in week
five, new leg symptoms on the last day); the patient exports; the therapist imports twice, sees the
patient with the right flags, and reads the same report the patient would print.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from tests.conftest import Run
from tests.test_scenarios import AMSTERDAM, Person, amsterdam, replay  # noqa: F401

ROOT = Path(__file__).parent.parent
HISTORY = Path(__file__).parent / "practice" / "six-weeks.toml"
LATER = datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)  # the next visit's day


def dump(db: Path) -> list[Any]:
    """Everything the practice's database holds, to compare before and after."""
    with sqlite3.connect(db) as con:
        return [
            (table, con.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall())  # noqa: S608
            for table in ("patients", "entries", "events")
        ]


def therapist_and_patient(
    run: Run,
    coach_home: Path,
    tmp_path: Path,
    person: list[Person],
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, Any]:
    practice = tmp_path / "practice-home"
    patient = coach_home
    with monkeypatch.context() as m:
        m.setenv("COACH_HOME", str(practice))
        keygen = run("practice", "keygen")
        assert keygen.exit_code == 0, keygen.output
        public = keygen.stdout.strip().splitlines()[-1]
        plan = tmp_path / "anna.toml"
        with time_machine.travel(datetime(2026, 10, 16, 12, 0, tzinfo=AMSTERDAM), tick=False):
            made = run(
                "programme", "new", "-o", str(plan), "-e", "bird-dog", "-e", "single-leg-bridge",
                "--patient", "Anna de Vries", "--recipient", public, "--days", "mon,wed,fri",
                "--start", "2026-10-19",
            )  # fmt: skip
        assert made.exit_code == 0, made.output
    assert run("programme", "use", str(plan)).exit_code == 0
    replay(HISTORY, run, patient, person, "en")
    export = tmp_path / "anna.age"
    with time_machine.travel(LATER, tick=False):
        sealed = run("export", "-o", str(export))
    assert sealed.exit_code == 0, sealed.output
    return {"practice": practice, "export": export, "public": public, "plan": plan}


@pytest.mark.usefixtures("amsterdam")
def test_round_trip_from_patient_to_practice(
    run: Run,
    coach_home: Path,
    tmp_path: Path,
    person: list[Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = therapist_and_patient(run, coach_home, tmp_path, person, monkeypatch)
    export: Path = made["export"]
    assert export.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert b"Anna" not in export.read_bytes()  # sealed: nothing of it readable
    with time_machine.travel(LATER, tick=False):
        own_md = run("report", "--format", "md").stdout
        own_pdf = tmp_path / "own.pdf"
        assert run("report", "-o", str(own_pdf)).exit_code == 0
    monkeypatch.setenv("COACH_HOME", str(made["practice"]))
    db = made["practice"] / "practice" / "practice.sqlite3"
    with time_machine.travel(LATER, tick=False):
        first = run("practice", "import", str(export))
        assert first.exit_code == 0, first.output
        assert "Anna de Vries, 21 new entries" in " ".join(first.stdout.split())
        before = dump(db)
        again = run("practice", "import", str(export))
        assert again.exit_code == 0, again.output
        assert "0 new entries, 0 updated, 21 already here" in " ".join(again.stdout.split())
        assert dump(db) == before  # the same file twice changes nothing
        # The patient's report PDF carries the same records: nothing new in it.
        from_pdf = run("practice", "import", str(own_pdf))
        assert from_pdf.exit_code == 0, from_pdf.output
        assert "0 new entries, 0 updated, 21 already here" in " ".join(from_pdf.stdout.split())
        assert dump(db) == before
        view = run("practice", "--json")
        table = run("practice")
        theirs_md = run("report", "--format", "md", "--patient", "anna de vries").stdout
        theirs_pdf = tmp_path / "theirs.pdf"
        assert run("report", "-o", str(theirs_pdf), "--patient", "Anna de Vries").exit_code == 0
    shown = json.loads(view.stdout)["patients"]
    assert len(shown) == 1
    anna = shown[0]
    assert anna["name"] == "Anna de Vries" and anna["last_session"] == "2026-11-27"
    # Leg symptoms on the 27th: a warning sign; steps down on the 18th, 20th and 23rd (pain
    # 7), which the rules also read as pain rising over the weeks (as the report says).
    assert anna["flags"] == ["warning", "rising", "decreases"]
    assert "Pain rising over the weeks" in own_md and "Repeated steps down" in own_md
    # Six sessions in the last two weeks; the one stopped for the leg was not a full one.
    assert (anna["full_sessions_last_2_weeks"], anna["planned_last_2_weeks"]) == (5, 6)
    assert [d["name"]["en"] for d in anna["dosage"]] == ["Bird-dog", "Single-leg bridge"]
    words = " ".join(table.stdout.split())
    assert "Anna de Vries" in words and "warning sign: call" in words
    assert "1 patient; 1 to look at first" in words
    # The same report as the patient's own, but for the line that says which files it read.
    assert theirs_md == own_md
    from pypdf import PdfReader

    def text(pdf: Path) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)

    assert text(theirs_pdf) == text(own_pdf)
    # A note with markup reaches the therapist as it was typed: literal in the PDF, escaped
    # in Markdown.
    assert "<b>[red]</b>" in text(theirs_pdf)
    assert "&lt;b&gt;\\[red\\]&lt;/b&gt;" in theirs_md


@pytest.mark.usefixtures("amsterdam")
def test_the_age_tool_opens_an_export_and_coach_opens_what_age_sealed(
    run: Run,
    coach_home: Path,
    tmp_path: Path,
    person: list[Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    age = shutil.which("age")
    if age is None:  # .ci/run installs it (Debian's age)
        pytest.skip("the age command-line tool is not installed")
    import jsonschema

    made = therapist_and_patient(run, coach_home, tmp_path, person, monkeypatch)
    key = made["practice"] / "practice" / "identity.txt"
    opened = subprocess.run(
        [age, "--decrypt", "-i", str(key), str(made["export"])],
        capture_output=True,
        check=True,
        timeout=60,
    )
    doc = json.loads(opened.stdout)
    schema = json.loads((ROOT / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["patient"]["name"] == "Anna de Vries" and len(doc["sessions"]) == 18
    # The other way: the document sealed by age, armored, read by coach.
    plain = tmp_path / "plain.json"
    plain.write_bytes(opened.stdout)
    by_age = tmp_path / "by-age.age"
    subprocess.run(
        [age, "--encrypt", "-a", "-r", made["public"], "-o", str(by_age), str(plain)],
        check=True,
        timeout=60,
    )
    plain.unlink()
    monkeypatch.setenv("COACH_HOME", str(made["practice"]))
    with time_machine.travel(LATER, tick=False):
        imported = run("practice", "import", str(by_age))
    assert imported.exit_code == 0, imported.output
    assert "Anna de Vries, 21 new entries" in " ".join(imported.stdout.split())
