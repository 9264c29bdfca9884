"""Where coach keeps things: platformdirs, or one folder when COACH_HOME is set."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "coach"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path | None = None  # None: no cache (tests, benchmarks of a cold start)

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def user_exercises(self) -> Path:
        return self.config_dir / "exercises"

    @property
    def programmes_dir(self) -> Path:
        return self.data_dir / "programmes"

    @property
    def current_programme(self) -> Path:
        return self.programmes_dir / "current.toml"

    @property
    def previous_programmes(self) -> Path:
        return self.programmes_dir / "previous"

    @property
    def sessions_dir(self) -> Path:
        """One TOML file per session, in a folder per month: sessions/2026-11/..."""
        return self.data_dir / "sessions"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "session.lock"


def get_paths() -> Paths:
    home = os.environ.get("COACH_HOME")
    if home:
        folder = Path(home).expanduser()
        return Paths(config_dir=folder, data_dir=folder, cache_dir=folder / "cache")
    # Imported here: platformdirs is only needed when a command touches files.
    import platformdirs  # noqa: PLC0415

    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
