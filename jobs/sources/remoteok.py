"""RemoteOK's JSON API (`https://remoteok.com/api`).

The answer is a JSON array whose first element is a legal notice, not a job. Ids may be
strings or numbers; `salary_min`/`salary_max` numbers or strings with 0 meaning unknown;
text carries HTML entities. RemoteOK lists remote jobs only, with salaries in USD. Its legal
notice asks to be named as the source with a link back, hence the attribution.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, parse_when
from jobs.sources.base import Board, PayloadError, Posting, Source, make_posting
from jobs.sources.fields import require_object, text


class RemoteOkSource(Source):
    name = "remoteok"
    attribution = "Jobs by Remote OK (https://remoteok.com)"

    def is_configured(self) -> bool:
        return bool(settings.REMOTEOK_API_URL)

    def boards(self) -> list[Board]:
        return [Board.feed(self.name, settings.REMOTEOK_API_URL)] if settings.REMOTEOK_API_URL else []

    def page_items(self, payload: Any, board: Board) -> list:
        if not isinstance(payload, list):
            raise PayloadError("JSON that is not a list of jobs")
        # The legal notice that leads the list is not a job.
        return [item for item in payload if not (isinstance(item, dict) and "legal" in item and "position" not in item)]

    def parse_item(self, item: Any) -> Posting:
        item = require_object(item)
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        position = text(item, "position")
        return make_posting(
            source=self.name,
            source_id=item.get("id"),
            title=item.get("position"),
            url=item.get("url") or item.get("apply_url"),
            company=item.get("company"),
            description_html=text(item, "description"),
            salary_min=item.get("salary_min"),
            salary_max=item.get("salary_max"),
            salary_currency="USD",
            location=item.get("location") or "",
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(" ".join(str(tag) for tag in tags), position),
            tags=tags,
            posted_at=parse_when(item.get("epoch")) or parse_when(item.get("date")),
            raw=item,
        )
