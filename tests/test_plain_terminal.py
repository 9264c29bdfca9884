"""A screen reader and a plain terminal: no block, box or braille characters in plain mode.

Plain mode comes from `--plain`, COACH_PLAIN, `plain` in the settings file, or a stdout
that is no terminal or a terminal with TERM=dumb (`decide_plain`). The commands run as
the real console script in a subprocess, its stdout a pipe or a pseudo-terminal; the same
commands in a real terminal draw their charts, so the check can fail.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from coach.domain import plain_words
from coach.domain.engine import Engine
from coach.domain.timeline import Kind, PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import get_paths
from coach.files.settings import Config, load_config
from coach.i18n import set_language
from coach.live.console import decide_plain, set_plain
from coach.live.screen import Screen, render
from tests import test_looking_back
from tests.conftest import ROOT, Run

# Block elements, box drawing and braille: noise to a screen reader, missing on a plain terminal.
RANGES = ((0x2580, 0x259F), (0x2500, 0x257F), (0x2800, 0x28FF))

COMMANDS = [
    "progress",
    "history",
    "next",
    "exercises list",
    "exercises show bird-dog",
    "learn",
    "learn what-it-is",
    "programme show",
    "check --help",
    "paths",
    "settings",
]
# The commands that draw in a terminal: a chart, bars, a box, braille pictures.
DRAWING = ["progress", "exercises show bird-dog", "learn what-it-is", "programme show"]

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")


def glyphs(text: str) -> str:
    return "".join(c for c in text if any(low <= ord(c) <= high for low, high in RANGES))


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """COACH_HOMEs with six sessions of the last weeks: one as it is, one with plain = true."""
    home = tmp_path_factory.mktemp("plain") / "home"
    now = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=1)
    with pytest.MonkeyPatch.context() as mp:  # sessions counted back from now, not from 2026
        mp.setattr(test_looking_back, "TODAY", now)
        test_looking_back.write_history(home, [15, 13, 11, 9, 4, 2])
    configured = home.with_name("configured")
    shutil.copytree(home, configured)
    (configured / "config.toml").write_text("plain = true\n", encoding="utf-8")
    return {"home": home, "configured": configured}


def environment(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment (a faked clock included: the sessions are dated by it),
    without the person's COACH_ settings, with a known terminal and home."""
    dropped = ("LANGUAGE", "NO_COLOR", "FORCE_COLOR", "LINES")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COACH_", "LC_")) and k not in dropped
    }
    env |= {
        "LANG": "C.UTF-8",
        "COACH_HOME": str(home),
        "COLUMNS": "100",
        "PYTHONIOENCODING": "utf-8",
        "TERM": "xterm-256color",
    }
    return env | extra


def piped(command: str, env: dict[str, str]) -> str:
    """The command's output with stdout and stderr pipes."""
    done = subprocess.run(
        [sys.executable, "-m", "coach", *command.split()],
        capture_output=True,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def in_terminal(command: str, env: dict[str, str]) -> str:
    """The command's output in a pseudo-terminal: stdout and stderr are a terminal."""
    import pty

    main, child = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "coach", *command.split()],
            stdin=subprocess.DEVNULL,
            stdout=child,
            stderr=child,
            env=env,
            cwd=ROOT,
        )
    finally:
        os.close(child)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the command closed the terminal's other side
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


# -- every command, every way plain mode comes about ---------------------------------------

WAYS = ["piped", "TERM=dumb", "COACH_PLAIN=1", "plain = true"]


# Every way, the commands that draw in a terminal; piped and TERM=dumb, every other command
# too (they draw nothing even in a terminal). All but two in the slow group (CI runs it).
# In the quick suite: the chart (progress) and the braille pictures (exercises show).
QUICK = ("progress", "exercises show bird-dog")
CASES = [
    pytest.param(way, c, marks=[] if c in QUICK else [pytest.mark.slow])
    for way in WAYS
    for c in (COMMANDS if way in WAYS[:2] else DRAWING)
]


