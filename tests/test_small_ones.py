"""Small robustness fixes found by attacking the product: no traceback from any command-line
value or standard stream, file names that can't forge lines, Markdown that stays text,
cue words that are never options, limits said at once, break files that never collide
and lock messages that say what is wrong."""

from __future__ import annotations

import base64
import errno
import fcntl
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from coach.domain.break_timer import BreakDay
from coach.errors import CoachError
from coach.files import break_log
from coach.files.paths import Paths
from coach.files.session_lock import SessionLocked, session_lock
from coach.system.speech import SpeechEngine, Voice, find_speech
from tests.conftest import Run

pytestmark = pytest.mark.reliability

LONG = "a" * 300  # a file name over the 255 bytes a file system takes
HUGE = "9" * 5000  # over the 4300 digits Python's int() converts


def refused_in_one_line(result: Any) -> str:
    """The error of a refused command: non-zero, no traceback, one line naming what's wrong."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    framing = ("Usage:", "Try '", "Gebruik:", "Typ '")  # a usage error's frame, as the parser's
    lines = [line for line in result.stderr.splitlines() if line and not line.startswith(framing)]
    assert len(lines) in (1, 2) and lines[0].startswith(("error:", "Error:", "Fout:")), (
        result.stderr
    )
    assert len(lines) == 1 or lines[1].startswith("hint:"), result.stderr
    return str(lines[0])


# -- 1. no traceback from a command-line value ----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("print", "-o", "{long}.pdf"),
        ("print", "-o", "{long}.md"),
        ("report", "-o", "{long}.pdf"),
        ("programme", "calendar", "-o", "{long}.ics"),
        ("progress", "--export", "{long}.csv"),
        ("exercises", "show", "walk", "--svg", "{long}.svg"),
        ("programme", "new", "-e", "walk", "-o", "{long}.toml"),
        ("print", "-o", "{long}/handout.pdf"),
    ],
    ids=["print", "print-md", "report", "calendar", "export", "svg", "new", "in-a-folder"],
)
def test_a_file_name_too_long_is_one_line_naming_it(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    long = str(tmp_path / LONG)
    line = refused_in_one_line(run(*(a.format(long=long) for a in args)))
    assert long in line and "File name too long" in line


def test_a_name_the_system_takes_is_not_refused_for_its_temporary_file(
    run: Run, tmp_path: Path
) -> None:
    name = tmp_path / ("b" * 250 + ".pdf")  # 254 bytes: the temporary name must fit too
    assert run("print", "-o", str(name)).exit_code == 0
    assert name.is_file() and [p.name for p in tmp_path.iterdir()] == [name.name]


@pytest.mark.parametrize(
    "args",
    [
        ("programme", "new", "-o", "x.toml", "-e", f"walk@{HUGE}"),
        ("programme", "new", "-o", "x.toml", "-e", f"walk:{HUGE}min"),
        ("programme", "new", "-o", "x.toml", "-e", f"bird-dog:3x10/{HUGE}s"),
        ("learn", HUGE),
        ("progress", "--weeks", HUGE),
        ("report", "--weeks", HUGE),
        ("breaks", "--every", HUGE),
        ("exercises", "show", "walk", "--level", HUGE),
        ("programme", "new", "-o", "x.toml", "-e", "walk", "--per-week", HUGE),
    ],
    ids=["level", "minutes", "hold", "learn", "weeks", "report", "every", "show", "per-week"],
)
def test_thousands_of_digits_are_refused_in_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    line = refused_in_one_line(run(*args))
    assert "far too large a number" in line or 'unknown topic "999' in line
    assert len(line) < 200 or "unknown topic" in line  # a number is not repeated in full
    assert not (tmp_path / "x.toml").exists()


def test_far_too_large_is_said_in_dutch_too(run: Run) -> None:
    line = refused_in_one_line(run("--lang", "nl", "progress", "--weeks", HUGE))
    assert "veel te groot" in line


# -- 1. no traceback from a standard stream (a real process: real streams) ---------------


def coach(
    *args: str, redirect: str = "", cwd: Path | None = None, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    """`coach ARGS` in a process of its own; `redirect` is for its streams (e.g. "<&-")."""
    argv = [sys.executable, "-m", "coach", *args]
    # Not under a preloaded libfaketime (`faketime +365d pytest`): it opens its shared
    # memory at start-up, which takes the number of a closed stream, and what coach then
    # writes to "stdout" lands in that memory and breaks every faked process after it.
    # These tests are about streams, not dates.
    env = {
        k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")
    }
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def test_a_closed_stdin_is_one_line_where_an_answer_is_needed(tmp_path: Path) -> None:
    for args in (
        ("check",),
        ("start",),
        ("start", "walk", "--skip-check"),  # refused at once, not after a 10-minute walk
        ("programme", "new", "-o", "x.toml"),
    ):
        line = one_error_line(coach(*args, redirect="<&-", cwd=tmp_path))
        assert line == "error: The standard input is closed: coach cannot read your answers."
    assert not (tmp_path / "x.toml").exists()
    listed = coach("exercises", "list", redirect="<&-", cwd=tmp_path)  # needs no answer
    assert listed.returncode == 0 and "bird-dog" in listed.stdout and listed.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("history",), ("exercises", "list"), ("--help",), ("history", "--csv"), ("--version",)],
    ids=["history", "exercises", "help", "csv", "version"],
)
def test_a_full_output_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    with Path("/dev/full").open("w") as full:
        done = coach(*args, cwd=tmp_path, stdout=full)
    assert "No space left on device" in one_error_line(done)


def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    assert "could not be written" in one_error_line(coach("exercises", "list", redirect=">&-"))


# -- 2. a file name can't forge a line -------------------------------------------------


def test_a_line_break_in_a_file_name_is_shown_not_obeyed(run: Run, tmp_path: Path) -> None:
    forged = tmp_path / "x\nerror: forged.md"
    wrote = run("print", "-o", str(forged))
    assert wrote.exit_code == 0 and forged.is_file()
    assert wrote.stdout.strip().splitlines() == [f"Wrote {tmp_path}/x\\nerror: forged.md."]
    for args in (
        ("programme", "check", str(tmp_path / "p\nerror: forged.toml")),
        ("progress", "--export", str(tmp_path / "x\nerror: forged.txt")),
        ("print", "-o", str(tmp_path / "x\tforged.docx")),
    ):
        line = refused_in_one_line(run(*args))
        assert "\\nerror: forged" in line or "\\tforged" in line


# -- 3. Markdown: a line of === or --- in a person's text is no heading ------------------


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt().parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_a_setext_underline_in_a_note_stays_text(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    made = run(
        "programme",
        "new",
        "-o",
        str(plan),
        "-e",
        "walk",
        "--patient",
        "Anna\n===",
        "--notes",
        "Keep going\n===\nand then\n---\nmore\n   ===",
        "--note",
        "walk=Slowly\n===",
    )
    assert made.exit_code == 0, made.output
    handout = run("print", str(plan), "--format", "md").stdout
    assert headings(handout)[:2] == ["Home exercises", "1. Walk"]
    assert "Keep going" not in " ".join(headings(handout))
    assert "\\===" in handout and "\\---" in handout
    assert run("programme", "use", str(plan)).exit_code == 0
    report = run("report", "--format", "md").stdout
    assert not [h for h in headings(report) if "Anna" in h or "Home exercises" in h]


# -- 4. a cue word is never an option of the speech engine -------------------------------

FAKE_ENGINE = """
import getopt, json, sys
from pathlib import Path
options, words = getopt.getopt(sys.argv[2:], "v:f:l:")  # as espeak-ng and spd-say read them
Path(sys.argv[1]).write_text(json.dumps({"options": options, "words": words}))
"""


def test_a_cue_that_looks_like_an_option_is_said_not_obeyed(tmp_path: Path) -> None:
    script, out = tmp_path / "engine.py", tmp_path / "said.json"
    script.write_text(FAKE_ENGINE)
    voice = Voice(SpeechEngine("fake", (sys.executable, str(script), str(out), "-v", "en")))
    voice.say("-f/etc/hostname")
    assert voice._current is not None and voice._current.wait(timeout=30) == 0
    said = json.loads(out.read_text())
    assert said == {"options": [["-v", "en"]], "words": ["-f/etc/hostname"]}


def test_every_engine_ends_its_options_before_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    found = {"espeak-ng": "/e", "espeak": "/e", "spd-say": "/s", "say": "/say"}
    for platform in ("linux", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        engine = find_speech("en", which=found.get)
        assert engine is not None and engine.argv("-x")[-2:] == ["--", "-x"]


def test_powershell_never_gets_the_text_on_its_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows: the cue goes to the running PowerShell on stdin, base64 (test_other_systems);
    the command line is the fixed script only."""
    monkeypatch.setattr(sys, "platform", "win32")
    engine = find_speech("en", which={"powershell": "C:/ps.exe"}.get)
    assert engine is not None
    text = "it's‘; Remove-Item C:/ -Recurse"
    argv = engine.argv(text)
    assert text not in argv and argv[-2] == "-EncodedCommand"
    script = base64.b64decode(argv[-1]).decode("utf-16-le")
    assert "Remove-Item" not in script and "FromBase64String($l)" in script


