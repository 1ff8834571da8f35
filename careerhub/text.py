"""Text as careerhub stores it, from whatever a job board, a user or an email sent.

HTML to safe plain text (never rendered as markup), control characters and whitespace tidied,
and dates read from ISO 8601, RFC 822 or epoch numbers. Shared by the job sources and the inbox.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any

from django.utils.dateparse import parse_datetime

# The longest text kept from one document (a job description, an email body).
MAX_DESCRIPTION_LENGTH = 50_000

# --- Text --------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg"}


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML fragment; drops scripts, styles and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def clean_text(text: str | None, max_length: int | None = None) -> str:
    """Plain text without control characters (PostgreSQL refuses NUL), tidy whitespace."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text or ""))
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if max_length is not None and len(text) > max_length:
        text = text[:max_length].rstrip()
    return text


def clean_line(text: str | None, max_length: int) -> str:
    """One line of text (a title, a company), entities decoded, at most `max_length` characters."""
    return clean_text(html.unescape(text or "").replace("\n", " "), max_length)


def html_to_text(fragment: str | None, max_length: int = MAX_DESCRIPTION_LENGTH) -> str:
    """Visible text of an HTML fragment; stored as text, so it can never be rendered as markup."""
    if not fragment:
        return ""
    parser = _TextExtractor()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; anything it still refuses is kept as plain text
        return clean_text(html.unescape(re.sub(r"<[^>]*>", " ", fragment)), max_length)
    return clean_text("".join(parser.parts), max_length)


# --- Dates -------------------------------------------------------------------------------------


def parse_when(value: Any) -> datetime | None:
    """An aware datetime from ISO-8601, RFC-822, or epoch seconds/milliseconds; None if unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            number = float(value)  # an int past 1e308 overflows here, not only in fromtimestamp
            if number > 10**11:  # milliseconds (Lever)
                number /= 1000
            return datetime.fromtimestamp(number, tz=UTC) if number > 0 else None
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
