"""A video link on paper: a QR code to scan, and the address beside it to type."""

from __future__ import annotations

from fpdf import FPDF, XPos, YPos

from coach.documents.pdf import ACCENT, INK, label, line, para
from coach.i18n import _


def video_code(pdf: FPDF, address: str) -> None:
    """A QR code of the video's address, with the address under it to type."""
    import segno  # noqa: PLC0415 -- only handouts with a video link need it

    code = segno.make(address, error="m")
    side = 24.0
    size = side / code.symbol_size(border=2)[0]
    top, left = pdf.get_y() + 1, pdf.l_margin
    before = pdf.fill_color
    pdf.set_fill_color(*INK)
    for y, row in enumerate(code.matrix_iter(border=2)):
        for x, dark in enumerate(row):
            if dark:
                pdf.rect(left + x * size, top + y * size, size, size, style="F")
    if before is not None:  # tables drawn later fill with the colour they expect
        pdf.set_fill_color(before)
    else:
        pdf.set_fill_color(255)
    pdf.set_xy(left + side + 4, top + 3)
    label(pdf, _("Video"), pdf.epw - side - 4)
    pdf.set_x(left + side + 4)
    para(
        pdf,
        _("Scan the code with your phone, or type the address under it."),
        pdf.epw - side - 4,
        0.5,
    )
    # The address under the code, whole, to type by hand (a link in the PDF too).
    pdf.set_xy(left, top + side + 0.5)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(
        pdf.epw, line(pdf), address, link=address, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_text_color(*INK)
    pdf.ln(1)
