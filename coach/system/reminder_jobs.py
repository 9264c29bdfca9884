"""The operating system's job that runs `coach remind` on the session days.

- Linux: a systemd user timer and its service in ~/.config/systemd/user. The timer has
  `Persistent=true`: a time missed while the laptop was off runs at the next start-up.
  Enabled with `systemctl --user` where that exists.
- macOS: a launchd agent in ~/Library/LaunchAgents with one `StartCalendarInterval` per
  day (launchd runs a missed one when the Mac wakes). Loaded with `launchctl bootstrap`.
- Windows: a Task Scheduler task, made by `schtasks /Create /XML` from a task definition
  (UTF-16, as schtasks reads it) with a weekly calendar trigger and `StartWhenAvailable`.

`job` only describes: the files and their text, and the commands that switch the job on
and off. Writing and running them is the caller's (`coach.files.reminder`), so that a
dry run shows exactly what would happen.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from xml.sax.saxutils import escape

from coach.domain.model import WEEKDAYS

NAME = "coach-remind"  # the systemd units and the Windows task
LABEL = "nl.coach.remind"  # the launchd agent
_ORDER = tuple(WEEKDAYS)  # mon .. sun: systemd says "Mon", launchd counts from Sunday (0),
# Task Scheduler names the day in English ("Monday", as WEEKDAYS holds it)


@dataclass(frozen=True)
class Job:
    system: str  # "systemd", "launchd" or "schtasks"
    files: dict[Path, bytes]
    enable: list[list[str]] = field(default_factory=list)  # after the files are written
    prepare: list[list[str]] = field(default_factory=list)  # before enable; may fail
    disable: list[list[str]] = field(default_factory=list)  # before they are removed
    forget: list[list[str]] = field(default_factory=list)  # after; may fail
    query: list[str] = field(default_factory=list)  # asks the system whether it is on
    tool: str = ""  # the program the commands need; without it they are skipped
    days: tuple[str, ...] = ()  # what it was made for: the record keeps these
    at: time = time(18, 0)
    lang: str = "en"

    @property
    def keeps_a_copy(self) -> bool:
        """Task Scheduler keeps the task it read: removing the file doesn't end it."""
        return self.system == "schtasks"


def system_name() -> str:
    if sys.platform == "win32":
        return "schtasks"
    if sys.platform == "darwin":
        return "launchd"
    return "systemd"


def on_calendar(days: tuple[str, ...], at: time) -> str:
    """systemd's calendar expression: "Mon,Wed,Fri *-*-* 18:00:00"."""
    return f"{','.join(d.title() for d in days)} *-*-* {at:%H:%M}:00"


