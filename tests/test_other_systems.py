"""Windows and macOS, run on Linux: `sys.platform` patched, the systems' tools faked.

What runs here is coach's own side of each path (which program, which arguments, what
script, what it does with the answer); the programs themselves (PowerShell, msvcrt,
osascript, kernel32) are fakes. docs/architecture.md, "Other systems", says the same.
"""

from __future__ import annotations

import base64
import os
import queue
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace
from typing import Any

import pytest

from coach.errors import CoachError
from coach.files import durable
from coach.files.paths import Paths, get_paths
from coach.system import keys, notify, processes, replace, speech


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")


@pytest.fixture
def mac(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")


def decoded(argv: list[str]) -> str:
    """The script a PowerShell command line runs (after -EncodedCommand)."""
    assert argv[1:5] == ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass"]
    assert argv[5] == "-EncodedCommand"
    return base64.b64decode(argv[6]).decode("utf-16-le")


def quoted_strings(script: str) -> list[str]:
    """Every single-quoted PowerShell string in `script`, unquoted; fails on a stray quote."""
    strings = re.findall(r"'((?:[^']|'')*)'", script)
    outside = re.sub(r"'(?:[^']|'')*'", "", script)
    assert "'" not in outside, f"a quote outside a string: {outside}"
    return [s.replace("''", "'") for s in strings]


# --- keys ------------------------------------------------------------------------------


def reader(presses: list[str]) -> Any:
    pending = list(presses)
    return lambda: pending.pop(0)


@pytest.mark.parametrize(
    ("presses", "names"),
    [
        (["\xe0", "M"], ["right"]),
        (["\x00", "M"], ["right"]),
        (["\xe0", "K"], ["left"]),
        (["\xe0", "H"], []),  # up: no key of ours
        ([" "], ["space"]),
        (["q"], ["q"]),
        (["Q"], ["q"]),
        (["\r"], ["enter"]),
        (["\x1b"], ["esc"]),
    ],
)
def test_windows_console_keys(presses: list[str], names: list[str]) -> None:
    assert keys.windows_key(reader(presses)) == names


class FakeConsole:
    """msvcrt's kbhit and getwch over a list of key presses."""

    def __init__(self, presses: list[str]) -> None:
        self.presses = list(presses)
        self.lock = threading.Lock()

    def kbhit(self) -> bool:
        with self.lock:
            return bool(self.presses)

    def getwch(self) -> str:
        with self.lock:
            return self.presses.pop(0)


class Collected:
    def __init__(self) -> None:
        self.items: queue.Queue[tuple[str, Any]] = queue.Queue()

    def put(self, item: tuple[str, Any]) -> None:
        self.items.put(item)

    def take(self, count: int) -> list[tuple[str, Any]]:
        return [self.items.get(timeout=5) for _ in range(count)]


def test_the_key_reader_on_windows_reads_the_console_and_leaves_the_terminal_mode(
    windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = FakeConsole(["\xe0", "M", " ", "q", "\x00", "K"])
    monkeypatch.setitem(sys.modules, "msvcrt", console)
    monkeypatch.setattr(keys, "POLL_S", 0.001)
    import termios

    def no_termios(*args: Any) -> None:
        raise AssertionError("termios is not used on Windows")

    monkeypatch.setattr(termios, "tcgetattr", no_termios)
    monkeypatch.setattr(termios, "tcsetattr", no_termios)
    leader, follower = os.openpty()  # a terminal, so that the reader starts at all
    try:
        events = Collected()
        with keys.KeyReader(events, SimpleNamespace(fileno=lambda: follower)) as keys_in:
            assert keys_in.active
            got = events.take(4)
        assert got == [("key", "right"), ("key", "space"), ("key", "q"), ("key", "left")]
        assert not keys_in.active
    finally:
        os.close(leader)
        os.close(follower)


# --- the lock ---------------------------------------------------------------------------


class Kernel32:
    """OpenProcess / GetExitCodeProcess / CloseHandle over a table of running processes."""

    def __init__(self, running: set[int], denied: set[int] | None = None) -> None:
        self.running = running
        self.denied = denied or set()
        self.error = 0
        self.closed: list[int] = []

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == 0x1000 and inherit is False
        if pid in self.denied:
            self.error = 5
            return 0
        self.error = 87  # invalid parameter: no such process
        return pid + 1000 if pid in self.running or pid == 7 else 0

    def GetLastError(self) -> int:
        return self.error

    def GetExitCodeProcess(self, handle: int, code: Any) -> bool:
        code._obj.value = 259 if handle - 1000 in self.running else 0
        return True

    def CloseHandle(self, handle: int) -> None:
        self.closed.append(handle)


def test_whether_the_lock_holder_runs_is_asked_of_windows_not_os_kill(
    windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_kill(*args: Any) -> None:
        raise AssertionError("os.kill would end the process on Windows")

    monkeypatch.setattr(os, "kill", no_kill)
    kernel32 = Kernel32(running={4242}, denied={99})
    assert processes.alive(4242, kernel32)
    assert not processes.alive(7, kernel32)  # opened, but exited
    assert not processes.alive(5555, kernel32)  # no such process
    assert processes.alive(99, kernel32)  # another user's: there
    assert not processes.alive(0, kernel32)
    assert kernel32.closed == [5242, 1007]  # every handle opened is closed


def test_the_session_lock_works_without_pwrite(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The note of who holds the lock is written with calls Windows has. (filelock's own
    Windows lock, LockFileEx through msvcrt, is not run here: only on Windows.)"""
    from coach.files.session_lock import SessionLocked, holder, session_lock

    monkeypatch.delattr(os, "pwrite", raising=False)
    paths = Paths(tmp_path, tmp_path / "data")
    with session_lock(paths):
        assert holder(paths.lock_file) == os.getpid()
        with pytest.raises(SessionLocked, match=rf"process {os.getpid()}"), session_lock(paths):
            pass
    with session_lock(paths):  # released: taken again
        pass


# --- the durable write's rename ----------------------------------------------------------


class Refusing:
    """Path.replace that refuses `times` times as Windows does while a scanner has the file."""

    def __init__(self, times: int, winerror: int | None = 32) -> None:
        self.times = times
        self.winerror = winerror
        self.calls = 0
        self.real = Path.replace

    @property
    def method(self) -> Any:
        def replace(source: Path, target: Path) -> Path:
            return self(source, target)

        return replace

    def __call__(self, source: Path, target: Path) -> Path:
        self.calls += 1
        if self.calls <= self.times:
            exc = PermissionError(13, "Access is denied")
            if self.winerror is not None:
                exc.winerror = self.winerror  # type: ignore[attr-defined]
            raise exc
        return self.real(source, target)


def test_a_passing_refusal_on_windows_is_retried_and_the_write_lands(
    windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    waits: list[float] = []
    monkeypatch.setattr("coach.system.replace.time.sleep", waits.append)
    refusing = Refusing(times=3)
    monkeypatch.setattr(Path, "replace", refusing.method)
    target = tmp_path / "session.toml"
    durable.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert waits == [0.05, 0.1, 0.2]
    assert [p.name for p in tmp_path.iterdir()] == ["session.toml"]  # no temp file left


@pytest.mark.parametrize("winerror", [5, 32, 33, None])
def test_a_refusal_that_lasts_is_a_clear_error_and_the_old_file_stays(
    windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, winerror: int | None
) -> None:
    target = tmp_path / "session.toml"
    target.write_bytes(b"old")
    waits: list[float] = []
    monkeypatch.setattr("coach.system.replace.time.sleep", waits.append)
    refusing = Refusing(times=100, winerror=winerror)
    monkeypatch.setattr(Path, "replace", refusing.method)
    with pytest.raises(CoachError) as caught:
        durable.atomic_write_bytes(target, b"new")
    assert refusing.calls == len(replace.RETRY_WAITS) + 1  # bounded
    assert sum(waits) == pytest.approx(1.55)
    assert str(caught.value).startswith(f"{target}: cannot be written (Access is denied)")
    assert "virus scanner" in (caught.value.hint or "")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["session.toml"]


def test_other_refusals_are_not_retried(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Linux: a PermissionError is real. Windows: another WinError (a full disk) too."""
    waits: list[float] = []
    monkeypatch.setattr("coach.system.replace.time.sleep", waits.append)
    monkeypatch.setattr(Path, "replace", Refusing(times=1).method)
    with pytest.raises(CoachError) as caught:
        durable.atomic_write_bytes(tmp_path / "a.toml", b"x")
    assert waits == [] and caught.value.hint is None
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(Path, "replace", Refusing(times=1, winerror=112).method)
    with pytest.raises(CoachError):
        durable.atomic_write_bytes(tmp_path / "b.toml", b"x")
    assert waits == []


def test_windows_does_not_sync_folders(windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_open(*args: Any, **kwargs: Any) -> int:
        raise AssertionError("Windows can't open a folder")

    monkeypatch.setattr(os, "open", no_open)
    durable._fsync_dir(Path())


# --- voice -------------------------------------------------------------------------------

WINDOWS_VOICES = "en-US\tMicrosoft David Desktop\nnl-BE\tBart\nnl-NL\tMicrosoft Frank Desktop\n"


def listing(stdout: str, calls: list[list[str]] | None = None) -> Any:
    def run(argv: list[str], **kwargs: Any) -> Any:
        if calls is not None:
            calls.append(argv)
        return SimpleNamespace(stdout=stdout, returncode=0)

    return run


def test_windows_speaks_dutch_with_a_dutch_voice(windows: None) -> None:
    calls: list[list[str]] = []
    which = {"powershell": r"C:\ps.exe"}.get
    engine = speech.find_speech("nl", which=which, run=listing(WINDOWS_VOICES, calls))
    assert isinstance(engine, speech.PowerShellSpeech)
    assert engine.voice_name == "Microsoft Frank Desktop" and not engine.missing_voice
    assert "GetInstalledVoices" in decoded(calls[0])
    script = decoded(engine.argv())
    assert "SelectVoice('Microsoft Frank Desktop')" in script
    assert "SpeakAsyncCancelAll()" in script and "ReadLine()" in script
    english = speech.find_speech("en", which=which, run=listing(WINDOWS_VOICES))
    assert english is not None and "SelectVoice('Microsoft David Desktop')" in decoded(
        english.argv("")
    )


def test_windows_without_a_dutch_voice_uses_the_default_and_says_so(windows: None) -> None:
    which = {"powershell": r"C:\ps.exe"}.get
    engine = speech.find_speech("nl", which=which, run=listing("en-US\tMicrosoft Zira\n"))
    assert isinstance(engine, speech.PowerShellSpeech) and engine.missing_voice
    assert "SelectVoice" not in decoded(engine.argv())

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no PowerShell")

    unknown = speech.find_speech("nl", which=which, run=broken)
    assert unknown is not None and not unknown.missing_voice  # not known to be missing

    def failing(*args: Any, **kwargs: Any) -> Any:
        return SimpleNamespace(stdout="", returncode=1)

    failed = speech.find_speech("nl", which=which, run=failing)
    assert failed is not None and not failed.missing_voice
    assert speech.find_speech("nl", which=lambda name: None, run=broken) is None
    # PowerShell 7 has no System.Speech: only Windows PowerShell speaks
    assert speech.find_speech("nl", which={"pwsh": "C:/pwsh.exe"}.get, run=broken) is None


def test_a_voice_name_cannot_become_code(windows: None) -> None:
    engine = speech.PowerShellSpeech("PowerShell", ("ps",), False, "Ann'); Remove-Item x; ('")
    strings = quoted_strings(decoded(engine.argv()))
    assert "Ann'); Remove-Item x; ('" in strings


class FakeProcess:
    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        self.argv = argv
        self.kwargs = kwargs
        self.lines: list[bytes] = []
        self.closed = False
        self.stdin = self
        self.broken = False

    def write(self, data: bytes) -> None:
        if self.broken:
            raise BrokenPipeError
        self.lines.append(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def test_the_windows_voice_is_one_process_fed_a_line_per_cue(windows: None) -> None:
    started: list[FakeProcess] = []

    def popen(argv: list[str], **kwargs: Any) -> FakeProcess:
        started.append(FakeProcess(argv, **kwargs))
        return started[-1]

    engine = speech.PowerShellSpeech("PowerShell", ("ps",), False, None)
    voice = engine.voice(popen)
    voice.say("Links, herhaling 1.\nArm en been uit")
    voice.say("Wissel van kant – één")
    assert len(started) == 1  # one process for the session
    process = started[0]
    assert process.kwargs["stdin"] is subprocess.PIPE
    said = [base64.b64decode(line).decode("utf-8") for line in process.lines]
    assert said == ["Links, herhaling 1. Arm en been uit", "Wissel van kant – één"]
    assert all(line.endswith(b"\n") and line.count(b"\n") == 1 for line in process.lines)
    voice.close()
    assert process.closed  # it finishes the last words and ends; nobody waits
    voice.say("nothing more")
    assert len(process.lines) == 2


def test_the_windows_voice_stops_quietly_when_powershell_ends() -> None:
    process = FakeProcess([])
    voice = speech.PowerShellSpeech("PowerShell", ("ps",)).voice(lambda *a, **k: process)
    process.broken = True
    voice.say("one")  # no exception: the bell goes on
    process.broken = False
    voice.say("two")
    assert process.lines == []

    def cannot_start(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError("ps")

    speech.PowerShellSpeech("PowerShell", ("ps",)).voice(cannot_start).say("three")


MAC_VOICES = """Albert              en_US    # Hello! My name is Albert.
Ellen               nl_BE    # Hallo! Mijn naam is Ellen.
Good News           en_US    # Hello! My name is Good News.
Xander              nl_NL    # Hallo! Mijn naam is Xander.
"""


def test_say_on_a_mac_picks_a_dutch_voice_for_dutch(mac: None) -> None:
    calls: list[list[str]] = []
    which = {"say": "/usr/bin/say"}.get
    engine = speech.find_speech("nl", which=which, run=listing(MAC_VOICES, calls))
    # Dutch from the Netherlands first, though the Flemish voice comes first in the list
    assert engine is not None and engine.argv("hoi") == [
        "/usr/bin/say",
        "-v",
        "Xander",
        "--",
        "hoi",
    ]
    flemish = speech.find_speech(
        "nl", which=which, run=listing(MAC_VOICES.replace("nl_NL", "de_DE"))
    )
    assert flemish is not None and flemish.argv("x")[:3] == ["/usr/bin/say", "-v", "Ellen"]
    named = "Goede Morgen        nl_NL    # Hallo!\n"
    spaced = speech.find_speech("nl", which=which, run=listing(named))
    assert spaced is not None and spaced.argv("x")[:3] == ["/usr/bin/say", "-v", "Goede Morgen"]
    assert calls == [["/usr/bin/say", "-v", "?"]]
    english = speech.find_speech("en", which=which, run=listing(MAC_VOICES, calls))
    assert english is not None and english.argv("hi") == ["/usr/bin/say", "--", "hi"]
    assert len(calls) == 1  # English keeps the system's voice: no novelty voice by accident
    none = speech.find_speech("nl", which=which, run=listing(MAC_VOICES.splitlines()[0]))
    assert none is not None and none.missing_voice and none.argv("x") == ["/usr/bin/say", "--", "x"]


def test_a_missing_voice_is_said_once_in_the_persons_language(
    windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.i18n import speaking
    from coach.live import cues

    engine = speech.PowerShellSpeech("PowerShell", ("ps",), True, None)
    monkeypatch.setattr(cues, "find_speech", lambda lang: engine)
    made = speech.Voice(engine)
    monkeypatch.setattr(speech.PowerShellSpeech, "voice", lambda self, popen=None: made)
    warnings: list[str] = []
    with speaking("nl"):
        assert cues.voice_or_warning(warnings.append) is made
    assert len(warnings) == 1 and "Nederlandse stem" in warnings[0]


# --- notifications -----------------------------------------------------------------------

NASTY = "Tijd voor je oefeningen \"nu\" 'echt' & <b>\n$(rm -rf ~)"


def test_notifications_choose_the_systems_program(monkeypatch: pytest.MonkeyPatch) -> None:
    found = {"notify-send": "/usr/bin/notify-send", "osascript": "/usr/bin/osascript"}
    monkeypatch.setattr(sys, "platform", "linux")
    assert notify.notifier(found.get) == notify.Notifier("notify-send", "/usr/bin/notify-send")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert notify.notifier(found.get) == notify.Notifier("osascript", "/usr/bin/osascript")
    monkeypatch.setattr(sys, "platform", "win32")
    assert notify.notifier({"powershell": "C:/ps.exe"}.get) == notify.Notifier("toast", "C:/ps.exe")
    assert notify.notifier(found.get) is None


def test_notify_send_takes_the_message_after_the_options() -> None:
    argv = notify.Notifier("notify-send", "ns").argv("coach", "--help " + NASTY)
    assert argv[:4] == ["ns", "--app-name=coach", "--", "coach"]
    assert argv[4].startswith("--help Tijd") and "\n" not in argv[4]


def test_osascript_gets_the_message_as_an_argument_not_as_script() -> None:
    argv = notify.Notifier("osascript", "osa").argv("coach", NASTY)
    script = " ".join(argv[1:7])
    assert "Tijd" not in script and "rm -rf" not in script
    assert argv[1::2][:3] == ["-e", "-e", "-e"]
    assert argv[7:] == ["coach", " ".join(NASTY.split())]


def test_the_windows_toast_escapes_the_message() -> None:
    argv = notify.Notifier("toast", "ps").argv("coach", NASTY)
    script = decoded(argv)
    xml = next(s for s in quoted_strings(script) if s.startswith("<toast>"))
    texts = [t.text for t in ET.fromstring(xml).iter("text")]
    assert texts == ["coach", " ".join(NASTY.split())]
    assert notify.POWERSHELL_APP_ID in quoted_strings(script)


def test_notify_starts_the_program_without_waiting_and_survives_its_absence() -> None:
    started: list[FakeProcess] = []

    def popen(argv: list[str], **kwargs: Any) -> FakeProcess:
        started.append(FakeProcess(argv, **kwargs))
        return started[-1]

    assert notify.notify(notify.Notifier("notify-send", "ns"), "coach", "hi", popen)
    assert [p.argv for p in started] == [["ns", "--app-name=coach", "--", "coach", "hi"]]
    assert started[0].kwargs["stdin"] is subprocess.DEVNULL

    def missing(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError("ns")

    assert not notify.notify(notify.Notifier("notify-send", "ns"), "coach", "hi", missing)


# --- where the files are -----------------------------------------------------------------


def test_where_coach_keeps_things_on_each_system(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs.windows

    monkeypatch.delenv("COACH_HOME")
    monkeypatch.setenv("HOME", "/home/an")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert get_paths().data_dir == Path("/home/an/.local/share/coach")
    monkeypatch.setattr(sys, "platform", "darwin")
    mac_paths = get_paths()
    assert mac_paths.data_dir == Path("/home/an/Library/Application Support/coach")
    assert mac_paths.cache_dir == Path("/home/an/Library/Caches/coach")
    monkeypatch.setattr(sys, "platform", "win32")
    # The fake of Windows' shell folders: platformdirs' reading of the environment.
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\An\AppData\Local")
    win = get_paths()
    assert PureWindowsPath(win.data_dir) == PureWindowsPath(r"C:\Users\An\AppData\Local\coach")
    assert win.config_dir == win.data_dir


# --- the rest of what checks the platform ----------------------------------------------


def test_no_job_control_or_signal_masks_on_windows(
    windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    from coach.live import session_clock

    def not_there(*args: Any) -> None:
        raise AssertionError("Windows has no SIGTSTP or pthread_sigmask")

    monkeypatch.setattr(os, "kill", not_there)
    monkeypatch.setattr(signal, "pthread_sigmask", not_there)
    session_clock.stop_process()
    with session_clock._signals_held():
        pass


def test_the_temp_folder_is_the_users_own_on_windows(
    windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from coach.files import unsaved_checks

    monkeypatch.delattr(os, "getuid")  # Windows has no user ids
    assert unsaved_checks._ours(tmp_path)


def test_the_reminder_waits_for_its_notification_to_be_handed_over() -> None:
    """`coach remind` ends right after: a job's end would stop a notifier still starting."""
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def run(code: int) -> Any:
        def fake(argv: list[str], **kwargs: Any) -> Any:
            calls.append((argv, kwargs))
            return SimpleNamespace(returncode=code)

        return fake

    found = notify.Notifier("osascript", "osa")
    assert notify.notify_and_wait(found, "coach", "Tijd", run(0))
    assert calls[0][0][-2:] == ["coach", "Tijd"]
    assert calls[0][1]["timeout"] == notify.NOTIFY_TIMEOUT_S
    assert not notify.notify_and_wait(found, "coach", "Tijd", run(1))

    def slow(*args: Any, **kwargs: Any) -> Any:
        raise subprocess.TimeoutExpired("osa", notify.NOTIFY_TIMEOUT_S)

    assert not notify.notify_and_wait(found, "coach", "Tijd", slow)
