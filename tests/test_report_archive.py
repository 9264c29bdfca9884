"""The report is PDF/A-3b and carries coach's JSON as an associated file, read back safely."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from io import BytesIO
from typing import Any

import pytest
from fpdf import FPDF
from fpdf.errors import PDFAComplianceError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from coach.documents import pdf_archive
from coach.documents.pdf import Document
from coach.documents.pdf_archive import ATTACHMENT, attached_json
from coach.documents.report import report_pdf
from coach.documents.report_data import ReportData, gather
from coach.errors import CoachError
from coach.files.paths import Paths
from coach.i18n import set_language
from tests.conftest import ROOT

DAY = date(2026, 11, 23)
PAYLOAD = '{"title": "Rug & <buik>", "note": "ging goed – één keer"}\n'.encode()
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def report_data(home: Any) -> ReportData:
    """The report of an empty home (the built-in programme), as of a fixed day."""
    return gather(Paths(config_dir=home, data_dir=home), 8, DAY)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    set_language("en")
    return report_pdf(report_data(tmp_path_factory.mktemp("home")), "a4", PAYLOAD)


def xmp(reader: PdfReader) -> ET.Element:
    catalog: Any = reader.trailer["/Root"]
    return ET.fromstring(catalog["/Metadata"].get_data())


def field(root: ET.Element, path: str) -> str:
    found = root.find(f".//rdf:Description/{path}", NS)
    assert found is not None and found.text is not None, path
    return found.text


def info_date(value: str) -> datetime:
    """An Info dictionary date as fpdf2 writes it: D:YYYYMMDDHHmmSSZ."""
    assert value.startswith("D:") and value.endswith("Z"), value
    return datetime.strptime(value[2:-1], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def test_xmp_says_pdf_a_3b_with_title_and_language(report: bytes) -> None:
    reader = PdfReader(BytesIO(report))
    assert report.startswith(b"%PDF-1.7")
    root = xmp(reader)
    assert field(root, "pdfaid:part") == "3"
    assert field(root, "pdfaid:conformance") == "B"
    info: Any = reader.trailer["/Info"]
    assert field(root, "dc:title/rdf:Alt/rdf:li") == info["/Title"] == "Progress report"
    catalog: Any = reader.trailer["/Root"]
    assert field(root, "dc:language/rdf:Bag/rdf:li") == catalog["/Lang"] == "en"
    assert "/OutputIntents" in catalog  # the sRGB profile fpdf2 adds for PDF/A


def test_xmp_agrees_with_the_info_dictionary(report: bytes) -> None:
    """PDF/A: every Info entry repeated in the XMP with the same value."""
    reader = PdfReader(BytesIO(report))
    root, info = xmp(reader), reader.trailer["/Info"]
    assert isinstance(info, dict)
    created = info_date(info["/CreationDate"])
    assert datetime.fromisoformat(field(root, "xmp:CreateDate")) == created
    assert datetime.fromisoformat(field(root, "xmp:ModifyDate")) == created
    assert field(root, "pdf:Producer") == info["/Producer"]
    assert info["/Producer"].startswith("fpdf2 ")
    assert field(root, "xmp:CreatorTool") == info["/Creator"] == "coach"


def test_the_json_is_an_associated_data_file(report: bytes) -> None:
    catalog: Any = PdfReader(BytesIO(report)).trailer["/Root"]
    (spec,) = [ref.get_object() for ref in catalog["/AF"]]
    assert spec["/AFRelationship"] == "/Data"
    assert spec["/F"] == spec["/UF"] == ATTACHMENT
    assert spec["/EF"]["/F"]["/Subtype"] == "/application/json"
    names = catalog["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == ATTACHMENT and names[1].get_object() == spec
    assert attached_json(report, "report.pdf") == PAYLOAD  # byte for byte


def test_every_font_is_embedded(report: bytes) -> None:
    """PDF/A allows no core font (Helvetica and the like): all text is in DejaVu."""
    fonts = []
    for page in PdfReader(BytesIO(report)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            assert font["/Subtype"] == "/Type0", font
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor
            fonts.append(str(font["/BaseFont"]).split("+")[-1])
    assert set(fonts) == {"DejaVuSansBook", "DejaVuSansBold"}


def test_dutch_and_without_attachment(tmp_path: Any) -> None:
    set_language("nl")
    report = report_pdf(report_data(tmp_path), "letter")
    reader = PdfReader(BytesIO(report))
    root, info = xmp(reader), reader.trailer["/Info"]
    catalog: Any = reader.trailer["/Root"]
    assert isinstance(info, dict)
    assert field(root, "dc:language/rdf:Bag/rdf:li") == catalog["/Lang"] == "nl"
    assert field(root, "dc:title/rdf:Alt/rdf:li") == info["/Title"] != "Progress report"
    assert "/AF" not in catalog and "/Names" not in catalog
    with pytest.raises(CoachError) as raised:
        attached_json(report, "rapport.pdf")
    assert "rapport.pdf" in raised.value.message and "\n" not in raised.value.message


def test_a_title_with_markup_gives_well_formed_xmp() -> None:
    pdf = Document("a4", "", compliance=pdf_archive.COMPLIANCE)
    pdf.set_title("Rug & <buik> \x07")  # the bell cannot be in XML at all: dropped
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.cell(text="Rug & <buik>")
    created = datetime(2026, 11, 23, 9, 0, 30, 500)  # local time, with a fraction
    reader = PdfReader(BytesIO(pdf_archive.finish(pdf, created=created)))
    root, info = xmp(reader), reader.trailer["/Info"]
    assert isinstance(info, dict)
    assert field(root, "dc:title/rdf:Alt/rdf:li") == info["/Title"] == "Rug & <buik> "
    when = datetime.fromisoformat(field(root, "xmp:CreateDate"))
    assert when == info_date(info["/CreationDate"]) == created.astimezone().replace(microsecond=0)


def test_the_handout_stays_a_normal_pdf() -> None:
    archived = Document("a4", "", compliance=pdf_archive.COMPLIANCE)
    with pytest.raises(PDFAComplianceError):
        archived.set_font("helvetica")  # so the report, made without an error, uses none
    pdf = Document("a4", "")
    pdf.add_page()
    pdf.set_font("helvetica")  # a normal document may
    catalog: Any = PdfReader(BytesIO(bytes(pdf.output()))).trailer["/Root"]
    assert "/Metadata" not in catalog and "/OutputIntents" not in catalog


def plain_pdf(attach: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(text="Not a report")
    if attach:
        pdf.embed_file(bytes=b"{}", basename=attach)
    return bytes(pdf.output())


NOT_READABLE = "{}: not a PDF that coach can read"
NO_DATA = "{}: this PDF has no coach data attached (coach-export.json)"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (lambda report: random.Random(7).randbytes(4000), NOT_READABLE),
        (lambda report: b"", NOT_READABLE),
        (lambda report: report[: len(report) // 2], NOT_READABLE),
        (lambda report: report[:-40], NOT_READABLE),
        (lambda report: plain_pdf(), NO_DATA),
        (lambda report: plain_pdf(attach="notes.json"), NO_DATA),
    ],
    ids=["random", "empty", "half", "no-trailer", "plain-fpdf2", "other-attachment"],
)
def test_what_is_not_a_report_gives_one_line(
    report: bytes, broken: Any, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(CoachError) as raised:
        attached_json(broken(report), "weird name.pdf")
    assert raised.value.message == expected.format("weird name.pdf")
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []  # pypdf kept quiet
    assert logging.getLogger("pypdf").level == logging.NOTSET  # and may speak again


def test_damage_to_the_data_is_noticed(report: bytes) -> None:
    """pypdf would hand over the changed bytes without a word; the MD5 sum catches them."""
    at = report.index(PAYLOAD)
    damaged = report[:at] + PAYLOAD.replace(b"Rug", b"Rig") + report[at + len(PAYLOAD) :]
    with pytest.raises(CoachError) as raised:
        attached_json(damaged, "r.pdf")
    assert raised.value.message == "r.pdf: the coach data attached to this PDF is damaged"


def test_data_over_the_limit_is_refused(report: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_archive, "MAX_BYTES", len(PAYLOAD) - 1)
    with pytest.raises(CoachError) as raised:
        attached_json(report, "r.pdf")
    assert raised.value.message.startswith("r.pdf: the coach data attached is larger than ")
    assert "\n" not in raised.value.message
    monkeypatch.setattr(pdf_archive, "MAX_BYTES", len(PAYLOAD))
    assert attached_json(report, "r.pdf") == PAYLOAD


def written(writer: PdfWriter) -> bytes:
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_another_writers_name_tree_with_kids_is_read() -> None:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.add_attachment(ATTACHMENT, PAYLOAD)
    root: Any = writer.root_object
    tree = root["/Names"]["/EmbeddedFiles"]
    kid = writer._add_object(DictionaryObject({NameObject("/Names"): tree["/Names"]}))
    del tree["/Names"]
    tree[NameObject("/Kids")] = ArrayObject([kid])
    assert attached_json(written(writer), "other.pdf") == PAYLOAD


def test_a_name_tree_that_loops_ends() -> None:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    node = DictionaryObject()
    ref = writer._add_object(node)
    node[NameObject("/Kids")] = ArrayObject([ref, ref])  # itself, twice: it would never end
    names = DictionaryObject({NameObject("/EmbeddedFiles"): ref})
    writer.root_object[NameObject("/Names")] = names
    with pytest.raises(CoachError) as raised:
        attached_json(written(writer), "loop.pdf")
    assert raised.value.message == NOT_READABLE.format("loop.pdf")


def test_reading_the_data_back_loads_no_pdf_library_until_asked() -> None:
    probe = (
        "import sys, coach.documents.pdf_archive\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fpdf', 'pypdf')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
