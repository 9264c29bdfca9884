"""The user's settings file (config.toml): for now, the language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.errors import InvalidFileError, Problem
from coach.files.regular_files import present
from coach.files.toml_parse import read_toml
from coach.files.toml_reader import Reader
from coach.i18n import LANGUAGES


@dataclass(frozen=True)
class Config:
    lang: str | None = None


def load_config(path: Path) -> Config:
    if not present(path):  # a folder that may not be looked into is named, not a traceback
        return Config()
    problems: list[Problem] = []
    r = Reader(read_toml(path), path, problems)
    lang = r.choice("lang", LANGUAGES, required=False)
    r.finish()
    if problems:
        raise InvalidFileError(problems)
    return Config(lang=lang)
