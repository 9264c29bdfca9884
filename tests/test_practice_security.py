"""What a practice refuses: every bad file gets one line naming it, exit 1, and nothing kept.

A wrong key, a damaged or cut file, a file that is no export, a newer format, a file over
50 MB, and hostile documents (ids that are paths, huge text, deep nesting, control
characters, keys that are not names, a logo that names a file on the therapist's disk).
Then what may change: a newer export adds, the same one changes nothing, other content
for a kept session is refused; and text from an import shows literally.
"""

from __future__ import annotations

import base64
import copy
import json
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine

from coach.files import export_doc, sealed
from coach.files.paths import Paths
from tests.conftest import Run

NOW = datetime.fromisoformat("2026-11-20T10:00:00+01:00")
WORDS = "long enough"  # a test passphrase


def session(day: str, pain: int = 2, note: str | None = None) -> dict[str, Any]:
    """A session entry as an export holds it: one bird-dog set at pain `pain`."""
    entry: dict[str, Any] = {
        "id": f"{day}T09-00-00",
        "schema": 1,
        "started": f"{day}T09:00:00+01:00",
        "ended": f"{day}T09:20:00+01:00",
        "status": "complete",
        "kind": "programme",
        "programme": "Low back stability",
        "language": "en",
        "exercises": [
            {
                "id": "bird-dog",
                "level": 3,
                "sets": 3,
                "reps": 10,
                "sides": "alternate",
                "hold_s": 3,
                "answers": {"pain": pain, "effort": "right"},
                "done": [{"set": 1, "side": "left", "reps": 10, "holds": 10}],
            }
        ],
    }
    if note is not None:
        entry["note"] = note
    return entry


@pytest.fixture
def practice(coach_home: Path, run: Run) -> Iterator[dict[str, Any]]:
    """A practice with a key, and a patient's document (built-in programme, two sessions)."""
    with time_machine.travel(NOW, tick=False):
        made = run("practice", "keygen")
        assert made.exit_code == 0, made.output
        patient = coach_home.parent / "patient"
        doc = export_doc.build(Paths(patient, patient), _library(), NOW)
    doc["patient"]["name"] = "Anna"
    doc["sessions"] = [session("2026-11-02"), session("2026-11-04")]
    for entry in doc["sessions"]:
        entry["programme_id"] = doc["programme"]["fingerprint"]
    yield {
        "doc": doc,
        "public": made.stdout.strip().splitlines()[-1],
        "db": coach_home / "practice" / "practice.sqlite3",
    }


def _library() -> Any:
    from coach.files.library import load_library

    return load_library(Paths(Path("/nonexistent"), Path("/nonexistent")))


def dump(db: Path) -> Any:
    if not db.exists():
        return None
    with sqlite3.connect(db) as con:
        return [
            con.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()  # noqa: S608
            for t in ("patients", "entries", "events")
        ]


def sealed_file(tmp_path: Path, doc: Any, public: str, name: str = "e.age") -> Path:
    file = tmp_path / name
    raw = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    file.write_bytes(sealed.seal(raw, public))
    return file


def imported(run: Run, tmp_path: Path, doc: Any, practice: dict[str, Any]) -> None:
    """Seal `doc` to the practice's key and import it: it must be taken."""
    result = run("practice", "import", str(sealed_file(tmp_path, doc, practice["public"])))
    assert result.exit_code == 0, result.output


def refused(run: Run, file: Path, db: Path, *expected: str, names: Path | None = None) -> str:
    """Import `file`: one error line naming it (or `names`), exit 1, nothing kept."""
    before = dump(db)
    with time_machine.travel(NOW, tick=False):
        result = run("practice", "import", str(file))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("error: ") and str(names or file) in err.splitlines()[0], err
    assert "Traceback" not in err and "\x1b" not in err
    for text in expected:
        assert text in err, err
    assert dump(db) == before
    return err


