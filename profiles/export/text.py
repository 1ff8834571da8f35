"""The lines every human-readable format prints the same way (PDF, DOCX, Markdown)."""

from __future__ import annotations

from typing import Any

from profiles.resume_content import LOCATION_KEYS


def location_text(basics: dict[str, Any]) -> str:
    return ", ".join(part for part in (basics["location"][key] for key in LOCATION_KEYS) if part)


def contact_line(basics: dict[str, Any]) -> str:
    """"ada@example.com · +44 20 · London, UK · https://github.com/ada"."""
    parts = [basics["email"], basics["phone"], location_text(basics), *(link["url"] for link in basics["links"])]
    return " · ".join(part for part in parts if part)


def date_range(entry: dict[str, Any]) -> str:
    start, end = entry.get("start_date", ""), entry.get("end_date", "")
    if start and end:
        return f"{start} – {end}"
    return start or end


def degree_line(entry: dict[str, Any]) -> str:
    """"BSc Mathematics, University of London (2016)"."""
    degree = " ".join(part for part in (entry["degree"], entry["field"]) if part)
    line = ", ".join(part for part in (degree, entry["institution"]) if part)
    return f"{line} ({entry['end_date']})" if entry["end_date"] else line