@pytest.mark.parametrize(("way", "command"), CASES)
def test_no_drawing_characters_in_plain_mode(
    homes: dict[str, Path], way: str, command: str
) -> None:
    if way == "piped":
        shown = piped(command, environment(homes["home"]))
    else:
        if sys.platform == "win32":
            pytest.skip("no pseudo-terminals")
        env = {
            "TERM=dumb": environment(homes["home"], TERM="dumb"),
            "COACH_PLAIN=1": environment(homes["home"], COACH_PLAIN="1"),
            "plain = true": environment(homes["configured"]),
        }[way]
        shown = in_terminal(command, env)
    assert shown.strip(), "the command printed nothing"
    assert glyphs(shown) == "", shown


@needs_pty
@pytest.mark.parametrize("command", DRAWING)
def test_a_real_terminal_still_draws(homes: dict[str, Path], command: str) -> None:
    """The same check fails where plain mode is off: these commands do draw."""
    assert glyphs(in_terminal(command, environment(homes["home"])))


def test_coach_plain_0_draws_the_charts_even_into_a_pipe(homes: dict[str, Path]) -> None:
    shown = piped("progress", environment(homes["home"], COACH_PLAIN="0"))
    assert "█" in shown and "└" in shown  # the load bars and the pain chart's axis


# -- which one wins ------------------------------------------------------------------------


class Stdout:
    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("option", "env", "configured", "term", "terminal", "plain"),
    [
        # --plain beats everything
        (True, "0", False, "xterm", True, True),
        # COACH_PLAIN beats the settings file and the terminal
        (False, "0", True, "dumb", False, False),
        (False, "1", False, "xterm", True, True),
        (False, "yes", None, "xterm", True, True),
        (False, "off", None, "dumb", False, False),
        # plain = true beats the terminal; plain = false never turns a pipe into boxes
        (False, "", True, "xterm", True, True),
        (False, "", False, "dumb", False, True),
        (False, "", False, "xterm", False, True),
        (False, "", False, "xterm", True, False),
        # else the terminal decides
        (False, "", None, "xterm", True, False),
        (False, "", None, "dumb", True, True),
        (False, "", None, "xterm", False, True),
    ],
)
def test_precedence(
    monkeypatch: pytest.MonkeyPatch,
    option: bool,
    env: str,
    configured: bool | None,
    term: str,
    terminal: bool,
    plain: bool,
) -> None:
    monkeypatch.setenv("COACH_PLAIN", env)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys, "stdout", Stdout(terminal))
    assert decide_plain(option, configured) is plain


def test_a_closed_stdout_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stdout", None)
    assert decide_plain(False, None) is True


def test_the_session_follows_the_same_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """`coach start`'s full-screen view or its lines: as every other command decides."""
    from coach.live.guided_session import wants_plain

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stdout", Stdout(True))
    try:
        set_plain(False)
        assert wants_plain(False) is False
        assert wants_plain(True) is True  # coach start --plain
        set_plain(True)  # plain = true in the settings file
        assert wants_plain(False) is True
        monkeypatch.setenv("COACH_PLAIN", "1")
        set_plain(False)
        assert wants_plain(False) is True
    finally:
        set_plain(False)


