"""Random mutations of valid files end valid or in a CoachError that names the file."""

from __future__ import annotations

import io
import tempfile
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from coach.domain.catalogue import Library
from coach.errors import CoachError
from coach.files.library import bundled_dir, load_library
from coach.files.paths import Paths
from coach.files.programmes import DEFAULT_PROGRAMME, load_programme
from tests.conftest import FIXTURES

EXERCISE = tomllib.loads((bundled_dir() / "single-leg-bridge.toml").read_text(encoding="utf-8"))
PROGRAMME = tomllib.loads((FIXTURES / "full-programme.toml").read_text(encoding="utf-8"))
DEFAULT = tomllib.loads(DEFAULT_PROGRAMME.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["bird-dog", "each", "none", "alternate", "floor", "mat", "mon", "nl", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths_in(value, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn, original: dict[str, Any]) -> dict[str, Any]:
    data = tomllib.loads(tomli_w.dumps(original))  # a deep copy
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths_in(data)
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "add", "rename"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(values)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
        elif action == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.text(min_size=1, max_size=2))] = parent.pop(key)
    return data


def _check(path: Path, load: Any) -> None:
    try:
        load()
    except CoachError as exc:
        lines = exc.lines()
        assert lines and all(path.name in line for line in lines), lines


def _library(home: Path) -> Library:
    return load_library(Paths(config_dir=home, data_dir=home))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(EXERCISE))
def test_mutated_definitions(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exercises"
        folder.mkdir()
        path = folder / "single-leg-bridge.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        _check(path, lambda: _library(Path(tmp)))


@settings(max_examples=80, deadline=None)
@given(st.one_of(mutated(PROGRAMME), mutated(DEFAULT)))
def test_mutated_programmes(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        library = _library(Path(tmp))
        _check(path, lambda: load_programme(path, library))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_mutated_bytes(data: st.DataObject) -> None:
    """Edits at the byte level: broken syntax, broken UTF-8, truncated files."""
    raw = bytearray((FIXTURES / "full-programme.toml").read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=5))):
        at = data.draw(st.integers(min_value=0, max_value=len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "truncate"]))
        if action == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(min_value=1, max_value=6))]
        else:
            del raw[at:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.toml"
        path.write_bytes(bytes(raw))
        library = _library(Path(tmp))
        _check(path, lambda: load_programme(path, library))


# -- what coach writes, coach reads -------------------------------------------------------

offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)


def moments(last: datetime) -> st.SearchStrategy[datetime]:
    return st.builds(
        lambda day, off: day.replace(microsecond=0, tzinfo=off),
        st.datetimes(min_value=datetime(2000, 1, 1), max_value=last),
        offsets,
    )


# A start in the past whatever today is (a start in the future is refused on reading, on
# purpose: test_odd_files); an end anywhere, before the start too.
STARTS = moments(datetime(2025, 12, 31))
ENDS = moments(datetime(2100, 1, 1))


@settings(max_examples=25, deadline=None)
@given(
    note=st.text(max_size=2100),
    started=STARTS,
    ended=st.none() | ENDS,
    pain=st.none() | st.integers(0, 10),
)
def test_any_typed_note_and_any_clock_history_reads_back_whole(
    note: str, started: datetime, ended: datetime | None, pain: int | None
) -> None:
    """A note the prompt accepts, with any start and end (the wall clock may step back
    between them), is saved and read back whole; one it refuses is never saved."""
    from coach.domain.session_record import SessionRecord, new_record
    from coach.domain.timeline import compile_timeline
    from coach.files.session_store import Store
    from coach.files.text_rules import text_problem
    from coach.live.prompts import Asker
    from tests.test_runner import short_bird

    class Typed(Asker):
        def _read(self, question: str, default: str | None) -> str:
            return note.strip()

    try:
        typed = Typed(Console(file=io.StringIO()), attempts=1).text("note", optional=True)
    except CoachError:  # refused, and asked again until the tries ran out: nothing kept
        assert text_problem(note.strip()) is not None
        return
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Paths(Path(folder), Path(folder)))
        timeline = compile_timeline([short_bird(sets=1, reps=1)])
        record: SessionRecord = store.claim(new_record(timeline, started, "Test", "en"))
        record.note, record.ended, record.before.pain = typed, ended, pain
        store.save(record)
        history = store.history()
        assert history.problems == []
        (back,) = history.sessions
        assert back.note == typed and back.before.pain == pain
        assert back.started == started
        assert back.ended == (None if ended is None else max(ended, started))
