"""An email, as raw RFC 822 bytes or as `{from, to, subject, date, text}`, read into a `ParsedMessage`.

Read with the standard `email` package (`policy.default`). Bounded everywhere: at most
`MAX_MESSAGE_BYTES` are read, `MAX_PARTS` parts walked `MAX_DEPTH` deep, only text parts (plain,
HTML, calendar) decoded, every field cut to its cap. Nothing here raises on hostile input: a part
or a header that cannot be read is left out, and an unreadable message is an empty `ParsedMessage`.

A forwarded email is about its original: `from_*`, `subject`, `date` and `text` describe the
forwarded message (inline, in any client's layout, or attached as `message/rfc822`) and
`forwarded_by` names who forwarded it. `text` is the message's own words; `quoted` the earlier
messages a reply quotes below them.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from email import errors as email_errors
from email import policy
from email.message import Message
from email.parser import BytesParser
from typing import Any

from careerhub.text import html_to_text, parse_when
from tracker.inbox.dates import moment_parse
from tracker.inbox.text import clean
from tracker.inbox.threads import address_and_name, forwarded_original, is_forward_subject, reply_split

MAX_MESSAGE_BYTES = 5 * 1024 * 1024
MAX_PARTS = 100
MAX_DEPTH = 5
MAX_PART_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_HTML_CHARS = 1_000_000
MAX_HEADER_CHARS = 1_000
MAX_IDS = 50
MAX_LINKS = 50
MAX_LINK_CHARS = 500
MAX_CALENDARS = 3
MAX_CALENDAR_CHARS = 64_000
MAX_RECIPIENTS = 20
# Plain text shorter than this beside an HTML part is a "view this email in your browser" stub.
MIN_PLAIN_TEXT = 40
EXCERPT_CHARS = 200

# What the email package raises on hostile input, beside its own MessageError (malformed headers,
# unknown charsets, absurd nesting).
PARSE_ERRORS = (email_errors.MessageError, ValueError, TypeError, LookupError, IndexError, AttributeError,
                KeyError, RecursionError, AssertionError)

_MESSAGE_ID = re.compile(r"<([^<>\s]{1,250})>")
_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]{1,2000}", re.IGNORECASE)
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]{1,2000})"|'([^']{1,2000})'|([^\s>"']{1,2000}))""", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str = ""
    # A message forwarded as an attachment keeps its own Message-ID: later replies in the
    # employer's thread refer to it.
    original_message_id: str = ""
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    from_address: str = ""
    from_name: str = ""
    to: tuple[str, ...] = ()
    subject: str = ""
    date: datetime | None = None
    text: str = ""
    quoted: str = ""
    links: tuple[str, ...] = ()
    calendars: tuple[str, ...] = ()
    forwarded_by: str = ""

    @property
    def sender_domain(self) -> str:
        return self.from_address.rpartition("@")[2] if "@" in self.from_address else ""

    @property
    def thread_ids(self) -> frozenset[str]:
        """The earlier messages this one answers (In-Reply-To and References)."""
        return frozenset(self.in_reply_to) | frozenset(self.references)

    @property
    def own_ids(self) -> tuple[str, ...]:
        """The ids later messages of the thread will refer to: keep them with the application."""
        return tuple(dict.fromkeys(filter(None, (self.message_id, self.original_message_id))))

    def excerpt(self, length: int = EXCERPT_CHARS) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --- Pieces ------------------------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    return text[:limit]


def message_ids(value: str) -> tuple[str, ...]:
    """`<a@b> <c@d>` → ("<a@b>", "<c@d>"); a bare id gets its angle brackets."""
    found = _MESSAGE_ID.findall(value or "")
    if not found and value and value.strip() and len(value.strip()) <= 250 and " " not in value.strip():
        found = [value.strip()]
    return tuple(dict.fromkeys(f"<{item}>" for item in found[:MAX_IDS]))


