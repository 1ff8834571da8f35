"""Documents built in the tests: small real PDFs and DOCX files, and hostile ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)

CV_LINES = [
    "Ada Lovelace",
    "ada@example.com | +44 20 7946 0958 | London",
    "",
    "Summary",
    "Analytical engineer with 6 years of experience building data pipelines.",
    "",
    "Skills",
    "Python, Postgres, Docker, k8s",
    "",
    "Experience",
    "Senior Software Engineer at Analytical Engines Ltd (2019-01 - present)",
    "Built the difference engine backend.",
    "Software Engineer, Babbage & Co, 2016 - 2018",
    "",
    "Education",
    "BSc in Mathematics, University of London, 2015",
]
CV_TEXT = "\n".join(CV_LINES) + "\n"


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def _text_content(lines: list[str]) -> bytes:
    def escape(line: str) -> bytes:
        return line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    shown = b" T* ".join(b"(" + escape(line) + b") Tj" for line in lines)
    return b"BT /F1 11 Tf 14 TL 72 760 Td " + shown + b" ET"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def make_pdf(lines: list[str] = CV_LINES) -> bytes:
    """A one-page PDF whose text is `lines`."""
    return _pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(_text_content(lines)),
            _FONT,
        ]
    )


def make_many_page_pdf(pages: int, *, declare_count: bool = True) -> bytes:
    """`pages` pages sharing one content stream; with declare_count=False the page tree lies (/Count 1)."""
    kids = b" ".join(b"%d 0 R" % (5 + index) for index in range(pages))
    count = pages if declare_count else 1
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    return _pdf(
        [_CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count, _stream(_text_content(["Page"])), _FONT]
        + [page] * pages
    )


def make_slow_pdf(pages: int = 50, shapes: int = 50_000) -> bytes:
    """Under 10 KB: `pages` pages sharing one compressed content stream of `shapes` tiny filled
    rectangles. Nothing in it is large, but laying out every page takes pdfminer minutes."""
    content = zlib.compress(b"0 0 1 1 re f " * shapes, 9)
    kids = b" ".join(b"%d 0 R" % (5 + index) for index in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    return _pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            _stream(content, b"/Filter /FlateDecode"),
            _FONT,
        ]
        + [page] * pages
    )


def make_junk_pdf(size: int = 10 * 1024 * 1024 - 4096) -> bytes:
    """`%PDF-` and then megabytes of short lines: no cross-reference table, so pdfminer scans every
    line for objects before it gives up (half a minute for 10 MB)."""
    head = b"%PDF-1.4\n"
    return head + b"x\n" * ((size - len(head)) // 2)


class _Bits:
    """A DEFLATE bit writer (RFC 1951: fields LSB-first, Huffman codes MSB-first)."""

    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.count = 0

    def write(self, value: int, count: int) -> None:
        self.acc |= value << self.count
        self.count += count
        while self.count >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.count -= 8

    def code(self, code: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self.write((code >> shift) & 1, 1)

    def zeros(self, count: int) -> None:
        if self.count:
            take = min(8 - self.count, count)
            self.write(0, take)
            count -= take
        if self.count == 0:
            self.out += bytes(count // 8)
            count %= 8
        self.write(0, count)

    def finish(self) -> bytes:
        if self.count:
            self.out.append(self.acc & 0xFF)
        return bytes(self.out)


def zlib_zeros(size: int) -> bytes:
    """A zlib stream that inflates to about `size` zero bytes, built directly (about 1 KB per MB).

    One dynamic-Huffman block whose only codes are the literal 0, "copy 258 bytes" (1 bit) and
    distance 1 (1 bit): after the first literal every 258 bytes cost two zero bits.
    """
    repeats = max(1, (size - 1) // 258)
    total = 1 + 258 * repeats
    bits = _Bits()
    bits.write(1, 1)  # final block
    bits.write(2, 2)  # dynamic Huffman
    bits.write(286 - 257, 5)  # literal/length codes up to 285
    bits.write(0, 5)  # one distance code
    bits.write(18 - 4, 4)  # code-length codes sent, in the RFC's order, up to the one for length 1
    lengths = {18: 1, 2: 2, 1: 2}
    for symbol in (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1):
        bits.write(lengths.get(symbol, 0), 3)
    # literal/length code lengths: 0 -> 2, 1..255 -> 0, 256 -> 2, 257..284 -> 0, 285 -> 1; distance 0 -> 1
    bits.code(0b11, 2)
    bits.code(0, 1)
    bits.write(138 - 11, 7)
    bits.code(0, 1)
    bits.write(117 - 11, 7)
    bits.code(0b11, 2)
    bits.code(0, 1)
    bits.write(28 - 11, 7)
    bits.code(0b10, 2)
    bits.code(0b10, 2)
    # data: literal 0, then (length 258, distance 1) repeated, then end of block
    bits.code(0b10, 2)
    bits.zeros(2 * repeats)
    bits.code(0b11, 2)
    adler = ((total % 65521) << 16) | 1  # Adler-32 of `total` zero bytes
    return b"\x78\x01" + bits.finish() + struct.pack(">I", adler)


def make_pdf_bomb(expands_to: int = 2 << 30) -> bytes:
    """A one-page PDF whose content stream inflates to `expands_to` bytes (2 GB by default)."""
    return _pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(zlib_zeros(expands_to), b"/Filter /FlateDecode"),
        ]
    )


def make_docx(lines: list[str] = CV_LINES) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_docx_bomb(extra_bytes: int = 64 * 1024 * 1024) -> bytes:
    """A real DOCX with one more entry that inflates to `extra_bytes`."""
    buffer = io.BytesIO(make_docx())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/media/padding.bin", bytes(extra_bytes))
    return buffer.getvalue()


def make_doc() -> bytes:
    """The start of a Word 97-2003 file: the OLE header and a directory naming the WordDocument stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "Root Entry".encode("utf-16-le").ljust(128, b"\0") + "WordDocument".encode("utf-16-le").ljust(128, b"\0")
    return header + directory + bytes(1024)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A multipart file; the declared name and type are deliberately not trusted by the API."""
    return SimpleUploadedFile(name, data, content_type=content_type)
