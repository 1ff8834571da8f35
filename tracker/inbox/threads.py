"""Forwards and replies inside a message's text.

A forwarded email is about its original sender: the user forwards the rejection from
`careers@acme.com` to careerhub, and what matters is Acme's words, not the user's "FYI". A reply
quotes the earlier messages below its own words: the new words say what this email is, the quoted
ones only help to find the application it belongs to. How mail clients lay these out is data
(`data/forwarding.json`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.inbox.rules import thread_rules
from tracker.inbox.text import normalise

MAX_LINES = 5_000
MAX_FORWARD_DEPTH = 3
MAX_HEADER_LINES = 12
# How far below a "From:" line Outlook's block must show its date and subject to count as one.
HEADER_BLOCK_REACH = 6

ADDRESS = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_NAME_NOISE = re.compile(r"[<>\[\]\"'*]|mailto:", re.IGNORECASE)


@dataclass(frozen=True)
class Original:
    """The forwarded message as its header block and body describe it."""

    from_name: str
    from_address: str
    date_text: str
    subject: str
    body: str


def subject_base(subject: str) -> str:
    """The subject without reply/forward prefixes and gateway tags, normalised: what a thread shares."""
    return normalise(thread_rules().reply_prefix.sub("", subject or "", count=1))


def is_forward_subject(subject: str) -> bool:
    return bool(thread_rules().forward_prefix.match(subject or ""))


def address_and_name(value: str) -> tuple[str, str]:
    """`Jane Doe <jane@acme.com>` / `Jane Doe [mailto:jane@acme.com]` / `jane@acme.com` → (address, name)."""
    found = ADDRESS.search(value or "")
    if found is None:
        return "", _NAME_NOISE.sub("", value or "").strip()
    name = (value[: found.start()] + " " + value[found.end():]).replace("mailto:", " ")
    name = " ".join(_NAME_NOISE.sub(" ", name).split()).strip(" ,;:()")
    return found.group().lower(), name


def _unquoted(line: str) -> str:
    return re.sub(r"^(?:\s*>)+ ?", "", line)


def _header_field(line: str) -> tuple[str, str] | None:
    rules = thread_rules()
    found = rules.header_line.match(line)
    if found is None:
        return None
    return rules.header_labels[found.group(1).lower()], found.group(2).strip()


def _is_outlook_block(lines: list[str], start: int) -> bool:
    """A `From:` line followed closely by a date (`Sent:`) and a subject line: a header block."""
    first = _header_field(lines[start])
    if first is None or first[0] != "from":
        return False
    fields = {field for field, _ in filter(None, (_header_field(line) for line in lines[start + 1: start + HEADER_BLOCK_REACH]))}
    return {"date", "subject"} <= fields


def _header_block(lines: list[str], start: int) -> tuple[dict[str, str], int] | None:
    """The fields of the header block starting at or just after `start`, and where its body starts."""
    index = start
    while index < len(lines) and index < start + 3 and not lines[index].strip():
        index += 1
    fields: dict[str, str] = {}
    last = None
    while index < len(lines) and len(fields) < MAX_HEADER_LINES:
        line = lines[index]
        found = _header_field(line)
        if found is not None:
            last = found[0]
            fields.setdefault(last, found[1])
        elif last == "to" and line.strip() and not fields.get("subject") and "@" in line:
            pass  # a long To: list wrapped onto the next line
        else:
            break
        index += 1
    if "from" not in fields:
        return None
    return fields, index


def _block_start(lines: list[str], subject: str) -> tuple[int, int] | None:
    """(the marker's line, where the original's header block starts), or None."""
    rules = thread_rules()
    forward = is_forward_subject(subject)
    for index, line in enumerate(lines):
        bare = _unquoted(line)
        if rules.forward_marker.match(bare) or (forward and rules.header_block_marker.match(bare)):
            return index, index + 1
        if forward and _is_outlook_block([_unquoted(item) for item in lines[index: index + HEADER_BLOCK_REACH]], 0):
            return index, index
    return None


def _original(text: str, subject: str) -> tuple[str, Original] | None:
    lines = text.split("\n")[:MAX_LINES]
    found = _block_start(lines, subject)
    if found is None:
        return None
    marker, start = found
    block = _header_block([_unquoted(line) for line in lines], start)
    if block is None:
        return None
    fields, body_start = block
    body_lines = lines[body_start:]
    quoted = [line for line in body_lines if line.strip()]
    if quoted and all(line.lstrip().startswith(">") for line in quoted):
        body_lines = [_unquoted(line) for line in body_lines]
    address, name = address_and_name(fields.get("from", ""))
    original = Original(
        from_name=name,
        from_address=address,
        date_text=fields.get("date", ""),
        subject=fields.get("subject", ""),
        body="\n".join(body_lines).strip(),
    )
    return "\n".join(lines[:marker]).strip(), original


def forwarded_original(text: str, *, subject: str) -> tuple[str, Original | None]:
    """(the forwarder's note, the innermost forwarded original), or (text, None) when nothing was forwarded.

    An explicit marker ("---------- Forwarded message ---------", "Begin forwarded message:") always
    starts a forward; Outlook's underscores or bare `From: / Sent: / Subject:` block only when the
    subject says it is one (FW:, Fwd:, WG:), since Outlook quotes replies the same way.
    """
    found = _original(text, subject)
    if found is None:
        return text, None
    note, original = found
    for _ in range(MAX_FORWARD_DEPTH - 1):
        inner = _original(original.body, original.subject)
        if inner is None:
            break
        original = inner[1]
    return note, original


def _reply_marker_at(lines: list[str], index: int) -> bool:
    rules = thread_rules()
    line = _unquoted(lines[index])
    if rules.reply_marker.match(line):
        return True
    if rules.header_block_marker.match(line):
        # Underscores also end a signature or frame a Teams footer: only a header block below makes a quote.
        return _header_block([_unquoted(item) for item in lines[index + 1: index + 1 + MAX_HEADER_LINES]], 0) is not None
    # Gmail wraps a long "On Tue, 3 Mar 2026 at 10:02, Jane Doe <jane@acme.com> wrote:" over two lines.
    if index + 1 < len(lines) and len(line) < 200 and rules.reply_marker.match(line + " " + _unquoted(lines[index + 1])):
        return True
    return _is_outlook_block([_unquoted(item) for item in lines[index: index + HEADER_BLOCK_REACH]], 0)


def reply_split(text: str) -> tuple[str, str]:
    """(the message's own words, the earlier messages it quotes)."""
    lines = text.split("\n")[:MAX_LINES]
    # From each line on: how many non-blank lines, and how many of them quoted with ">".
    filled_after, quoted_after = [0] * (len(lines) + 1), [0] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        filled = bool(lines[index].strip())
        filled_after[index] = filled_after[index + 1] + filled
        quoted_after[index] = quoted_after[index + 1] + (filled and lines[index].lstrip().startswith(">"))
    for index, line in enumerate(lines):
        starts_quote = line.lstrip().startswith(">") and quoted_after[index] * 2 >= filled_after[index]
        if starts_quote or (index and _reply_marker_at(lines, index)):
            return "\n".join(lines[:index]).strip(), "\n".join(_unquoted(item) for item in lines[index:]).strip()
    return text.strip(), ""
