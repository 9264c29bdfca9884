"""Time to get down: 15 s when the position changes, the programme's or definition's own,
or `--get-ready` for this run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from coach.domain.timeline import Kind, PlannedExercise, compile_timeline
from coach.files.library import load_library
from coach.files.paths import get_paths
from tests.conftest import Run


def get_ready_times(plan: list[PlannedExercise], override: int | None = None) -> list[float]:
    timeline = compile_timeline(plan, override)
    return [p.duration for p in timeline.phases if p.kind is Kind.GET_READY]


def test_a_change_of_position_gets_fifteen_seconds() -> None:
    lib = load_library(get_paths()).exercises
    bird, bridge, chair = lib["bird-dog"], lib["single-leg-bridge"], lib["sit-to-stand"]
    plan = [PlannedExercise(e, e.dosage) for e in (bird, bridge, chair, chair)]
    # From the chair at the computer down to the floor, floor to floor, up to a chair, chair.
    assert get_ready_times(plan) == [15, 5, 15, 5]
    assert get_ready_times(plan, override=30) == [30, 30, 30, 30]
    own = dataclasses.replace(plan[1], get_ready_s=20)
    assert get_ready_times([plan[0], own]) == [15, 20]


def test_programmes_and_definitions_carry_it(run: Run, tmp_path: Path, coach_home: Path) -> None:
    programme = tmp_path / "p.toml"
    programme.write_text(
        'schema = 1\nsessions_per_week = 3\ntitle = "Rug"\n'
        '[[exercises]]\nid = "bird-dog"\nget_ready_s = 40\n'
        '[[exercises]]\nid = "single-leg-bridge"\n'
    )
    dry = run("start", "--programme", str(programme), "--dry-run").stdout
    assert "bird-dog: get ready 40 s" in dry and "single-leg-bridge: get ready 5 s" in dry
    assert (
        "single-leg-bridge: get ready 8 s"
        in run("start", "--programme", str(programme), "--dry-run", "--get-ready", "8").stdout
    )
    programme.write_text(programme.read_text().replace("get_ready_s = 40", "get_ready_s = 999"))
    bad = run("programme", "check", str(programme))
    assert bad.exit_code == 1 and "get_ready_s: found 999" in bad.stderr
