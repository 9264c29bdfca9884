"""`coach history`: one line per session, or JSON or CSV."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands.common import console, get_paths


def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV, one row per exercise.")] = False,
) -> None:
    """One line per session."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    from coach.commands.looking_back import history_command  # noqa: PLC0415

    history_command(get_paths(), "json" if as_json else "csv" if as_csv else "text", console())
