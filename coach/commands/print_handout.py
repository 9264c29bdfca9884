"""`coach print`: the programme as a PDF handout or Markdown."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from coach.commands.common import (
    DocumentFormat,
    OutputDocument,
    Paper,
    PaperSize,
    ProgrammeFile,
    get_library,
    get_programme,
    write_document,
)
from coach.i18n import _


def print_programme(
    ctx: typer.Context,
    file: ProgrammeFile = None,
    output: OutputDocument = None,
    paper: PaperSize = Paper.A4,
    fmt: DocumentFormat = None,
    log_sheet: Annotated[
        bool, typer.Option("--log-sheet/--no-log-sheet", help="Add the paper log sheet.")
    ] = True,
    large: Annotated[
        bool,
        typer.Option("--large", help="Large print: bigger text and pictures, an exercise a page."),
    ] = False,
) -> None:
    """Print a programme: a PDF handout with pictures and a log sheet, or Markdown."""
    from datetime import date  # noqa: PLC0415

    from coach.i18n import language, speaking  # noqa: PLC0415

    library = get_library()
    programme = get_programme(file, library)
    today = date.today()
    if programme.logo is not None:
        from coach.files.programmes import logo_problem  # noqa: PLC0415

        if problem := logo_problem(programme.logo):
            from coach.live.console import report_warning  # noqa: PLC0415

            report_warning(problem + " " + _("(printed without the logo)"))
            programme = dataclasses.replace(programme, logo=None)
    typed = ctx.find_root().params.get("lang")
    # Without --lang, a programme that names its language is printed in it.
    lang = typed or programme.lang or language()

    def pdf() -> bytes:
        from coach.documents.handout import handout  # noqa: PLC0415

        with speaking(lang):
            return handout(programme, paper.value, today, log_sheet, large)

    def markdown() -> str:
        from coach.documents.handout_markdown import programme_markdown  # noqa: PLC0415

        with speaking(lang):
            return programme_markdown(programme, today)

    write_document(output, fmt, pdf, markdown)
