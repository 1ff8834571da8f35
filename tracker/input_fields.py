"""DRF fields for seed 003's spellings, shared by the API serializers and the CSV import/export."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError

from careerhub.api import serializers
from careerhub.vocabulary import EMPLOYMENT_TYPES, TRACKER, WORK_MODES, Vocabulary, employment_type_for_tracker

DATE_FORMAT = "%Y-%m-%d"
MAX_MONEY = 10**12
_CURRENCY_RE = re.compile(r"^[A-Za-z]{3}$")
# ASCII digits only (\d would also take other scripts' digits); used with fullmatch, so a
# trailing newline does not slip through as it would past "$".
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def choice(choices: Iterable[tuple[str, str]], **kwargs: Any) -> serializers.ChoiceField:
    """A ChoiceField whose error names the allowed values, as the vocabulary's do."""
    allowed = ", ".join(value for value, _ in choices)
    return serializers.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": f"'{{input}}' is not a valid choice. Allowed values: {allowed}."},
        **kwargs,
    )


class SeedDateField(serializers.DateField):
    """Dates exactly as the seed writes them: YYYY-MM-DD.

    The shape is checked before parsing because strptime is lenient: "%Y-%m-%d" also reads
    "2026-1-5", so a client's typo would be stored as a date it never wrote. Written out with
    isoformat (DRF's default) rather than strftime, which does not pad years before 1000 to
    four digits.
    """

    default_error_messages = {
        "invalid": "Use the date format YYYY-MM-DD, e.g. 2026-03-15.",
        "no_such_day": "{input} is not a day in the calendar.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", [DATE_FORMAT])
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> date:
        if not isinstance(value, str):
            return super().to_internal_value(value)  # a date passes, anything else is "invalid"
        if not _DATE_RE.fullmatch(value):
            self.fail("invalid")
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail("no_such_day", input=value)


class TrackerVocabularyField(serializers.ChoiceField):
    """Seed 003's spelling on the wire, the canonical value (careerhub.vocabulary) in the model."""

    vocabulary: Vocabulary

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.vocabulary.allowed(TRACKER), **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if data == "" and self.allow_blank:
            return ""
        try:
            return self.vocabulary.to_canonical(str(data), TRACKER)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def to_representation(self, value: str | None) -> str | None:
        return self.vocabulary.from_canonical(value, TRACKER) if value else None


class TrackerWorkModeField(TrackerVocabularyField):
    vocabulary = WORK_MODES


class TrackerJobTypeField(TrackerVocabularyField):
    vocabulary = EMPLOYMENT_TYPES

    def to_representation(self, value: str | None) -> str | None:
        return employment_type_for_tracker(value) if value else None


class CurrencyField(serializers.CharField):
    """An ISO 4217 code: three letters, stored upper-case."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not _CURRENCY_RE.match(value):
            raise serializers.ValidationError("Use a three-letter ISO 4217 currency code, e.g. USD.")
        return value.upper()


def money(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=MAX_MONEY, **kwargs)
