"""django-filter base classes that read query parameters as strictly as the schema states them.

django-filter is lenient: `?status=` or `?is_completed=null` mean "no filter", and a boolean
takes 1/0/yes/unknown. The OpenAPI schema documents typed parameters, so a parameter that is
sent must hold a valid value: blank values, repeated parameters and booleans other than
`true`/`false` are a 400 naming the parameter. Leaving a parameter out still means "no filter".
"""

from __future__ import annotations

import django_filters
from django import forms


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        if value == "true":
            return True
        if value == "false":
            return False
        raise forms.ValidationError("Must be true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A refused choice names the allowed values, as the serializers' choice fields do.
        for name, choice_filter in self.filters.items():
            if isinstance(choice_filter, django_filters.ChoiceFilter) and "choices" in choice_filter.extra:
                allowed = ", ".join(str(value) for value, _ in choice_filter.extra["choices"])
                message = f"'%(value)s' is not a valid {name.replace('_', ' ')}. Allowed values: {allowed}."
                # On the form field itself: once the schema has been generated, the field is already
                # built (and copied with the filter), so `extra` alone would not reach it.
                choice_filter.field.error_messages["invalid_choice"] = message

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            if name not in self.data:
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
            if len(values) > 1:
                self.form.add_error(name, "Give this parameter once.")
            elif not str(values[0]).strip():
                self.form.add_error(name, "This value may not be blank.")
        return valid and not self.form.errors
