"""`coach report`: the progress report for the next visit, PDF or Markdown."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

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
from coach.errors import CoachError, InvalidFileError
from coach.i18n import N_, _

if TYPE_CHECKING:
    from coach.documents.report_data import ReportData


def report(
    output: OutputDocument = None,
    weeks: Annotated[
        int,
        typer.Option(help="How many weeks to look back.", min=WEEKS_LIMIT[0], max=WEEKS_LIMIT[1]),
    ] = 8,
    fmt: DocumentFormat = None,
    paper: PaperSize = Paper.A4,
    patient: Annotated[
        str | None,
        typer.Option(
            metavar=N_("NAME"),
            help="For the therapist: the report of an imported patient (name, or the start "
            "of their id).",
        ),
    ] = None,
) -> None:
    """The progress report for the next visit: adherence, dosage changes, pain, notes."""

    from coach.documents.report_data import gather  # noqa: PLC0415

    data: ReportData
    if patient is not None:
        data, document = _practice_report(patient, weeks, date.today())
    else:
        try:
            data = gather(get_paths(), weeks, date.today())
        except InvalidFileError:
            get_library()  # its warnings name own definitions left out: why one is unknown
            raise
        document = None

    def pdf() -> bytes:
        from datetime import datetime  # noqa: PLC0415

        from coach.documents.report import report_pdf  # noqa: PLC0415 -- loads fpdf
        from coach.files import export_doc  # noqa: PLC0415

        attached = document or export_doc.build(
            get_paths(), get_library(), datetime.now().astimezone()
        )
        return report_pdf(data, paper.value, export_doc.encode(attached))

    def markdown() -> str:
        from coach.documents.report_markdown import report_markdown  # noqa: PLC0415

        return report_markdown(data)

    write_document(output, fmt, pdf, markdown)


def _practice_report(who: str, weeks: int, day: date) -> tuple[ReportData, dict[str, Any]]:
    """The report of a patient the practice imported, and the document to attach to it."""
    from coach.documents.report_data import assemble, practice_sources  # noqa: PLC0415
    from coach.files import practice_rows, practice_store  # noqa: PLC0415
    from coach.files.regular_files import present  # noqa: PLC0415

    paths = get_paths()
    file = practice_store.database(paths)
    if not present(file):
        raise CoachError(
            _("No patients have been imported yet."),
            _("Import a patient's export with: coach practice import FILE"),
        )
    with practice_store.opened(paths) as db:
        found = practice_rows.find(db, who)
        if not found:
            raise CoachError(
                _('No imported patient is called "{name}".').format(name=who),
                _("coach practice lists them all."),
            )
        if len(found) > 1:
            raise CoachError(
                _('{count} imported patients are called "{name}": {ids}').format(
                    count=len(found), name=who, ids=", ".join(i[:8] for i, _n in found)
                ),
                _("Give the start of the id instead of the name: --patient {id}").format(
                    id=found[0][0][:8]
                ),
            )
        kept = practice_rows.kept(db, found[0][0])
    sources = practice_sources(kept, get_library(), file)
    return assemble(sources, weeks, day), kept.document()
