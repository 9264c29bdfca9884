"""`coach report`: the progress report a patient brings to the next visit, as a PDF.

The period, adherence per week, every dosage change with its reason (as it was
stored when decided), pain before, highest during and the next morning, the
weekly check-in answers and the notes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from fpdf import FPDF, XPos, YPos

from coach.documents.pdf import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    RULE,
    Document,
    heading,
    items,
    label,
    para,
)
from coach.documents.report_data import ReportData, change_words, check_in_line
from coach.domain import plain_words, progress_summary
from coach.i18n import _, language


def _table(pdf: FPDF, widths: tuple[float, ...], rows: Sequence[tuple[str, ...]]) -> None:
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(
        col_widths=widths,
        line_height=4.8,
        first_row_as_headings=True,
        borders_layout="HORIZONTAL_LINES",
        padding=0.8,
        text_align="LEFT",
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(3)


def pain_chart(
    pdf: FPDF, points: list[progress_summary.PainPoint], first: date, last: date
) -> None:
    """Pain 0-10 over the period: before (•), highest during (×), next morning (▲ ▼ ·)."""
    left, width, height = pdf.l_margin + 10, pdf.epw - 12, 52.0
    top = pdf.get_y() + 2
    span = max(1, (last - first).days)

    def x(day: date) -> float:
        return left + width * (day - first).days / span

    def y(value: float) -> float:
        return top + height - height * value / 10

    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*MUTED)
    for value in (0, 5, 10):
        pdf.line(left, y(value), left + width, y(value))
        pdf.set_xy(left - 8, y(value) - 2)
        pdf.cell(6, 4, str(value), align="R")
    pdf.set_xy(left, top + height + 1)
    pdf.cell(width / 2, 4, first.isoformat())
    pdf.cell(width / 2, 4, last.isoformat(), align="R")
    series = (("before", (27, 94, 130), "•"), ("during", (176, 58, 46), "×"))
    for name, color, mark in series:
        pts = [
            (x(p.when.date()), y(getattr(p, name))) for p in points if getattr(p, name) is not None
        ]
        pdf.set_draw_color(*color)
        pdf.set_text_color(*color)
        pdf.set_line_width(0.5)
        for (x1, y1), (x2, y2) in itertools.pairwise(pts):
            pdf.line(x1, y1, x2, y2)
        pdf.set_font(FONT, "", 8)
        for px, py in pts:
            pdf.set_xy(px - 2, py - 2)
            pdf.cell(4, 4, mark, align="C")
    pdf.set_text_color(*INK)
    marks = {"worse": "▲", "better": "▼", "same": "·"}
    pdf.set_font(FONT, "", 7.5)
    for p in points:
        if p.morning:
            pdf.set_xy(x(p.when.date()) - 2, top + height + 5)
            pdf.cell(4, 4, marks[p.morning], align="C")
    pdf.set_xy(pdf.l_margin, top + height + 11)
    pdf.set_text_color(*MUTED)
    key = "   ".join(
        [
            "• " + _("pain before"),
            "× " + _("highest during"),
            "▲ " + _("next morning worse"),
            "▼ " + _("next morning better"),
            "· " + _("next morning the same"),
        ]
    )
    pdf.multi_cell(pdf.epw, 4, key, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*INK)
    pdf.ln(3)


def report_pdf(data: ReportData, paper: str) -> bytes:
    pdf = Document(
        paper,
        _(
            "coach progress report. Supports, and does not replace, the "
            "judgement of your therapist."
        ),
    )
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, 8, _("Progress report"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    lines = [data.programme.title.get(language())]
    if data.programme.patient:
        lines.append(_("For: {name}").format(name=data.programme.patient))
    lines.append(
        _("Period: {first} to {last}").format(
            first=data.first.isoformat(), last=data.last.isoformat()
        )
    )
    para(pdf, "\n".join(lines))
    if data.flags:
        heading(pdf, _("To look at first"))
        items(pdf, data.flags)

    heading(pdf, _("Sessions per week"))
    rows = [(_("Week"), _("From"), _("Sessions"), _("Adherence"), _("Walking breaks"))]
    rows += [
        (
            w.label,
            w.monday.isoformat(),
            _("{done} of {planned}").format(done=w.done, planned=w.planned),
            f"{w.adherence}%",
            str(walks),
        )
        for w, walks in zip(data.weeks, data.walks, strict=True)
    ]
    _table(pdf, (30, 30, 35, 30, 40), rows)

    heading(pdf, _("Dosage now"))
    now = [(_("Exercise"), _("Level"), _("Dosage"), _("Since"))]
    for entry, state in zip(data.programme.exercises, data.current, strict=True):
        now.append(
            (
                entry.exercise.name.get(language()),
                str(state.dosage.level),
                plain_words.dosage_short(state.dosage),
                state.since.isoformat() if state.since else _("not started"),
            )
        )
    _table(pdf, (50, 16, 80, 32), now)

    heading(pdf, _("Changes in dosage"))
    if data.changes:
        changes = [(_("Date"), _("Exercise"), _("Change"), _("Why"))]
        changes += [
            (c.day.isoformat(), c.exercise, change_words(c.kind), c.reason) for c in data.changes
        ]
        _table(pdf, (22, 34, 26, 96), changes)
    else:
        para(pdf, _("No changes in this period."))

    heading(pdf, _("Pain"))
    if any(p.before is not None or p.during is not None or p.morning for p in data.pain):
        pain_chart(pdf, data.pain, data.first, data.last)
    else:
        para(pdf, _("No pain scores recorded in this period yet."))

    heading(pdf, _("Weekly check-ins"))
    if data.checkins:
        items(pdf, [check_in_line(c) for c in data.checkins])
    else:
        para(pdf, _("No check-ins in this period."))
    heading(pdf, _("Notes"))
    if data.notes:
        items(pdf, [f"{day.isoformat()}: {note}" for day, note in data.notes])
    else:
        para(pdf, _("No notes in this period."))
    if data.problems:
        label(pdf, _("Files that could not be read"))
        items(pdf, data.problems)
    return bytes(pdf.output())
