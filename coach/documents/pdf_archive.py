"""The report as PDF/A-3b, with coach's data attached, and that data read back.

PDF/A-3 is the archive format that may carry the data a document was made from as an
"associated file": the report keeps the JSON export inside it, and coach reads it back
from the PDF a patient hands over. fpdf2 and pypdf are imported where they are used:
reading an attachment back needs no PDF writer, and neither may slow down coach's start.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from coach.errors import CoachError
from coach.i18n import _

if TYPE_CHECKING:
    from fpdf import FPDF

PART, CONFORMANCE = 3, "B"
COMPLIANCE = f"PDF/A-{PART}{CONFORMANCE}"  # what fpdf2's enforce_compliance takes
ATTACHMENT = "coach-export.json"
MAX_BYTES = 50_000_000  # 50 MB, far more than years of sessions; a bigger one is not ours
NAME_TREE_NODES = 10_000  # a real name tree has a handful; shared kids could multiply a walk

# Characters XML 1.0 cannot hold at all, not even escaped: dropped from the metadata.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xmp(title: str, lang: str, creator: str, producer: str, created: datetime) -> str:
    """The XMP metadata packet's <x:xmpmeta> (fpdf2 wraps it in <?xpacket?>).

    PDF/A wants every Info dictionary entry repeated here with the same value, so this
    is built from what goes there: title, creator, producer and creation date.
    """
    when = created.isoformat(timespec="seconds")

    def text(value: str) -> str:
        return escape(_NOT_XML.sub("", value))

    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{text(lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{text(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdf:Producer>{text(producer)}</pdf:Producer>
   <pdfaid:part>{PART}</pdfaid:part>
   <pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""


def finish(pdf: FPDF, attachment: bytes | None = None, created: datetime | None = None) -> bytes:
    """The bytes of `pdf`, made with compliance=COMPLIANCE, with its metadata and, when
    given, `attachment` (coach's JSON) as its associated data file."""
    import fpdf  # noqa: PLC0415 -- see the module's docstring
    from fpdf.output import OutputProducer  # noqa: PLC0415

    # Whole seconds: the Info dictionary's dates have none smaller, and the XMP must agree.
    created = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    pdf.set_creation_date(created)
    pdf.set_producer(f"fpdf2 {fpdf.FPDF_VERSION}")
    title = _NOT_XML.sub("", pdf.title or "")
    pdf.set_title(title)  # the Info dictionary's, as the XMP has it
    pdf.set_xmp_metadata(xmp(title, pdf.lang or "", pdf.creator or "", pdf.producer, created))
    if attachment:
        # fpdf2 lists it in the catalog's /AF array as well as in /Names /EmbeddedFiles.
        pdf.embed_file(
            bytes=attachment,
            basename=ATTACHMENT,
            modification_date=created,
            mime_type="application/json",
            associated_file_relationship="Data",
            # An MD5 sum in /Params, so reading it back notices damage. Not compressed:
            # fpdf2 2.8.9 would sum the compressed bytes, where PDF wants the file's own.
            checksum=True,
        )

    class KeepingInfo(OutputProducer):
        """fpdf2 leaves the Info dictionary out of PDF/A files, but PDF/A-3 allows it when
        the XMP agrees, and some viewers (Evince, pdfinfo) read the title only from there.
        So it is hidden while writing: in fpdf2 2.8.9 writing otherwise looks at it only
        for PDF/A-1 and to make an XMP of its own (ours is set), and fpdf2 checks fonts
        and attachments as they are added (tests/test_report_archive.py)."""

        def bufferize(self) -> bytearray:
            compliance, self.fpdf._compliance = self.fpdf._compliance, None
            try:
                return super().bufferize()
            finally:
                self.fpdf._compliance = compliance

    return bytes(pdf.output(output_producer_class=KeepingInfo))


def attached_json(data: bytes, name: str) -> bytes:
    """The coach data attached to a report PDF, given as bytes; `name` is its file, for
    the messages. Any PDF may arrive here: whatever it holds, what comes out is either
    the data or a CoachError of one line."""
    with _quiet_pypdf():
        try:
            content = _attachment(data, name)
        except CoachError:
            raise
        except Exception as error:  # hostile files break a parser in every way there is
            message = _("{file}: not a PDF that coach can read").format(file=name)
            raise CoachError(message) from error
    if content is None:
        message = _("{file}: this PDF has no coach data attached (coach-export.json)")
        raise CoachError(message.format(file=name))
    return content


def _attachment(data: bytes, name: str) -> bytes | None:
    from pypdf import PdfReader  # noqa: PLC0415 -- see the module's docstring

    catalog: Any = PdfReader(BytesIO(data)).trailer["/Root"]  # checked as it is read
    if "/Names" not in catalog or "/EmbeddedFiles" not in catalog["/Names"]:
        return None
    spec = _look_up(catalog["/Names"]["/EmbeddedFiles"])
    if spec is None:
        return None
    files = spec["/EF"]
    stream = files["/UF"] if "/UF" in files else files["/F"]
    params = _entry(stream, "/Params", {})
    size = _entry(params, "/Size", None)
    # pypdf reads a hex string as text when its bytes happen to decode: take them back.
    checksum = getattr(_entry(params, "/CheckSum", None), "original_bytes", None)
    if isinstance(size, int) and size > MAX_BYTES:
        raise _too_large(name)  # refused before it is unpacked
    content = bytes(stream.get_data())  # pypdf (6 and later) stops unpacking at 75 MB
    if len(content) > MAX_BYTES:
        raise _too_large(name)
    # pypdf unpacks a damaged stream without a word, into other bytes: the size and the
    # MD5 sum written with it tell.
    if (isinstance(size, int) and size != len(content)) or (
        isinstance(checksum, bytes)
        and checksum != hashlib.md5(content, usedforsecurity=False).digest()
    ):
        message = _("{file}: the coach data attached to this PDF is damaged")
        raise CoachError(message.format(file=name))
    return content


def _look_up(root: Any) -> Any:
    """The file specification that ATTACHMENT names in a name tree, or None."""
    todo, visited = [root], 0
    while todo:
        node = todo.pop().get_object()
        visited += 1
        if visited > NAME_TREE_NODES:
            raise ValueError("name tree too large")
        pairs = _entry(node, "/Names", [])
        for key, value in zip(pairs[::2], pairs[1::2], strict=False):
            if key.get_object() == ATTACHMENT:
                return value.get_object()
        if "/Kids" in node:
            todo.extend(reversed(node["/Kids"]))
    return None


def _entry(dictionary: Any, key: str, default: Any) -> Any:
    """dictionary[key], or `default`: pypdf's get() would not follow a reference."""
    return dictionary[key] if key in dictionary else default  # noqa: SIM401


def _too_large(name: str) -> CoachError:
    message = _("{file}: the coach data attached is larger than {most} MB, the most coach reads")
    return CoachError(message.format(file=name, most=f"{MAX_BYTES / 1_000_000:g}"))


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning for each fault it works around; only our one line may show."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
