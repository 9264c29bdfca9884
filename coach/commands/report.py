"""`coach report`: the progress report for the next visit, PDF or Markdown."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands.common import (
    DocumentFormat,
    OutputDocument,
    Paper,
    PaperSize,
    get_library,
    get_paths,
    write_document,
)
from coach.domain.limits import WEEKS_LIMIT
from coach.errors import InvalidFileError


def report(
    output: OutputDocument = None,
    weeks: Annotated[
        int,
        typer.Option(help="How many weeks to look back.", min=WEEKS_LIMIT[0], max=WEEKS_LIMIT[1]),
    ] = 8,
    fmt: DocumentFormat = None,
    paper: PaperSize = Paper.A4,
) -> None:
    """The progress report for the next visit: adherence, dosage changes, pain, notes."""
    from datetime import date  # noqa: PLC0415

    from coach.documents.report_data import gather  # noqa: PLC0415

    try:
        data = gather(get_paths(), weeks, date.today())
    except InvalidFileError:
        get_library()  # its warnings name own definitions left out: why an exercise is unknown
        raise

    def pdf() -> bytes:
        from coach.documents.report import report_pdf  # noqa: PLC0415 -- loads fpdf

        return report_pdf(data, paper.value)

    def markdown() -> str:
        from coach.documents.report_markdown import report_markdown  # noqa: PLC0415

        return report_markdown(data)

    write_document(output, fmt, pdf, markdown)
