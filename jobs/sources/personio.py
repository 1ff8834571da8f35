"""Personio career pages' XML feed (`{PERSONIO_API_URL}/xml?language=en`, the base naming `{company}`).

One request per company answers `<workzag-jobs>` with one `<position>` per job: `id`,
`subcompany`, `office`, `additionalOffices/office`, `department`, `recruitingCategory`,
`name` (the title), `jobDescriptions/jobDescription` ({name, value} with HTML in CDATA),
`employmentType` (permanent, intern, trainee, freelance), `seniority`, `schedule`
(full-time, part-time), `yearsOfExperience`, `keywords` (comma-separated) and `createdAt`.
XML is read with defusedxml. A position's page is `{base}/job/{id}`. An unknown company
answers 404 and is skipped.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from django.conf import settings

from jobs.normalize import employment_type_from_text, parse_when, skills_from_text, work_mode_from_text
from jobs.sources.base import (
    Board,
    CompanyBoardSource,
    PayloadError,
    Posting,
    board_base,
    company_from_token,
    make_posting,
)
from jobs.sources.fields import joined
from jobs.sources.weworkremotely import child_texts, local_name


def descendants(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if local_name(child.tag) == name]


def description_html(position: Element) -> str:
    """Each description block as a heading and its HTML."""
    blocks = []
    for block in descendants(position, "jobdescription"):
        fields = child_texts(block)
        blocks.append(f"<h3>{fields.get('name', '')}</h3>{fields.get('value', '')}")
    return "".join(blocks)


class PersonioSource(CompanyBoardSource):
    name = "personio"
    api_url_setting = "PERSONIO_API_URL"
    board_setting = "PERSONIO_COMPANIES"
    board_noun = "company"
    payload_format = "xml"
    payload_name = "XML"
    accept = "application/xml, text/xml"

    def board_url(self, token: str) -> str:
        return f"{board_base(settings.PERSONIO_API_URL, token)}/xml?language=en"

    def page_items(self, payload: Element, board: Board) -> list:
        if local_name(payload.tag) != "workzag-jobs":
            raise PayloadError(f"<{local_name(payload.tag)}> instead of <workzag-jobs>")
        return descendants(payload, "position")

    def parse_item(self, position: Element, company: str) -> Posting:
        fields = child_texts(position)
        position_id = fields.get("id", "")
        title = fields.get("name", "")
        extra = [office.text or "" for group in descendants(position, "additionaloffices") for office in group]
        offices = [fields.get("office", ""), *extra]
        location = joined(*offices, separator="; ")
        keywords = [word.strip() for word in fields.get("keywords", "").split(",") if word.strip()]
        posting = make_posting(
            source=self.name,
            source_id=f"{company}:{position_id}" if position_id else None,
            title=title,
            url=f"{board_base(settings.PERSONIO_API_URL, company)}/job/{position_id}" if position_id else "",
            company=fields.get("subcompany") or company_from_token(company),
            description_html=description_html(position),
            location=location,
            remote_type=work_mode_from_text(location, title),
            job_type=employment_type_from_text(f"{fields.get('schedule', '')} {fields.get('employmenttype', '')}", title),
            tags=keywords,
            posted_at=parse_when(fields.get("createdat")),
            raw={name: value[:5000] for name, value in fields.items()},
        )
        if not posting.tags:
            posting.tags = skills_from_text(f"{posting.title}\n{posting.description}", limit=15)
        return posting
