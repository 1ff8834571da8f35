"""Who a job is for, as read from its posting (jobs.eligibility.reader): each value with where it was read."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field

from careerhub.api import serializers

SOURCE_HELP = "Where it was read: structured (a field the board or the poster filled in, or the title), llm, location or description."


def _source(**kwargs) -> serializers.CharField:
    return serializers.CharField(help_text=SOURCE_HELP, **kwargs)


class TextValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    source = _source()


class PlaceValueSerializer(TextValueSerializer):
    value = serializers.CharField(help_text="An ISO 3166-1 alpha-2 code, a region (EU, EEA, EMEA, LATAM, APAC, WORLDWIDE, ...) or a city's name.")


class VisaValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="yes, no or unknown.")
    source = _source(allow_null=True)


class AuthorizationSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="citizenship or clearance.")
    country = serializers.CharField(help_text="The country (ISO code) or region whose citizenship or clearance it asks for.")
    level = serializers.CharField(allow_null=True, help_text="The clearance level (secret, topsecret, ts/sci, sc, dv, nv1, ...).")
    active = serializers.BooleanField(help_text="True when it must be held already; false when it can be obtained after hiring.")


class AuthorizationValueSerializer(serializers.Serializer):
    value = AuthorizationSerializer()
    source = _source()


WINDOW_SCHEMA = {
    "type": "object",
    "description": "A window of UTC offsets the posting asks to work in.",
    "properties": {
        "from": {"type": "number", "description": "The earliest UTC offset, in hours."},
        "to": {"type": "number", "description": "The latest UTC offset, in hours."},
        "text": {"type": "string", "description": "The words it was read from."},
    },
    "required": ["from", "to", "text"],
}


@extend_schema_field(WINDOW_SCHEMA)
class WindowField(serializers.JSONField):
    """{"from", "to", "text"}: declared as a schema, since "from" cannot be a field's name in Python."""


class WindowValueSerializer(serializers.Serializer):
    value = WindowField()
    source = _source()


class SeniorityValueSerializer(serializers.Serializer):
    value = serializers.DictField(help_text='{"level": 0–7 (intern … executive), "name": "senior"}')
    source = _source()


class YearsValueSerializer(serializers.Serializer):
    value = serializers.IntegerField(help_text="Years of experience the posting asks for.")
    source = _source()


class RoleValueSerializer(serializers.Serializer):
    value = serializers.DictField(help_text='{"family": "software_engineering", "specialism": "backend"} (docs/matching.md).')
    source = _source()


class TravelValueSerializer(serializers.Serializer):
    value = serializers.BooleanField()
    source = _source()


class EligibilitySerializer(serializers.Serializer):
    """What the posting says about who may take it; null values were not said."""

    countries = PlaceValueSerializer(many=True)
    regions = PlaceValueSerializer(many=True)
    states = PlaceValueSerializer(
        many=True,
        required=False,
        help_text='States or provinces it hires in ("US-CA"); absent on a job read before they were (reextract_jobs).',
    )
    cities = PlaceValueSerializer(many=True)
    work_mode = TextValueSerializer(allow_null=True, help_text="remote, hybrid or onsite.")
    visa_sponsorship = VisaValueSerializer()
    citizenship_or_clearance_required = AuthorizationValueSerializer(allow_null=True)
    timezones = WindowValueSerializer(many=True)
    employment_types = TextValueSerializer(many=True, help_text="full_time, part_time, contract, internship, freelance or temporary.")
    seniority = SeniorityValueSerializer(allow_null=True)
    required_years = YearsValueSerializer(allow_null=True)
    role_family = RoleValueSerializer(allow_null=True)
    travel = TravelValueSerializer(allow_null=True)


@extend_schema_field(EligibilitySerializer(allow_null=True))
class EligibilityField(serializers.JSONField):
    """The job's stored eligibility reading (null for a job not read yet: `manage.py reextract_jobs` reads it)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None