def test_a_good_export_is_kept(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    with time_machine.travel(NOW, tick=False):
        result = run("practice", "import", str(file))
    assert result.exit_code == 0, result.output
    assert "Anna, 2 new entries, 0 updated, 0 already here" in result.stdout


def test_sealed_for_another_key(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    other, _new = sealed.new_identity(tmp_path / "other.txt", NOW)
    file = sealed_file(tmp_path, practice["doc"], other)
    refused(run, file, practice["db"], "sealed for another key")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: b[: len(b) // 2], "damaged or cut short"),
        (lambda b: b[:-1], "damaged or cut short"),
        (lambda b: b[:300] + bytes([b[300] ^ 1]) + b[301:], "damaged or cut short"),
        (lambda b: b"age-encryption.org/v1\n", "damaged or cut short"),
    ],
    ids=["half", "last-byte", "one-bit", "header-only"],
)
def test_a_damaged_file(
    run: Run,
    practice: dict[str, Any],
    tmp_path: Path,
    damage: Callable[[bytes], bytes],
    expected: str,
) -> None:
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    file.write_bytes(damage(file.read_bytes()))
    refused(run, file, practice["db"], expected)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01garbage",
        b"",
        b'{"format": "something-else"}',
        b"[1, 2, 3]",
        b"%PDF-1.4\n%%EOF\n",
        "{\u00e9".encode("latin-1"),
    ],
    ids=["bytes", "empty", "other-json", "a-list", "broken-pdf", "not-utf8"],
)
def test_a_file_that_is_no_export(
    run: Run, practice: dict[str, Any], tmp_path: Path, content: bytes
) -> None:
    file = tmp_path / "x.bin"
    file.write_bytes(content)
    refused(run, file, practice["db"])


