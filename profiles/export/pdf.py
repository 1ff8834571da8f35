"""The resume as a PDF: a clean one-column A4 template drawn with fpdf2 (pure Python, no browser).

Text is set in DejaVu Sans, embedded as a subset, so names in Latin, Greek or Cyrillic script
print as written and a PDF reader (or an applicant tracking system) can extract them: fpdf2
writes a ToUnicode map for embedded fonts. Characters outside the font are dropped by fpdf2
with a logged warning rather than failing the export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from profiles.export.text import contact_line, date_range, degree_line

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVuSans"
INK = (0x1F, 0x23, 0x28)
MUTED = (0x5F, 0x66, 0x6D)
RULE = (0xC8, 0xCD, 0xD2)
MARGIN = 18
LINE = 5.0


class _ResumePdf(FPDF):
    def __init__(self, title: str, author: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(MARGIN, 16, MARGIN)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_author(author)
        self.set_creator("careerhub")
        self.set_text_color(*INK)

    def text_block(self, text: str, *, size: float = 10, bold: bool = False, color: tuple[int, int, int] = INK, height: float = LINE) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def section(self, heading: str) -> None:
        self.ln(3)
        self.text_block(heading.upper(), size=10.5, bold=True, height=6)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def bullet(self, text: str) -> None:
        self.set_font(FAMILY, "", 10)
        self.cell(5, LINE, "•")
        self.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _work(document: _ResumePdf, entry: dict[str, Any]) -> None:
    document.ln(1.5)
    heading = " — ".join(part for part in (entry["title"], entry["company"]) if part)
    document.text_block(heading, size=10.5, bold=True)
    if dates := date_range(entry):
        document.text_block(dates, size=9, color=MUTED, height=4.5)
    for highlight in entry["highlights"]:
        document.bullet(highlight)


def render(content: dict[str, Any], title: str) -> bytes:
    basics = content["basics"]
    document = _ResumePdf(title=title, author=basics["name"])
    document.add_page()
    document.text_block(basics["name"] or title, size=20, bold=True, height=9)
    if basics["label"]:
        document.text_block(basics["label"], size=12, height=6)
    if contact := contact_line(basics):
        document.text_block(contact, size=9, color=MUTED, height=4.5)
    if content["summary"]:
        document.section("Summary")
        document.text_block(content["summary"])
    if content["skills"]:
        document.section("Skills")
        document.text_block(", ".join(content["skills"]))
    if content["work"]:
        document.section("Experience")
        for entry in content["work"]:
            _work(document, entry)
    if content["education"]:
        document.section("Education")
        for entry in content["education"]:
            document.bullet(degree_line(entry))
    return bytes(document.output())
