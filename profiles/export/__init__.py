"""Exporting a resume version (GET /resumes/{id}/export?format=...).

One content shape (`profiles.resume_content`), four renderers, one module each:

* `pdf`         — a clean one-column template drawn with fpdf2 (pure Python, no browser), the
                  DejaVu Sans fonts embedded so any Latin, Greek or Cyrillic name prints;
* `word`        — DOCX with python-docx, built-in Word styles (Title, Heading 1, List Bullet);
* `json_resume` — JSON Resume v1.0.0, validated against the official schema kept beside it;
* `markdown`    — plain Markdown, user text escaped.

A tailored version renders its stored content; a plain one renders the profile and its parsed
CV as they are now (`profile_resume_content`). `filename` builds the Content-Disposition.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from profiles.export import json_resume, markdown, pdf, word
from profiles.export.filename import content_disposition
from profiles.models import ResumeVersion
from profiles.resume_content import normalise_content, profile_resume_content
from profiles.selectors import profile_get


@dataclass(frozen=True)
class Format:
    render: Callable[[dict[str, Any], str], bytes]
    content_type: str
    extension: str


FORMATS: dict[str, Format] = {
    "pdf": Format(pdf.render, "application/pdf", "pdf"),
    "docx": Format(word.render, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "json": Format(json_resume.render, "application/json", "json"),
    "md": Format(markdown.render, "text/markdown; charset=utf-8", "md"),
}


@dataclass(frozen=True)
class ExportedFile:
    data: bytes
    content_type: str
    content_disposition: str


def resume_content_get(*, resume: ResumeVersion, user: User) -> dict[str, Any]:
    """What the version shows: its tailored content, else the profile's resume as it is now."""
    if resume.content:
        return normalise_content(resume.content)
    return profile_resume_content(profile=profile_get(user=user), user=user)


def resume_export(*, resume: ResumeVersion, user: User, export_format: str) -> ExportedFile:
    """The version rendered in `export_format` (a key of FORMATS), with its download name."""
    chosen = FORMATS[export_format]
    content = resume_content_get(resume=resume, user=user)
    title = resume.version_name
    data = chosen.render(content, title)
    name = " - ".join(part for part in (content["basics"]["name"], title) if part)
    return ExportedFile(data, chosen.content_type, content_disposition(name, chosen.extension))
