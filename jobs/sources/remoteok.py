"""RemoteOK's JSON API (`https://remoteok.com/api`).

The answer is a JSON array whose first element is a legal notice, not a job. Ids may be
strings or numbers; `salary_min`/`salary_max` numbers or strings with 0 meaning unknown;
text carries HTML entities. RemoteOK lists remote jobs only, with salaries in USD.
"""

from __future__ import annotations

import json

from django.conf import settings

from careerhub.vocabulary import WorkMode
from jobs.normalize import employment_type_from_text, parse_when
from jobs.sources.base import ItemError, Posting, Source, SourceBatch, make_posting
from jobs.sources.http import FetchError, fetch


class RemoteOkSource(Source):
    name = "remoteok"

    def is_configured(self) -> bool:
        return bool(settings.REMOTEOK_API_URL)

    def collect(self) -> SourceBatch:
        batch = SourceBatch()
        try:
            response = fetch(settings.REMOTEOK_API_URL, accept="application/json")
        except FetchError as exc:
            batch.errors.append(str(exc))
            batch.unreachable = exc.transient
            return batch
        try:
            items = json.loads(response.body)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deep
            batch.errors.append(f"RemoteOK answered something that is not JSON: {type(exc).__name__}: {exc}")
            return batch
        if not isinstance(items, list):
            batch.errors.append("RemoteOK answered JSON that is not a list of jobs")
            return batch
        for item in items:
            if isinstance(item, dict) and "legal" in item and "position" not in item:
                continue  # the legal notice that leads the list
            posting = batch.parse_guarded("remoteok", self.parse_item, item)
            if posting is not None:
                batch.postings.append(posting)
        return batch

    def parse_item(self, item) -> Posting:
        if not isinstance(item, dict):
            raise ItemError("item is not an object")
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        tag_text = " ".join(str(t) for t in tags)
        description = item.get("description") if isinstance(item.get("description"), str) else ""
        return make_posting(
            source=self.name,
            source_id=item.get("id"),
            title=item.get("position"),
            url=item.get("url") or item.get("apply_url"),
            company=item.get("company"),
            description_html=description,
            salary_min=item.get("salary_min"),
            salary_max=item.get("salary_max"),
            salary_currency="USD",
            location=item.get("location") or "",
            remote_type=WorkMode.REMOTE,
            job_type=employment_type_from_text(tag_text, item.get("position") if isinstance(item.get("position"), str) else ""),
            tags=tags,
            posted_at=parse_when(item.get("epoch")) or parse_when(item.get("date")),
            raw=item,
        )
