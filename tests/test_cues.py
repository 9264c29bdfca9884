"""Cues: which events ring, which words are spoken, which engine is found; key parsing."""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.domain.engine import Engine, Event, EventKind
from coach.domain.model import Sides
from coach.domain.session_phrases import spoken
from coach.domain.timeline import PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.live.cues import BELL_GAP_S, Cues, Later, Sound
from coach.system.keys import parse_keys
from coach.system.speech import SpeechEngine, Voice, find_speech


def timeline() -> Timeline:
    bird = load_library(Paths(Path("/none"), Path("/none"))).exercises["bird-dog"]
    dosage = dataclasses.replace(bird.dosage, sets=1, reps=1, sides=Sides.ALTERNATE, hold_s=5)
    return compile_timeline([PlannedExercise(bird, dosage)])


def all_events(t: Timeline) -> list[Event]:
    engine = Engine(t, 0.0)
    events = []
    now = 0.0
    while not engine.finished:
        events += engine.tick(now)
        now += 0.25
    return events


def test_bell_at_phase_changes_and_3_2_1() -> None:
    t = timeline()
    rings: list[Event] = []
    cues = Cues(
        Sound.BELL,
        bell=lambda: rings.append(current),
        flash=lambda: None,
        later=lambda delay, ring: None,  # the first bell of each pattern
    )
    for current in all_events(t):
        cues(current)
    phases = [e for e in rings if e.kind is EventKind.PHASE]
    ticks = [(e.phase.kind.value, e.value) for e in rings if e.kind is EventKind.TICK]
    assert len(phases) == len(t.phases)
    # 3-2-1 before each 5 s hold ends; none in get ready or the 2 s moves.
    assert ticks == [
        ("hold", 3),
        ("hold", 2),
        ("hold", 1),
        ("hold", 3),
        ("hold", 2),
        ("hold", 1),
    ]


def test_quiet_and_flash() -> None:
    events = all_events(timeline())
    rings: list[int] = []
    flashes: list[int] = []
    for sound in (Sound.QUIET, Sound.FLASH):
        cues = Cues(
            sound,
            bell=lambda: rings.append(1),
            flash=lambda: flashes.append(1),
            later=Later(lambda: 0.0),
        )
        for event in events:
            cues(event)
    assert rings == [] and len(flashes) > 5


def test_voice_speaks_instead_of_ringing(tmp_path: Path) -> None:
    out = tmp_path / "said.txt"
    engine = SpeechEngine("test", ("sh", "-c", f'printf "%s\\n" "$1" >> {out}'))  # $0: "--"
    t = timeline()
    rings: list[int] = []
    voice = Voice(engine)
    cues = Cues(
        Sound.BELL,
        bell=lambda: rings.append(1),
        flash=lambda: None,
        later=Later(lambda: 0.0),
        voice=voice,
        words=lambda e: spoken(t, e),
    )
    for event in all_events(t)[:1]:  # the get-ready phase starting
        cues(event)
    assert voice._current is not None
    voice._current.wait(timeout=5)
    assert "Get ready for Bird-dog" in out.read_text()


