"""`coach print`: the programme as a PDF handout with drawn pictures and a paper log sheet.

Laid out with fpdf2 in DejaVu Sans (bundled; it covers Dutch diacritics, ×, dashes
and curly quotes). Every block is measured before it is drawn, so an exercise is
never split over two pages unless it is longer than a whole page, and at most
two exercises share a page.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from fpdf import FPDF, XPos, YPos

from coach.documents.figures import GAP, svg
from coach.documents.figures import size as figure_size
from coach.documents.pdf import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    Blocks,
    Document,
    heading,
    items,
    label,
    para,
    rule,
)
from coach.domain import plain_words
from coach.domain.model import Programme, ProgrammeExercise
from coach.domain.warning_signs import SIGNS, Urgency
from coach.i18n import N_, _, language

LOG_WEEKS = 6


# -- small pieces ------------------------------------------------------------------


def _contact(programme: Programme) -> list[str]:
    lines = []
    if programme.patient:
        lines.append(_("For: {name}").format(name=programme.patient))
    t = programme.therapist
    if t is not None:
        who = ", ".join(x for x in (t.name, t.practice) if x)
        reach = ", ".join(x for x in (t.phone, t.email) if x)
        if who:
            lines.append(_("Therapist: {who}").format(who=who))
        if reach:
            lines.append(_("Contact: {reach}").format(reach=reach))
    return lines


def header(pdf: FPDF, programme: Programme, today: date) -> None:
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, 8, programme.title.get(language()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1)
    lines = _contact(programme)
    lines.append(_("How often: {frequency}").format(frequency=plain_words.frequency(programme)))
    if programme.start:
        lines.append(_("From: {day}").format(day=programme.start.isoformat()))
    agreed = programme.agreed.isoformat() if programme.agreed else _("not yet")
    lines.append(_("Agreed with you on: {day}").format(day=agreed))
    lines.append(_("Printed: {day}").format(day=today.isoformat()))
    para(pdf, "\n".join(lines), space=1)
    if programme.notes:
        label(pdf, _("Notes from your therapist"))
        para(pdf, programme.notes.get(language()))
    rule(pdf)


def exercise_block(pdf: FPDF, number: int, entry: ProgrammeExercise, frequency: str) -> None:
    ex, d = entry.exercise, entry.dosage
    lang = language()
    level = ex.level(d.level)
    heading(pdf, f"{number}. {ex.name.get(lang)}", size=13, space=0.5)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    variant = _("level {number}: {variant}").format(number=d.level, variant=level.variant.get(lang))
    pdf.multi_cell(pdf.epw, 4.4, variant, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1.5)

    top = pdf.get_y()
    pose = ex.pose
    picture_w = 92.0 if pose is not None else 0.0
    picture_bottom = top
    if pose is not None:
        width, height = figure_size(pose, labels=False)
        picture_h = picture_w * height / width
        alt = _("Pictures of {exercise}: start and end position").format(exercise=ex.name.get(lang))
        drawing = io.BytesIO(svg(pose).encode("utf-8"))
        pdf.image(drawing, x=pdf.l_margin, y=top, w=picture_w, h=picture_h, alt_text=alt)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*MUTED)
        half = picture_w * (1 - GAP / width) / 2
        pdf.set_xy(pdf.l_margin, top + picture_h)
        pdf.cell(half, 3.5, _("Starting position"), align="C")
        pdf.set_x(pdf.l_margin + picture_w - half)
        pdf.cell(half, 3.5, _("End position"), align="C")
        pdf.set_text_color(*INK)
        picture_bottom = top + picture_h + 5
    column_x = pdf.l_margin + (picture_w + 6 if pose is not None else 0)
    column_w = pdf.l_margin + pdf.epw - column_x
    pdf.set_xy(column_x, top)
    label(pdf, _("How much"), column_w)
    para(pdf, f"{plain_words.dosage_line(d)}\n{frequency}", column_w)
    label(pdf, _("What it does"), column_w)
    para(pdf, ex.purpose.get(lang), column_w)
    label(pdf, _("Starting position"), column_w)
    para(pdf, ex.start_position.get(lang), column_w)
    pdf.set_xy(pdf.l_margin, max(pdf.get_y(), picture_bottom) + 1)
    if d.level != ex.dosage.level:
        label(pdf, _("At this level"))
        para(pdf, level.changes.get(lang))
    label(pdf, _("Steps"))
    items(pdf, ex.steps.get(lang), numbered=True)
    label(pdf, _("What you should feel"))
    para(pdf, ex.feel.get(lang))
    label(pdf, _("Common mistakes"))
    items(pdf, ex.mistakes.get(lang))
    label(pdf, _("When to stop"))
    para(pdf, ex.stop.get(lang))


def ladder(pdf: FPDF, entry: ProgrammeExercise) -> None:
    ex = entry.exercise
    label(pdf, ex.name.get(language()))
    rows = []
    for level in ex.levels:
        now = "▶ " if level.number == entry.dosage.level else ""
        rows.append(
            (
                f"{now}{level.number}",
                level.variant.get(language()),
                plain_words.level_ranges(ex, level),
            )
        )
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(
        col_widths=(12, 70, 96),
        text_align=("CENTER", "LEFT", "LEFT"),
        line_height=4.6,
        first_row_as_headings=True,
        borders_layout="HORIZONTAL_LINES",
        padding=0.8,
    ) as table:
        for row in [(_("Level"), _("Variant"), _("Range")), *rows]:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(3)


def growth(pdf: FPDF, programme: Programme, blocks: Blocks) -> None:
    s = programme.progression
    heading(pdf, _("How your programme grows"))
    para(
        pdf,
        _(
            "coach builds the load up step by step, on a schedule, and tells you at the "
            "start of each session what changes and why. You may always choose to stay "
            "where you are."
        ),
    )
    up = _(
        "One step up after {sessions} full sessions (at least {percent}% of the reps done), "
        "at least {days} days after the last change, when the pain during the exercise "
        "stayed at {max} out of 10 or lower, your back was not worse the next morning, your "
        "pain is not climbing from week to week, and it did not feel too hard."
    )
    down = _(
        "One step down when the pain went above {max} out of 10, when your back was worse "
        "the next morning, or after {days} days without a session. A step down undoes the "
        "last step up."
    )
    step = _(
        "A step is {reps} more reps per side up to the top of the level, then {hold} "
        "seconds longer hold, then a set more, then the next level."
    )
    stop = _(
        "Stop the session if the pain reaches {stop} out of 10, or with new numbness, tingling "
        "or weakness in a leg. Numbness around the buttocks or genitals, or new trouble with "
        "bladder or bowels: call your GP straight away."
    )
    items(
        pdf,
        [
            up.format(
                sessions=s.increase_after_sessions,
                percent=s.full_session_percent,
                days=s.increase_min_days,
                max=s.pain_during_max,
            ),
            down.format(max=s.pain_during_max, days=s.resume_lower_after_days),
            step.format(reps=s.reps_step, hold=s.hold_step_s),
            stop.format(stop=s.pain_stop),
        ],
    )
    para(pdf, _("The levels of your exercises (▶ is where you start):"))
    for entry in programme.exercises:

        def draw(target: Any, e: ProgrammeExercise = entry) -> None:
            ladder(target, e)

        blocks.place(draw)


def advice(pdf: FPDF) -> None:
    heading(pdf, _("Good to know"))
    items(
        pdf,
        [
            _(
                "Keep moving. Moving helps a sore back; lying in bed a lot can make it worse. "
                "Build up your exercises on the plan, not on the pain."
            ),
            _("Vary your posture, and after every hour of sitting get up for a short walk."),
            _(
                "Your back's load capacity is like a bucket: heavy work, stress, poor sleep and "
                "worries fill it. Rest, relaxation and things you enjoy empty it; step-by-step "
                "exercise makes it bigger."
            ),
            _(
                "Sleep enough, eat a varied diet, smoke less or not at all, and drink little "
                "alcohol: you recover faster."
            ),
            _(
                "Most back pain passes within a few weeks. Worrying makes pain stronger; "
                "trust your back."
            ),
        ],
    )


def red_flags(pdf: FPDF) -> None:
    heading(pdf, _("When to contact a doctor"))
    label(
        pdf,
        _(
            "Call your GP straight away (in the evening, at night and at the weekend: the "
            "huisartsenpost; 112 if it is life-threatening) if you answer yes to:"
        ),
    )
    items(pdf, [_(s.question) for s in SIGNS if s.urgency is Urgency.EMERGENCY])
    label(pdf, _("Contact your GP soon if you answer yes to:"))
    items(pdf, [_(s.question) for s in SIGNS if s.urgency is Urgency.URGENT])


def footer_note() -> str:
    return _("Supports, and does not replace, the advice of your therapist and doctor.")


def disclaimer() -> str:
    return _(
        "This handout supports the advice of your own therapist and doctor; it does not "
        "replace it. Exercises can help, but no one can promise a cure."
    )


def log_sheet(pdf: FPDF, programme: Programme) -> None:
    from coach.documents.calendar import session_days  # noqa: PLC0415

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
    pdf.set_font(FONT, "", 7.5)
    with pdf.table(
        col_widths=widths,
        line_height=7,
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
                cells.cell(f"{week} · " + _(_WEEKDAY_SHORT[day]))
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


def handout(programme: Programme, paper: str, today: date, log: bool = True) -> bytes:
    pdf = Document(paper, footer_note())
    blocks = Blocks(pdf)
    pdf.set_title(programme.title.get(language()))
    pdf.add_page()
    header(pdf, programme, today)
    frequency = plain_words.frequency(programme)
    on_page = 0
    for number, entry in enumerate(programme.exercises, start=1):
        if on_page == 2:  # at most two exercises on a page
            pdf.add_page()
            on_page = 0
        page = pdf.page

        def block(target: Any, n: int = number, e: ProgrammeExercise = entry) -> None:
            exercise_block(target, n, e, frequency)

        blocks.place(block)
        on_page = on_page + 1 if pdf.page == page else 1
        pdf.ln(3)
        rule(pdf)
    pdf.add_page()
    growth(pdf, programme, blocks)
    blocks.place(advice)
    blocks.place(red_flags)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(pdf.epw, 4, disclaimer(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    if log:
        pdf.add_page()
        log_sheet(pdf, programme)
    return bytes(pdf.output())