def links_in(text: str, html_source: str = "") -> tuple[str, ...]:
    hrefs = (html.unescape(next(filter(None, groups))) for groups in _HREF.findall(html_source[:MAX_HTML_CHARS]))
    found = [*hrefs, *_URL.findall(text)]
    urls = [url.strip().rstrip(".,;:!?")[:MAX_LINK_CHARS] for url in found if url.lower().startswith(("http://", "https://"))]
    return tuple(dict.fromkeys(urls))[:MAX_LINKS]


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
        text = "" if value is None else str(value)
    except PARSE_ERRORS:
        text = ""
    return _cut(" ".join(clean(text).split()), MAX_HEADER_CHARS)


def _sender(message: Message) -> tuple[str, str]:
    try:
        header = message.get("From")
        mailbox = header.addresses[0] if header is not None and header.addresses else None
        if mailbox is not None and mailbox.addr_spec and "@" in mailbox.addr_spec:
            return mailbox.addr_spec.lower()[:MAX_HEADER_CHARS], _cut(clean(mailbox.display_name), MAX_HEADER_CHARS)
    except PARSE_ERRORS:
        pass
    return address_and_name(_header(message, "From"))


def _recipients(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(address.lower() for address in re.findall(r"[\w.+'-]{1,64}@[\w.-]{1,253}", value)))[:MAX_RECIPIENTS]


def _date(message: Message) -> datetime | None:
    try:
        header = message.get("Date")
        moment = getattr(header, "datetime", None)
    except PARSE_ERRORS:
        moment = None
    return _aware(moment) if isinstance(moment, datetime) else None


