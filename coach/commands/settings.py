"""`coach settings`: the settings file's place and values; --plain and --lang change them."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands.common import console, get_paths, language_option


def settings(
    ctx: typer.Context,
    plain: Annotated[
        bool | None,
        typer.Option(
            "--plain/--no-plain",
            help="Plain text always (screen readers), or only where the output is not a "
            "terminal or TERM=dumb; saved in the settings file.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="nl|en", help="The language; saved in the settings file."),
    ] = None,
) -> None:
    """Show or change your settings: the language and plain mode."""
    from coach.commands.language import person_language  # noqa: PLC0415
    from coach.files.programmes import programme_language  # noqa: PLC0415
    from coach.files.settings import load_config, save_config  # noqa: PLC0415
    from coach.i18n import set_language  # noqa: PLC0415
    from coach.live import library_views  # noqa: PLC0415
    from coach.live.console import decide_plain  # noqa: PLC0415

    language_option(lang, "--lang")
    paths = get_paths()
    root = ctx.find_root().params
    if plain is None and lang is None:
        config = load_config(paths.config_file)  # a broken file: the one-line error
    else:
        changes: dict[str, object] = {}
        if plain is not None:  # --no-plain: the key goes, and coach decides by the terminal
            changes["plain"] = True if plain else None
        if lang is not None:
            changes["lang"] = lang
        config = save_config(paths.config_file, changes)
        set_language(person_language(root.get("lang")))  # a new language speaks at once
    now = decide_plain(bool(root.get("plain")), config.plain)
    asks = programme_language(paths.current_programme)
    console().print(library_views.settings_view(paths, config, now, asks))
