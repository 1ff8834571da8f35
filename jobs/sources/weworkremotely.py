"""We Work Remotely's RSS feeds (`https://weworkremotely.com/remote-jobs.rss` and category feeds).

Items are titled "Company: Role" and carry `link`, `guid`, an RFC-822 `pubDate`, an HTML
`description`, and WWR's own elements (`region`, `category`, `type`, `skills`), which appear
both plain and namespaced; they are read by local name. XML is parsed with defusedxml: no
DTDs, no entity expansion, no external resources.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import (
    employment_type_from_text,
    html_to_text,
    parse_when,
    skills_from_text,
)
from jobs.sources.base import Posting, Source, SourceBatch, make_posting
from jobs.sources.http import FetchError, fetch


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(item: Element) -> dict[str, str]:
    """Child elements by local name (first wins), text stripped."""
    values: dict[str, str] = {}
    for child in item:
        name = _local(child.tag)
        if name and name not in values:
            values[name] = (child.text or "").strip()
    return values


class WeWorkRemotelySource(Source):
    name = "weworkremotely"

    def is_configured(self) -> bool:
        return bool(settings.WWR_FEED_URLS)

    def collect(self) -> SourceBatch:
        batch = SourceBatch()
        transient_failures = 0
        seen: set[str] = set()
        for url in settings.WWR_FEED_URLS:
            try:
                response = fetch(url, accept="application/rss+xml, application/xml, text/xml")
            except FetchError as exc:
                batch.errors.append(str(exc))
                transient_failures += exc.transient
                continue
            try:
                root = fromstring(response.body, forbid_dtd=True)
            except (ParseError, DefusedXmlException, ValueError) as exc:
                batch.errors.append(f"{url}: unreadable RSS ({type(exc).__name__}: {exc})")
                continue
            for item in root.iter():
                if _local(item.tag) != "item":
                    continue
                posting = batch.parse_guarded("weworkremotely", self.parse_item, item)
                # The main feed and a category feed list the same job: keep it once.
                if posting is not None and posting.source_id not in seen:
                    seen.add(posting.source_id)
                    batch.postings.append(posting)
        batch.unreachable = bool(settings.WWR_FEED_URLS) and transient_failures == len(settings.WWR_FEED_URLS)
        return batch

    def parse_item(self, item: Element) -> Posting:
        fields = _children(item)
        raw_title = fields.get("title", "")
        company, _, role = raw_title.partition(":")
        if not role.strip():
            company, role = "", raw_title
        region = fields.get("region", "")
        kind = fields.get("type", "")
        skills_text = fields.get("skills", "")
        tags = [s.strip() for s in skills_text.split(",") if s.strip()] if skills_text else []
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
            job_type=employment_type_from_text(kind, role),
            tags=tags or skills_from_text(f"{role}\n{html_to_text(description)}", limit=15),
            region_texts=(region, fields.get("country", "")),
            posted_at=parse_when(fields.get("pubdate")),
            raw={name: value[:5000] for name, value in fields.items()},
        )
