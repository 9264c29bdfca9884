"""The session view, rendered into a recording console at fixed sizes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from coach.domain.engine import Engine
from coach.domain.timeline import PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import get_paths
from coach.i18n import set_language
from coach.live.screen import Screen, render


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    lib = load_library(get_paths())
    bird, bridge = lib.exercises["bird-dog"], lib.exercises["single-leg-bridge"]
    return compile_timeline(
        [PlannedExercise(bird, bird.dosage), PlannedExercise(bridge, bridge.dosage)],
        get_ready_s=5,  # the layouts, not the time to get down
    )


def screen_at(
    timeline: Timeline, t: float, *, paused: bool = False, overlay: str | None = None
) -> Screen:
    engine = Engine(timeline, 0.0)
    engine.tick(t)
    return Screen(
        timeline,
        engine.phase,
        engine.seconds_left(t),
        engine.progress(t),
        engine.elapsed(t),
        paused=paused,
        overlay=overlay,
    )


def text(screen: Screen, width: int, height: int, color: bool = False) -> str:
    console = Console(
        record=True,
        width=width,
        height=height,
        force_terminal=color,
        color_system="truecolor" if color else None,
        file=io.StringIO(),
    )
    console.print(render(screen, width, height))
    return console.export_text()


def test_full_view_shows_everything(timeline: Timeline) -> None:
    shown = text(screen_at(timeline, 7.5), 80, 24)  # the first hold: 5 get ready + 2 move
    for part in (
        "Bird-dog",
        "level 3: Opposite arm and leg",
        "HOLD".replace("", " ").strip(),
        "set 1/3",
        "rep 1/10",
        "LEFT",
        "Next: back to the start 2 s",
        "space pause",
        "q stop",
        "0:07 /",
    ):
        assert part in shown, part
    assert "████" in shown  # big digits
    assert len(shown.splitlines()) <= 24


def test_get_ready_shows_the_starting_position(timeline: Timeline) -> None:
    shown = text(screen_at(timeline, 1.0), 80, 24)
    assert "G E T   R E A D Y" in shown
    assert "Kneel on all fours" in shown


def test_rest_between_exercises_says_what_is_next(timeline: Timeline) -> None:
    rest = next(p for p in timeline.phases if p.kind.value == "rest" and p.set_no == 0)
    shown = text(screen_at(timeline, rest.start + 1), 80, 24)
    assert "R E S T" in shown and "Next: Single-leg bridge (3 × 10 per side, hold 3 s)" in shown


def test_compact_and_tiny_layouts(timeline: Timeline) -> None:
    compact = text(screen_at(timeline, 7.5), 40, 12)
    assert "████" not in compact and "3 s" in compact and "rep 1/10" in compact
    tiny = text(screen_at(timeline, 7.5), 30, 5)
    assert tiny.startswith("HOLD 3")


def test_paused_reads_without_colour(timeline: Timeline) -> None:
    shown = text(screen_at(timeline, 7.5, paused=True), 80, 24)
    assert "P A U S E D" in shown


def test_colour_by_phase(timeline: Timeline) -> None:
    hold = Console(
        record=True,
        width=80,
        force_terminal=True,
        color_system="standard",
        file=io.StringIO(),
    )
    hold.print(render(screen_at(timeline, 7.5), 80, 24))
    move = Console(
        record=True,
        width=80,
        force_terminal=True,
        color_system="standard",
        file=io.StringIO(),
    )
    move.print(render(screen_at(timeline, 5.5), 80, 24))
    assert "\x1b[1;30;43m" in hold.export_text(styles=True)  # black on yellow
    assert "\x1b[1;30;46m" in move.export_text(styles=True)  # black on cyan


def test_overlays(timeline: Timeline) -> None:
    assert "do the current rep again" in text(screen_at(timeline, 7.5, overlay="help"), 80, 24)
    confirm = text(screen_at(timeline, 7.5, overlay="confirm", paused=True), 80, 24)
    assert "Stop the session?" in confirm and "stop and keep what you did" in confirm


def test_file_text_is_literal_in_the_view(timeline: Timeline) -> None:
    import dataclasses

    from coach.domain.model import LocalText

    plan = timeline.plan[0]
    odd = dataclasses.replace(plan.exercise, name=LocalText.same("[red]Bird[/red]"))
    t = compile_timeline([PlannedExercise(odd, plan.dosage)])
    assert "[red]Bird[/red]" in text(screen_at(t, 7.5), 80, 24, color=True)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("width", "height"), [(60, 15), (50, 14), (80, 24), (100, 30)])
def test_the_view_fits_the_terminal_with_its_key_bar(
    timeline: Timeline, lang: str, width: int, height: int
) -> None:
    """Every line fits, the frame closes, and the key bar is one line that names p."""
    set_language(lang)
    try:
        shown = text(screen_at(timeline, 7.5), width, height).rstrip("\n").split("\n")
    finally:
        set_language("en")
    assert len(shown) <= height
    assert shown[-1].startswith("╰")
    bar = shown[-2]
    assert "p " in bar and "h " in bar and all(len(line) <= width for line in shown)


def test_the_key_bar_says_how_to_go_on_when_paused() -> None:
    from coach.live.screen import legend

    assert "space pause" in legend(80).plain
    assert "space go on" in legend(80, paused=True).plain


@pytest.mark.parametrize(("width", "height", "rows"), [(60, 15, 5), (80, 24, 15), (120, 40, 15)])
def test_big_digits_use_the_height_the_terminal_offers(
    timeline: Timeline, width: int, height: int, rows: int
) -> None:
    shown = text(screen_at(timeline, 7.5), width, height).rstrip("\n").split("\n")
    assert len(shown) <= height and shown[-1].startswith("╰")  # nothing cut
    digit_rows = [line for line in shown if "██" in line and "░" not in line]
    assert len(digit_rows) == rows
