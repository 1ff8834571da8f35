"""The resume as a JSON Resume document (schema v1.0.0), validated before it leaves.

The schema is the official one, kept unchanged in `json_resume_schema/schema.json` with its MIT licence.
Dates become the schema's ISO 8601 forms ("2019-01", "2019"); a date that cannot be read that
way, and an ongoing end date, are left out rather than written in a form the schema refuses.
The country becomes `countryCode` when it names a country (pycountry), else the `address`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import pycountry

from profiles.resume_content import PRESENT, resume_date

SCHEMA_PATH = Path(__file__).parent / "json_resume_schema" / "schema.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
SCHEMA_VERSION = "v1.0.0"
# What jsonschema's "email" format accepts, and a little stricter: one @, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _date(value: str) -> str | None:
    date = resume_date(value)
    return None if date in (None, PRESENT) else date


def _dated(item: dict[str, Any], **dates: str) -> dict[str, Any]:
    for key, value in dates.items():
        if date := _date(value):
            item[key] = date
    return item


def _location(location: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {key: location[key] for key in ("city", "region") if location[key]}
    if country := location["country"]:
        try:
            found["countryCode"] = pycountry.countries.lookup(country).alpha_2
        except LookupError:
            found["address"] = country
    return found


def _basics(basics: dict[str, Any], summary: str) -> dict[str, Any]:
    document: dict[str, Any] = {"name": basics["name"]}
    for key in ("label", "phone"):
        if basics[key]:
            document[key] = basics[key]
    if _EMAIL.match(basics["email"]):
        document["email"] = basics["email"]
    if summary:
        document["summary"] = summary
    if location := _location(basics["location"]):
        document["location"] = location
    if basics["links"]:
        document["profiles"] = [
            {"network": link["network"], "url": link["url"]} if link["network"] else {"url": link["url"]} for link in basics["links"]
        ]
    return document


def document_of(content: dict[str, Any]) -> dict[str, Any]:
    work = []
    for entry in content["work"]:
        item: dict[str, Any] = {key: value for key, value in (("name", entry["company"]), ("position", entry["title"])) if value}
        if entry["highlights"]:
            item["highlights"] = list(entry["highlights"])
        work.append(_dated(item, startDate=entry["start_date"], endDate=entry["end_date"]))
    education = []
    for entry in content["education"]:
        item = {
            key: value
            for key, value in (("institution", entry["institution"]), ("studyType", entry["degree"]), ("area", entry["field"]))
            if value
        }
        education.append(_dated(item, endDate=entry["end_date"]))
    return {
        "$schema": SCHEMA_URL,
        "basics": _basics(content["basics"], content["summary"]),
        "work": work,
        "education": education,
        "skills": [{"name": name} for name in content["skills"]],
        "meta": {"version": SCHEMA_VERSION},
    }


def render(content: dict[str, Any], title: str) -> bytes:
    document = document_of(content)
    # Every field is built to fit; a document that still does not is a bug to see, not to ship.
    validator().validate(document)
    return json.dumps(document, ensure_ascii=False, indent=2).encode()
