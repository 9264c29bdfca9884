"""`coach print`: the programme as a PDF handout with drawn pictures and a paper log sheet.

Laid out with fpdf2 in DejaVu Sans (bundled; it covers Dutch diacritics, ×, dashes
and curly quotes). Every block is measured before it is drawn, so an exercise is
never split over two pages unless it is longer than a whole page, and at most
two exercises share a page.
"""

from __future__ import annotations

import functools
import io
from datetime import date
from typing import Any

from fpdf import FPDF, XPos, YPos

from coach.documents import handout_text
from coach.documents.figures import FAR, GAP, NEAR, PANEL, key_text, svg
from coach.documents.figures import size as figure_size
from coach.documents.pdf import (
    ACCENT,
    FONT,
    INK,
    MUTED,
    Blocks,
    Document,
    body,
    fit_widths,
    heading,
    items,
    label,
    line,
    para,
    rule,
)
from coach.documents.qr import video_code
from coach.domain import plain_words
from coach.domain.model import Programme, ProgrammeExercise
from coach.domain.plain_words import position_names
from coach.domain.warning_signs import SIGNS, Urgency
from coach.i18n import _, language

BODY, LARGE_BODY = 11.0, 14.0  # body text in points: normal and large print
POSITION_W = 72.0  # mm: each position's picture, side by side across the page
PICTURE_W = POSITION_W * (2 * PANEL + GAP) / PANEL


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
    margin = pdf.r_margin
    if programme.logo is not None:
        # At the top right, at most 40 x 18 mm, its proportions kept (checked: logo_problem).
        pdf.image(
            str(programme.logo),
            x=pdf.l_margin + pdf.epw - 40,
            y=pdf.t_margin,
            w=40,
            h=18,
            keep_aspect_ratio=True,
            alt_text=_("Logo of the practice"),
        )
        pdf.set_right_margin(pdf.r_margin + 44)  # the title wraps before the logo
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, 8, programme.title.get(language()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1)
    lines = _contact(programme)
    lines.append(_("How often: {frequency}").format(frequency=plain_words.frequency(programme)))
    if programme.start:
        lines.append(_("From: {day}").format(day=plain_words.long_date(programme.start)))
    agreed = plain_words.long_date(programme.agreed) if programme.agreed else _("not yet")
    lines.append(_("Agreed with you on: {day}").format(day=agreed))
    lines.append(_("Printed: {day}").format(day=plain_words.long_date(today)))
    para(pdf, "\n".join(lines), space=1)
    if programme.logo is not None:
        pdf.set_right_margin(margin)
        pdf.set_y(max(pdf.get_y(), pdf.t_margin + 19))
    if programme.notes:
        label(pdf, _("Notes from your therapist"))
        para(pdf, programme.notes.get(language()))
    rule(pdf)


def _picture(pdf: FPDF, entry: ProgrammeExercise, x: float, y: float, width: float) -> float:
    """The start and end position side by side, captioned; returns the bottom."""
    ex = entry.exercise
    pose = ex.pose_at(entry.dosage.level)
    if pose is None:
        return y
    lang = language()
    fig_w, fig_h = figure_size(pose, labels=False)
    height = width * fig_h / fig_w
    first, second = position_names(pose, ex.level(entry.dosage.level))
    alt = _("Pictures of {exercise}, level {number}: {first} and {second}").format(
        exercise=ex.name.get(lang), number=entry.dosage.level, first=first, second=second
    )
    drawing = io.BytesIO(svg(pose, key=False).encode("utf-8"))
    pdf.image(drawing, x=x, y=y, w=width, h=height, alt_text=alt)
    pdf.set_font(FONT, "", body(pdf) - 1.5)
    pdf.set_text_color(*MUTED)
    half = width * (1 - GAP / fig_w) / 2
    pdf.set_xy(x, y + height)
    pdf.cell(half, line(pdf), first, align="C")
    pdf.set_x(x + width - half)
    pdf.cell(half, line(pdf), second, align="C")
    pdf.set_text_color(*INK)
    bottom = y + height + line(pdf) + 1.5
    names = key_text(pose)
    if names is not None:
        # Which limbs are which, so "opposite arm and leg" can be read.
        pdf.set_xy(x, bottom)
        for color, name in zip((NEAR, FAR), names, strict=True):
            pdf.set_fill_color(*_rgb(color))
            size = line(pdf) * 0.6
            pdf.rect(pdf.get_x(), bottom + (line(pdf) - size) / 2, size, size, style="F")
            pdf.set_x(pdf.get_x() + size + 1.5)
            pdf.cell(pdf.get_string_width(name) + 6, line(pdf), name)
        bottom += line(pdf) + 1.5
    return bottom


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def exercise_top(
    pdf: FPDF, number: int, entry: ProgrammeExercise, frequency: str, large: bool = False
) -> None:
    """An exercise's first part: its name, pictures, how much, what it does, how to start."""
    ex, d = entry.exercise, entry.dosage
    lang = language()
    level = ex.level(d.level)
    heading(pdf, f"{number}. {ex.name.get(lang)}", space=0.5)
    pdf.set_font(FONT, "", body(pdf) - 1)
    pdf.set_text_color(*MUTED)
    variant = _("level {number}: {variant}").format(number=d.level, variant=level.variant.get(lang))
    pdf.multi_cell(pdf.epw, line(pdf), variant, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1.5)
    top = pdf.get_y()
    # The pictures across the page, each position at least 7 cm wide; the text below.
    width = pdf.epw if large else min(PICTURE_W, pdf.epw)
    bottom = _picture(pdf, entry, pdf.l_margin + (pdf.epw - width) / 2, top, width)
    pdf.set_xy(pdf.l_margin, bottom)
    label(pdf, _("How much"))
    how_much = f"{plain_words.dosage_line(d)}\n{frequency}"
    if entry.outside_range:
        how_much += "\n" + _(plain_words.OUTSIDE_RANGE)
    para(pdf, how_much)
    label(pdf, _("What it does"))
    para(pdf, ex.purpose.get(lang))
    label(pdf, _("Starting position"))
    para(pdf, ex.start_position.get(lang))
    pdf.ln(1)
    if entry.note is not None:  # the full width: a therapist's note may be long
        label(pdf, _("From your therapist"))
        para(pdf, entry.note.get(lang))
    if d.level != ex.dosage.level:
        label(pdf, _("At this level"))
        para(pdf, level.changes.get(lang))