# -- 5. --per-week and --days out of range -------------------------------------------------


@pytest.mark.parametrize("value", ["0", "8", "-1"])
def test_per_week_out_of_range_is_refused(run: Run, tmp_path: Path, value: str) -> None:
    target = tmp_path / "x.toml"
    result = run("programme", "new", "-o", str(target), "-e", "walk", "--per-week", value)
    line = refused_in_one_line(result)
    assert result.exit_code == 2 and "'--per-week'" in line and not target.exists()


def test_days_that_are_no_days_are_refused_and_full_names_taken(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    for value in ("", "sunshine", "mon,x", "t"):
        result = run("programme", "new", "-o", str(target), "-e", "walk", "--days", value)
        line = refused_in_one_line(result)
        assert result.exit_code == 2 and f'--days "{value}"' in line and not target.exists()
    made = run("programme", "new", "-o", str(target), "-e", "walk", "--days", "Monday,do,vrijdag")
    assert made.exit_code == 0, made.output
    assert 'days = [\n    "mon",\n    "thu",\n    "fri",\n]' in target.read_text()


# -- 6. the wizard checks each answer as it is typed ---------------------------------------


def test_the_wizard_asks_again_instead_of_losing_every_answer(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("taken.toml").write_text("")
    answers = [
        "walk",  # exercises
        "",  # level
        "",  # minutes
        "\x1b[31mred",  # a note: refused, asked again
        "x" * 2001,  # too long: asked again
        "Slowly",
        "3",  # how often
        "n",  # agreed
        "en",
        "Rug\u202eAnna",  # title with a right-to-left override: asked again
        "Rug",
        "",  # patient ...
        "",
        "",
        "",
        "",
        "",  # (the practice's key)
        "",  # (no activities for the outcome measure)
        "",  # ... notes
        "taken.toml",  # there already: asked again
        "new.toml",
        "y",
    ]
    result = run("programme", "new", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("This text can't be saved") == 3
    assert "taken.toml already exists; type another file name." in result.output
    written = Path("new.toml").read_text()
    assert 'title = "Rug"' in written and 'note = "Slowly"' in written
    assert Path("taken.toml").read_text() == ""


def test_given_options_are_checked_before_the_first_question(run: Run, tmp_path: Path) -> None:
    taken = tmp_path / "taken.toml"
    taken.write_text("")
    for args in (("-o", str(taken)), ("-o", str(tmp_path / "x.toml"), "--title", "a\x1bb")):
        result = run("programme", "new", *args, input="walk\n")
        refused_in_one_line(result)
        assert "Which exercises" not in result.stdout


# -- 7. two `coach breaks` in the same second ------------------------------------------------


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
def test_two_break_days_started_in_the_same_second_keep_their_own_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:  # a file system without hard links: the exclusive create takes the name

        def no_link(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    paths = Paths(tmp_path, tmp_path)
    started = datetime.fromisoformat("2026-03-02T09:00:00+01:00")
    first, second = BreakDay(started, 50), BreakDay(started, 30)
    one = break_log.save(paths, first)
    two = break_log.save(paths, second)
    assert one != two and one.name == "2026-03-02T09-00-00.toml"
    assert two.name == "2026-03-02T09-00-00-2.toml"
    first.events.append((started, "taken"))
    assert break_log.save(paths, first, one) == one  # later saves go to the same file
    days, problems = break_log.load_since(paths, started.date())
    assert problems == []
    assert sorted((d.every_min, len(d.events)) for d in days) == [(30, 0), (50, 1)]
    assert not [p for p in one.parent.iterdir() if p.name.startswith(".")]  # no temp left


# -- 8. lock messages that say what is wrong ---------------------------------------------------


def test_a_noted_process_that_is_gone_is_not_named(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    paths.lock_file.write_text(f"{gone.pid}\nsomewhere\n")
    with paths.lock_file.open("rb") as held:  # held by someone who noted nothing
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(SessionLocked) as caught, session_lock(paths):
            pass
    assert caught.value.message == "Another coach session is running."


@pytest.mark.parametrize(
    ("code", "reason", "hint"),
    [
        (errno.EACCES, "Permission denied", "Check that you may write in"),
        (errno.EROFS, "Read-only file system", "read-only disk"),
        (errno.ENOSPC, "No space left on device", "The disk is full"),
    ],
    ids=["no-permission", "read-only", "disk-full"],
)
def test_a_lock_file_that_cannot_be_made_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str, hint: str
) -> None:
    paths = Paths(tmp_path, tmp_path)
    real_open = os.open

    def refusing(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == paths.lock_file:
            raise OSError(code, reason, str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(CoachError) as caught, session_lock(paths):
        pass
    assert not isinstance(caught.value, SessionLocked)  # nobody holds it: nobody to wait for
    assert caught.value.message == (
        f"{paths.lock_file}: cannot create or open coach's session lock file ({reason})."
    )
    assert caught.value.hint is not None and hint in caught.value.hint


def test_a_lock_that_is_a_link_says_so(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path)
    (tmp_path / "elsewhere").write_text("")
    paths.lock_file.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CoachError) as caught, session_lock(paths):
        pass
    assert (
        caught.value.message == f"{paths.lock_file}: is a link, expected coach's session lock file"
    )


def test_the_stand_in_for_a_closed_stream_says_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process, with the descriptors left alone (the subprocess tests above run it whole)."""
    import errno as errors
    import io as streams_io
    import sys as system

    from coach.commands import streams

    monkeypatch.setattr(os, "open", lambda path, flags: 99)
    monkeypatch.setattr(os, "dup2", lambda source, fd: None)
    monkeypatch.setattr(os, "close", lambda fd: None)
    monkeypatch.setattr(system, "stdin", None)
    streams.claim_closed_streams()
    closed = system.stdin
    assert isinstance(closed, streams._Closed) and closed.readable() and not closed.writable()
    assert not closed.isatty()
    with pytest.raises(streams.InputClosed, match="standard input is closed"):
        streams.refuse_closed_input()
    with pytest.raises(streams.InputClosed):
        closed.readline()
    out = streams._Closed("stdout")
    assert out.writable() and not out.readable()
    out.flush()
    with pytest.raises(OSError) as refused:
        out.write("x")
    assert refused.value.errno == errors.EBADF
    monkeypatch.setattr(system, "stdin", streams_io.StringIO())
    streams.refuse_closed_input()  # an open stdin: nothing to say
    with pytest.raises(SystemExit) as done:
        streams.output_failed(OSError(errors.ENOSPC, "No space left on device"))
    assert done.value.code == 1
    assert "The output could not be written (No space left on device)" in capsys.readouterr().err
