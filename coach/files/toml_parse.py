"""Parse a TOML file: unreadable files, bad encodings and syntax errors become one-line problems."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import rtoml

from coach.errors import InvalidFileError, Problem
from coach.files.regular_files import OddFileError, read_file
from coach.i18n import _

# rtoml (Rust's toml crate) parses; tomli (the compiled twin of the standard library's
# tomllib) explains. rtoml reads a definition about six times as fast as tomli (66 vs
# 421 us for bird-dog.toml; a cold load of 1,000 definitions drops from about 0.9 s to
# under 0.5 s, bench/library_load.py). When rtoml rejects a file, tomli parses it again:
# its messages name the line in one form, and what it accepts is what coach accepted
# before. tests/test_toml_parse.py checks that both give the same data.
_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")


def without_none(table: dict[str, Any]) -> dict[str, Any]:
    """A table to write: TOML has no null, so what is None is left out."""
    return {k: v for k, v in table.items() if v is not None}


def plain_times(value: Any) -> Any:
    """`value` with every time offset a standard `timezone`: rtoml has an offset class of its
    own, which cannot be pickled into a cache. For timestamps and tables taken as they are."""
    if isinstance(value, dict):
        return {k: plain_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_times(v) for v in value]
    if isinstance(value, datetime) and value.tzinfo and type(value.tzinfo) is not timezone:
        return value.replace(tzinfo=timezone(value.utcoffset() or timedelta(0)))
    return value


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors become an InvalidFileError naming the line.

    Only a regular file within the size cap is read: a pipe, a device or a file too large
    is an InvalidFileError too, skipped or refused like any broken file."""
    try:
        raw = read_file(path)
    except OddFileError as exc:
        raise InvalidFileError([Problem(path, "", exc.reason)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(path, "", _("not UTF-8 text; save the file as UTF-8"), line)
        raise InvalidFileError([problem]) from None
    try:
        return rtoml.loads(text)
    except Exception:  # noqa: S110 -- the fast path only: tomli decides and explains
        pass
    import tomli  # noqa: PLC0415 -- only for files rtoml rejected: most runs never need it

    try:
        return tomli.loads(text)
    except RecursionError:
        problem = Problem(path, "", _("not valid TOML: arrays or tables nested too deeply"))
        raise InvalidFileError([problem]) from None
    except tomli.TOMLDecodeError as exc:
        detail = str(exc)
        match = _LINE.search(detail)
        where = int(match.group(1)) if match else None
        detail = _LINE.sub("", detail)
        message = _("not valid TOML: {detail}").format(detail=detail)
        raise InvalidFileError([Problem(path, "", message, where)]) from None
