"""Seed 002's industry profile."""

from __future__ import annotations

import math

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers
from profiles.services.industry import MAX_YEARS

MAX_INDUSTRIES = 200
MAX_INDUSTRY_LENGTH = 100


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": MAX_YEARS},
        "example": {"fintech": 2.5, "e-commerce": 0.8},
    }
)
class IndustryYearsField(serializers.Field):
    """`{"industry tag": years}`: an object of non-negative numbers (`{}` is a real value).

    The MAX_YEARS limit is the service's: it holds for the sum of a tag's spellings."""

    default_error_messages = {
        "not_an_object": "Must be an object mapping industry tags to years.",
        "too_many": f"At most {MAX_INDUSTRIES} industries.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_an_object")
        if len(data) > MAX_INDUSTRIES:
            self.fail("too_many")
        errors: dict[str, list[str]] = {}
        for name, years in data.items():
            if not name.strip() or len(name) > MAX_INDUSTRY_LENGTH:
                errors[name] = [f"Industry tags are 1 to {MAX_INDUSTRY_LENGTH} characters."]
            elif isinstance(years, bool) or not isinstance(years, (int, float)) or not math.isfinite(years):
                errors[name] = ["Years must be a number."]
            elif years < 0:
                errors[name] = ["Years must not be negative."]
        if errors:
            raise serializers.ValidationError(errors)
        return dict(data)

    def to_representation(self, value):
        return value


class IndustryProfileInputSerializer(serializers.Serializer):
    industry_years_json = IndustryYearsField(required=False, help_text="Missing means {}.")
    updated_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="ISO 8601; validated, but the server's time is stored."
    )


class IndustryProfileSerializer(serializers.Serializer):
    industry_years_json = IndustryYearsField()
    updated_at = serializers.DateTimeField(required=False)