def _systemd_quote(word: str) -> str:
    """One word of an ExecStart= line: quoted when it has a space, quote, backslash or %."""
    if word and all(c.isalnum() or c in "-_./:=@+," for c in word):
        return word
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def systemd_units(
    days: tuple[str, ...], at: time, argv: list[str], env: Mapping[str, str]
) -> tuple[bytes, bytes]:
    """The service and the timer."""
    environment = "".join(
        f"Environment={_systemd_quote(f'{key}={value}')}\n" for key, value in sorted(env.items())
    )
    service = (
        "[Unit]\n"
        "Description=coach: a reminder on a session day\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{environment}"
        f"ExecStart={' '.join(_systemd_quote(w) for w in argv)}\n"
    )
    timer = (
        "[Unit]\n"
        "Description=coach: a reminder on the session days\n\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(days, at)}\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return service.encode("utf-8"), timer.encode("utf-8")


def launchd_plist(
    days: tuple[str, ...], at: time, argv: list[str], env: Mapping[str, str]
) -> bytes:
    agent: dict[str, object] = {
        "Label": LABEL,
        "ProgramArguments": argv,
        "StartCalendarInterval": [
            {"Weekday": (_ORDER.index(d) + 1) % 7, "Hour": at.hour, "Minute": at.minute}
            for d in days
        ],
        "RunAtLoad": False,
        "ProcessType": "Background",
    }
    if env:
        agent["EnvironmentVariables"] = dict(env)
    return plistlib.dumps(agent)


def task_xml(days: tuple[str, ...], at: time, argv: list[str]) -> bytes:
    """The Task Scheduler definition (schema 1.2: Windows 7 and later), UTF-16 with BOM."""
    command, *args = argv
    arguments = subprocess.list2cmdline(args)
    weekdays = "".join(f"<{WEEKDAYS[d]} />" for d in days)
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
        "  <RegistrationInfo><Description>coach: a reminder on the session days"
        "</Description></RegistrationInfo>\n"
        "  <Triggers>\n"
        "    <CalendarTrigger>\n"
        f"      <StartBoundary>2026-01-01T{at:%H:%M}:00</StartBoundary>\n"
        "      <Enabled>true</Enabled>\n"
        "      <ScheduleByWeek>\n"
        f"        <DaysOfWeek>{weekdays}</DaysOfWeek>\n"
        "        <WeeksInterval>1</WeeksInterval>\n"
        "      </ScheduleByWeek>\n"
        "    </CalendarTrigger>\n"
        "  </Triggers>\n"
        '  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType>'
        "<RunLevel>LeastPrivilege</RunLevel></Principal></Principals>\n"
        "  <Settings>\n"
        "    <StartWhenAvailable>true</StartWhenAvailable>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
        "    <ExecutionTimeLimit>PT5M</ExecutionTimeLimit>\n"
        "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
        "  </Settings>\n"
        '  <Actions Context="Author">\n'
        "    <Exec>\n"
        f"      <Command>{escape(command)}</Command>\n"
        f"      <Arguments>{escape(arguments)}</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )
    return xml.encode("utf-16")


def coach_argv(lang: str) -> list[str]:
    """How the job runs coach: this Python, `-m coach`. On Windows pythonw.exe when it is
    there, so no console window opens on the desktop."""
    python = sys.executable
    if sys.platform == "win32":
        windowless = Path(python).with_name("pythonw.exe")
        if windowless.exists():
            python = str(windowless)
    return [python, "-m", "coach", "--lang", lang, "remind"]


def job(
    days: tuple[str, ...],
    at: time,
    lang: str,
    folder: Path,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Job:
    """The job for this system. `folder`: where coach keeps the task definition that
    Windows reads once; `env`: variables the job needs (COACH_HOME when it is set; a
    Windows task has no variables of its own and runs with the user's)."""
    argv = coach_argv(lang)
    env = dict(env or {})
    home = home or Path.home()
    system = system_name()
    if system == "launchd":
        plist = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
        domain = f"gui/{os.getuid() if hasattr(os, 'getuid') else 0}"
        return Job(
            system,
            {plist: launchd_plist(days, at, argv, env)},
            prepare=[["launchctl", "bootout", f"{domain}/{LABEL}"]],  # the one loaded before
            enable=[["launchctl", "bootstrap", domain, str(plist)]],
            disable=[["launchctl", "bootout", f"{domain}/{LABEL}"]],
            query=["launchctl", "print", f"{domain}/{LABEL}"],
            tool="launchctl",
            days=days,
            at=at,
            lang=lang,
        )
    if system == "schtasks":
        xml = folder / f"{NAME}.xml"
        return Job(
            system,
            {xml: task_xml(days, at, argv)},
            enable=[["schtasks", "/Create", "/TN", NAME, "/XML", str(xml), "/F"]],
            disable=[["schtasks", "/Delete", "/TN", NAME, "/F"]],
            query=["schtasks", "/Query", "/TN", NAME],
            tool="schtasks",
            days=days,
            at=at,
            lang=lang,
        )
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    units = config / "systemd" / "user"
    service, timer = systemd_units(days, at, argv, env)
    return Job(
        system,
        {units / f"{NAME}.service": service, units / f"{NAME}.timer": timer},
        enable=[
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", "--now", f"{NAME}.timer"],
        ],
        disable=[["systemctl", "--user", "disable", "--now", f"{NAME}.timer"]],
        forget=[["systemctl", "--user", "daemon-reload"]],
        query=["systemctl", "--user", "is-enabled", f"{NAME}.timer"],
        tool="systemctl",
        days=days,
        at=at,
        lang=lang,
    )


def shown(command: list[str]) -> str:
    """A command as a person would type it (for --dry-run and messages)."""
    if sys.platform == "win32":
        return subprocess.list2cmdline(command)
    return shlex.join(command)
