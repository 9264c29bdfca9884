"""The PDF page: fonts, colours, text blocks and measured layout, for the handout and report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF, XPos, YPos

from coach.i18n import _

FONTS = Path(__file__).parent.parent / "fonts"

FONT = "DejaVu"

INK = (31, 42, 51)

MUTED = (95, 107, 117)

ACCENT = (27, 94, 130)

RULE = (201, 209, 216)

PAPER = {"a4": "A4", "letter": "Letter"}


class Document(FPDF):
    """A4 or Letter, our font, a footer with the disclaimer and page numbers.

    `body` is the size of body text in points; headings, labels, lists and line
    heights scale with it (the handout uses 11, or 14 for large print). `compliance`,
    such as "PDF/A-3B", makes fpdf2 refuse what that standard forbids (the report is
    archived; the handout is a normal PDF).
    """

    def __init__(
        self, paper: str, footer_text: str, body: float = 9.5, *, compliance: str | None = None
    ) -> None:
        super().__init__(
            orientation="portrait", unit="mm", format=PAPER[paper], enforce_compliance=compliance
        )
        self.paper = paper
        self.footer_text = footer_text
        self.body = body
        self.set_margins(15, 13, 15)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font(FONT, size=body)
        self.set_text_color(*INK)
        self.alias_nb_pages()
        self.set_creator("coach")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=max(7.0, self.body - 4))  # 10 pt in large print
        self.set_text_color(*MUTED)
        self.cell(self.epw - 30, 4, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(
            30, 4, _("page {page} of {pages}").format(page=self.page_no(), pages="{nb}"), align="R"
        )
        self.set_text_color(*INK)


def body(pdf: FPDF) -> float:
    """The document's body text size, in points."""
    return float(getattr(pdf, "body", 9.5))


def line(pdf: FPDF) -> float:
    """The line height of body text, in mm."""
    return body(pdf) * 0.43  # 1.22 times the type size


def heading(pdf: FPDF, text: str, size: float | None = None, space: float = 2) -> None:
    size = size or body(pdf) + 3.5
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.epw, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", body(pdf))
    pdf.ln(space)


def label(pdf: FPDF, text: str, width: float | None = None) -> None:
    x = pdf.get_x()
    pdf.set_font(FONT, "B", body(pdf))
    pdf.multi_cell(
        width or pdf.epw, line(pdf) + 0.2, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_x(x if width else pdf.l_margin)
    pdf.set_font(FONT, "", body(pdf))


def para(pdf: FPDF, text: str, width: float | None = None, space: float = 1.5) -> None:
    x = pdf.get_x()
    pdf.set_font(FONT, "", body(pdf))
    pdf.multi_cell(
        width or pdf.epw, line(pdf), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_y(pdf.get_y() + space)
    pdf.set_x(x if width else pdf.l_margin)


def items(
    pdf: FPDF,
    texts: list[str] | tuple[str, ...],
    numbered: bool = False,
    width: float | None = None,
) -> None:
    pdf.set_font(FONT, "", body(pdf))
    left = pdf.get_x()
    indent = body(pdf) * 0.65
    text_w = (width or (pdf.epw - (left - pdf.l_margin))) - indent
    for i, text in enumerate(texts, start=1):
        pdf.set_x(left)
        pdf.cell(indent, line(pdf), f"{i}." if numbered else "•", new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.multi_cell(text_w, line(pdf), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 1)
    pdf.set_x(left)


def fit_widths(
    pdf: FPDF, widths: Sequence[float], rows: Sequence[Sequence[str]], padding: float
) -> list[float]:
    """Column widths in which no word has to break: each column gets at least its longest
    word (in the current font), taken from the columns with room to spare."""
    need = [
        max(
            (
                pdf.get_string_width(word) + 2 * (padding + pdf.c_margin) + 0.5
                for row in rows
                for word in row[i].split()
            ),
            default=0.0,
        )
        for i in range(len(widths))
    ]
    fitted = [max(w, n) for w, n in zip(widths, need, strict=True)]
    extra = sum(fitted) - sum(widths)
    while extra > 0.01:
        spare = [(w - n, i) for i, (w, n) in enumerate(zip(fitted, need, strict=True)) if w > n]
        if not spare:
            break  # nothing left to take from: the table grows
        room, i = max(spare)
        take = min(room, extra)
        fitted[i] -= take
        extra -= take
    return fitted


def rule(pdf: FPDF) -> None:
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(3)


class Blocks:
    """Keeps blocks together: each is measured on a scratch document first, then drawn.

    (fpdf2's offset_rendering does this too, but copies the whole document, fonts
    included, for every block; a scratch document of our own costs one font load.)
    """

    def __init__(self, pdf: Document) -> None:
        self.pdf = pdf
        self.scratch = Document(pdf.paper, "", pdf.body)

    def height(self, draw: Callable[[Any], None]) -> float:
        scratch = self.scratch
        scratch.add_page()
        start_page = scratch.page
        draw(scratch)
        return (scratch.page - start_page) * scratch.eph + scratch.get_y() - scratch.t_margin

    def place_together(self, first: Callable[[Any], None], second: Callable[[Any], None]) -> None:
        """Two parts of one thing, kept on one page when they fit there. When they don't and
        more than half this page is still free, each part is placed on its own instead, so
        a page is not left half empty."""
        pdf = self.pdf

        def both(target: Any) -> None:
            first(target)
            second(target)

        room = pdf.page_break_trigger - pdf.get_y()
        needed = self.height(both)
        if needed <= room:
            both(pdf)
        elif needed <= pdf.eph and room < pdf.eph / 2:
            pdf.add_page()
            both(pdf)
        else:  # apart: each part on this page if it fits, else on the next
            self.place(first)
            self.place(second)

    def place(self, draw: Callable[[Any], None]) -> None:
        """On this page if it fits, else on a new one; a block taller than a page starts here."""
        self._place(draw, self.height(draw))

    def _place(self, draw: Callable[[Any], None], needed: float) -> None:
        pdf = self.pdf
        room = pdf.page_break_trigger - pdf.get_y()
        if needed > room and needed <= pdf.eph:
            pdf.add_page()
        draw(pdf)
