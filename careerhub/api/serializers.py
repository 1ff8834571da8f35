"""Serializer helpers shared by the apps."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import ISO_8601, relations, serializers
from rest_framework import fields as drf_fields
from rest_framework.settings import api_settings

_ZERO = timedelta(0)

# Fields whose representation of a non-null value of the expected type is the value itself.
_PLAIN = {
    drf_fields.CharField: str,
    drf_fields.IntegerField: int,
    drf_fields.BooleanField: bool,
    drf_fields.FloatField: float,
}


def _utc_datetime(value: datetime) -> str | None:
    # DRF's ISO 8601 output of an aware UTC datetime; None defers to the field for anything else.
    if value.tzinfo is not None and value.utcoffset() == _ZERO:
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return None


def _converter(field: drf_fields.Field):
    """A quick exact equivalent of `field.to_representation` for the common types, else None."""
    if type(field) is drf_fields.UUIDField and field.uuid_format == "hex_verbose":
        return lambda value: str(value) if isinstance(value, uuid.UUID) else None
    if type(field) is drf_fields.DateTimeField and getattr(field, "format", api_settings.DATETIME_FORMAT) == ISO_8601:
        zone = getattr(field, "timezone", None) or field.default_timezone()
        if zone is not None and zone.utcoffset(None) == _ZERO:
            return lambda value: _utc_datetime(value) if isinstance(value, datetime) else None
    if type(field) is drf_fields.DateField and getattr(field, "format", api_settings.DATE_FORMAT) == ISO_8601:
        return lambda value: value.isoformat() if type(value) is date else None
    return None


def _plan(serializer: serializers.Serializer) -> list[tuple]:
    """(name, attribute or None, plain type or None, converter or None, field) per readable field."""
    steps = []
    for field in serializer._readable_fields:
        attrs = field.source_attrs
        # Related fields read primary keys without loading the row (DRF's PKOnlyObject): keep DRF's path.
        related = isinstance(field, (relations.RelatedField, relations.ManyRelatedField))
        simple = len(attrs) == 1 and field.source != "*" and not related
        steps.append((field.field_name, attrs[0] if simple else None, _PLAIN.get(type(field)), _converter(field), field))
    return steps


class FastReadMixin:
    """A faster `to_representation` for output serializers on hot list endpoints.

    DRF resolves every field of every row through a generic attribute walk and a
    representation call. For the common case — a field read straight off one attribute —
    this reads the attribute directly, passes plain values (strings, numbers, booleans)
    through unchanged and formats UUIDs, UTC datetimes and dates the way DRF does; every
    other field (dotted or `*` sources, method fields, nested serializers, choices, custom
    fields) still goes through the field's own `to_representation`, so the output is
    exactly DRF's (tests compare them).
    """

    def to_representation(self, instance):
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = self.__dict__["_fast_plan"] = _plan(self)
        data = {}
        for name, attribute, plain, convert, field in plan:
            if attribute is None:
                try:
                    value = field.get_attribute(instance)
                except drf_fields.SkipField:
                    continue
            else:
                try:
                    value = getattr(instance, attribute)
                except ObjectDoesNotExist:  # a missing reverse one-to-one reads as null, as in DRF
                    value = None
                if callable(value) and not hasattr(value, "all"):  # a method as source, as in DRF
                    value = value()
            if value is None:
                data[name] = None
            elif plain is not None and type(value) is plain:
                data[name] = value
            else:
                quick = convert(value) if convert is not None else None
                data[name] = quick if quick is not None else field.to_representation(value)
        return data
