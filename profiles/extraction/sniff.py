"""File types by content (magic bytes), never by name or Content-Type header."""

from __future__ import annotations

import io
import zipfile

PDF = "pdf"
DOCX = "docx"
DOC = "doc"
TXT = "txt"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DOC: "application/msword",
    TXT: "text/plain; charset=utf-8",
}
EXTENSIONS = {PDF: "pdf", DOCX: "docx", DOC: "doc", TXT: "txt"}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Every Word 97-2003 file has a stream named "WordDocument" (UTF-16 in the OLE directory);
# Excel and PowerPoint files share the OLE container but not this stream.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_TEXT_CONTROL_ALLOWED = {"\t", "\n", "\r", "\f"}


def detect(data: bytes) -> str | None:
    """pdf, docx, doc, txt, or None for anything else."""
    if _PDF_MAGIC in data[:1024]:
        return PDF
    if data.startswith(_ZIP_MAGIC):
        return DOCX if _is_docx(data) else None
    if data.startswith(_OLE_MAGIC):
        return DOC if _WORD_STREAM in data else None
    if decode_text(data) is not None:
        return TXT
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


def docx_uncompressed_size(data: bytes) -> int:
    """What the archive's entries declare they decompress to (zipfile enforces the declaration)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def decode_text(data: bytes) -> str | None:
    """The text of a plain-text file, or None if these bytes are not text."""
    if not data:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in data:
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    controls = sum(1 for char in text if ord(char) < 32 and char not in _TEXT_CONTROL_ALLOWED)
    if controls > max(2, len(text) // 100):
        return None
    return text
