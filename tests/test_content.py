"""The bundled library is complete, in both languages, with sound ladders."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from coach.domain.model import Exercise, LocalList, LocalText, Position, Sides
from coach.files.library import bundled_dir, load_library
from coach.files.paths import Paths, get_paths
from coach.files.programmes import DEFAULT_PROGRAMME, load_programme


@pytest.fixture(scope="module")
def exercises(tmp_path_factory: pytest.TempPathFactory) -> list[Exercise]:
    """The bundled library alone. (A module's fixture is made before conftest sets each
    test's COACH_HOME: get_paths() here would read the exercises of whoever runs the tests.)"""
    home = tmp_path_factory.mktemp("home")
    return sorted(load_library(Paths(home, home)).exercises.values(), key=lambda e: e.id)


def test_bundled_folder_is_the_source_tree_in_development() -> None:
    assert (bundled_dir() / "bird-dog.toml").is_file()


def test_library_size_and_positions(exercises: list[Exercise]) -> None:
    assert len(exercises) >= 11  # the two stability exercises, 8 more, and a walk
    assert {e.position for e in exercises} == set(Position)


def test_every_text_exists_in_dutch_and_english(exercises: list[Exercise]) -> None:
    for exercise in exercises:
        for f in fields(exercise):
            value = getattr(exercise, f.name)
            if isinstance(value, LocalText):
                assert value.nl.strip() and value.en.strip(), (exercise.id, f.name)
                if f.name not in ("name",):
                    # Identical texts in both languages mean one was not translated.
                    assert value.nl != value.en, (exercise.id, f.name)
            elif isinstance(value, LocalList):
                assert len(value.nl) == len(value.en) > 0, (exercise.id, f.name)
                assert all(s.strip() for s in value.nl + value.en), (exercise.id, f.name)
        for level in exercise.levels:
            for text in (level.variant, level.changes):
                assert text.nl.strip() and text.en.strip() and text.nl != text.en, exercise.id
        assert exercise.sources, exercise.id


def _sides_count(sides: Sides) -> int:
    return 1 if sides is Sides.NONE else 2


def test_ladders_get_harder(exercises: list[Exercise]) -> None:
    for exercise in exercises:
        previous = None
        for level in exercise.levels:
            ranges = [r for r in (level.sets, level.reps, level.hold_s, level.duration_s) if r]
            assert all(r.low <= r.high for r in ranges), (exercise.id, level.number)
            assert any(r.low < r.high for r in ranges), (
                f"{exercise.id} level {level.number}: no room"
            )
            if previous is not None:
                for name in ("sets", "hold_s", "duration_s"):
                    before, now = getattr(previous, name), getattr(level, name)
                    if before and now:
                        assert now.high >= before.high, (exercise.id, level.number, name)
                if previous.reps and level.reps:
                    # Work per set at the top of the level: a two-leg bridge (15) leads to a
                    # single-leg bridge (10 per leg = 20), so count both sides.
                    top_before = previous.reps.high * _sides_count(
                        exercise.sides_at(previous.number)
                    )
                    top_now = level.reps.high * _sides_count(exercise.sides_at(level.number))
                    assert top_now >= top_before, (exercise.id, level.number)
            previous = level


def test_default_dosage_sits_inside_its_level(exercises: list[Exercise]) -> None:
    for exercise in exercises:
        d = exercise.dosage
        level = exercise.level(d.level)
        for name in ("sets", "reps", "hold_s", "duration_s"):
            rng, value = getattr(level, name), getattr(d, name)
            if rng is not None:
                assert rng.low <= value <= rng.high, (exercise.id, name, value)
        # Every level's starting dosage is inside its own ranges too.
        for lvl in exercise.levels:
            start = exercise.start_dosage(lvl.number)
            assert start.level == lvl.number
            if lvl.reps:
                assert start.reps == lvl.reps.low


def test_practice_exercises_match_the_practice(exercises: list[Exercise]) -> None:
    by_id = {e.id: e for e in exercises}
    bird, bridge = by_id["bird-dog"].dosage, by_id["single-leg-bridge"].dosage
    assert (bird.sets, bird.reps, bird.sides) == (3, 10, Sides.ALTERNATE)
    assert (bridge.sets, bridge.reps, bridge.sides) == (3, 10, Sides.EACH)
    assert 0 < bird.hold_s <= 5 and 0 < bridge.hold_s <= 5  # "hold briefly"
    assert len(by_id["bird-dog"].levels) >= 3 and len(by_id["single-leg-bridge"].levels) >= 3


def test_the_time_based_walk_carries_the_sitting_advice(exercises: list[Exercise]) -> None:
    timed = {e.id: e for e in exercises if e.timed}  # the walk, and any other one added
    assert "walk" in timed
    walk = timed["walk"]
    text = " ".join([walk.summary.en, walk.feel.en, *walk.steps.en, walk.start_position.en])
    assert "hour" in text
    text_nl = " ".join([walk.summary.nl, walk.feel.nl, *walk.steps.nl, walk.start_position.nl])
    assert "uur" in text_nl


def test_default_programme_is_the_practice_programme() -> None:
    programme = load_programme(DEFAULT_PROGRAMME, load_library(get_paths()))
    assert [e.exercise.id for e in programme.exercises] == ["bird-dog", "single-leg-bridge"]
    assert all((e.dosage.sets, e.dosage.reps) == (3, 10) for e in programme.exercises)
    assert programme.sessions_per_week == 3


def test_file_names_match_ids() -> None:
    for path in Path(bundled_dir()).glob("*.toml"):
        assert f'id = "{path.stem}"' in path.read_text(encoding="utf-8"), path
