"""The offline voice: which speech engine this system has, set to the person's language.

- Linux: espeak-ng, espeak or spd-say, one short process per cue.
- macOS: `say`, with a voice of the language when one is installed (`say -v ?` lists them).
- Windows: one PowerShell process for the whole session, speaking with System.Speech. It
  reads one cue per line on its stdin (base64 of UTF-8, so no character of a cue can
  become code or be lost to the console's code page), cancels the cue still being spoken
  and starts the next without waiting. It uses a voice of the language's culture (nl-NL
  for Dutch) when one is installed.

When no voice of the language is installed, the default voice speaks and the engine says
so (`missing_voice`), for the caller to tell the person once.
"""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from coach.system.programs import (
    NO_WINDOW,
    Popen,
    Run,
    Which,
    powershell_encoded,
    ps_quote,
    started,
)

PROBE_TIMEOUT_S = 10  # PowerShell can take seconds to start on a busy laptop

_MAC_VOICE = re.compile(r"^(.+?)\s+([a-z]{2,3}_[A-Z0-9]{2,3})\s+#")


@dataclass(frozen=True)
class SpeechEngine:
    """A speech engine found on this machine: a process per cue, the text as the last
    argument after "--"."""

    name: str
    command: tuple[str, ...]
    missing_voice: bool = False  # no voice of the language: the default voice speaks

    def argv(self, text: str) -> list[str]:
        # "--" ends the options: a cue such as "-f/etc/hostname" is words to say, not an option.
        return [*self.command, "--", text]

    def voice(self, popen: Popen = subprocess.Popen) -> Voice:
        return Voice(self, popen)


_VOICES_SCRIPT = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).GetInstalledVoices() | "
    "Where-Object { $_.Enabled } | "
    'ForEach-Object { $_.VoiceInfo.Culture.Name + "`t" + $_.VoiceInfo.Name }'
)


@dataclass(frozen=True)
class PowerShellSpeech(SpeechEngine):
    """Windows: one long-lived PowerShell process that speaks the lines it is sent."""

    voice_name: str | None = None

    def script(self) -> str:
        choose = f"$s.SelectVoice({ps_quote(self.voice_name)}); " if self.voice_name else ""
        return (
            "Add-Type -AssemblyName System.Speech; "
            "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
            f"{choose}"
            "$in = [Console]::In; "
            "while ($null -ne ($l = $in.ReadLine())) { "
            "$s.SpeakAsyncCancelAll(); "
            "if ($l.Length -gt 0) { [void]$s.SpeakAsync("
            "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($l))) } }; "
            # stdin closed: the last words are finished, then the process ends
            "while ($s.State -eq 'Speaking') { Start-Sleep -Milliseconds 100 }"
        )

    def argv(self, text: str = "") -> list[str]:
        return [*self.command, *powershell_encoded(self.script())]

    def voice(self, popen: Popen = subprocess.Popen) -> Voice:
        return LineVoice(self, popen)


def _windows_voice(powershell: str, lang: str, run: Run) -> tuple[str | None, bool]:
    """The name of an installed voice for `lang` (Dutch: nl-NL first, then nl-BE), and
    whether none was found; (None, False) when the voices could not be listed."""
    try:
        listing = run(
            [powershell, *powershell_encoded(_VOICES_SCRIPT)],
            capture_output=True,
            text=True,
            errors="replace",  # the console's code page, whatever it is
            timeout=PROBE_TIMEOUT_S,
            check=False,
            creationflags=NO_WINDOW,
        )
    except (OSError, subprocess.SubprocessError):
        return None, False
    if listing.returncode != 0:  # the voices could not be listed: not known to be missing
        return None, False
    voices = [line.split("\t", 1) for line in listing.stdout.splitlines() if "\t" in line]
    preferred = {"nl": "nl-NL", "en": "en-GB"}.get(lang)
    for culture, name in sorted(voices, key=lambda v: v[0] != preferred):
        if culture.lower().startswith(f"{lang}-"):
            return name.strip(), False
    return None, True


def _mac_voice(say: str, lang: str, run: Run) -> tuple[tuple[str, ...], bool]:
    """`say` with a voice for the language, when the Mac has one installed; English keeps
    the system's voice (the first English one in the list may be a novelty voice)."""
    if lang == "en":
        return (say,), False
    try:
        voices = run(
            [say, "-v", "?"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=PROBE_TIMEOUT_S,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return (say,), False
    # "Xander              nl_NL    # Hallo! ..."; a name may have spaces ("Good News").
    found = [m.groups() for m in map(_MAC_VOICE.match, voices.splitlines()) if m]
    preferred = {"nl": "nl_NL"}.get(lang)
    for name, locale in sorted(found, key=lambda v: v[1] != preferred):
        if locale.startswith(f"{lang}_"):
            return (say, "-v", name), False
    return (say,), True


def find_speech(
    lang: str,
    which: Which = shutil.which,
    run: Run = subprocess.run,
) -> SpeechEngine | None:
    """The first offline speech engine on this machine, set to speak `lang`."""
    if sys.platform == "darwin" and (say := which("say")):
        command, missing = _mac_voice(say, lang, run)
        return SpeechEngine("say", command, missing)
    if sys.platform == "win32":  # Windows PowerShell: PowerShell 7 (pwsh) has no System.Speech
        if path := which("powershell"):
            voice, missing = _windows_voice(path, lang, run)
            return PowerShellSpeech("PowerShell", (path,), missing, voice)
        return None
    for name in ("espeak-ng", "espeak"):
        if path := which(name):
            return SpeechEngine(name, (path, "-v", lang))
    if path := which("spd-say"):
        return SpeechEngine("spd-say", (path, "-l", lang))
    return None


class Voice:
    """Speaks one cue at a time, a process per cue; a new cue cuts off one still talking."""

    def __init__(self, engine: SpeechEngine, popen: Popen = subprocess.Popen) -> None:
        self.engine = engine
        self.popen = popen
        self._current: Any = None

    def say(self, text: str) -> None:
        if self._current is not None and self._current.poll() is None:
            with contextlib.suppress(OSError):
                self._current.terminate()
        self._current = started(self.popen, self.engine.argv(text), start_new_session=True)

    def close(self) -> None:
        """Let the last words finish, without waiting for them."""
        self._current = None


class LineVoice(Voice):
    """One process for the session, sent a line per cue (Windows' System.Speech)."""

    def __init__(self, engine: SpeechEngine, popen: Popen = subprocess.Popen) -> None:
        super().__init__(engine, popen)
        # Started now: PowerShell takes a moment, and the first cue must not wait.
        self._current = started(popen, engine.argv(""), subprocess.PIPE, creationflags=NO_WINDOW)

    def say(self, text: str) -> None:
        if self._current is None:
            return
        line = base64.b64encode(" ".join(text.split()).encode("utf-8")) + b"\n"
        try:
            self._current.stdin.write(line)
            self._current.stdin.flush()
        except (OSError, ValueError):  # the process ended: the bell stays, the voice stops
            self._current = None

    def close(self) -> None:
        """Its stdin closed: it finishes the last words, then ends; nobody waits for it."""
        if self._current is not None:
            with contextlib.suppress(OSError, ValueError):
                self._current.stdin.close()
        self._current = None