def test_find_speech(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    found = {"espeak-ng": "/usr/bin/espeak-ng", "spd-say": "/usr/bin/spd-say"}
    engine = find_speech("nl", which=found.get)
    assert engine is not None
    assert engine.argv("hoi") == ["/usr/bin/espeak-ng", "-v", "nl", "--", "hoi"]
    engine = find_speech("en", which={"spd-say": "/bin/spd-say"}.get)
    assert engine is not None and engine.argv("hi") == ["/bin/spd-say", "-l", "en", "--", "hi"]
    assert find_speech("en", which=lambda name: None) is None
    # Windows and macOS: tests/test_other_systems.py


def test_parse_keys() -> None:
    assert parse_keys(" nq") == ["space", "n", "q"]
    assert parse_keys("\x1b[C\x1bOC") == ["right", "right"]
    assert parse_keys("\x1b") == ["esc"]
    assert parse_keys("\x1b[A?H") == ["?", "h"]  # an unknown sequence (up) is skipped
    assert parse_keys("\x1b[15~b") == ["b"]


def test_no_countdown_through_a_short_hold() -> None:
    """A 3 s hold would be 3-2-1 from its first second to its last: it gets none."""
    from coach.domain.session_phrases import counts_down
    from coach.domain.timeline import Kind, Phase

    assert not counts_down(Phase(0, Kind.HOLD, 3.0, 0.0, 0))
    assert counts_down(Phase(0, Kind.HOLD, 5.0, 0.0, 0))
    assert counts_down(Phase(0, Kind.REST, 60.0, 0.0, 0))
    assert not counts_down(Phase(0, Kind.GET_READY, 10.0, 0.0, 0))


def test_the_side_is_said_so_it_cannot_be_misheard() -> None:
    """ "left side, rep 1": the side first, as words of its own, in both languages."""
    from coach.i18n import speaking

    t = timeline()
    moves = [e for e in all_events(t) if e.kind is EventKind.PHASE and e.phase.kind.value == "move"]
    assert spoken(t, moves[0]) == "left side, rep 1. Left arm and right leg out"
    assert spoken(t, moves[1]) == "right side, rep 1. Right arm and left leg out"
    with speaking("nl"):
        assert (
            spoken(t, moves[0]) == "linkerkant, herhaling 1. Linkerarm en rechterbeen uitstrekken"
        )


def test_the_exercise_s_own_words_follow_the_phase_and_the_level() -> None:
    """Cue words come from the definition: per phase and side, and a level's own over the
    exercise's (bird-dog arm only: "left arm forward")."""
    t = timeline()
    phases = [e for e in all_events(t) if e.kind is EventKind.PHASE]
    said = {e.phase.kind.value: spoken(t, e) for e in phases[:5]}
    assert said["hold"] == "Keep your trunk still, breathe calmly"
    assert said["return"] == "Slowly back onto hands and knees"
    bird = t.plan[0].exercise
    arm_only = compile_timeline(
        [PlannedExercise(bird, dataclasses.replace(t.plan[0].dosage, level=1))]
    )
    moves = [
        e
        for e in all_events(arm_only)
        if e.kind is EventKind.PHASE and e.phase.kind.value == "move"
    ]
    assert spoken(arm_only, moves[0]) == "left side, rep 1. Left arm forward"


def test_hold_release_and_switch_sound_different() -> None:
    """1 bell when a hold starts, 2 at the release, 3 to switch sides: told apart by ear."""
    from coach.live.cues import BELL_GAP_S, rings

    t = timeline()
    heard: list[float] = []
    now = [0.0]

    def later(delay: float, ring: Callable[[], None]) -> None:  # at once, on a clock of our own
        now[0] += delay
        ring()
        now[0] -= delay

    cues = Cues(Sound.BELL, bell=lambda: heard.append(now[0]), flash=lambda: None, later=later)
    starts = {e.phase.kind.value: e for e in all_events(t) if e.kind is EventKind.PHASE}
    for kind, count in (("hold", 1), ("return", 2)):
        heard.clear()
        cues(starts[kind])
        assert len(heard) == count == rings(starts[kind])
        assert heard == [n * BELL_GAP_S for n in range(count)]  # a gap between them
    import dataclasses

    from coach.domain.timeline import Kind

    hold = starts["hold"]
    switch = dataclasses.replace(hold, phase=dataclasses.replace(hold.phase, kind=Kind.SWITCH))
    assert rings(switch) == 3


def test_later_bells_ring_on_the_session_clock_in_the_loop() -> None:
    """A pattern's later bells wait for the loop that rings them: no thread, no real time."""
    threads_before = threading.active_count()
    now = [10.0]
    later = Later(lambda: now[0], speed=4)  # a preview at 4x: 0.3 s apart is 1.2 session s
    heard: list[float] = []
    cues = Cues(Sound.BELL, bell=lambda: heard.append(now[0]), flash=lambda: None, later=later)
    cues._ring(3)
    assert heard == [10.0] and later.due() == pytest.approx(10 + BELL_GAP_S * 4)
    now[0] = 11.1
    later.ring(now[0])
    assert heard == [10.0]  # not due yet
    now[0] = 11.2
    later.ring(now[0])
    now[0] = 12.4
    later.ring(now[0])
    assert heard == [10.0, 11.2, 12.4] and later.due() is None
    assert threading.active_count() == threads_before
