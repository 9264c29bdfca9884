"""Sound, voice and flash cues. Fire-and-forget: a cue never holds up the timer.

By default the terminal bell rings when a phase starts and counts 3-2-1 before
a hold or a rest of 5 s or more ends. `--voice` speaks the cues through an offline speech
engine found on the machine (`coach.system.speech`); `--quiet` is silent; `--flash`
flashes the screen instead of ringing.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from coach.domain.engine import Event, EventKind
from coach.domain.session_phrases import counts_down
from coach.domain.timeline import Kind
from coach.i18n import _, language
from coach.system.speech import Voice, find_speech


class Sound(StrEnum):
    BELL = "bell"
    QUIET = "quiet"
    FLASH = "flash"


def voice_or_warning(warn: Callable[[str], None]) -> Voice | None:
    """A voice in the session language, or a clear warning that none was found; said once
    when the system has no voice of the language and its default voice speaks."""
    engine = find_speech(language())
    if engine is None:
        warn(
            _(
                "No speech engine found (looked for espeak-ng, espeak, spd-say, say and "
                "PowerShell). Install espeak-ng for voice cues; the bell is used instead."
            )
        )
        return None
    if engine.missing_voice:
        warn(
            _("No English voice is installed, so the system's default voice speaks the cues.")
            if language() == "en"
            else _("No Dutch voice is installed, so the system's default voice speaks the cues.")
        )
    return engine.voice()


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
