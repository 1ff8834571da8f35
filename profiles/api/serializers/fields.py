"""Fields shared by the profile faces."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rest_framework.fields import empty

from careerhub.api import serializers
from careerhub.skills import MAX_SKILL_LENGTH, dedupe_skills
from careerhub.vocabulary import CANONICAL, Vocabulary

MAX_LIST_ITEMS = 100
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


class DialectChoiceField(serializers.ChoiceField):
    """A value of a careerhub.vocabulary enum, spelled in one seed's dialect.

    In: the dialect's spelling → the canonical value (anything else is a 400 naming the
    allowed values). Out: the canonical value → the dialect's spelling.
    """

    def __init__(self, vocabulary: Vocabulary, dialect: str = CANONICAL, **kwargs):
        self.vocabulary = vocabulary
        self.dialect = dialect
        allowed = vocabulary.allowed(dialect)
        super().__init__(choices=allowed, **kwargs)
        self.error_messages["invalid_choice"] = f"'{{input}}' is not a valid {vocabulary.name}. Allowed values: {', '.join(allowed)}."

    def to_internal_value(self, data):
        return self.vocabulary.to_canonical(super().to_internal_value(data), self.dialect)

    def to_representation(self, value):
        if value in ("", None):
            return None
        return self.vocabulary.from_canonical(value, self.dialect)


class ClearableListField(serializers.ListField):
    """A list where `null` means "clear it" (`[]`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_LIST_ITEMS)
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        if data is None:
            return []
        return super().run_validation(data)


class TextListField(ClearableListField):
    """Free-text items, trimmed, blank ones dropped, duplicates (any case) dropped."""

    def __init__(self, item_length: int = 100, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=item_length, allow_blank=True))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        seen: dict[str, str] = {}
        for value in values:
            value = " ".join(value.split())
            if value:
                seen.setdefault(value.casefold(), value)
        return list(seen.values())


class SkillListField(ClearableListField):
    """Skill names through careerhub.skills: `postgres` and `PostgreSQL` are one skill."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=MAX_SKILL_LENGTH, allow_blank=True))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return dedupe_skills(super().to_internal_value(data))


class HttpUrlField(serializers.CharField):
    """An absolute http(s) URL with a host (any host: `http://intranet/cv.pdf` is fine too)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            parts = urlsplit(value)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)
        except ValueError:
            valid = False
        if not valid:
            raise serializers.ValidationError("Enter a valid http(s) URL.")
        return value


class PhoneField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        digits = sum(char.isdigit() for char in value)
        if value and (not _PHONE.match(value) or not 7 <= digits <= 15):
            raise serializers.ValidationError("Enter a valid phone number: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.")
        return value

