"""`coach remind`: the operating system's job that is written, and the reminder it shows.

The jobs are checked as the systems would read them: the systemd calendar expression by
`systemd-analyze calendar` (where it is installed), the launchd agent with plistlib, the
Task Scheduler definition as XML. `systemctl`, `launchctl` and `schtasks` are faked: a
fake records the commands and keeps the job's on/off state.
"""

from __future__ import annotations

import dataclasses
import plistlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coach.domain.session_record import Status
from coach.files import reminder
from coach.files.paths import get_paths
from coach.files.session_store import Store
from coach.i18n import set_language
from coach.system import notify, reminder_jobs
from tests.conftest import Run
from tests.test_thresholds import a_record, hundred_done

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


class FakeSystem:
    """systemctl / launchctl / schtasks: records every command, keeps the job on or off."""

    def __init__(self, fail: str | None = None) -> None:
        self.commands: list[list[str]] = []
        self.on = False
        self.fail = fail

    def __call__(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.commands.append(command)
        words = set(command)
        if self.fail and self.fail in words:
            return subprocess.CompletedProcess(command, 1, "", "Failed to connect to bus\n")
        if words & {"enable", "bootstrap", "/Create"}:
            self.on = True
        elif words & {"disable", "bootout", "/Delete"}:
            self.on = False
        elif words & {"is-enabled", "print", "/Query"}:
            return subprocess.CompletedProcess(command, 0 if self.on else 1, "", "")
        return subprocess.CompletedProcess(command, 0, "", "")


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeSystem:
    fake = FakeSystem()
    monkeypatch.setattr(reminder, "RUN", fake)
    monkeypatch.setattr(reminder, "WHICH", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / ".config"))
    return fake


def units(tmp_path: Path) -> Path:
    return tmp_path / "user" / ".config" / "systemd" / "user"


def on_calendar(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("OnCalendar="))[11:]


# --- what is generated ---------------------------------------------------------------


