"""Text extraction in a child process: `python -m profiles.extraction.child KIND PAGES CHARS MEMORY_MB`.

The document arrives on stdin; one JSON object leaves on stdout:
    {"ok": true, "text": "...", "pages": 3}   or   {"ok": false, "code": "...", "detail": "..."}

The process caps its own address space and CPU time before touching the document, so a
decompression bomb ends in a MemoryError here instead of exhausting the web worker; the
parent additionally kills it after a wall-clock limit (pdfminer is pure Python and cannot be
interrupted from the inside). No Django in here.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import resource
import sys


class Refused(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _limit_resources(memory_mb: int, cpu_seconds: int) -> None:
    """Cap memory and CPU where the platform allows it (the parent's wall-clock kill always applies)."""
    limit = memory_mb * 1024 * 1024
    for name, value in ((resource.RLIMIT_AS, (limit, limit)), (resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))):
        # ValueError/OSError: e.g. a hard limit below ours, or a platform without RLIMIT_AS.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(name, value)


def pdf_text(data: bytes, max_pages: int, max_chars: int) -> tuple[str, int]:
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise Refused("encrypted", "This PDF is password-protected; upload an unprotected copy.") from None
    if not document.is_extractable:
        raise Refused("encrypted", "This PDF does not allow its text to be extracted.")
    # The page tree's /Count answers "how many pages" without walking 5,000 of them.
    try:
        declared = int(resolve1(resolve1(document.catalog.get("Pages")).get("Count")))
    except Exception:  # noqa: BLE001 - a malformed page tree raises anything; the page walk below still counts
        declared = 0
    if declared > max_pages:
        raise Refused("too_many_pages", f"This PDF has {declared} pages; CVs of at most {max_pages} pages are accepted.")

    manager = PDFResourceManager(caching=True)
    output = io.StringIO()
    converter = TextConverter(manager, output, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, converter)
    pages = 0
    for page in PDFPage.create_pages(document):
        pages += 1
        if pages > max_pages:  # /Count lied
            raise Refused("too_many_pages", f"This PDF has more than {max_pages} pages; CVs of at most {max_pages} pages are accepted.")
        interpreter.process_page(page)
        if output.tell() >= max_chars:
            break
    converter.close()
    return output.getvalue()[:max_chars], pages


def docx_text(data: bytes, max_chars: int) -> tuple[str, int]:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    size = 0
    blocks = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    for block in blocks:
        parts.append(block)
        size += len(block) + 1
        if size >= max_chars:
            break
    return "\n".join(parts)[:max_chars], 0


def main(argv: list[str]) -> int:
    kind, max_pages, max_chars, memory_mb, cpu_seconds = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), int(argv[4])
    logging.disable(logging.CRITICAL)  # pdfminer is chatty about harmless oddities
    data = sys.stdin.buffer.read()
    _limit_resources(memory_mb, cpu_seconds)
    try:
        if kind == "pdf":
            text, pages = pdf_text(data, max_pages, max_chars)
        elif kind == "docx":
            text, pages = docx_text(data, max_chars)
        else:
            raise Refused("unsupported", f"Cannot extract text from {kind!r}.")
        result = {"ok": True, "text": text, "pages": pages}
    except Refused as exc:
        result = {"ok": False, "code": exc.code, "detail": exc.detail}
    except MemoryError:
        result = {
            "ok": False,
            "code": "document_too_complex",
            "detail": "This document expands to more data than can be processed (is it compressed unusually?).",
        }
    except RecursionError:
        result = {"ok": False, "code": "document_too_complex", "detail": "This document is nested too deeply to be read."}
    except Exception as exc:  # noqa: BLE001 - a malformed document can raise anything: say so, never crash the caller
        result = {"ok": False, "code": "unreadable", "detail": f"This document could not be read ({type(exc).__name__})."}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
