"""One-run overrides on the command line: the same limits as files, never a file coach rejects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain.limits import LIMITS
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.session_toml import load_record
from tests.conftest import Run

pytestmark = pytest.mark.reliability

LEVELS = len(load_library(Paths(Path("/none"), Path("/none"))).exercises["dead-bug"].levels)
values = st.one_of(st.none(), st.integers(min_value=-3, max_value=130), st.just(10**20))


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Sessions run on the instant clock."""


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(level=values, sets=values, reps=values, hold=values)
def test_any_accepted_override_reads_back_without_a_warning(
    run: Run,
    coach_home: Path,
    level: int | None,
    sets: int | None,
    reps: int | None,
    hold: int | None,
) -> None:
    args = ["start", "dead-bug", "--skip-check", "--speed", "100", "--plain"]
    for option, value in (("--level", level), ("--sets", sets), ("--reps", reps), ("--hold", hold)):
        if value is not None:
            args += [option, str(value)]
    before = set((coach_home / "sessions").rglob("*.toml"))
    result = run(*args)
    written = set((coach_home / "sessions").rglob("*.toml")) - before
    fits = all(
        value is None or LIMITS[name][0] <= value <= LIMITS[name][1]
        for name, value in (("sets", sets), ("reps", reps), ("hold_s", hold))
    ) and (level is None or 1 <= level <= LEVELS)
    if not fits:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and written == set()
        return
    assert result.exit_code == 0, result.output
    (path,) = written
    record = load_record(path)  # raises on anything coach's own reader rejects
    assert record.exercises[0].id == "dead-bug"
    assert "warning" not in run("history").stderr


def test_weeks_are_bounded(run: Run) -> None:
    for command in (["progress"], ["report", "--format", "md"]):
        result = run(*command, "--weeks", "100000000")
        assert result.exit_code == 2 and "520" in result.output
