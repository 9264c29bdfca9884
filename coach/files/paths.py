"""Where coach keeps things: platformdirs, or one folder when COACH_HOME is set."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

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
    dirs = _platform_dirs()
    return Paths(
        config_dir=Path(dirs.user_config_dir),
        data_dir=Path(dirs.user_data_dir),
        cache_dir=Path(dirs.user_cache_dir),
    )


def _platform_dirs() -> PlatformDirsABC:
    """platformdirs' folders for this system, chosen by `sys.platform` when called.

    Windows: %LOCALAPPDATA%\\coach (settings too); macOS: ~/Library/Application
    Support/coach and ~/Library/Caches/coach; elsewhere the XDG folders (~/.config/coach,
    ~/.local/share/coach, ~/.cache/coach).
    """
    # Imported here: platformdirs is only needed when a command touches files.
    if sys.platform == "win32":
        from platformdirs.windows import Windows  # noqa: PLC0415

        return Windows(APP_NAME, appauthor=False)
    if sys.platform == "darwin":
        from platformdirs.macos import MacOS  # noqa: PLC0415

        return MacOS(APP_NAME, appauthor=False)
    from platformdirs.unix import Unix  # noqa: PLC0415

    return Unix(APP_NAME, appauthor=False)
