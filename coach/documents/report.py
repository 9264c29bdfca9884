"""`coach report`: the progress report a patient brings to the next visit, as a PDF.

Page one is what a therapist reads first: the flags, the sessions per week and the
pain chart. Then one block per exercise (planned against done per week, pain,
effort and next mornings, every dosage change with its stored reason), the weekly
check-ins and the notes. Every block is measured first and never split over a page,
so eight weeks of three sessions fit on three A4 pages.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from fpdf import FPDF, XPos, YPos

from coach.documents import pdf_archive, report_outcomes
from coach.documents.pdf import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    RULE,
    Blocks,
    Document,
    fit_widths,
    heading,
    items,
    label,
    para,
)
from coach.documents.report_data import (
    ExerciseReport,
    ReportData,
    change_line,
    check_in_line,
    exercise_table,
    now_line,
    period_text,
    weeks_table,
)
from coach.domain import plain_words
from coach.domain.progress_summary import PainPoint
from coach.i18n import _, language

BEFORE_COLOUR = (27, 94, 130)
DURING_COLOUR = (176, 58, 46)
CHART_HEIGHT = 42.0  # mm, the plotting area of the pain chart
MORNING_BAND = 4.5  # mm below it, inside the frame: the next-morning marks
MORNING_MARKS = {"worse": "▲", "better": "▼", "same": "·"}


def _table(pdf: FPDF, widths: Sequence[float], rows: Sequence[Sequence[str]]) -> None:
    pdf.set_font(FONT, "B", 8.5)  # headings are bold: measured bold, they fit in either
    widths = fit_widths(pdf, widths, rows, padding=0.7)
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(
        col_widths=tuple(widths),
        line_height=4.4,
        first_row_as_headings=True,
        borders_layout="HORIZONTAL_LINES",
        padding=0.7,
        text_align="LEFT",
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(2)


def pain_chart(pdf: FPDF, points: Sequence[PainPoint], first: date, last: date) -> None:
    """Pain 0-10 in a frame: before (•), highest during (×), the next mornings below it."""
    left, top = pdf.l_margin + 8, pdf.get_y() + 1
    width, height = pdf.epw - 8, CHART_HEIGHT
    start = first - timedelta(days=1)
    span = max(1, (last - start).days + 1)

    def x(day: date) -> float:
        return left + 3 + (width - 6) * (day - start).days / span

    def y(value: float) -> float:
        return top + height - 3 - (height - 6) * value / 10

    auto, margin = pdf.auto_page_break, pdf.b_margin
    pdf.set_auto_page_break(False)  # the block was measured: nothing here may break a page
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.25)
    pdf.rect(left, top, width, height + MORNING_BAND)  # the mornings sit inside it too
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*MUTED)
    for value in (0, 5, 10):
        pdf.line(left, y(value), left + width, y(value))
        pdf.set_xy(left - 8, y(value) - 2)
        pdf.cell(7, 4, str(value), align="R")
    series = (("before", BEFORE_COLOUR, "•"), ("during", DURING_COLOUR, "×"))
    for name, colour, mark in series:
        pts = [(x(p.when.date()), y(v)) for p in points if (v := getattr(p, name)) is not None]
        pdf.set_draw_color(*colour)
        pdf.set_text_color(*colour)
        pdf.set_line_width(0.4)
        for (x1, y1), (x2, y2) in itertools.pairwise(pts):
            pdf.line(x1, y1, x2, y2)
        pdf.set_font(FONT, "", 8)
        for px, py in pts:
            pdf.set_xy(px - 2, py - 2)
            pdf.cell(4, 4, mark, align="C")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 7)
    below = top + height
    for p in points:
        if p.morning in MORNING_MARKS:
            pdf.set_xy(x(p.when.date()) - 2, below + 0.5)
            pdf.cell(4, 3.5, MORNING_MARKS[p.morning], align="C")
    below += MORNING_BAND
    pdf.set_text_color(*MUTED)
    dates, taken_until = [first, *(p.when.date() for p in points), last], -1.0
    shown: set[date] = set()
    for day in sorted(set(dates)):
        text = plain_words.short_date(day)
        text_w = pdf.get_string_width(text) + 1
        at = min(max(left, x(day) - text_w / 2), left + width - text_w)
        if day in shown or at < taken_until + 2:
            continue
        pdf.set_xy(at, below + 0.5)
        pdf.cell(text_w, 3.5, text, align="C")
        taken_until = at + text_w
        shown.add(day)
    pdf.set_xy(pdf.l_margin, below + 5)
    key = "   ".join(
        [
            "• " + _("pain before"),
            "× " + _("highest during"),
            "▲ " + _("next morning worse"),
            "▼ " + _("next morning better"),
            "· " + _("next morning the same"),
        ]
    )
    pdf.multi_cell(pdf.epw, 3.5, key, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*INK)
    pdf.set_auto_page_break(auto, margin)
    pdf.ln(2)


def exercise_block(pdf: FPDF, report: ExerciseReport) -> None:
    heading(pdf, report.name, size=11.5, space=1)
    state = report.current
    para(
        pdf,
        now_line(state),
        space=0.5,
    )
    rows = exercise_table(report)
    if len(rows) > 1:
        _table(pdf, (30, 17, 24, 16, 12, 37, 42), rows)
    else:
        para(pdf, _("Not done in this period."))
    if report.changes:
        label(pdf, _("Changes in dosage"))
        items(
            pdf,
            [change_line(c) for c in report.changes],
        )
    pdf.ln(1)


def report_pdf(data: ReportData, paper: str, attachment: bytes | None = None) -> bytes:
    """The report as PDF/A-3b: kept as the record of a visit, so archived; `attachment`,
    coach's JSON export, travels inside it (see pdf_archive)."""
    pdf = Document(
        paper,
        _(
            "coach progress report. Supports, and does not replace, the "
            "judgement of your therapist."
        ),
        compliance=pdf_archive.COMPLIANCE,
    )
    pdf.set_lang(language())
    pdf.set_title(_("Progress report"))
    blocks = Blocks(pdf)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, 8, _("Progress report"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    lines = [data.programme.title.get(language())]
    if data.programme.patient:
        lines.append(_("For: {name}").format(name=data.programme.patient))
    lines.append(period_text(data))
    para(pdf, "\n".join(lines))

    def flags(doc: FPDF) -> None:
        heading(doc, _("To look at first"), size=12)
        items(doc, data.flags or [_("Nothing stands out in this period.")])

    blocks.place(flags)

    def measures(doc: FPDF) -> None:
        heading(doc, _("Outcome measures"), size=12)
        if data.outcomes.empty:
            para(doc, report_outcomes.none_yet())
            return
        _table(doc, (54, 16, 38, 22, 45), report_outcomes.rows(data.outcomes))
        doc.set_font(FONT, "", 8)
        doc.set_text_color(*MUTED)
        doc.multi_cell(
            doc.epw, 3.8, report_outcomes.about(data.outcomes), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        doc.set_text_color(*INK)
        doc.ln(2)

    blocks.place(measures)

    def weeks(doc: FPDF) -> None:
        heading(doc, _("Sessions per week"), size=12)
        _table(doc, (45, 40, 35, 40), weeks_table(data))

    blocks.place(weeks)

    def pain(doc: FPDF) -> None:
        heading(doc, _("Pain"), size=12)
        if any(p.before is not None or p.during is not None or p.morning for p in data.pain):
            pain_chart(doc, data.pain, data.first, data.last)
        else:
            para(doc, _("No pain scores recorded in this period yet."))

    blocks.place(pain)
    for report in data.exercises:
        blocks.place(functools.partial(exercise_block, report=report))

    def checkins(doc: FPDF) -> None:
        heading(doc, _("Weekly check-ins"), size=12)
        if data.checkins:
            items(doc, [check_in_line(c) for c in data.checkins])
        else:
            para(doc, _("No check-ins in this period."))

    blocks.place(checkins)

    def notes(doc: FPDF) -> None:
        heading(doc, _("Notes"), size=12)
        if data.notes:
            items(doc, [f"{plain_words.short_date(day)}: {note}" for day, note in data.notes])
        else:
            para(doc, _("No notes in this period."))

    blocks.place(notes)
    if data.problems:
        label(pdf, _("Files that could not be read"))
        items(pdf, data.problems)
    return pdf_archive.finish(pdf, attachment)
