"""JSON types are exact: `"notes": 0` is not a string and `"remote_only": "yes"` not a boolean.

DRF's fields coerce generously — a CharField takes numbers, a BooleanField takes "1", "yes"
and 0, an IntegerField takes "5". The OpenAPI schema promises exact types and clients are
written against it, so a JSON body must match: anything else is a 400 naming the field.

Values that arrive as text by nature — query parameters and form fields, which reach the
serializer as a QueryDict, and serializers that declare `textual_input = True` (CSV rows) —
keep DRF's parsing (`?is_completed=true`, `?limit=20`).
A field used on its own, outside a serializer fed with data, is left as DRF made it.

`install()` runs once, from CareerhubConfig.ready(), for every serializer in the project.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict
from rest_framework import fields

_installed = False

# field class -> the Python types a JSON value must have for it
_JSON_TYPES: dict[type, tuple[type, ...]] = {
    fields.CharField: (str,),
    fields.BooleanField: (bool,),
    fields.IntegerField: (int,),
    fields.FloatField: (int, float),
    fields.DecimalField: (int, float, Decimal),
}
_MESSAGES = {
    fields.CharField: "Not a valid string.",
    fields.BooleanField: "Must be true or false.",
    fields.IntegerField: "A valid integer is required.",
    fields.FloatField: "A valid number is required.",
    fields.DecimalField: "A valid number is required.",
}


def _from_json(field: fields.Field) -> bool:
    """True when the field is validating data that came from a JSON document."""
    root = field.root
    if root is field or getattr(root, "textual_input", False):
        return False
    data = getattr(root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


def _strict(field_class: type, original):
    allowed = _JSON_TYPES[field_class]

    def to_internal_value(self, data):
        if _from_json(self):
            # bool is an int in Python; only a BooleanField takes it.
            wrong_bool = isinstance(data, bool) and field_class is not fields.BooleanField
            if wrong_bool or not isinstance(data, allowed):
                raise fields.ValidationError(_MESSAGES[field_class], code="invalid")
        return original(self, data)

    to_internal_value.__wrapped__ = original
    return to_internal_value


def install() -> None:
    global _installed
    if _installed:
        return
    for field_class in _JSON_TYPES:
        field_class.to_internal_value = _strict(field_class, field_class.to_internal_value)
    _installed = True
