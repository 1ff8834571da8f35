"""The project's serializer namespace: DRF's, with exact JSON types.

Every serializer module imports `serializers` from here instead of from DRF:

    from careerhub.api import serializers

    class ThingInputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100)

It re-exports DRF's serializer classes and fields, except that the text, number and boolean
fields (and `ModelSerializer`'s mapping from model fields to them) are strict subclasses:
a JSON body must carry the type the OpenAPI schema promises. DRF's own fields coerce
generously — a CharField takes 0, a BooleanField takes "yes", an IntegerField takes "5" —
and clients are written against the schema, so here `"notes": 0` is a 400 naming the field.

Values that are text by nature keep DRF's parsing: query parameters and form fields (the data
reaches the serializer as a QueryDict: `?is_completed=true`, `?limit=20`), and serializers
that declare `textual_input = True` (CSV rows). A field used on its own, outside a serializer
fed with data, behaves as DRF's.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.http import QueryDict
from rest_framework import ISO_8601, relations
from rest_framework import fields as drf_fields
from rest_framework import serializers as drf
from rest_framework.serializers import (  # noqa: F401 - re-exported: the project's serializer vocabulary
    DateField,
    DateTimeField,
    DictField,
    Field,
    FileField,
    HiddenField,
    JSONField,
    ListField,
    ListSerializer,
    ReadOnlyField,
    SerializerMethodField,
    SkipField,
    TimeField,
    UUIDField,
    ValidationError,
)
from rest_framework.settings import api_settings

# --- Strict JSON types ------------------------------------------------------------------------


def _from_json(field: drf_fields.Field) -> bool:
    """True when the field is validating data that came from a JSON document."""
    root = field.root
    if root is field or getattr(root, "textual_input", False):
        return False
    data = getattr(root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


class _ExactJsonType:
    """Refuses a JSON value whose type is not `json_types` before the field parses it."""

    json_types: tuple[type, ...] = ()
    json_type_message = ""

    def to_internal_value(self, data):
        if _from_json(self):
            # bool is an int in Python; only a BooleanField takes it.
            wrong_bool = isinstance(data, bool) and bool not in self.json_types
            if wrong_bool or not isinstance(data, self.json_types):
                raise ValidationError(self.json_type_message, code="invalid")
        return super().to_internal_value(data)


class _Text(_ExactJsonType):
    json_types = (str,)
    json_type_message = "Not a valid string."


class CharField(_Text, drf.CharField):
    pass


class EmailField(_Text, drf.EmailField):
    pass


class RegexField(_Text, drf.RegexField):
    pass


class SlugField(_Text, drf.SlugField):
    pass


class URLField(_Text, drf.URLField):
    pass


class IPAddressField(_Text, drf.IPAddressField):
    pass


class BooleanField(_ExactJsonType, drf.BooleanField):
    json_types = (bool,)
    json_type_message = "Must be true or false."


class IntegerField(_ExactJsonType, drf.IntegerField):
    json_types = (int,)
    json_type_message = "A valid integer is required."


class BigIntegerField(_ExactJsonType, drf.BigIntegerField):
    json_types = (int,)
    json_type_message = "A valid integer is required."


class FloatField(_ExactJsonType, drf.FloatField):
    json_types = (int, float)
    json_type_message = "A valid number is required."


class DecimalField(_ExactJsonType, drf.DecimalField):
    json_types = (int, float, Decimal)
    json_type_message = "A valid number is required."


# --- Choices that name the allowed values ---------------------------------------------------------

# Beyond this many choices the message points to the schema instead of listing them all.
MAX_CHOICES_NAMED = 40


class _NamesAllowedChoices:
    """A refused choice names the allowed values (DESIGN §3), unless the field words its own message."""

    default_error_messages = {"invalid_choice": "'{input}' is not a valid choice. Allowed values: {allowed}."}

    def fail(self, key, **kwargs):
        if key == "invalid_choice":
            values = [str(value) for value in self.choices]
            kwargs.setdefault(
                "allowed",
                ", ".join(values) if len(values) <= MAX_CHOICES_NAMED else f"one of {len(values)} (listed in the API schema)",
            )
        return super().fail(key, **kwargs)


class ChoiceField(_NamesAllowedChoices, drf.ChoiceField):
    pass


class MultipleChoiceField(_NamesAllowedChoices, drf.MultipleChoiceField):
    pass


# DRF's field class -> the strict one (ModelSerializer's mapping, and the test that no serializer
# of the project declares a coercing field).
STRICT_FIELDS: dict[type, type] = {
    drf.CharField: CharField,
    drf.EmailField: EmailField,
    drf.RegexField: RegexField,
    drf.SlugField: SlugField,
    drf.URLField: URLField,
    drf.IPAddressField: IPAddressField,
    drf.BooleanField: BooleanField,
    drf.IntegerField: IntegerField,
    drf.BigIntegerField: BigIntegerField,
    drf.FloatField: FloatField,
    drf.DecimalField: DecimalField,
}


# Comments, not docstrings, on these two: drf-spectacular shows a base class's docstring as the
# description of every serializer without its own.
class Serializer(drf.Serializer):
    # DRF's Serializer. Set `textual_input = True` when every value arrives as text (CSV rows).

    textual_input = False


class ModelSerializer(drf.ModelSerializer):
    # DRF's ModelSerializer, mapping model fields to the strict fields above.

    textual_input = False
    serializer_field_mapping = {
        model_field: STRICT_FIELDS.get(field_class, field_class)
        for model_field, field_class in drf.ModelSerializer.serializer_field_mapping.items()
    }
    serializer_choice_field = ChoiceField


# --- Fast output for hot lists ----------------------------------------------------------------

_ZERO = timedelta(0)

# Fields whose representation of a non-null value of the expected type is the value itself.
_PLAIN = {CharField: str, IntegerField: int, BooleanField: bool, FloatField: float}
_PLAIN |= {drf_base: _PLAIN[strict] for drf_base, strict in STRICT_FIELDS.items() if strict in _PLAIN}


def _utc_datetime(value: datetime) -> str | None:
    # DRF's ISO 8601 output of an aware UTC datetime; None defers to the field for anything else.
    if value.tzinfo is not None and value.utcoffset() == _ZERO:
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return None


def _drf_output(serializer: drf_fields.Field) -> bool:
    """True for a serializer whose output is DRF's own field-by-field walk (nothing overridden)."""
    representation = type(serializer).to_representation
    return isinstance(serializer, drf.Serializer) and representation in (
        drf.Serializer.to_representation,
        FastReadMixin.to_representation,
    )


