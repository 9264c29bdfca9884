"""The paper log sheet at the end of the handout: six weeks of sessions to tick off."""

from __future__ import annotations

from fpdf import FPDF

from coach.documents.pdf import FONT, body, fit_widths, heading, para
from coach.domain.model import Programme
from coach.i18n import N_, _, language

LOG_WEEKS = 6


def log_sheet(pdf: FPDF, programme: Programme) -> None:
    from coach.domain.session_days import session_days  # noqa: PLC0415

    days = session_days(programme)
    names = [e.exercise.name.get(language()) for e in programme.exercises]
    heading(pdf, _("Log sheet"))
    para(
        pdf,
        _(
            "For each session: write the date, tick each exercise you did, and note the "
            "highest pain during the exercises (0-10) and how your back was the next "
            "morning (better, the same, worse)."
        ),
    )
    date_w, pain_w, morning_w = 24.0, 16.0, 22.0
    week_w = 12.0
    exercise_w = (pdf.epw - week_w - date_w - pain_w - morning_w) / max(1, len(names))
    headings = [_("Week"), _("Date"), *names, _("Pain 0-10"), _("Next morning")]
    widths = [week_w, date_w, *[exercise_w] * len(names), pain_w, morning_w]
    sample = ["6\u00a0·\u00a0" + _(name) for name in _WEEKDAY_SHORT.values()]
    rows = [headings, *([d] + [""] * (len(headings) - 1) for d in sample)]
    # 8 pt (11 pt in large print), smaller with many exercises: the table takes the page's
    # width whatever we ask, so its headings must fit in it whole.
    size = body(pdf) - 3
    while True:
        pdf.set_font(FONT, "B", size)
        fitted = fit_widths(pdf, widths, rows, padding=0.6)
        if sum(fitted) <= pdf.epw + 0.01 or size <= 5.5:
            break
        size -= 0.5
    widths = fitted
    pdf.set_font(FONT, "", size)
    with pdf.table(
        col_widths=widths,
        line_height=size * 0.85,
        text_align="CENTER",
        first_row_as_headings=True,
        padding=0.6,
    ) as table:
        cells = table.row()
        for text in headings:
            cells.cell(text)
        for week in range(1, LOG_WEEKS + 1):
            for day in days:
                cells = table.row()
                cells.cell(f"{week}\u00a0·\u00a0" + _(_WEEKDAY_SHORT[day]))  # never broken
                cells.cell("")
                for _name in names:
                    cells.cell("☐")
                cells.cell("")
                cells.cell("")


_WEEKDAY_SHORT = {
    "mon": N_("Mon"),
    "tue": N_("Tue"),
    "wed": N_("Wed"),
    "thu": N_("Thu"),
    "fri": N_("Fri"),
    "sat": N_("Sat"),
    "sun": N_("Sun"),
}
