"""`coach report`: the progress report for the next visit, PDF or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.commands.common import (
    Format,
    Paper,
    get_paths,
    write_document,
)
from coach.domain.limits import WEEKS_LIMIT


def report(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (.pdf or .md).")
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(help="How many weeks to look back.", min=WEEKS_LIMIT[0], max=WEEKS_LIMIT[1]),
    ] = 8,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="PDF, or Markdown text (default: from the file name, else PDF).",
            show_default=False,
        ),
    ] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
) -> None:
    """The progress report for the next visit: adherence, dosage changes, pain, notes."""
    from datetime import date  # noqa: PLC0415

    from coach.documents.report_data import gather  # noqa: PLC0415

    data = gather(get_paths(), weeks, date.today())

    def pdf() -> bytes:
        from coach.documents.report import report_pdf  # noqa: PLC0415 -- loads fpdf

        return report_pdf(data, paper.value)

    def markdown() -> str:
        from coach.documents.report_markdown import report_markdown  # noqa: PLC0415

        return report_markdown(data)

    write_document(output, fmt, pdf, markdown)