def test_the_settings_file_and_the_option_in_process(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coach --plain` beats COACH_PLAIN=0, which beats `plain = true`."""
    test_looking_back.write_history(coach_home, [9, 7, 5])
    (coach_home / "config.toml").write_text("plain = true\n", encoding="utf-8")
    monkeypatch.setenv("COACH_PLAIN", "0")
    with_charts = run("progress", "--weeks", "8")
    assert with_charts.exit_code == 0 and glyphs(with_charts.stdout)
    without = run("--plain", "progress", "--weeks", "8")
    assert without.exit_code == 0 and not glyphs(without.stdout)
    monkeypatch.delenv("COACH_PLAIN")
    from_file = run("progress", "--weeks", "8")
    assert "Weekly load" in from_file.stdout and not glyphs(from_file.stdout)


# -- coach settings ------------------------------------------------------------------------


def test_settings_round_trip(run: Run, coach_home: Path) -> None:
    config = coach_home / "config.toml"
    shown = run("settings")
    folded = "".join(line.strip() for line in shown.stdout.splitlines())  # a long path folds
    assert shown.exit_code == 0 and str(config) in folded
    assert "not set" in shown.stdout and not config.exists()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert run("settings", "--plain").exit_code == 0
    assert load_config(config) == Config(lang="en", plain=True)  # the language kept
    lines = run("settings").stdout.splitlines()
    assert any(line.split() == ["plain", "true"] for line in lines), lines
    assert "Plain mode is on now." in lines
    assert run("settings", "--no-plain").exit_code == 0  # back to: decided by the terminal
    assert load_config(config) == Config(lang="en", plain=None)
    assert "plain" not in config.read_text(encoding="utf-8")
    assert run("settings", "--lang", "nl").exit_code == 0
    assert load_config(config) == Config(lang="nl", plain=None)
    set_language("en")


def test_settings_refuses_a_broken_file_and_leaves_it(run: Run, coach_home: Path) -> None:
    config = coach_home / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('lang = "fr"\nplain = "yes"\n', encoding="utf-8")
    for args in (["settings", "--plain"], ["settings"]):
        result = run(*args)
        assert result.exit_code == 1
        errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
        assert len(errors) == 2, result.stderr  # lang and plain, each said once
        assert "Traceback" not in result.output
    assert config.read_text(encoding="utf-8") == 'lang = "fr"\nplain = "yes"\n'
    other = run("paths")  # every other command: said once, and it still runs
    assert other.exit_code == 0
    assert other.stderr.count("config.toml: plain") == 1


def test_settings_refuses_an_unknown_language(run: Run, coach_home: Path) -> None:
    result = run("settings", "--lang", "fr")
    assert result.exit_code == 2 and "expected nl or en" in result.stderr
    assert not (coach_home / "config.toml").exists()


# -- the seconds as text in the live view --------------------------------------------------


@functools.cache
def bird_dog() -> Timeline:
    bird = load_library(get_paths()).exercises["bird-dog"]
    return compile_timeline([PlannedExercise(bird, bird.dosage)], get_ready_s=5)


def rendered(seconds_into: float, width: int, height: int, lang: str = "en") -> list[str]:
    timeline = bird_dog()
    engine = Engine(timeline, 0.0)
    engine.tick(seconds_into)
    screen = Screen(
        timeline,
        engine.phase,
        engine.seconds_left(seconds_into),
        engine.progress(seconds_into),
        engine.elapsed(seconds_into),
    )
    set_language(lang)
    try:
        out = Console(record=True, width=width, height=height, file=io.StringIO())
        out.print(render(screen, width, height))
    finally:
        set_language("en")
    return out.export_text().rstrip("\n").split("\n")


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("width", "height"), [(80, 24), (60, 15), (100, 30)])
def test_the_seconds_left_are_text_beside_the_big_digits(
    lang: str, width: int, height: int
) -> None:
    shown = rendered(7.5, width, height, lang)  # the first hold: 3 s left
    assert len(shown) <= height and all(len(line) <= width for line in shown)
    assert any("██" in line for line in shown)  # the big digits
    phase = [line for line in shown if ("H O L D" if lang == "en" else "V A S T") in line]
    assert len(phase) == 1 and phase[0].rstrip(" │").endswith(" 3 s")
    assert not glyphs(phase[0].strip("│"))  # a line a screen reader reads as words


def test_without_big_digits_the_seconds_are_said_once() -> None:
    shown = "\n".join(rendered(7.5, 40, 12))  # the compact view: no room for big digits
    assert "██" not in shown and shown.count("3 s") == 1


def test_a_minute_or_more_reads_as_words() -> None:
    rest = next(p for p in bird_dog().phases if p.kind is Kind.REST and p.duration >= 60)
    shown = rendered(rest.start + 0.5, 80, 24)
    minutes = plain_words.seconds(int(rest.duration))  # "1 min", "1 min 30 s"
    assert any("R E S T" in line and line.rstrip(" │").endswith(minutes) for line in shown)
