"""Pictures from pose data: every bundled exercise has them, and they are valid SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from coach.documents.figures import svg
from coach.files.exercise_files import knee_backwards
from coach.files.library import load_library
from coach.files.paths import Paths
from tests.conftest import Run

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises


def test_every_bundled_exercise_has_pictures() -> None:
    for exercise in LIB.values():
        assert exercise.pose is not None, exercise.id
        for points in (exercise.pose.start, exercise.pose.end):
            assert not knee_backwards(points, exercise.pose.front), exercise.id
            assert not knee_backwards(points, exercise.pose.front, far=True), exercise.id
            assert all(0 <= p.x <= 100 and 0 <= p.y <= 100 for p in points.values())


def test_svg_is_well_formed_with_two_figures() -> None:
    pose = LIB["bird-dog"].pose
    assert pose is not None
    root = ET.fromstring(svg(pose, ("Start", "End <1>")))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 2  # a head in each position
    texts = [t.text for t in root.findall(f"{ns}text")]
    assert texts == ["Start", "End <1>"]  # captions are escaped, not markup
    # Far limbs are drawn lighter than near ones.
    strokes = {p.get("stroke") for p in root.findall(f"{ns}polyline")}
    assert {"#1f2a33", "#9aa7b2"} <= strokes


def test_export_svg(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "bridge.svg"
    result = run("--lang", "nl", "exercises", "show", "single-leg-bridge", "--svg", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "Beginhouding" in text and "Eindhouding" in text
    ET.fromstring(text)


def test_export_without_pose(run: Run, coach_home: Path, tmp_path: Path) -> None:
    folder = coach_home / "exercises"
    folder.mkdir(parents=True)
    src = Path(__file__).parent / "fixtures" / "my-stretch.toml"
    (folder / "my-stretch.toml").write_text(src.read_text())
    result = run("exercises", "show", "my-stretch", "--svg", str(tmp_path / "x.svg"))
    assert result.exit_code == 1 and "no pose data" in result.stderr