def test_the_dry_run_prints_a_timer_on_the_programmes_days(
    run: Run, system: FakeSystem, tmp_path: Path
) -> None:
    result = run("remind", "install", "--at", "18:30", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"# {units(tmp_path) / 'coach-remind.timer'}" in result.output
    assert on_calendar(result.output) == "Mon,Wed,Fri *-*-* 18:30:00"  # the built-in: 3 a week
    assert "Persistent=true" in result.output
    assert "$ systemctl --user enable --now coach-remind.timer" in result.output
    assert system.commands == [] and not units(tmp_path).exists()  # nothing written or run
    assert not (get_paths().config_dir / "reminder.toml").exists()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
@pytest.mark.parametrize(
    ("days", "at"),
    [(("mon", "wed", "fri"), time(18)), (("tue", "sun"), time(7, 5)), (("sat",), time(21, 59))],
)
def test_systemd_accepts_the_calendar_expression(days: tuple[str, ...], at: time) -> None:
    expression = reminder_jobs.on_calendar(days, at)
    checked = subprocess.run(
        ["systemd-analyze", "calendar", expression], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert f"Normalized form: {expression}" in checked.stdout


def test_the_service_runs_this_python_in_the_persons_language_and_home() -> None:
    service, timer = reminder_jobs.systemd_units(
        ("tue",),
        time(9),
        ["/opt/my python/bin/python", "-m", "coach", "remind"],
        {"COACH_HOME": "/a b"},
    )
    text = service.decode()
    assert 'ExecStart="/opt/my python/bin/python" -m coach remind' in text
    assert 'Environment="COACH_HOME=/a b"' in text
    assert on_calendar(timer.decode()) == "Tue *-*-* 09:00:00"
    assert reminder_jobs._systemd_quote("100%") == '"100%%"'


def test_the_launchd_agent_has_a_calendar_interval_per_day(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    job = reminder_jobs.job(("mon", "sun"), time(18, 15), "nl", tmp_path, {}, home=tmp_path)
    [(path, data)] = job.files.items()
    assert path == tmp_path / "Library" / "LaunchAgents" / "nl.coach.remind.plist"
    agent = plistlib.loads(data)
    assert agent["Label"] == "nl.coach.remind"
    assert agent["ProgramArguments"][1:] == ["-m", "coach", "--lang", "nl", "remind"]
    assert agent["StartCalendarInterval"] == [
        {"Weekday": 1, "Hour": 18, "Minute": 15},
        {"Weekday": 0, "Hour": 18, "Minute": 15},  # launchd: Sunday is 0
    ]
    assert job.enable[0][:2] == ["launchctl", "bootstrap"] and job.enable[0][3] == str(path)


def test_the_windows_task_is_a_weekly_calendar_trigger(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", r"C:\Users\An\coach venv\Scripts\python.exe")
    job = reminder_jobs.job(("tue", "thu"), time(19, 0), "nl", tmp_path, {}, home=tmp_path)
    [(path, data)] = job.files.items()
    assert path == tmp_path / "coach-remind.xml" and data[:2] == b"\xff\xfe"  # UTF-16, BOM
    task = ET.fromstring(data.decode("utf-16").split("\n", 1)[1])
    trigger = task.find(f"{TASK}Triggers/{TASK}CalendarTrigger")
    assert trigger is not None
    assert trigger.findtext(f"{TASK}StartBoundary", "").endswith("T19:00:00")
    days = trigger.find(f"{TASK}ScheduleByWeek/{TASK}DaysOfWeek")
    assert days is not None and [d.tag.removeprefix(TASK) for d in days] == ["Tuesday", "Thursday"]
    assert task.findtext(f"{TASK}Settings/{TASK}StartWhenAvailable") == "true"
    exec_ = task.find(f"{TASK}Actions/{TASK}Exec")
    assert exec_ is not None
    assert exec_.findtext(f"{TASK}Command") == r"C:\Users\An\coach venv\Scripts\python.exe"
    assert exec_.findtext(f"{TASK}Arguments") == "-m coach --lang nl remind"
    assert job.enable == [["schtasks", "/Create", "/TN", "coach-remind", "/XML", str(path), "/F"]]
    assert job.disable == [["schtasks", "/Delete", "/TN", "coach-remind", "/F"]]


def test_windows_runs_the_windowless_python_when_it_is_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    (tmp_path / "python.exe").touch()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    assert reminder_jobs.coach_argv("en")[0] == str(tmp_path / "python.exe")
    (tmp_path / "pythonw.exe").touch()  # no console window flashes up at 18:00
    assert reminder_jobs.coach_argv("en") == [
        str(tmp_path / "pythonw.exe"),
        "-m",
        "coach",
        "--lang",
        "en",
        "remind",
    ]


@pytest.mark.parametrize(
    ("platform", "file", "command"),
    [
        ("darwin", "nl.coach.remind.plist", "$ launchctl bootstrap gui/"),
        ("win32", "coach-remind.xml", "$ schtasks /Create /TN coach-remind /XML "),
    ],
)
def test_the_dry_run_on_a_mac_and_on_windows(
    run: Run,
    system: FakeSystem,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    file: str,
    command: str,
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    result = run("remind", "install", "--at", "18:00", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"{file}\n" in result.output and command in result.output
    assert ("<DaysOfWeek><Monday /><Wednesday /><Friday /></DaysOfWeek>" in result.output) == (
        platform == "win32"
    )
    assert system.commands == []


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_install_and_remove_on_a_mac_and_on_windows(
    run: Run, system: FakeSystem, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert run("remind", "install", "--at", "18:00").exit_code == 0
    [path] = reminder.load(get_paths()).files  # type: ignore[union-attr]
    assert path.exists() and system.on
    kind = {"darwin": "a launchd agent", "win32": "a Windows Task Scheduler task"}[platform]
    assert f"({kind})" in run("remind", "status").output
    assert run("remind", "remove").exit_code == 0
    assert not path.exists() and not system.on


# --- install, status, remove ---------------------------------------------------------


def test_install_status_and_remove_round_trip(run: Run, system: FakeSystem, tmp_path: Path) -> None:
    result = run("remind", "install", "--at", "18:00")
    assert result.exit_code == 0, result.output
    assert "Reminder installed: Monday, Wednesday and Friday at 18:00." in result.output
    written = sorted(p.name for p in units(tmp_path).iterdir())
    assert written == ["coach-remind.service", "coach-remind.timer"]
    assert system.commands[-1] == ["systemctl", "--user", "enable", "--now", "coach-remind.timer"]
    status = run("remind", "status")
    assert (
        "Reminder: Monday, Wednesday and Friday at 18:00 (a systemd user timer)." in status.output
    )
    assert "The next one comes on" in status.output

    again = run("remind", "install")  # the time is kept; the same files, not two jobs
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in units(tmp_path).iterdir()) == written
    assert "at 18:00" in again.output

    removed = run("remind", "remove")
    assert removed.exit_code == 0, removed.output
    assert list(units(tmp_path).iterdir()) == []
    assert not (get_paths().config_dir / "reminder.toml").exists()
    assert ["systemctl", "--user", "disable", "--now", "coach-remind.timer"] in system.commands
    assert not system.on
    assert "No reminder is installed" in run("remind", "status").output
    assert "No reminder is installed." in run("remind", "remove").output


def test_remove_leaves_a_file_the_person_changed(
    run: Run, system: FakeSystem, tmp_path: Path
) -> None:
    assert run("remind", "install", "--at", "08:00").exit_code == 0
    timer = units(tmp_path) / "coach-remind.timer"
    timer.write_text(timer.read_text() + "# mine\n")
    result = run("remind", "remove")
    assert result.exit_code == 0
    assert timer.exists() and not (units(tmp_path) / "coach-remind.service").exists()
    assert "changed since coach wrote it, so it is left as it is" in result.output


def test_a_job_that_cannot_be_switched_on_is_said(
    run: Run, system: FakeSystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system.fail = "daemon-reload"
    result = run("remind", "install", "--at", "18:00")
    assert result.exit_code == 1
    assert "could not be switched on: systemctl --user daemon-reload: Failed to connect" in (
        result.output
    )
    assert "It is not switched on" in run("remind", "status").output
    monkeypatch.setattr(reminder, "WHICH", lambda name: None)
    missing = run("remind", "install")
    assert missing.exit_code == 1 and "systemctl was not found" in missing.output


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (
            "22:00",
            "22:00: too early or too late for a reminder; choose a time between 07:00 and 22:00",
        ),
        ("06:59", "06:59: too early or too late"),
        ("7", "7: expected a time as HH:MM"),
        ("  ", "expected a time as HH:MM, e.g. 18:00"),
        ("24:00", "24:00: is not a time of day"),
        ("18:60", "18:60: is not a time of day"),
    ],
)
def test_a_time_at_night_or_not_a_time_is_refused(
    run: Run, system: FakeSystem, at: str, message: str
) -> None:
    result = run("remind", "install", "--at", at)
    assert result.exit_code == 2 and f"--at: {message}" in " ".join(result.output.split())
    assert system.commands == []


@pytest.mark.parametrize("at", ["07:00", "21:59", "18.30"])
def test_times_by_day_are_taken(run: Run, system: FakeSystem, at: str) -> None:
    assert run("remind", "install", "--at", at).exit_code == 0


def test_a_damaged_record_is_one_line_naming_the_key(run: Run, system: FakeSystem) -> None:
    (get_paths().config_dir).mkdir(parents=True, exist_ok=True)
    (get_paths().config_dir / "reminder.toml").write_text(
        'system = "systemd"\nat = "25:00"\ndays = ["mon"]\nlang = "en"\n[files]\n'
    )
    result = run("remind", "status")
    assert result.exit_code == 1
    assert 'reminder.toml: at: found "25:00", expected a time as HH:MM' in result.output
    assert "hint: Delete" in result.output and "Traceback" not in result.output
    assert run("remind", "remove").exit_code == 1  # nothing removed on a guess
    installed = run("remind", "install", "--at", "18:00")  # written anew
    assert installed.exit_code == 0, installed.output
    assert "at 18:00" in run("remind", "status").output


def test_a_record_without_days_names_the_key(run: Run, system: FakeSystem) -> None:
    (get_paths().config_dir).mkdir(parents=True, exist_ok=True)
    (get_paths().config_dir / "reminder.toml").write_text(
        'system = "systemd"\nat = "18:00"\nlang = "en"\n[files]\n'
    )
    result = run("remind", "status")
    assert result.exit_code == 1 and "reminder.toml: days: missing" in result.output


def test_windows_keeps_the_record_when_the_task_could_not_be_deleted(
    run: Run, system: FakeSystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert run("remind", "install", "--at", "18:00").exit_code == 0
    system.fail = "/Delete"
    result = run("remind", "remove")
    assert result.exit_code == 1
    assert "schtasks /Delete /TN coach-remind /F" in " ".join(result.output.split())
    assert reminder.load(get_paths()) is not None  # so remove can be tried again
    system.fail = None
    assert run("remind", "remove").exit_code == 0
    assert reminder.load(get_paths()) is None


def test_status_without_the_systems_tool_promises_nothing(
    run: Run, system: FakeSystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("remind", "install", "--at", "18:00").exit_code == 0
    monkeypatch.setattr(reminder, "WHICH", lambda name: None)
    shown = run("remind", "status").output
    assert "cannot check here whether it is switched on (systemctl was not found)" in shown
    assert "next one comes" not in shown


def test_a_new_programme_with_other_days_moves_the_reminder(
    run: Run, system: FakeSystem, tmp_path: Path
) -> None:
    assert run("remind", "install", "--at", "18:30").exit_code == 0
    plan = tmp_path / "plan.toml"
    made = run("programme", "new", "-o", str(plan), "--exercise", "bird-dog", "--days", "tue,thu")
    assert made.exit_code == 0, made.output
    used = run("programme", "use", str(plan))
    assert used.exit_code == 0, used.output
    assert "Reminder installed: Tuesday and Thursday at 18:30." in used.output
    assert "--lang en remind" in (units(tmp_path) / "coach-remind.service").read_text()
    timer = (units(tmp_path) / "coach-remind.timer").read_text()
    assert on_calendar(timer) == "Tue,Thu *-*-* 18:30:00"
    assert run("remind", "status").output.count("File:") == 2


# --- the reminder itself ---------------------------------------------------------------


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []

    def show(found: notify.Notifier, title: str, message: str, run: Any = None) -> bool:
        messages.append(message)
        return True

    monkeypatch.setattr(notify, "notifier", lambda: notify.Notifier("notify-send", "ns"))
    monkeypatch.setattr(notify, "notify_and_wait", show)
    return messages


def at(day: int, hour: int, minute: int = 0) -> Any:
    """December 2026 in Amsterdam: the 7th is a Monday, the 8th a Tuesday."""
    return time_machine.travel(datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM), tick=False)


@pytest.mark.parametrize(
    ("day", "hour", "minute", "reminded"),
    [
        (7, 18, 0, True),  # Monday, a session day
        (8, 18, 0, False),  # Tuesday: none planned
        (9, 12, 0, True),  # Wednesday
        (7, 7, 0, True),  # the first minute of the day
        (7, 6, 59, False),  # night: a missed job that runs at start-up stays silent
        (7, 21, 59, True),
        (7, 22, 0, False),
    ],
)
def test_coach_remind_notifies_on_a_due_day_and_never_at_night(
    run: Run, shown: list[str], day: int, hour: int, minute: int, reminded: bool
) -> None:
    with at(day, hour, minute):
        result = run("remind")
    assert result.exit_code == 0, result.output
    assert len(shown) == int(reminded)
    if reminded:
        assert shown[0].startswith("Time for your exercises:") and "coach start" in shown[0]


def test_no_reminder_once_todays_session_is_done(run: Run, shown: list[str]) -> None:
    with at(7, 18):
        today = date(2026, 12, 7)
        earlier = a_record([hundred_done(100)], days_ago=1, today=today)
        Store(get_paths()).save(earlier)  # Sunday's does not count for Monday
        assert run("remind").exit_code == 0
        assert len(shown) == 1
        Store(get_paths()).save(a_record([hundred_done(100)], today=today))
        result = run("remind")
    assert "Today's session is done" in result.output
    assert len(shown) == 1


def test_a_dutch_programme_makes_the_reminder_dutch(
    run: Run, system: FakeSystem, tmp_path: Path
) -> None:
    assert run("remind", "install", "--at", "18:30").exit_code == 0
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Rug"\nlang = "nl"\nsessions_per_week = 3\n[[exercises]]\nid = "walk"\n',
        encoding="utf-8",
    )
    assert run("programme", "use", str(plan)).exit_code == 0  # the same days, another language
    assert "--lang nl remind" in (units(tmp_path) / "coach-remind.service").read_text()
    set_language("en")


def test_a_session_opened_and_left_at_once_is_not_done(run: Run, shown: list[str]) -> None:
    with at(7, 18):
        nothing = dataclasses.replace(hundred_done(0), done=[])  # no set, no answer
        opened = a_record([nothing], today=date(2026, 12, 7), status=Status.STOPPED)
        Store(get_paths()).save(opened)
        assert run("remind").exit_code == 0
    assert len(shown) == 1


def test_coach_remind_without_an_output_is_no_error(
    run: Run, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows task runs it with pythonw.exe: no console, so nothing to write to."""
    from coach.commands import remind

    def closed(*args: Any) -> None:
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(remind, "say", closed)
    with at(8, 18):
        assert run("remind").exit_code == 0
    with at(7, 18):
        assert run("remind").exit_code == 0
    assert len(shown) == 1


def test_the_reminder_speaks_the_persons_language(run: Run, shown: list[str]) -> None:
    with at(7, 18):
        result = run("--lang", "nl", "remind")
    assert result.exit_code == 0
    assert shown[0].startswith("Tijd voor je oefeningen")


def test_without_a_notifier_the_reminder_says_so(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "notifier", lambda: None)
    with at(7, 18):
        result = run("remind")
    assert result.exit_code == 1
    assert "No desktop notification could be shown" in result.output