def test_sealed_garbage_is_no_export(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    file = sealed_file(tmp_path, b"hello, not json", practice["public"])
    refused(run, file, practice["db"], "not a coach export")


def test_a_newer_format(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    doc = practice["doc"] | {"schema": 2}
    err = refused(run, sealed_file(tmp_path, doc, practice["public"]), practice["db"])
    assert "made by a newer coach (export format 2; this coach reads format 1)" in err
    assert "hint: Update coach" in err


def test_a_file_over_fifty_megabytes(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    file = tmp_path / "huge.age"
    with file.open("wb") as out:  # sparse: no 50 MB written
        out.write(b"age-encryption.org/v1\n")
        out.truncate(export_doc.MAX_EXPORT_BYTES + 1)
    refused(run, file, practice["db"], "larger than 50 MB")
    exactly = tmp_path / "limit.age"
    with exactly.open("wb") as out:
        out.write(b"age-encryption.org/v1\n")
        out.truncate(export_doc.MAX_EXPORT_BYTES)
    err = refused(run, exactly, practice["db"])
    assert "larger than" not in err  # read, and then refused as damaged


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = {"a": value}
    return value


def hostile(doc: dict[str, Any]) -> dict[str, Callable[[dict[str, Any]], None]]:
    def set_in(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            target = d
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value

        return change

    return {
        "path-as-id": set_in(["sessions", 0, "id"], "../../../etc/passwd"),
        "patient-id-path": set_in(["patient", "id"], "../" * 10),
        "huge-note": set_in(["sessions", 0, "note"], "x" * 100_000),
        "escape-in-note": set_in(["sessions", 0, "note"], "\x1b]52;c;aGk=\x07 red"),
        "bidi-in-name": set_in(["patient", "name"], "Anna\u202eAvon"),
        "escape-in-key": set_in(["sessions", 0, "\x1b[2J"], 1),
        "long-key": set_in(["sessions", 0, "k" * 10_000], 1),
        "deep": set_in(["sessions", 0, "exercises", 0, "decision"], _nested(30)),
        "logo": set_in(["programme", "file", "logo"], "/etc/passwd"),
        "same-id-twice": lambda d: d["sessions"].append(copy.deepcopy(d["sessions"][0])),
        "not-a-date": set_in(["sessions", 0, "started"], "yesterday"),
        "pain-eleven": set_in(["sessions", 0, "exercises", 0, "answers", "pain"], 11),
        "future": set_in(["sessions", 0, "started"], "2026-12-30T09:00:00+01:00"),
        "unknown-exercise": set_in(["programme", "file", "exercises", 0, "id"], "no-such"),
        "sessions-not-a-list": set_in(["sessions"], "all of them"),
        "exported-far-ahead": set_in(["exported"], "9000-01-01T00:00:00+01:00"),
        "exported-past-the-last-year": set_in(["exported"], "9999-12-31T23:00:00-05:00"),
        "exported-before-the-first-year": set_in(["exported"], "0001-01-01T00:30:00+01:00"),
        "started-in-year-one": set_in(["sessions", 0, "started"], "0001-01-01T00:30:00+01:00"),
        "many-unreadable": set_in(["unreadable"], ["x"] * 201),
        "many-sets": set_in(
            ["sessions", 0, "exercises", 0, "done"], [{"set": 1, "reps": 1, "holds": 1}] * 1001
        ),
        "escape-in-facts": set_in(
            ["sessions", 0, "exercises", 0, "decision"],
            {
                "kind": "keep",
                "reason": "first",
                "text": {"nl": "a", "en": "a"},
                "facts": {"x": "\x1b[2J"},
            },
        ),
        "huge-fact": set_in(
            ["sessions", 0, "exercises", 0, "decision"],
            {
                "kind": "keep",
                "reason": "first",
                "text": {"nl": "a", "en": "a"},
                "facts": {"x": "y" * 5000},
            },
        ),
        "arabic-digits-in-id": set_in(["sessions", 0, "id"], "٢٠٢٦-11-02T09-00-00"),
        "programme-for-another-id": set_in(["programme", "file", "patient_id"], "c" * 32),
        "programme-for-another-name": set_in(["programme", "file", "patient"], "Bert"),
        "id-not-the-start": set_in(["sessions", 0, "id"], "2026-11-03T09-00-00"),
        "huge-schema": set_in(["schema"], 10**400),
    }


# What the first line says, after the file's name.
EXPECTED = {
    "path-as-id": 'sessions[0].id: found "../../../etc/passwd", expected a time like',
    "patient-id-path": "patient.id: found",
    "huge-note": "sessions[0].note: text is too long (at most 2000 characters)",
    "escape-in-note": "sessions[0].note: contains the control character U+001B",
    "bidi-in-name": "patient.name: contains the control character U+202E",
    "escape-in-key": "sessions[0]: a key that is not a plain name (4 characters)",
    "long-key": "sessions[0]: a key that is not a plain name (10000 characters)",
    "deep": "nested deeper than an export ever is",
    "logo": "programme.file.logo: not part of an export",
    "same-id-twice": 'sessions[2].id: "2026-11-02T09-00-00" is there twice',
    "not-a-date": 'sessions[0].started: found "yesterday", expected a date and time',
    "pain-eleven": "answers.pain: found 11, expected a whole number from 0 to 10",
    "future": "sessions[0].ended:",
    "unknown-exercise": 'exercises[0].id: "no-such" is not in this practice\'s exercise library',
    "sessions-not-a-list": 'sessions: found "all of them"',
    "exported-far-ahead": "exported: 9000-01-01T00:00:00+01:00: not a time coach can have",
    "exported-past-the-last-year": "exported: 9999-12-31T23:00:00-05:00: not a time coach",
    "exported-before-the-first-year": "exported: 0001-01-01T00:30:00+01:00: not a time coach",
    "started-in-year-one": "sessions[0].started: 0001-01-01T00:30:00+01:00: not a time",
    "many-unreadable": "unreadable: more than 200 items",
    "many-sets": "sessions[0].exercises[0].done: more than 1000 items",
    "escape-in-facts": "decision.facts.x: contains the control character U+001B",
    "huge-fact": "decision.facts.x: text is too long",
    "arabic-digits-in-id": "sessions[0].id: found",
    "programme-for-another-id": "patient.id: differs from the programme's patient_id",
    "programme-for-another-name": "patient.name: differs from the programme's patient",
    "id-not-the-start": "sessions[0].id: is not the session's start (2026-11-02T09:00:00+01:00)",
    "huge-schema": "made by a newer coach (export format 100000000; this coach reads format 1)",
}


@pytest.mark.parametrize("case", list(hostile({})))
def test_a_hostile_document(run: Run, practice: dict[str, Any], tmp_path: Path, case: str) -> None:
    doc = copy.deepcopy(practice["doc"])
    hostile(doc)[case](doc)
    err = refused(run, sealed_file(tmp_path, doc, practice["public"]), practice["db"])
    assert f"{EXPECTED[case]}" in err.splitlines()[0], err
    assert "Nothing was imported" in err or case in ("deep", "huge-schema")
    assert len(err) < 3000, err  # a huge value is never echoed
    assert "\u202e" not in err  # shown as \u202e: it can't turn the line around


def test_json_nested_past_the_parser(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    raw = b'{"format": "coach-export", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    refused(run, sealed_file(tmp_path, raw, practice["public"]), practice["db"])


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_a_key_others_can_read_is_refused(
    run: Run, practice: dict[str, Any], tmp_path: Path, coach_home: Path
) -> None:
    key = coach_home / "practice" / "identity.txt"
    assert key.stat().st_mode & 0o777 == 0o600
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    key.chmod(0o640)
    err = refused(run, file, practice["db"], "other users can read this key (mode 640)", names=key)
    assert "chmod 600" in err


def test_decrypted_data_never_goes_to_a_temporary_file(
    run: Run, practice: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a temporary file was made")

    for name in (
        "mkstemp",
        "mkdtemp",
        "NamedTemporaryFile",
        "TemporaryFile",
        "SpooledTemporaryFile",
    ):
        monkeypatch.setattr(tempfile, name, no)
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    before = set(tmp_path.iterdir())
    with time_machine.travel(NOW, tick=False):
        result = run("practice", "import", str(file))
    assert result.exit_code == 0, result.output
    assert set(tmp_path.iterdir()) == before


def test_newer_adds_the_same_changes_nothing_other_content_is_refused(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc, public, db = practice["doc"], practice["public"], practice["db"]
    first = sealed_file(tmp_path, doc, public, "first.age")
    newer_doc = copy.deepcopy(doc)
    newer_doc["exported"] = "2026-11-21T10:00:00+01:00"
    newer_doc["sessions"].append(session("2026-11-06", pain=3))
    newer_doc["sessions"][-1]["programme_id"] = doc["programme"]["fingerprint"]
    newer = sealed_file(tmp_path, newer_doc, public, "newer.age")
    other_doc = copy.deepcopy(newer_doc)
    other_doc["sessions"][0]["exercises"][0]["answers"]["pain"] = 9
    other = sealed_file(tmp_path, other_doc, public, "other.age")
    with time_machine.travel(NOW, tick=False):
        assert run("practice", "import", str(first)).exit_code == 0
        added = run("practice", "import", str(newer), str(first))
    assert added.exit_code == 0, added.output
    lines = added.stdout.splitlines()
    assert "1 new entry, 0 updated, 2 already here" in lines[0]
    assert "0 new entries, 0 updated, 2 already here" in lines[1]
    with time_machine.travel(NOW, tick=False):
        (anna,) = json.loads(run("practice", "--json").stdout)["patients"]
    assert anna["last_session"] == "2026-11-06"  # the older file, read after, keeps it
    err = refused(run, other, db, "1 entry differs", "2026-11-02T09-00-00", "nothing was imported")
    assert "Ask the patient for a new export" in err


def test_text_from_an_import_shows_literally(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(practice["doc"])
    doc["patient"]["name"] = "[bold red]Anna[/] <b>"
    with time_machine.travel(NOW, tick=False):
        imported(run, tmp_path, doc, practice)
        shown = run("practice")
    assert "[bold red]Anna[/]" in shown.stdout and "<b>" in shown.stdout


def test_an_unreadable_check_travels_as_a_warning(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(practice["doc"])
    doc["checks"] = [
        {"id": "2026-11-19T08-00-00", "when": "2026-11-19T08:00:00+01:00", "unreadable": "x.toml"}
    ]
    with time_machine.travel(NOW, tick=False):
        imported(run, tmp_path, doc, practice)
        data = json.loads(run("practice", "--json").stdout)
    assert data["patients"][0]["flags"][0] == "warning"


def test_a_passphrase_export_round_trip(
    run: Run,
    practice: dict[str, Any],
    tmp_path: Path,
    coach_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient = tmp_path / "patient-home"
    monkeypatch.setenv("COACH_HOME", str(patient))
    out = tmp_path / "pp.age"
    with time_machine.travel(NOW, tick=False):
        short = run("export", "--passphrase", "-o", str(out), input="short\n")
        assert short.exit_code == 1 and "too short" in short.stderr and not out.exists()
        made = run("export", "--passphrase", "-o", str(out), input="correct horse battery\n")
    assert made.exit_code == 0, made.output
    assert "sealed with your passphrase" in made.stdout
    assert sealed.needs_passphrase(out.read_bytes(), out)
    monkeypatch.setenv("COACH_HOME", str(coach_home))
    with time_machine.travel(NOW, tick=False):
        none = run("practice", "import", str(out))
        wrong = run("practice", "import", str(out), input="incorrect horse\n")
    assert (
        none.exit_code == 1
        and f"{out}: sealed with a passphrase, and none was given" in none.stderr
    )
    assert wrong.exit_code == 1 and f"{out}: cannot decrypt it with this passphrase" in wrong.stderr
    assert dump(practice["db"]) is None  # nothing kept: not even a database made
    # The text form (`age -a`) of the same file: coach reads it too.
    body = base64.b64encode(out.read_bytes()).decode()
    armored = tmp_path / "pp.txt"
    armored.write_text(
        "-----BEGIN AGE ENCRYPTED FILE-----\n"
        + "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
        + "\n-----END AGE ENCRYPTED FILE-----\n"
    )
    with time_machine.travel(NOW, tick=False):
        good = run("practice", "import", str(armored), input="correct horse battery\n")
    assert good.exit_code == 0, good.output


def test_export_refuses_without_a_key_and_never_overwrites(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "e.age"
    with time_machine.travel(NOW, tick=False):
        none = run("export", "-o", str(out))
        bad = run("export", "--to", "age1nope", "-o", str(out))
        out.write_text("mine")
        kept = run(
            "export", "--to", sealed.new_identity(tmp_path / "k.txt", NOW)[0], "-o", str(out)
        )
    assert none.exit_code == 1 and "names no therapist's key" in none.stderr
    assert bad.exit_code == 2 and "--to: expected an age public key" in bad.stderr
    assert kept.exit_code == 1 and "already exists" in kept.stderr
    assert out.read_text() == "mine"


def test_a_programme_with_a_malformed_recipient(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "p.toml"
    plan.write_text(
        'title = "Rug"\nsessions_per_week = 3\n[therapist]\nrecipient = "age1qqqq"\n'
        '[[exercises]]\nid = "walk"\n',
        encoding="utf-8",
    )
    result = run("programme", "check", str(plan))
    assert result.exit_code == 1
    assert f"{plan}: therapist.recipient: expected an age public key" in result.stderr
    good = sealed.new_identity(tmp_path / "k.txt", NOW)[0]
    broken = good[:-1] + ("q" if good[-1] != "q" else "p")  # the checksum no longer fits
    plan.write_text(plan.read_text().replace("age1qqqq", broken))
    result = run("programme", "check", str(plan))
    assert (
        "therapist.recipient: not a valid age public key (its checksum is wrong)" in result.stderr
    )


def test_the_later_export_wins_by_time_not_by_how_it_is_written(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    """09:30 UTC is after 10:00 in Amsterdam (09:00 UTC), though its text sorts first."""
    doc, public = practice["doc"], practice["public"]
    amsterdam = copy.deepcopy(doc) | {"exported": "2026-11-21T10:00:00+01:00"}
    utc = copy.deepcopy(doc) | {"exported": "2026-11-21T09:30:00+00:00"}
    utc["patient"] = {**doc["patient"], "name": "Anna de Vries"}
    older = copy.deepcopy(doc) | {"exported": "2026-11-21T09:59:00+01:00"}
    older["patient"] = {**doc["patient"], "name": "Anna (old)"}
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        for name, d in (("a.age", amsterdam), ("u.age", utc), ("o.age", older)):
            file = sealed_file(tmp_path, d, public, name)
            assert run("practice", "import", "--rename", str(file)).exit_code == 0
        names = [p["name"] for p in json.loads(run("practice", "--json").stdout)["patients"]]
    assert names == ["Anna de Vries"]


def test_another_name_for_a_known_patient_is_refused_unless_renamed(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    """A programme copied for a second patient carries the first one's id."""
    doc, public = practice["doc"], practice["public"]
    other = copy.deepcopy(doc)
    other["patient"] = {**doc["patient"], "name": "Bert Jansen"}
    other["exported"] = "2026-11-20T10:30:00+01:00"
    with time_machine.travel(NOW, tick=False):
        assert run("practice", "import", str(sealed_file(tmp_path, doc, public))).exit_code == 0
    bert = sealed_file(tmp_path, other, public, "bert.age")
    err = refused(run, bert, practice["db"], 'known here as "Anna", but the export says "Bert')
    assert "--rename" in err and "coach programme new" in err
    with time_machine.travel(NOW, tick=False):
        renamed = run("practice", "import", "--rename", str(bert))
        (shown,) = json.loads(run("practice", "--json").stdout)["patients"]
    assert renamed.exit_code == 0 and shown["name"] == "Bert Jansen"


def test_a_patient_without_a_programme_id_keeps_one_id(tmp_path: Path) -> None:
    home = Paths(tmp_path / "p", tmp_path / "p")
    first = export_doc.build(home, _library(), NOW)["patient"]["id"]
    assert export_doc.build(home, _library(), NOW)["patient"]["id"] == first
    (tmp_path / "p" / "patient_id").write_text("not an id\n")
    assert export_doc.build(home, _library(), NOW)["patient"]["id"] != first  # made anew


def test_checks_and_breaks_travel_and_are_checked(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(practice["doc"])
    doc["checks"] = [
        {
            "id": "2026-11-19T08-00-00",
            "schema": 1,
            "when": "2026-11-19T08:00:00+01:00",
            "reason": "monthly",
            "answers": {"night": True, "fever": False},
        }
    ]
    doc["breaks"] = [
        {
            "id": "2026-11-18T09-00-00",
            "schema": 1,
            "started": "2026-11-18T09:00:00+01:00",
            "every_min": 50,
            "breaks": [{"at": "2026-11-18T09:50:00+01:00", "outcome": "taken"}],
        }
    ]
    bad_check = copy.deepcopy(doc)
    bad_check["checks"][0]["answers"]["night"] = "yes"
    refused(run, sealed_file(tmp_path, bad_check, practice["public"], "c.age"), practice["db"],
            "checks[0].answers.night")  # fmt: skip
    bad_break = copy.deepcopy(doc)
    bad_break["breaks"][0]["breaks"][0]["outcome"] = "slept"
    refused(run, sealed_file(tmp_path, bad_break, practice["public"], "b.age"), practice["db"],
            "breaks[0].breaks[0].outcome")  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        kept = run("practice", "import", str(sealed_file(tmp_path, doc, practice["public"])))
        assert kept.exit_code == 0, kept.output
        assert "4 new entries" in kept.stdout
        data = json.loads(run("practice", "--json").stdout)
        report = run("report", "--format", "md", "--patient", "anna")
    assert data["patients"][0]["flags"][0] == "warning"  # night pain answered yes
    assert "Warning signs on 19 Nov" in report.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "there is no practice key yet"),
        ("# just a comment\n", "not an age key file"),
        ("AGE-SECRET-KEY-1NOTAKEY\n", "not an age key file"),
    ],
    ids=["missing", "no-key-line", "broken-key"],
)
def test_a_practice_key_that_cannot_be_used(
    run: Run, practice: dict[str, Any], tmp_path: Path, coach_home: Path, content: str | None,
    expected: str,
) -> None:  # fmt: skip
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    key = coach_home / "practice" / "identity.txt"
    key.unlink()
    if content is not None:
        key.write_text(content)
        key.chmod(0o600)
    refused(run, file, practice["db"], expected, names=key)


def test_the_view_is_a_table_when_wide_and_blocks_when_narrow(
    run: Run, practice: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = sealed_file(tmp_path, practice["doc"], practice["public"])
    shown = {}
    with time_machine.travel(NOW, tick=False):
        assert run("practice", "import", str(file)).exit_code == 0
        for width in (60, 99, 100, 140):
            monkeypatch.setenv("COLUMNS", str(width))
            shown[width] = run("practice").stdout
    for width in (60, 99):
        assert "Full, 2 weeks" not in shown[width]
        summary, _blank, view = shown[width].partition("\n\n")
        assert summary.startswith("1 patient; 1 to look at first")
        assert view.startswith("Anna\n  last session 4 Nov 2026; 0 of 6 full")
        assert max(map(len, shown[width].splitlines())) <= width
    for width in (100, 140):
        assert "Full, 2 weeks" in shown[width].partition("\n\n")[2].splitlines()[0]
        assert max(map(len, shown[width].splitlines())) <= width


def test_calls_shows_only_the_patients_to_look_at_first(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    calm = copy.deepcopy(practice["doc"])
    calm["patient"] = {"id": "b" * 32, "name": "Bram"}
    calm["sessions"] = [session("2026-11-16"), session("2026-11-18")]
    for entry in calm["sessions"]:
        entry["programme_id"] = calm["programme"]["fingerprint"]
    with time_machine.travel(NOW, tick=False):
        for name, doc in (("a.age", practice["doc"]), ("b.age", calm)):
            assert (
                run(
                    "practice", "import", str(sealed_file(tmp_path, doc, practice["public"], name))
                ).exit_code
                == 0
            )
        every = run("practice").stdout
        calls = run("practice", "--calls").stdout
        as_json = json.loads(run("practice", "--calls", "--json").stdout)
    assert "Bram" in every and "Anna" in every
    assert "Anna" in calls and "Bram" not in calls
    assert calls.startswith("2 patients; 1 to look at first")  # the summary counts them all
    assert [p["name"] for p in as_json["patients"]] == ["Anna"]


def test_a_key_twice_in_one_table_is_refused(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    raw = json.dumps(practice["doc"]).replace('"schema": 1,', '"schema": 1, "schema": 1,', 1)
    refused(run, sealed_file(tmp_path, raw.encode(), practice["public"]), practice["db"],
            'the key "schema" is there twice')  # fmt: skip


def test_a_passphrase_asking_too_much_work_is_refused_before_any(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    """Only the header is read: no scrypt work is done for a file like this."""
    out = tmp_path / "pp.age"
    out.write_bytes(
        b"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 22\n"
        + b"A" * 43 + b"\n--- " + b"B" * 43 + b"\n" + bytes(100)
    )  # fmt: skip
    refused(run, out, practice["db"], "scrypt work factor 22; at most 20")


def test_an_older_snapshot_of_a_session_still_open_is_no_conflict(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    """Exported mid-session, then again later: the two files imported the other way round."""
    doc, public = practice["doc"], practice["public"]
    older = copy.deepcopy(doc) | {"exported": "2026-11-04T09:10:00+01:00"}
    older["sessions"][1]["status"] = "in-progress"
    del older["sessions"][1]["ended"]
    with time_machine.travel(NOW, tick=False):
        assert run("practice", "import", str(sealed_file(tmp_path, doc, public))).exit_code == 0
        again = run("practice", "import", str(sealed_file(tmp_path, older, public, "o.age")))
    assert again.exit_code == 0, again.output
    assert "0 new entries, 0 updated, 2 already here" in again.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_the_database_is_the_therapists_alone(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    with time_machine.travel(NOW, tick=False):
        assert (
            run(
                "practice",
                "import",
                str(sealed_file(tmp_path, practice["doc"], practice["public"])),
            ).exit_code
            == 0
        )
    db: Path = practice["db"]
    assert db.stat().st_mode & 0o777 == 0o600
    assert db.parent.stat().st_mode & 0o777 == 0o700


def test_two_patients_of_one_name_show_their_ids(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    twin = copy.deepcopy(practice["doc"])
    twin["patient"] = {"id": "d" * 32, "name": "Anna"}
    with time_machine.travel(NOW, tick=False):
        for name, doc in (("a.age", practice["doc"]), ("b.age", twin)):
            file = sealed_file(tmp_path, doc, practice["public"], name)
            assert run("practice", "import", str(file)).exit_code == 0
        shown = run("practice").stdout
        report = run("report", "--format", "md", "--patient", "Anna")
    first = practice["doc"]["patient"]["id"][:8]
    assert f"Anna ({first})" in shown and "Anna (dddddddd)" in shown
    assert report.exit_code == 1 and '2 imported patients are called "Anna"' in report.stderr


def test_a_session_file_renamed_by_hand_travels_under_its_start(
    run: Run, coach_home: Path, tmp_path: Path
) -> None:
    """A copy named "... (copy).toml" is read by the patient's coach; its export says when
    it started, and the copy beside the original is one session more, never a wrong id."""
    patient = tmp_path / "patient"
    month = patient / "sessions" / "2026-11"
    month.mkdir(parents=True)
    record = {k: v for k, v in session("2026-11-02").items() if k != "id"}
    import tomli_w

    from coach.files.export_doc import revive

    (month / "mine (copy).toml").write_text(tomli_w.dumps(revive(record)))
    doc = export_doc.build(Paths(patient, patient), _library(), NOW)
    assert [s["id"] for s in doc["sessions"]] == ["2026-11-02T09-00-00"]


def test_a_folder_is_not_an_export(run: Run, practice: dict[str, Any], tmp_path: Path) -> None:
    refused(run, tmp_path, practice["db"], "is a folder; give the export files themselves")


def test_a_patient_found_by_part_of_the_name(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(practice["doc"])
    doc["patient"]["name"] = "Anna de Vries"
    with time_machine.travel(NOW, tick=False):
        imported(run, tmp_path, doc, practice)
        by_part = run("report", "--format", "md", "--patient", "anna")
        by_none = run("report", "--format", "md", "--patient", "bert")
    assert by_part.exit_code == 0 and by_part.stdout.startswith("# Progress report")
    assert by_none.exit_code == 1 and 'No imported patient is called "bert"' in by_none.stderr


def test_a_patient_who_has_not_begun_has_nothing_planned_before_the_start(
    run: Run, practice: dict[str, Any], tmp_path: Path
) -> None:
    doc = copy.deepcopy(practice["doc"])
    doc["sessions"] = []
    doc["programme"]["file"]["start"] = "2026-11-19"  # yesterday: Thursday and today
    with time_machine.travel(NOW, tick=False):
        imported(run, tmp_path, doc, practice)
        (anna,) = json.loads(run("practice", "--json").stdout)["patients"]
        shown = run("practice").stdout
    assert (anna["full_sessions_last_2_weeks"], anna["planned_last_2_weeks"]) == (0, 1)
    assert "Anna\n  0 of 1 full sessions in 2 weeks\n  no session yet\n" in shown
