"""The user's settings file (config.toml): the language, and plain mode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import InvalidFileError, Problem
from coach.files.regular_files import present
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import LANGUAGES


@dataclass(frozen=True)
class Config:
    lang: str | None = None
    plain: bool | None = None  # None: not set, coach decides (a terminal or not)


def _read(path: Path) -> dict[str, Any]:
    """The file's table as it stands; {} when there is no file."""
    if not present(path):  # a folder that may not be looked into is named, not a traceback
        return {}
    return read_toml(path)


def _config(data: Mapping[str, Any], path: Path) -> Config:
    problems: list[Problem] = []
    r = Reader(data, path, problems)
    lang = r.choice("lang", LANGUAGES, required=False)
    given = r.has("plain")
    plain = r.boolean("plain", False)  # asked for even when missing: a known key
    r.finish()
    if problems:
        raise InvalidFileError(problems)
    return Config(lang=lang, plain=plain if given else None)


def load_config(path: Path) -> Config:
    return _config(_read(path), path)


def save_config(path: Path, changes: Mapping[str, Any]) -> Config:
    """Set the keys in `changes` (None removes one), keep the others; returns the new settings.

    A file that can't be read or is wrong is an InvalidFileError, and is left as it is."""
    import tomli_w  # noqa: PLC0415 -- only `coach settings` writes

    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

    data = _read(path)
    _config(data, path)  # a broken file is reported, never overwritten
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    config = _config(data, path)
    atomic_write_bytes(path, tomli_w.dumps(data).encode("utf-8"))
    return config
