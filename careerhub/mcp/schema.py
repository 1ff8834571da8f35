"""JSON schemas for tool inputs, written from the REST API's own input serializers, so a tool takes
exactly what the route takes, with the same limits, choices and help texts."""

from __future__ import annotations

from typing import Any

from rest_framework import fields as drf_fields

from careerhub.api import serializers


def field_schema(field: drf_fields.Field) -> dict[str, Any]:
    """The JSON schema of one serializer field (the common kinds; anything else is left open)."""
    schema = _base_schema(field)
    if field.help_text:
        schema["description"] = str(field.help_text)
    if getattr(field, "allow_null", False) and "type" in schema:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _base_schema(field: drf_fields.Field) -> dict[str, Any]:  # noqa: C901, PLR0911 - one branch per field kind
    if isinstance(field, drf_fields.ChoiceField):
        return {"type": "string", "enum": [str(value) for value in field.choices]}
    if isinstance(field, drf_fields.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, drf_fields.IntegerField):
        return {"type": "integer", **_bounds(field)}
    if isinstance(field, (drf_fields.FloatField, drf_fields.DecimalField)):
        return {"type": "number", **_bounds(field)}
    if isinstance(field, drf_fields.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, drf_fields.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, drf_fields.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, drf_fields.ListField):
        schema: dict[str, Any] = {"type": "array", "items": _base_schema(field.child)}
        if field.max_length is not None:
            schema["maxItems"] = field.max_length
        return schema
    if isinstance(field, drf_fields.CharField):
        schema = {"type": "string"}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        if not field.allow_blank and field.required:
            schema["minLength"] = 1
        return schema
    return {}


def _bounds(field: drf_fields.Field) -> dict[str, Any]:
    bounds = {}
    if getattr(field, "min_value", None) is not None:
        bounds["minimum"] = field.min_value
    if getattr(field, "max_value", None) is not None:
        bounds["maximum"] = field.max_value
    return bounds


def serializer_properties(
    serializer_class: type[serializers.Serializer], *, partial: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """(properties, required names) of a serializer's writable fields; `partial`: none required."""
    properties, required = {}, []
    for name, field in serializer_class().fields.items():
        if field.read_only:
            continue
        properties[name] = field_schema(field)
        if field.required and not partial:
            required.append(name)
    return properties, required
