"""`coach paths`: where coach keeps its files."""

from __future__ import annotations

from coach.commands.common import console, get_paths


def paths_command() -> None:
    """Show where coach keeps settings, exercises, programmes and progress."""
    from coach.live import library_views  # noqa: PLC0415

    console().print(library_views.paths_table(get_paths()))
