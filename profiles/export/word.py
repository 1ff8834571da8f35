"""The resume as a Word document (python-docx), on Word's own styles so it restyles cleanly."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt, RGBColor

from profiles.export.text import contact_line, date_range, degree_line

MUTED = RGBColor(0x55, 0x55, 0x55)


def _muted(document: Any, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.color.rgb = MUTED
    run.font.size = Pt(9.5)


def _work(document: Any, entry: dict[str, Any]) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.add_run(entry["title"] or entry["company"]).bold = True
    if entry["title"] and entry["company"]:
        paragraph.add_run(f" — {entry['company']}")
    if dates := date_range(entry):
        _muted(document, dates)
    for highlight in entry["highlights"]:
        document.add_paragraph(highlight, style="List Bullet")


def render(content: dict[str, Any], title: str) -> bytes:
    basics = content["basics"]
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = basics["name"]
    document.add_heading(basics["name"] or title, level=0)
    if basics["label"]:
        document.add_paragraph().add_run(basics["label"]).bold = True
    if contact := contact_line(basics):
        _muted(document, contact)
    if content["summary"]:
        document.add_heading("Summary", level=1)
        for part in content["summary"].splitlines():
            document.add_paragraph(part)
    if content["skills"]:
        document.add_heading("Skills", level=1)
        document.add_paragraph(", ".join(content["skills"]))
    if content["work"]:
        document.add_heading("Experience", level=1)
        for entry in content["work"]:
            _work(document, entry)
    if content["education"]:
        document.add_heading("Education", level=1)
        for entry in content["education"]:
            document.add_paragraph(degree_line(entry), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
