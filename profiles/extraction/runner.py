"""Extract the text of a CV under hard limits (DESIGN §7: PDF parsing bounded in pages and time).

PDF (pdfminer.six) and DOCX (python-docx) are read by `profiles.extraction.child` in a
separate Python process: it caps its own memory and CPU, reads at most CV_PDF_MAX_PAGES pages
and CV_TEXT_MAX_CHARS characters, and is killed when CV_EXTRACT_TIMEOUT_SECONDS pass. A DOCX
whose zip entries would decompress to more than CV_DOCX_MAX_UNCOMPRESSED_BYTES is refused
before anything is decompressed.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

from django.conf import settings

from profiles.extraction import sniff


class ExtractionError(Exception):
    """The document cannot be read; `code` is machine-readable, `detail` is for the user."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def extract_text(data: bytes, kind: str) -> str:
    max_chars = settings.CV_TEXT_MAX_CHARS
    if kind == sniff.TXT:
        text = sniff.decode_text(data)
        if text is None:
            raise ExtractionError("unreadable", "This file is not readable text.")
        return text[:max_chars]
    if kind == sniff.DOCX:
        _check_docx_expansion(data)
    if kind not in (sniff.PDF, sniff.DOCX):
        raise ExtractionError("unsupported", "Text can only be read from PDF, DOCX and plain-text files.")
    return _run_child(data, kind, max_chars)


def _check_docx_expansion(data: bytes) -> None:
    limit = settings.CV_DOCX_MAX_UNCOMPRESSED_BYTES
    try:
        declared = sniff.docx_uncompressed_size(data)
    except Exception:  # noqa: BLE001 - a damaged zip raises many types (BadZipFile, EOFError, ValueError, ...)
        raise ExtractionError("unreadable", "This DOCX file is damaged and could not be read.") from None
    if declared > limit:
        raise ExtractionError(
            "document_too_complex",
            f"This DOCX file would expand to {declared // (1024 * 1024)} MB; at most {limit // (1024 * 1024)} MB is accepted.",
        )


def _run_child(data: bytes, kind: str, max_chars: int) -> str:
    timeout = settings.CV_EXTRACT_TIMEOUT_SECONDS
    command = [
        sys.executable,
        "-m",
        "profiles.extraction.child",
        kind,
        str(settings.CV_PDF_MAX_PAGES),
        str(max_chars),
        str(settings.CV_EXTRACT_MEMORY_MB),
        str(max(1, math.ceil(timeout))),
    ]
    try:
        # run() kills the child when the timeout expires; cwd makes `-m profiles...` importable.
        finished = subprocess.run(
            command, input=data, capture_output=True, timeout=timeout, cwd=str(settings.BASE_DIR), check=False
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            "extraction_timeout", f"Reading this document took longer than {timeout:g} seconds, so it was stopped."
        ) from None
    try:
        result = json.loads(finished.stdout or b"{}")
    except ValueError:
        result = {}
    if result.get("ok"):
        return result.get("text") or ""
    if "code" in result:
        raise ExtractionError(result["code"], result["detail"])
    # Killed by its CPU or memory limit before it could answer.
    raise ExtractionError("document_too_complex", "This document needs more resources to read than a CV should.")
