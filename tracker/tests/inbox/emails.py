"""Small raw emails for the inbox tests, built the way mail clients write them."""

from __future__ import annotations

import base64
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

ADA = "Ada Lovelace <ada@example.com>"


def plain(
    body: str,
    *,
    sender: str = "Acme Robotics Recruiting <careers@acme-robotics.com>",
    subject: str = "Your application",
    date: str = "Thu, 05 Mar 2026 10:12:00 -0500",
    headers: dict[str, str] | None = None,
) -> bytes:
    lines = [f"From: {sender}", f"To: {ADA}", f"Subject: {subject}", f"Date: {date}",
             "Message-ID: <plain-1@acme-robotics.com>", "MIME-Version: 1.0",
             *(f"{name}: {value}" for name, value in (headers or {}).items()),
             'Content-Type: text/plain; charset="utf-8"', "", body]
    return "\n".join(lines).encode("utf-8")


def built(
    *,
    text: str | None = None,
    html: str | None = None,
    calendar: str | None = None,
    sender: str = "Acme Robotics Recruiting <careers@acme-robotics.com>",
    subject: str = "Interview",
    date: str = "Thu, 05 Mar 2026 10:12:00 -0500",
) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"], message["Date"] = sender, ADA, subject, date
    message["Message-ID"] = make_msgid(domain="acme-robotics.com")
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    if calendar is not None:
        message.add_attachment(calendar.encode(), maintype="text", subtype="calendar", filename="invite.ics")
    return message


def forwarded_as_attachment(original: EmailMessage, *, note: str = "FYI") -> bytes:
    outer = EmailMessage()
    outer["From"], outer["To"], outer["Subject"] = ADA, "in+token@inbox.test", f"Fwd: {original['Subject']}"
    outer["Date"] = format_datetime(original["Date"].datetime)
    outer["Message-ID"] = "<outer-1@example.com>"
    outer.set_content(note)
    outer.add_attachment(original)
    return outer.as_bytes()


def base64_html(html: str) -> bytes:
    payload = base64.encodebytes(html.encode()).decode()
    return (
        "From: Larkspur Bank <talent@larkspurbank.com>\nTo: ada@example.com\nSubject: Next step\n"
        "Date: Wed, 18 Feb 2026 15:20:00 +0000\nMIME-Version: 1.0\n"
        'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n' + payload
    ).encode()