def exercise_steps(pdf: FPDF, entry: ProgrammeExercise) -> None:
    """An exercise's second part: the steps, what to feel, mistakes, when to stop."""
    ex, lang = entry.exercise, language()
    label(pdf, _("Steps"))
    items(pdf, ex.steps.get(lang), numbered=True)
    label(pdf, _("What you should feel"))
    para(pdf, ex.feel.get(lang))
    label(pdf, _("Common mistakes"))
    items(pdf, ex.mistakes.get(lang))
    label(pdf, _("When to stop"))
    para(pdf, ex.stop.get(lang))
    if entry.video is not None:
        video_code(pdf, entry.video)


def ladder(pdf: FPDF, entry: ProgrammeExercise, width: float | None = None) -> None:
    """The exercise's levels, ▶ at the prescribed one; `width` for a column of the page."""
    ex = entry.exercise
    width = width or pdf.epw
    label(pdf, ex.name.get(language()), width)
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
    header = (_("Level"), _("Variant"), _("Range"))
    pdf.set_font(FONT, "B", body(pdf) - 1.5)
    widths = fit_widths(pdf, (0.1 * width, 0.36 * width, 0.54 * width), [header], padding=0.8)
    pdf.set_font(FONT, "", body(pdf) - 1.5)
    with pdf.table(
        width=width,
        col_widths=tuple(widths),
        text_align=("CENTER", "LEFT", "LEFT"),
        align="LEFT",
        line_height=line(pdf) - 1,
        first_row_as_headings=True,
        borders_layout="HORIZONTAL_LINES",
        padding=0.8,
    ) as table:
        for row in [header, *rows]:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(1.5)


def ladders(pdf: FPDF, pair: list[ProgrammeExercise], intro: bool = False) -> None:
    """Two ladders side by side (one alone takes the whole width)."""
    if intro:
        para(pdf, _("The levels of your exercises (▶ is where you start):"))
    if len(pair) == 1:
        ladder(pdf, pair[0])
        return
    gap = 6.0
    width = (pdf.epw - gap) / 2
    top, left = pdf.get_y(), pdf.l_margin
    bottoms = []
    for i, entry in enumerate(pair):
        pdf.set_left_margin(left + i * (width + gap))
        pdf.set_xy(pdf.l_margin, top)
        ladder(pdf, entry, width)
        bottoms.append(pdf.get_y())
    pdf.set_left_margin(left)
    pdf.set_xy(left, max(bottoms))


def growth(pdf: FPDF, programme: Programme, blocks: Blocks) -> None:
    blocks.place(lambda target: _growth_rules(target, programme))
    entries = list(programme.exercises)
    for i in range(0, len(entries), 2):
        blocks.place(functools.partial(ladders, pair=entries[i : i + 2], intro=i == 0))


def _growth_rules(pdf: FPDF, programme: Programme) -> None:
    heading(pdf, _("How your programme grows"))
    para(pdf, handout_text.growth_intro())
    items(pdf, handout_text.growth_rules(programme))


def advice(pdf: FPDF) -> None:
    heading(pdf, _("Good to know"))
    items(pdf, handout_text.good_to_know())


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
    pdf.set_font(FONT, "", body(pdf) - 1.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(pdf.epw, line(pdf), disclaimer(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def footer_note() -> str:
    return _("Supports, and does not replace, the advice of your therapist and doctor.")


def disclaimer() -> str:
    return _(plain_words.HANDOUT_DISCLAIMER)


def handout(
    programme: Programme, paper: str, today: date, log: bool = True, large: bool = False
) -> bytes:
    pdf = Document(paper, footer_note(), LARGE_BODY if large else BODY)
    blocks = Blocks(pdf)
    pdf.set_lang(language())  # a screen reader reads Dutch as Dutch
    pdf.set_title(programme.title.get(language()))
    pdf.set_subject(_("Home exercise programme"))
    pdf.add_page()
    header(pdf, programme, today)
    per_page = 1 if large else 2
    on_page = 0
    for number, entry in enumerate(programme.exercises, start=1):
        if on_page == per_page:
            pdf.add_page()
            on_page = 0
        page = pdf.page

        def top(target: Any, n: int = number, e: ProgrammeExercise = entry) -> None:
            exercise_top(target, n, e, plain_words.exercise_frequency(programme, e), large)

        def steps(target: Any, e: ProgrammeExercise = entry) -> None:
            exercise_steps(target, e)

        def whole(target: Any) -> None:
            top(target)
            steps(target)

        if large:  # large print: one exercise a page, whole
            blocks.place(whole)
        else:
            blocks.place_together(top, steps)
        on_page = on_page + 1 if pdf.page == page else 1
        pdf.ln(3)
        rule(pdf)
    growth(pdf, programme, blocks)
    blocks.place(advice)
    blocks.place(red_flags)
    if log:
        pdf.add_page()
        from coach.documents.log_sheet import log_sheet  # noqa: PLC0415

        log_sheet(pdf, programme)
    return bytes(pdf.output())
