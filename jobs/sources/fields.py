"""Typed reads of one item of a job board's JSON, so a parser says what it wants, not how to check it.

A board is outside our control: any field may be missing, null, or of another type than its
documentation says. Each accessor answers the type it names or an empty value of that type,
never raises, and never coerces a boolean into a number or a string.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from django.utils.dateparse import parse_date

from jobs.normalize import parse_when
from jobs.sources.base import ItemError


def require_object(item: Any) -> dict:
    """The item itself when it is a JSON object; an ItemError (counted, skipped) otherwise."""
    if not isinstance(item, dict):
        raise ItemError("item is not an object")
    return item


def obj(item: Any, key: str) -> dict:
    """`item[key]` when both are objects, else {}."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, dict) else {}


def items(item: Any, key: str) -> list:
    """`item[key]` when it is a list, else []."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, list) else []


def text(item: Any, key: str) -> str:
    """`item[key]` when it is a string, else ""."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, str) else ""


def identifier(item: Any, key: str) -> str:
    """An id a board sends as a string or a whole number, stripped; "" for anything else."""
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    return str(value).strip()


def number(item: Any, key: str) -> int | float | None:
    """`item[key]` when it is a JSON number (not a boolean), else None."""
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def amount(item: Any, key: str) -> int | float | str | None:
    """A money figure as boards send it, a number or a numeric string ("85000"); None for anything else.

    The value goes on to `normalize.sane_salary_range`, which reads both and drops the absurd.
    """
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return value


def flag(item: Any, key: str) -> bool | None:
    """`item[key]` when it is a boolean, else None (unknown)."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, bool) else None


def strings(item: Any, key: str) -> list[str]:
    """The strings in the list `item[key]` (other entries dropped), else []."""
    return [value for value in items(item, key) if isinstance(value, str)]


def labels(item: Any, key: str, field: str = "name") -> list[str]:
    """A list given as strings or as objects naming themselves in `field` ([{"name": "Germany"}]), as strings."""
    found: list[str] = []
    for value in items(item, key):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict) and isinstance(value.get(field), str):
            found.append(value[field])
    return found


def joined(*parts: str, separator: str = ", ") -> str:
    """The non-blank parts joined: ("Berlin", "", "Germany") -> "Berlin, Germany"."""
    return separator.join(part.strip() for part in parts if part and part.strip())


def posted(item: Any, *keys: str) -> datetime | None:
    """The first of `keys` that holds a readable moment: ISO-8601 date-time or plain date (midnight UTC),
    RFC-822, or epoch seconds/milliseconds; None when none does."""
    for key in keys:
        value = item.get(key) if isinstance(item, dict) else None
        when = parse_when(value)
        if when is None and isinstance(value, str):
            try:
                day = parse_date(value.strip())
            except ValueError:
                day = None
            when = datetime.combine(day, time(), tzinfo=UTC) if day else None
        if when is not None:
            return when
    return None
