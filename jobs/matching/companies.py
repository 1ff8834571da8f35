"""One company under its many spellings, for the match blocklist.

`company_match_key` is jobs.normalize.company_key (case, accents and punctuation dropped, the
common English and German suffixes removed) with every legal form of `data/legal_forms.json` taken
off the end as well — "S.L.", "B.V.", "Pty Ltd", "Sp. z o.o." — so a user who blocks "Apuestix"
never sees "Apuestix S.L.". A name that is nothing but a legal form keeps its words.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from jobs.normalize import company_key

DATA = Path(__file__).parent / "data" / "legal_forms.json"


@cache
def _legal_forms() -> tuple[tuple[str, ...], ...]:
    forms = json.loads(DATA.read_text(encoding="utf-8"))["forms"]
    # Longest first, so "pty ltd" goes before "ltd" leaves "pty" behind.
    return tuple(sorted({tuple(form.split()) for form in forms}, key=len, reverse=True))


@lru_cache(maxsize=16_384)
def company_match_key(name: str) -> str:
    """Equal for "Acme", "ACME Inc.", "Acme S.L." and "acme pty ltd"; "" for a name with no letters or digits."""
    words = company_key(name or "").split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for form in _legal_forms():
            if len(form) < len(words) and tuple(words[-len(form) :]) == form:
                words = words[: -len(form)]
                stripped = True
                break
    return " ".join(words)