def _nested(field: drf_fields.Field):
    """The fast path through a nested serializer (one row or `many=True`), else None."""
    from django.db.models.manager import BaseManager

    if type(field) is drf.ListSerializer and _drf_output(field.child):
        child = field.child
        # As DRF's ListSerializer: a related manager is read through .all() (prefetched rows).
        return lambda value: [
            _represent(child, item) for item in (value.all() if isinstance(value, BaseManager) else value)
        ]
    if _drf_output(field):
        return lambda value: _represent(field, value)
    return None


def _converter(field: drf_fields.Field):
    """A quick exact equivalent of `field.to_representation` for the common types, else None."""
    if isinstance(field, drf.BaseSerializer):
        return _nested(field)
    if type(field) is drf_fields.UUIDField and field.uuid_format == "hex_verbose":
        return lambda value: str(value) if isinstance(value, uuid.UUID) else None
    if type(field) is drf_fields.DateTimeField and getattr(field, "format", api_settings.DATETIME_FORMAT) == ISO_8601:
        zone = getattr(field, "timezone", None) or field.default_timezone()
        if zone is not None and zone.utcoffset(None) == _ZERO:
            return lambda value: _utc_datetime(value) if isinstance(value, datetime) else None
    if type(field) is drf_fields.DateField and getattr(field, "format", api_settings.DATE_FORMAT) == ISO_8601:
        return lambda value: value.isoformat() if type(value) is date else None
    return None


def _plan(serializer: drf.Serializer) -> list[tuple]:
    """(name, attribute or None, plain type or None, converter or None, field) per readable field."""
    steps = []
    for field in serializer.fields.values():
        if field.write_only:
            continue
        attrs = field.source_attrs
        # Related fields read primary keys without loading the row (DRF's PKOnlyObject): keep DRF's path.
        related = isinstance(field, (relations.RelatedField, relations.ManyRelatedField))
        simple = len(attrs) == 1 and field.source != "*" and not related
        steps.append((field.field_name, attrs[0] if simple else None, _PLAIN.get(type(field)), _converter(field), field))
    return steps


def _represent(serializer: drf.Serializer, instance) -> dict:
    """What DRF's Serializer.to_representation makes of `instance`, by the serializer's cached plan."""
    plan = serializer.__dict__.get("_fast_plan")
    if plan is None:
        plan = serializer.__dict__["_fast_plan"] = _plan(serializer)
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


class FastReadMixin:
    """A faster `to_representation`, for the one output serializer a benchmark shows needs it.

    Used by the two serializers whose lists the benchmarks show need it: jobs' `JobSerializer`
    (with its subclasses: `GET /jobs` pages of 50 jobs, where DRF's walk was 7 ms of a search that
    must answer within 30 ms, bench/search.py) and tracker's `ApplicationSerializer`: `GET /applications` returns a tree (50
    applications with 150 stages, 50 outcomes, 50 reflections and 100 tags in the benchmark).
    Measured 2026-12-05 with bench/endpoints.py's applications list part (gunicorn, 3 rounds,
    200 requests each, machine load 2.4–3.2 on 2 CPUs): with this mixin the endpoint was 2.6×
    its floor over HTTP at p50 (2.5–2.9× across rounds) and its serializers took 6.0 ms in-process; with plain
    DRF 3.2× (3.0–3.4×) and 13.6 ms, over the 3× target. Every other serializer is plain DRF.

    DRF resolves every field of every row through a generic attribute walk and a
    representation call. For the common case — a field read straight off one attribute —
    this reads the attribute directly, passes plain values (strings, numbers, booleans)
    through unchanged, formats UUIDs, UTC datetimes and dates the way DRF does, and carries
    the same fast path into nested serializers (one row, or many through the related manager)
    whose output is DRF's own walk; every other field (dotted or `*` sources, method fields,
    choices, custom fields, serializers with their own `to_representation`) still goes through
    the field's own `to_representation`, so the output is exactly DRF's (tests compare them).
    """

    def to_representation(self, instance):
        return _represent(self, instance)
