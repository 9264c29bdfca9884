"""Sound, voice and flash cues. Fire-and-forget: a cue never holds up the timer.

By default the terminal bell rings when a phase starts and counts 3-2-1 before
a hold or a rest of 5 s or more ends. `--voice` speaks the cues through an offline speech
engine found on the machine; `--quiet` is silent; `--flash` flashes the screen
instead of ringing.
"""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from coach.domain.engine import Event, EventKind
from coach.domain.session_phrases import counts_down
from coach.domain.timeline import Kind
from coach.i18n import _, language


class Sound(StrEnum):
    BELL = "bell"
    QUIET = "quiet"
    FLASH = "flash"


@dataclass(frozen=True)
class SpeechEngine:
    name: str
    command: tuple[str, ...]  # the text follows "--", as the last argument

    def argv(self, text: str) -> list[str]:
        # "--" ends the options: a cue such as "-f/etc/hostname" is words to say, not an option.
        return [*self.command, "--", text]


@dataclass(frozen=True)
class _PowerShell(SpeechEngine):
    """PowerShell reads every argument after -Command as more script, so the text goes into
    the script, as a single-quoted string (its quotes doubled), sent as -EncodedCommand:
    no quoting of the command line can turn it into code."""

    def argv(self, text: str) -> list[str]:
        quoted = re.sub("['\u2018\u2019\u201a\u201b]", lambda m: m.group() * 2, text)
        script = (
            "Add-Type -AssemblyName System.Speech; "
            f"(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak('{quoted}')"
        )
        encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
        return [*self.command, "-EncodedCommand", encoded]


def _powershell(path: str) -> SpeechEngine:
    return _PowerShell("PowerShell", (path, "-NoProfile"))


def _mac_voice(say: str, lang: str) -> tuple[str, ...]:
    """`say` with a voice for the language, when the Mac has one installed."""
    if lang == "en":
        return (say,)
    try:
        voices = subprocess.run(  # noqa: S603 -- the found `say`, fixed arguments
            [say, "-v", "?"], capture_output=True, text=True, timeout=2, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return (say,)
    for line in voices.splitlines():
        parts = line.split()
        if len(parts) >= 2 and any(p.startswith(f"{lang}_") for p in parts[1:3]):
            return (say, "-v", parts[0])
    return (say,)


def find_speech(
    lang: str, which: Callable[[str], str | None] = shutil.which, platform: str = sys.platform
) -> SpeechEngine | None:
    """The first offline speech engine on this machine, set to speak `lang`."""
    if platform == "darwin" and (say := which("say")):
        return SpeechEngine("say", _mac_voice(say, lang))
    if platform == "win32":
        for name in ("powershell", "pwsh"):
            if path := which(name):
                return _powershell(path)
        return None
    for name in ("espeak-ng", "espeak"):
        if path := which(name):
            return SpeechEngine(name, (path, "-v", lang))
    if path := which("spd-say"):
        return SpeechEngine("spd-say", (path, "-l", lang))
    return None


class Voice:
    """Speaks one cue at a time; a new cue cuts off one that is still talking."""

    def __init__(self, engine: SpeechEngine) -> None:
        self.engine = engine
        self._current: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        if self._current is not None and self._current.poll() is None:
            with contextlib.suppress(OSError):
                self._current.terminate()
        try:
            self._current = subprocess.Popen(  # noqa: S603 -- our own argv, no shell
                self.engine.argv(text),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            self._current = None

    def close(self) -> None:
        """Let the last words finish, without waiting for them."""
        self._current = None


def voice_or_warning(warn: Callable[[str], None]) -> Voice | None:
    """A voice in the session language, or a clear warning that none was found."""
    engine = find_speech(language())
    if engine is None:
        warn(
            _(
                "No speech engine found (looked for espeak-ng, espeak, spd-say, say and "
                "PowerShell). Install espeak-ng for voice cues; the bell is used instead."
            )
        )
        return None
    return Voice(engine)


BELL_GAP_S = 0.3  # between the bells of one pattern: apart enough to count them by ear


def rings(event: Event) -> int:
    """How many bells an event rings, so that they can be told apart without looking:
    a hold starts with 1, the release with 2, switch sides with 3. A rest ends with its
    3-2-1 and then the bell of what follows; everything else rings once."""
    if event.kind is not EventKind.PHASE:
        return 1
    return {Kind.HOLD: 1, Kind.RETURN: 2, Kind.SWITCH: 3}.get(event.phase.kind, 1)


class Later:
    """Bells still to ring, on the session clock, for a loop that rings them when due.

    The runner's loop wakes for them like for any change on screen, so the bells of one
    pattern need no threads, and every write to the terminal comes from one thread.
    """

    def __init__(self, now: Callable[[], float], speed: float = 1.0) -> None:
        self.now = now
        self.speed = speed  # session seconds per real second: a preview's bells keep apart
        self.waiting: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, ring: Callable[[], None]) -> None:
        self.waiting.append((self.now() + delay * self.speed, ring))
        self.waiting.sort(key=lambda item: item[0])

    def due(self) -> float | None:
        """When the next bell is due, in session seconds."""
        return self.waiting[0][0] if self.waiting else None

    def ring(self, now: float) -> None:
        while self.waiting and self.waiting[0][0] <= now:
            self.waiting.pop(0)[1]()


class Cues:
    """Turns session events into bells, flashes and spoken words."""

    def __init__(
        self,
        sound: Sound,
        bell: Callable[[], None],
        flash: Callable[[], None],
        later: Callable[[float, Callable[[], None]], None],
        voice: Voice | None = None,
        words: Callable[[Event], str | None] | None = None,
    ) -> None:
        """`later(delay, ring)` rings a pattern's next bell `delay` seconds on (`Later`)."""
        self.later = later
        self.sound = sound
        self.bell = bell
        self.flash = flash
        self.voice = voice
        self.words = words

    def __call__(self, event: Event) -> None:
        if self.voice is not None and self.words is not None:
            text = self.words(event)
            if text:
                self.voice.say(text)
                return
        if not self._signal(event):
            return
        if self.sound is Sound.BELL:
            self._ring(rings(event))
        elif self.sound is Sound.FLASH:
            self.flash()

    def _ring(self, count: int) -> None:
        """`count` bells a little apart, so they can be counted; never holding up the timer."""
        self.bell()
        for n in range(1, count):
            self.later(n * BELL_GAP_S, self.bell)

    @staticmethod
    def _signal(event: Event) -> bool:
        """Phase changes, halfway, and 3-2-1 before a hold, rest or walk ends."""
        if event.kind in (EventKind.PHASE, EventKind.HALFWAY, EventKind.SESSION_DONE):
            return True
        return event.kind is EventKind.TICK and counts_down(event.phase) and event.value <= 3
