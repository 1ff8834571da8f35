"""We Work Remotely's RSS feeds (`https://weworkremotely.com/remote-jobs.rss` and category feeds).

Items are titled "Company: Role" and carry `link`, `guid`, an RFC-822 `pubDate`, an HTML
`description`, and WWR's own elements (`region`, `category`, `type`, `skills`), which appear
both plain and namespaced; they are read by local name. XML is parsed with defusedxml: no
DTDs, no entity expansion, no external resources. A job in two feeds is kept once.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, html_to_text, parse_when, skills_from_text
from jobs.sources.base import Board, Posting, Source, make_posting


def local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def child_texts(element: Element) -> dict[str, str]:
    """Child elements by local name (first wins), text stripped."""
    values: dict[str, str] = {}
    for child in element:
        name = local_name(child.tag)
        if name and name not in values:
            values[name] = (child.text or "").strip()
    return values


class WeWorkRemotelySource(Source):
    name = "weworkremotely"
    payload_format = "xml"
    payload_name = "RSS"
    accept = "application/rss+xml, application/xml, text/xml"

    def is_configured(self) -> bool:
        return bool(settings.WWR_FEED_URLS)

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, url, label=f"{self.name} feed {url!r}") for url in settings.WWR_FEED_URLS]

    def page_items(self, payload: Element, board: Board) -> list:
        return [element for element in payload.iter() if local_name(element.tag) == "item"]

    def parse_item(self, item: Element) -> Posting:
        fields = child_texts(item)
        raw_title = fields.get("title", "")
        company, _, role = raw_title.partition(":")
        if not role.strip():
            company, role = "", raw_title
        region = fields.get("region", "")
        skills_text = fields.get("skills", "")
        tags = [skill.strip() for skill in skills_text.split(",") if skill.strip()]
        description = fields.get("description", "")
        return make_posting(
            source=self.name,
            source_id=fields.get("guid") or fields.get("link"),
            title=role,
            url=fields.get("link") or fields.get("guid"),
            company=company,
            description_html=description,
            location=region or fields.get("country", ""),
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(fields.get("type", ""), role),
            tags=tags or skills_from_text(f"{role}\n{html_to_text(description)}", limit=15),
            region_texts=(region, fields.get("country", "")),
            posted_at=parse_when(fields.get("pubdate")),
            raw={name: value[:5000] for name, value in fields.items()},
        )
