"""Pictures from pose data: every level of every bundled exercise is drawn and checked, on
paper and on screen."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from coach.documents.figures import FAR, NEAR, key_text, svg
from coach.domain import body, movement
from coach.domain.model import Exercise, Point, Pose, Sides
from coach.domain.plain_words import position_names
from coach.domain.timeline import Kind, PlannedExercise, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.live import figure
from coach.live.runner import Runner
from tests.conftest import Run
from tests.test_runner import FakeClock, make

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises
LEVELS = [(ex.id, lvl.number) for ex in LIB.values() for lvl in ex.levels]
MIN_TRAVEL = 5.0  # canvas units the most moving point must travel: a visible change


def pose_of(exercise_id: str, level: int) -> Pose:
    pose = LIB[exercise_id].level(level).pose
    assert pose is not None, f"{exercise_id} level {level} has no pictures of its own"
    return pose


def problems(pose: Pose) -> list[str]:
    """What is wrong with a pose's two pictures, as a physiotherapist would see it."""
    found = []
    if movement.travel(pose) < MIN_TRAVEL:
        found.append("start and end are the same picture")
    for name, points in (("start", pose.start), ("end", pose.end)):
        if pose.view == "side":
            found += [
                f"{name}: {joint} bends backwards"
                for joint in movement.bend_backwards(points, pose.front)
            ]
        for piece in body.build(points, pose).pieces:
            x0, y0, x1, y1 = piece.bounds()
            if x0 < 0 or x1 > 100 or y1 > 100 or (pose.view == "side" and y0 < -0.5):
                found.append(f"{name}: a {piece.layer} limb leaves the frame")
                break
    return found


@pytest.mark.parametrize(("exercise_id", "level"), LEVELS)
def test_every_level_is_drawn_true(exercise_id: str, level: int) -> None:
    """Every level has its own start and end, which differ; no knee or elbow bends the
    wrong way; nothing leaves the frame; mirrored for the other side, still all true."""
    pose = pose_of(exercise_id, level)
    assert problems(pose) == []
    mirror = movement.mirrored_pose(pose)
    assert problems(mirror) == []
    if key_text(pose) is not None:
        assert key_text(pose) != key_text(mirror)  # the other side's limbs do the work
    ET.fromstring(svg(pose, position_names(pose)))


def bent(points: Mapping[str, Point], **changes: tuple[float, float]) -> dict[str, Point]:
    return {**points, **{k: Point(*v) for k, v in changes.items()}}


def test_the_checks_fail_on_a_wrong_picture() -> None:
    """Each check can fail: a knee bent backwards, a leg out of the frame, no movement."""
    good = pose_of("hip-hinge", 3)
    assert problems(good) == []
    knee = good.end["knee"]
    backwards = dataclasses.replace(good, end=bent(good.end, knee=(knee.x + 14, knee.y)))
    assert "end: knee bends backwards" in problems(backwards)
    # The forearm turned the other way round the elbow: a hand behind the upper arm.
    shoulder, elbow = good.end["shoulder"], good.end["elbow"]
    ux, uy = elbow.x - shoulder.x, elbow.y - shoulder.y
    c, s = math.cos(math.radians(70)), math.sin(math.radians(70))
    hand = (elbow.x + ux * c - uy * s, elbow.y + ux * s + uy * c)
    arm = dataclasses.replace(good, end=bent(good.end, hand=hand))
    assert "end: elbow bends backwards" in problems(arm)
    out = dataclasses.replace(good, end=bent(good.end, foot=(99.5, 2.4)))
    assert "end: a near limb leaves the frame" in problems(out)
    still = dataclasses.replace(good, end=good.start)
    assert "start and end are the same picture" in problems(still)


def test_levels_are_drawn_as_prescribed() -> None:
    """The bird-dog's ladder: an arm only, a leg only, then the opposite arm and leg."""
    moved = {}
    for level in (1, 2, 3):
        start, end = movement.ends(pose_of("bird-dog", level))
        moved[level] = {
            n for n in start if abs(end[n].x - start[n].x) + abs(end[n].y - start[n].y) > 5
        }
    assert moved[1] == {"elbow", "hand"}  # the near (left) arm reaches forward
    assert moved[2] == {"knee", "foot"}  # the near (left) leg reaches back
    assert moved[3] == {"elbow", "hand", "knee_far", "foot_far"}  # left arm, right leg
    bridge = pose_of("single-leg-bridge", 2)
    assert bridge.start["foot"].y < 5 and "foot_far" not in bridge.start  # both feet down
    side_plank = pose_of("side-plank", 1)
    assert side_plank.front == "viewer" and "shoulder_far" in side_plank.start  # from the front
    assert side_plank.start["knee"].x > side_plank.start["foot"].x  # knees bent, feet behind
    clam = pose_of("clamshell", 1)
    assert clam.start["knee"].y < clam.end["knee"].y  # the top knee opens
    assert clam.start["foot"] == clam.end["foot"]  # the feet stay together
    assert pose_of("seated-trunk-rotation", 1).view == "top"  # a turn is seen from above
    tilt = pose_of("pelvic-tilt", 1)
    assert tilt.start["back"].y - tilt.end["back"].y >= 4  # the low back comes to the mat


