"""The fast TOML parser (rtoml) gives what tomli gives; tomli still explains syntax errors."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import InvalidFileError
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from tests.conftest import ROOT

EVERY_TOML = sorted(
    p
    for folder in ("exercises", "coach", "tests")
    for p in (ROOT / folder).rglob("*.toml")
    if p.is_file()
)


def tomli_or_error(path: Path) -> Any:
    try:
        return tomli.loads(path.read_bytes().decode("utf-8"))
    except (tomli.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return "error"


def read_or_error(path: Path) -> Any:
    try:
        return read_toml(path)
    except InvalidFileError:
        return "error"


def test_every_toml_file_in_the_project_reads_as_tomli_reads_it() -> None:
    assert len(EVERY_TOML) > 50
    differ = [p for p in EVERY_TOML if read_or_error(p) != tomli_or_error(p)]
    assert differ == []


scalars = (
    st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes(
        min_value=datetime(1900, 1, 1),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
        ),
    )
)
keys = st.text(min_size=1, max_size=8)
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=12,
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_any_document_reads_the_same(tmp_path_factory: pytest.TempPathFactory, doc: Any) -> None:
    path = tmp_path_factory.mktemp("doc") / "doc.toml"
    text = tomli_w.dumps(doc)
    path.write_text(text, encoding="utf-8")
    assert read_toml(path) == tomli.loads(text)


def test_syntax_errors_still_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\nid = "x"\nname = \n', encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        read_toml(path)
    (problem,) = caught.value.problems
    assert problem.line == 3 and "not valid TOML" in problem.message


def test_timestamps_are_plain_python_and_keep_in_a_cache(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("started = 2026-03-01T10:15:00+01:00\nday = 2026-03-01\n")
    data = read_toml(path)
    started = Reader(data, path, []).timestamp("started")
    assert started == datetime(2026, 3, 1, 9, 15, tzinfo=UTC)
    assert started is not None and type(started.tzinfo) is timezone
    assert pickle.loads(pickle.dumps(started)) == started  # noqa: S301 -- our own bytes
    assert data["day"] == date(2026, 3, 1)
