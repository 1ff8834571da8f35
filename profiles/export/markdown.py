"""The resume as Markdown. User text is escaped, so a CV line cannot become a link, an image or HTML."""

from __future__ import annotations

import re
from typing import Any

from profiles.export.text import contact_line, date_range, degree_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def render(content: dict[str, Any], title: str) -> bytes:
    basics = content["basics"]
    lines = [f"# {escape(basics['name'] or title)}", ""]
    if basics["label"]:
        lines += [f"**{escape(basics['label'])}**", ""]
    if contact := contact_line(basics):
        lines += [escape(contact), ""]
    if content["summary"]:
        lines += ["## Summary", "", *[escape(part) for part in content["summary"].splitlines()], ""]
    if content["skills"]:
        lines += ["## Skills", "", escape(", ".join(content["skills"])), ""]
    if content["work"]:
        lines += ["## Experience", ""]
        for entry in content["work"]:
            heading = " — ".join(part for part in (entry["title"], entry["company"]) if part)
            lines.append(f"### {escape(heading)}")
            if dates := date_range(entry):
                lines.append(f"*{escape(dates)}*")
            lines.append("")
            lines += [f"- {escape(highlight)}" for highlight in entry["highlights"]]
            lines.append("")
    if content["education"]:
        lines += ["## Education", ""]
        for entry in content["education"]:
            lines.append(f"- {escape(degree_line(entry))}")
        lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode()