def test_far_limbs_contrast_at_least_3_to_1_on_white() -> None:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert 1.05 / (luminance(FAR) + 0.05) >= 3.0
    assert (luminance(FAR) + 0.05) / (luminance(NEAR) + 0.05) >= 2.0  # near and far differ


def test_svg_is_well_formed_with_a_key_and_an_arrow() -> None:
    pose = pose_of("bird-dog", 3)
    root = ET.fromstring(svg(pose, ("Start", "End <1>")))
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert texts[:2] == ["Start", "End <1>"]  # captions are escaped, not markup
    assert "left arm and leg" in texts and "right arm and leg" in texts  # the key
    fills = {g.get("fill") for g in root.iter(f"{ns}g")}
    assert {NEAR, FAR} <= fills
    assert root.find(f"{ns}path") is not None  # the arrow


def test_export_svg_has_every_level(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "bridge.svg"
    result = run("--lang", "nl", "exercises", "show", "single-leg-bridge", "--svg", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "niveau 1" in text and "niveau 3" in text and "Beginhouding" in text
    ET.fromstring(text)
    one = run("exercises", "show", "bird-dog", "--svg", str(target), "--level", "2")
    assert one.exit_code == 0 and "level 2: Leg only" in target.read_text()
    assert "level 1" not in target.read_text()
    nowhere = run("exercises", "show", "bird-dog", "--svg", str(tmp_path / "no" / "x.svg"))
    assert nowhere.exit_code == 1 and "no such folder" in nowhere.stderr
    assert not (tmp_path / "no").exists()
    wrong = run("exercises", "show", "bird-dog", "--svg", str(target), "--level", "9")
    assert wrong.exit_code == 2 and "levels 1 to 4" in wrong.stderr


def test_export_without_pose(run: Run, coach_home: Path, tmp_path: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    src = Path(__file__).parent / "fixtures" / "my-stretch.toml"
    (folder / "my-stretch.toml").write_text(src.read_text())
    result = run("exercises", "show", "my-stretch", "--svg", str(tmp_path / "x.svg"))
    assert result.exit_code == 1 and "no pose data" in result.stderr


def test_a_bundled_level_without_pictures_is_refused(tmp_path: Path) -> None:
    from coach.files.exercise_files import load_exercise_file

    source = (Path(__file__).parents[1] / "exercises" / "walk.toml").read_text()
    cut = source.index("[levels.pose]")
    end = source.index("[[levels]]", cut)
    broken = tmp_path / "walk.toml"
    broken.write_text(source[:cut] + source[end:])
    found: list[Any] = []
    assert load_exercise_file(broken, found, every_level_drawn=True) is None
    assert any(p.key == "levels[0].pose" for p in found)
    assert load_exercise_file(broken, [], every_level_drawn=False) is not None


# -- on screen -------------------------------------------------------------------------


def bird_timeline() -> Timeline:
    bird = LIB["bird-dog"]
    dosage = dataclasses.replace(
        bird.dosage, sets=1, reps=1, sides=Sides.ALTERNATE, move_s=2, hold_s=3, return_s=2
    )
    return compile_timeline([PlannedExercise(bird, dosage)], get_ready_s=5)


def mirror_line(line: str) -> str:
    """A row of braille cells seen in a mirror: the cells reversed, each cell's dots too."""
    pairs = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
    out = []
    for char in reversed(line):
        if not 0x2800 <= ord(char) <= 0x28FF:
            out.append(char)
            continue
        bits, flipped = ord(char) - 0x2800, 0
        for left, right in pairs:
            flipped |= right if bits & left else 0
            flipped |= left if bits & right else 0
        out.append(chr(0x2800 + flipped))
    return "".join(out)


class FrameLive:
    """Records what the figure shows at each redraw, with the phase it belongs to."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.frames: list[tuple[int, Kind, str | None, str]] = []

    def update(self, renderable: object, refresh: bool = False) -> None:
        phase = self.runner.engine.phase
        now = self.runner.clock.now()
        drawn = figure.draw(
            self.runner.timeline, phase, phase.duration - self.runner.engine.remaining(now), 30, 8
        )
        side = phase.side.value if phase.side else None
        self.frames.append((phase.index, phase.kind, side, drawn.plain if drawn else ""))


def test_live_figure_moves_holds_still_and_mirrors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timeline = bird_timeline()
    runner, _store, _out = make(timeline, tmp_path, FakeClock(), plain=False)
    live = FrameLive(runner)

    @contextlib.contextmanager
    def screen(self: Runner) -> Any:
        yield live

    monkeypatch.setattr(Runner, "_screen", screen)
    runner.run()
    by_phase: dict[int, list[str]] = {}
    kinds: dict[int, tuple[Kind, str | None]] = {}
    for index, kind, side, shown in live.frames:
        by_phase.setdefault(index, []).append(shown)
        kinds[index] = (kind, side)
    moves = [i for i, (k, _s) in kinds.items() if k is Kind.MOVE]
    holds = [i for i, (k, _s) in kinds.items() if k is Kind.HOLD]
    for i in moves:  # the body moves: several different pictures while moving into position
        assert len(set(by_phase[i])) >= 4, by_phase[i]
    for i in holds:  # ... and stands still while holding
        assert len(by_phase[i]) >= 3 and len(set(by_phase[i])) == 1
    left, right = (by_phase[i][0] for i in holds)
    assert kinds[holds[0]][1] == "left" and kinds[holds[1]][1] == "right"
    mirrored = "\n".join(mirror_line(line) for line in left.split("\n"))
    differ = sum(a != b for a, b in zip(mirrored, right, strict=True))
    assert left != right and differ <= len(right) // 50  # the other side: a mirror image
    # A move starts from the starting position and ends at the hold.
    first_move = by_phase[moves[0]]
    get_ready = by_phase[0][0]
    assert first_move[0] == get_ready and first_move[-1] != get_ready


def test_live_figure_is_left_out_when_too_small_and_drawn_once_per_frame() -> None:
    timeline = bird_timeline()
    hold = next(p for p in timeline.phases if p.kind is Kind.HOLD)
    assert figure.draw(timeline, hold, 0.0, 30, figure.MIN_ROWS - 1) is None
    figure._cached.cache_clear()
    for _ in range(5):
        figure.draw(timeline, hold, 1.0, 30, 8)
    assert figure._cached.cache_info().misses == 1  # the same picture is drawn once


def test_the_figure_shows_the_exercise_that_comes_next(tmp_path: Path) -> None:
    bird, bridge = LIB["bird-dog"], LIB["single-leg-bridge"]
    timeline = compile_timeline(
        [PlannedExercise(bird, bird.dosage), PlannedExercise(bridge, bridge.dosage)]
    )
    rest = next(p for p in timeline.phases if p.kind is Kind.REST and not p.set_no)
    found = figure.position(timeline, rest, 1.0)
    assert found is not None and found[2].startswith("single-leg-bridge:")


def exercises_with(kind: str) -> list[Exercise]:
    return [
        ex for ex in LIB.values() if any(lvl.pose and lvl.pose.view == kind for lvl in ex.levels)
    ]


def test_views_are_chosen_for_the_movement() -> None:
    """A turn is seen from above; side-lying is seen from the front, face to the viewer."""
    assert [ex.id for ex in exercises_with("top")] == ["seated-trunk-rotation"]
    fronts = {
        ex.id for ex in LIB.values() for lvl in ex.levels if lvl.pose and lvl.pose.front == "viewer"
    }
    assert fronts == {"clamshell", "side-plank"}


def test_the_live_view_draws_the_figure(tmp_path: Path) -> None:
    from coach.domain.engine import Engine
    from coach.live.screen import render, snapshot

    timeline = bird_timeline()
    engine = Engine(timeline, 0.0)
    engine.tick(8.0)  # the first hold
    console = Console(record=True, width=100, height=30, color_system=None, file=io.StringIO())
    console.print(render(snapshot(engine, 8.0, None, None, False), 100, 30))
    shown = console.export_text()
    assert any(0x2800 < ord(c) <= 0x28FF for c in shown)  # braille: the figure
    small = Console(record=True, width=40, height=12, color_system=None, file=io.StringIO())
    small.print(render(snapshot(engine, 8.0, None, None, False), 40, 12))
    assert not any(0x2800 < ord(c) <= 0x28FF for c in small.export_text())


@given(duration=st.integers(1, 120).map(lambda tenths: tenths / 4), start=st.floats(0, 1))
def test_every_wake_up_for_a_frame_shows_a_new_frame(duration: float, start: float) -> None:
    """Waking for the next frame always finds it: the frames of a move are reached one by
    one, never a wait of nothing (that would spin a loop on a fake or a real clock)."""
    phase = next(p for p in bird_timeline().phases if p.kind is Kind.MOVE)
    phase = dataclasses.replace(phase, duration=duration)
    into, seen, wakes = start * duration / 2, [], 0
    while (wait := figure.next_frame_in(phase, into)) is not None:
        into += wait
        seen.append(figure.frame(phase, into))
        wakes += 1
        assert wakes <= duration * figure.FPS + 2
    assert seen == sorted(set(seen)) and (not seen or seen[-1] == round(duration * figure.FPS))


def test_a_definition_of_one_s_own_may_draw_all_levels_alike(tmp_path: Path) -> None:
    """Outside the bundled library, [pose.start] and [pose.end] once serve every level."""
    import re

    from coach.files.exercise_files import load_exercise_file

    source = (Path(__file__).parents[1] / "exercises" / "walk.toml").read_text()
    first_start = re.search(r"\[levels\.pose\.start\]\n((?:[a-z_]+ = .*\n)+)", source)
    first_end = re.search(r"\[levels\.pose\.end\]\n((?:[a-z_]+ = .*\n)+)", source)
    assert first_start and first_end
    own = re.sub(r"(?m)^\[levels\.pose[^\n]*\]\n(?:[^\[\n#][^\n]*\n)*", "", source)
    own += f"[pose.start]\n{first_start.group(1)}[pose.end]\n{first_end.group(1)}"
    path = tmp_path / "walk.toml"
    path.write_text(own)
    found: list[Any] = []
    walk = load_exercise_file(path, found)
    assert found == [] and walk is not None and walk.pose is not None
    assert all(walk.pose_at(level.number) is walk.pose for level in walk.levels)
    assert problems(walk.pose) == []


def test_odd_pictures_in_a_definition_of_one_s_own_are_named(tmp_path: Path) -> None:
    """A view from above without the other shoulder and hip, or an arrow at a point the
    positions do not give: one clear problem each, never a traceback later."""
    from coach.files.exercise_files import load_exercise_file

    source = (Path(__file__).parents[1] / "exercises" / "seated-trunk-rotation.toml").read_text()
    odd = source.replace("shoulder_far = ", "# shoulder_far = ").replace(
        'view = "top"', 'view = "top"\narrow_at = ["foot_far", "back"]'
    )
    path = tmp_path / "seated-trunk-rotation.toml"
    path.write_text(odd)
    found: list[Any] = []
    assert load_exercise_file(path, found) is None
    messages = [f"{p.key}: {p.message}" for p in found]
    assert any("view" in m and "shoulder_far" in m for m in messages), messages
    pose = dataclasses.replace(pose_of("bird-dog", 3), arrow_at=("back",))
    assert movement.arrow_points(pose)  # a point the pose lacks falls back to the movers
    ET.fromstring(svg(pose, position_names(pose)))


def test_a_level_s_words_for_both_sides_go_over_the_exercise_s_per_side() -> None:
    from coach.domain.model import CueWords, LocalText

    exercise = CueWords({"left.move": LocalText.same("left arm"), "hold": LocalText.same("hold")})
    level = CueWords({"move": LocalText.same("both legs")})
    words = level.over(exercise)
    assert words.get("move", "left") == LocalText.same("both legs")
    assert words.get("hold", "left") == LocalText.same("hold")


def test_plain_mode_shows_no_braille_pictures(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_PLAIN", "0")  # pictures, though CliRunner's stdout is no terminal
    shown = run("exercises", "show", "bird-dog").stdout
    plain = run("--plain", "exercises", "show", "bird-dog").stdout
    braille = [c for c in shown if 0x2800 < ord(c) <= 0x28FF]
    assert braille and not any(0x2800 < ord(c) <= 0x28FF for c in plain)
    assert "Kneel on all fours" in plain


def test_a_mirrored_figure_mirrors_its_chair_too() -> None:
    pose = dataclasses.replace(pose_of("sit-to-stand", 2), side="left")
    mirror = movement.mirrored_pose(pose)
    left = figure.as_text(figure._raster("t:l", pose, pose.start, 30, 10)).plain
    right = figure.as_text(figure._raster("t:r", mirror, mirror.start, 30, 10, True))
    mirrored = "\n".join(mirror_line(line) for line in left.split("\n"))
    differ = sum(a != b for a, b in zip(mirrored, right.plain, strict=True))
    assert differ <= len(mirrored) // 50  # the chair's back on the other side as well
