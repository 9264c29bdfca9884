"""`coach next`: what the next session will be, and why."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands.common import console, get_paths


def next_session(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """What the next session will be, per exercise, and why."""
    from coach.commands.looking_back import next_command  # noqa: PLC0415

    next_command(get_paths(), as_json, console())
