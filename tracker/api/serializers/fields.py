"""Fields only the API's bodies use (the seed's spellings shared with the CSV are in tracker/input_fields.py)."""

from __future__ import annotations

import re

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers

_HEX_COLOR_RE = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
MAX_JSON_DEPTH = 32


def owner_id() -> serializers.UUIDField:
    return serializers.UUIDField(read_only=True)


def optional_text(max_length: int) -> serializers.CharField:
    """Optional free text of at most `max_length` characters (every text input has a maximum)."""
    return serializers.CharField(max_length=max_length, required=False, allow_null=True, allow_blank=True)


class HexColorField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not _HEX_COLOR_RE.match(value):
            raise serializers.ValidationError("Use a hex colour code such as #6366f1.")
        return value.lower()


def storable_json(value):
    """Reject JSON a database cannot store or json.dumps cannot write back: nesting deeper than
    MAX_JSON_DEPTH, NUL characters and lone surrogates (PostgreSQL refuses both in jsonb).

    Walks the parsed value iteratively (keys and values), so depth cannot exhaust the stack.
    """
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise serializers.ValidationError(f"Nested more than {MAX_JSON_DEPTH} levels deep.")
        if isinstance(item, dict):
            pending.extend((key, depth + 1) for key in item)
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            if "\x00" in item:
                raise serializers.ValidationError("Null characters are not allowed.")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise serializers.ValidationError("Text must be valid Unicode (no lone surrogates).") from None
    return value


@extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
class JsonObjectField(serializers.JSONField):
    """JSON checked by storable_json before anything serialises it; documented as an object."""

    def to_internal_value(self, data):
        return super().to_internal_value(storable_json(data))