def _decoded(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except PARSE_ERRORS:
        return ""
    if not isinstance(payload, bytes):
        return ""
    charset = "utf-8"
    try:
        charset = part.get_content_charset() or "utf-8"
        codecs.lookup(charset)
    except PARSE_ERRORS:
        charset = "utf-8"
    try:
        return payload[:MAX_PART_BYTES].decode(charset, errors="replace")
    except PARSE_ERRORS:
        return payload[:MAX_PART_BYTES].decode("utf-8", errors="replace")


@dataclass
class _Bodies:
    plain: list[str]
    html: list[str]
    calendars: list[str]
    attached: list[Message]


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except PARSE_ERRORS:
        return "application/octet-stream"


def _is_attachment(part: Message) -> bool:
    try:
        return (part.get_content_disposition() or "") == "attachment"
    except PARSE_ERRORS:
        return True


def _children(part: Message) -> list[Message]:
    try:
        payload = part.get_payload()
    except PARSE_ERRORS:
        return []
    return [child for child in payload if isinstance(child, Message)] if isinstance(payload, list) else []


def _bodies(message: Message) -> _Bodies:
    """The text parts, walked breadth-first without recursion (nesting can be hostile)."""
    bodies = _Bodies(plain=[], html=[], calendars=[], attached=[])
    queue: list[tuple[Message, int]] = [(message, 0)]
    seen = 0
    while queue and seen < MAX_PARTS:
        part, depth = queue.pop(0)
        seen += 1
        kind = _content_type(part)
        if kind == "message/rfc822":
            bodies.attached.extend(_children(part)[:1])
        elif kind.startswith("multipart/"):
            if depth < MAX_DEPTH:
                queue.extend((child, depth + 1) for child in _children(part))
        elif kind in ("text/calendar", "application/ics"):
            if len(bodies.calendars) < MAX_CALENDARS:
                bodies.calendars.append(_cut(_decoded(part), MAX_CALENDAR_CHARS))
        elif kind == "text/plain" and not _is_attachment(part):
            bodies.plain.append(_decoded(part))
        elif kind == "text/html" and not _is_attachment(part):
            bodies.html.append(_decoded(part))
    return bodies


def _body_text(plain: str, html_source: str) -> str:
    plain = clean(plain)
    if len(plain.strip()) >= MIN_PLAIN_TEXT or not html_source.strip():
        return _cut(plain, MAX_TEXT_CHARS)
    return html_to_text(_cut(html_source, MAX_HTML_CHARS), max_length=MAX_TEXT_CHARS)


# --- Assembling --------------------------------------------------------------------------------


def _assembled(message: ParsedMessage, body: str) -> ParsedMessage:
    """Forwards unwrapped, replies split: `body` is the message's whole text."""
    note, original = forwarded_original(body, subject=message.subject)
    if original is None:
        text, quoted = reply_split(body)
        return replace(message, text=text, quoted=quoted)
    zone: tzinfo = message.date.tzinfo if message.date else UTC
    text, quoted = reply_split(original.body)
    return replace(
        message,
        from_address=original.from_address or message.from_address,
        from_name=original.from_name if original.from_address or original.from_name else message.from_name,
        subject=original.subject or message.subject,
        date=moment_parse(original.date_text, zone=zone, reference=message.date) or message.date,
        text=text,
        quoted=quoted,
        forwarded_by=message.from_address,
        # The outer thread is the user's own; the forwarded one cannot be seen in an inline forward.
        in_reply_to=(),
        references=(),
    )


def _from_email(message: Message, depth: int) -> ParsedMessage:
    address, name = _sender(message)
    bodies = _bodies(message)
    plain, html_source = "\n\n".join(bodies.plain), "\n".join(bodies.html)
    body = _body_text(plain, html_source)
    parsed = ParsedMessage(
        message_id=(message_ids(_header(message, "Message-ID")) or ("",))[0],
        in_reply_to=message_ids(_header(message, "In-Reply-To")),
        references=message_ids(_header(message, "References")),
        from_address=address,
        from_name=name,
        to=_recipients(_header(message, "To") + " " + _header(message, "Cc")),
        subject=_header(message, "Subject"),
        date=_date(message),
        links=links_in(body, html_source),
        calendars=tuple(bodies.calendars),
    )
    if bodies.attached and depth < MAX_DEPTH and (is_forward_subject(parsed.subject) or len(body.strip()) < 500):
        inner = _from_email(bodies.attached[0], depth + 1)
        if inner.from_address or inner.text:
            return replace(inner, message_id=parsed.message_id, original_message_id=inner.message_id,
                           forwarded_by=parsed.from_address, to=parsed.to, date=inner.date or parsed.date)
    return _assembled(parsed, body)


def message_parse(raw: bytes) -> ParsedMessage:
    """A raw RFC 822 message (`.eml`, SMTP DATA, an IMAP fetch) read into a ParsedMessage; never raises."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        return ParsedMessage()
    try:
        message = BytesParser(policy=policy.default).parsebytes(bytes(raw[:MAX_MESSAGE_BYTES]))
        return _from_email(message, 0)
    except PARSE_ERRORS:
        return ParsedMessage()


def _field(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    if isinstance(value, list):
        value = ", ".join(item for item in value if isinstance(item, str))
    return _cut(clean(value), limit) if isinstance(value, str) else ""


def message_from_fields(data: Mapping[str, Any]) -> ParsedMessage:
    """`{from, to, subject, date, text}` (and optionally `html`, `message_id`, `in_reply_to`,
    `references`) read into a ParsedMessage; values of the wrong type are ignored, never raised on."""
    if not isinstance(data, Mapping):
        return ParsedMessage()
    address, name = address_and_name(_field(data, "from", MAX_HEADER_CHARS))
    html_source = _field(data, "html", MAX_HTML_CHARS)
    body = _body_text(_field(data, "text", MAX_TEXT_CHARS), html_source)
    raw_date = data.get("date")
    parsed = ParsedMessage(
        message_id=(message_ids(_field(data, "message_id", MAX_HEADER_CHARS)) or ("",))[0],
        in_reply_to=message_ids(_field(data, "in_reply_to", MAX_HEADER_CHARS)),
        references=message_ids(_field(data, "references", MAX_HEADER_CHARS * 10)),
        from_address=address,
        from_name=name,
        to=_recipients(_field(data, "to", MAX_HEADER_CHARS)),
        subject=" ".join(_field(data, "subject", MAX_HEADER_CHARS).split()),
        date=_aware(parse_when(raw_date)) if isinstance(raw_date, str | int | float) else None,
        links=links_in(body, html_source),
    )
    return _assembled(parsed, body)
