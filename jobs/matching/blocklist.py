"""A user's match blocklist: companies and title keywords they never want to be matched with.

Companies compare through jobs.matching.companies.company_match_key ("Acme" = "ACME Inc." = "Acme S.L."); a
keyword blocks a job whose title contains it as a whole word or phrase, case-insensitively
("intern" blocks "Software Intern", not "Internal Tools Engineer"). A refresh never scores a
blocked job and deletes the user's open matches for it (jobs.matching.refresh); a single-job
score names the blocklist as a blocker.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jobs.eligibility.roles import words
from jobs.matching.companies import company_match_key
from jobs.models import MatchBlocklist

MAX_BLOCKLIST_ENTRIES = 200
MAX_ENTRY_LENGTH = 200


def match_blocklist_get(*, user_id: Any) -> dict[str, list[str]]:
    """`{"companies": [...], "keywords": [...]}` as the user wrote them (empty lists when they have none)."""
    row = MatchBlocklist.objects.filter(user_id=user_id).only("companies", "keywords").first()
    if row is None:
        return {"companies": [], "keywords": []}
    return {"companies": list(row.companies), "keywords": list(row.keywords)}


def _cleaned(field: str, values: Any, key: Any) -> list[str]:
    """The entries trimmed, first spelling of each kept; a ValidationError naming `field` for anything else."""
    if not isinstance(values, list):
        raise ValidationError({field: ["Expected a list of non-empty strings."]}, code="invalid")
    if len(values) > MAX_BLOCKLIST_ENTRIES:
        raise ValidationError({field: [f"At most {MAX_BLOCKLIST_ENTRIES} entries."]}, code="too_many")
    kept: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError({field: ["Expected a list of non-empty strings."]}, code="invalid")
        entry = " ".join(value.split())
        if len(entry) > MAX_ENTRY_LENGTH:
            raise ValidationError({field: [f"Each entry is at most {MAX_ENTRY_LENGTH} characters."]}, code="too_long")
        comparable = key(entry)
        if not comparable:
            raise ValidationError({field: [f"'{entry}' has no letters or digits to compare."]}, code="invalid")
        kept.setdefault(comparable, entry)
    return list(kept.values())


def _keyword_key(keyword: str) -> str:
    return " ".join(words(keyword))


@transaction.atomic
def match_blocklist_set(*, user_id: Any, companies: Any, keywords: Any) -> dict[str, list[str]]:
    """Replace the user's blocklist (PUT semantics): lists of non-empty strings, at most 200 each.

    Duplicates (by the comparison above) collapse to their first spelling. Raises a Django
    ValidationError with per-field messages (400 in the one error shape).
    """
    cleaned_companies = _cleaned("companies", companies, company_match_key)
    cleaned_keywords = _cleaned("keywords", keywords, _keyword_key)
    row, _ = MatchBlocklist.objects.select_for_update().get_or_create(user_id=user_id)
    row.companies, row.keywords = cleaned_companies, cleaned_keywords
    row.save(update_fields=["companies", "keywords", "updated_at"])
    return {"companies": row.companies, "keywords": row.keywords}


@transaction.atomic
def match_blocklist_add_company(*, user_id: Any, company: str) -> bool:
    """Put a company on the user's blocklist; False when it was already there (in any spelling).

    Raises a ValidationError when the list is full or the name is unusable.
    """
    row, _ = MatchBlocklist.objects.select_for_update().get_or_create(user_id=user_id)
    key = company_match_key(company or "")
    if not key:
        raise ValidationError({"reason": ["This job names no company to block."]}, code="invalid")
    if any(company_match_key(existing) == key for existing in row.companies):
        return False
    row.companies = _cleaned("companies", [*row.companies, company], company_match_key)
    row.save(update_fields=["companies", "updated_at"])
    return True
