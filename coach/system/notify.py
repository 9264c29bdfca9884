"""Desktop notifications: notify-send (Linux), osascript (macOS), a toast (Windows).

The message never becomes code: notify-send gets it after "--"; osascript gets it as an
argument of its run handler (`item 2 of argv`), not inside the AppleScript; the toast's
XML is escaped and sent inside a single-quoted PowerShell string, base64-encoded.
Fire-and-forget: a notification never holds up what coach does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from xml.sax.saxutils import escape

from coach.system.programs import (
    NO_WINDOW,
    Popen,
    Run,
    Which,
    powershell_encoded,
    ps_quote,
    started,
)

# The app id of Windows PowerShell, which every Windows 10 and 11 has registered: a toast
# needs a registered app to come from.
POWERSHELL_APP_ID = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"
_OSASCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)


def _one_line(text: str) -> str:
    """No control character reaches a notification: a line break becomes a space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


@dataclass(frozen=True)
class Notifier:
    kind: str  # "notify-send", "osascript" or "toast"
    program: str

    def argv(self, title: str, message: str) -> list[str]:
        title, message = _one_line(title), _one_line(message)
        if self.kind == "osascript":
            script = [arg for line in _OSASCRIPT for arg in ("-e", line)]
            return [self.program, *script, title, message]
        if self.kind == "toast":
            return [self.program, *powershell_encoded(toast_script(title, message))]
        return [self.program, "--app-name=coach", "--", title, message]


def toast_xml(title: str, message: str) -> str:
    return (
        '<toast><visual><binding template="ToastGeneric">'
        f"<text>{escape(title)}</text><text>{escape(message)}</text>"
        "</binding></visual></toast>"
    )


def toast_script(title: str, message: str) -> str:
    return (
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
        "ContentType = WindowsRuntime] > $null; "
        "[Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, "
        "ContentType = WindowsRuntime] > $null; "
        "$x = New-Object Windows.Data.Xml.Dom.XmlDocument; "
        f"$x.LoadXml({ps_quote(toast_xml(title, message))}); "
        "$t = New-Object Windows.UI.Notifications.ToastNotification $x; "
        "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
        f"{ps_quote(POWERSHELL_APP_ID)}).Show($t)"
    )


def notifier(which: Which = shutil.which) -> Notifier | None:
    """The desktop notification command on this machine, or None."""
    if sys.platform == "win32":  # Windows PowerShell: PowerShell 7 (pwsh) has no WinRT types
        path = which("powershell")
        return Notifier("toast", path) if path else None
    if sys.platform == "darwin" and (path := which("osascript")):
        return Notifier("osascript", path)
    if path := which("notify-send"):
        return Notifier("notify-send", path)
    return None


NOTIFY_TIMEOUT_S = 20  # PowerShell may take seconds to start on a busy laptop


def notify_and_wait(found: Notifier, title: str, message: str, run: Run | None = None) -> bool:
    """Show the notification and wait until its program has handed it over: for `coach
    remind`, which ends right after, and whose job (a systemd service, a launchd agent)
    would end a program still starting. False when it could not be shown."""
    try:
        done = (run or subprocess.run)(
            found.argv(title, message),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=NOTIFY_TIMEOUT_S,
            check=False,
            creationflags=NO_WINDOW,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def notify(found: Notifier, title: str, message: str, popen: Popen = subprocess.Popen) -> bool:
    """Show the notification without waiting (the movement breaks, which go on running);
    False when its program could not be started."""
    return started(popen, found.argv(title, message), creationflags=NO_WINDOW) is not None
