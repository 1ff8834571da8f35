"""JSON types are exact in every serializer of the project, without patching DRF (careerhub.api.serializers)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from rest_framework import serializers as drf  # noqa: TID251 - compares the strict fields with DRF's own

from careerhub.api import serializers

PROJECT_APPS = ("careerhub", "accounts", "profiles", "tracker", "jobs", "social", "insights")


def project_serializer_classes() -> list[type[drf.BaseSerializer]]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            skipped = (".tests", ".migrations", ".management", ".settings", "careerhub.wsgi", "careerhub.asgi")
            if any(part in module.name for part in skipped):
                continue
            importlib.import_module(module.name)
    found, pending = [], [drf.Serializer]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_APPS and subclass.__module__ != serializers.__name__:
                found.append(subclass)
    return found


def writable_fields(serializer: drf.BaseSerializer, path: str = ""):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        yield f"{path}{name}", field
        if isinstance(field, drf.Serializer):
            yield from writable_fields(field, f"{path}{name}.")
        child = getattr(field, "child", None)
        if child is not None and not isinstance(child, drf.Serializer):
            yield f"{path}{name}[]", child
        elif isinstance(child, drf.Serializer):
            yield from writable_fields(child, f"{path}{name}[].")


def coercing_fields() -> list[str]:
    coercing_classes = tuple(serializers.STRICT_FIELDS)
    offenders = []
    for serializer_class in project_serializer_classes():
        try:
            instance = serializer_class()
            fields = list(writable_fields(instance))
        except (AssertionError, TypeError, AttributeError):
            continue  # an abstract base (no Meta.model) or one that needs constructor arguments
        for name, field in fields:
            if isinstance(field, coercing_classes) and not isinstance(field, serializers._ExactJsonType):
                offenders.append(f"{serializer_class.__module__}.{serializer_class.__name__}.{name}")
    return offenders


def test_the_project_declares_serializers_this_test_can_see():
    assert len(project_serializer_classes()) > 50


def test_no_serializer_of_the_project_accepts_input_through_a_coercing_drf_field():
    assert coercing_fields() == []


def test_drf_itself_is_left_as_it_is():
    # No process-wide patch: DRF's own CharField still coerces, for third-party code that expects it.
    assert drf.CharField().run_validation(42) == "42"


@pytest.mark.parametrize(
    "field, value",
    [
        (serializers.CharField(), 42),
        (serializers.BooleanField(), "yes"),
        (serializers.BooleanField(), 1),
        (serializers.IntegerField(), "5"),
        (serializers.IntegerField(), True),
        (serializers.FloatField(), "1.5"),
        (serializers.EmailField(), 7),
    ],
)
def test_a_json_value_of_the_wrong_type_is_refused(field, value):
    class Body(serializers.Serializer):
        value = field

    body = Body(data={"value": value})
    assert not body.is_valid()
    assert body.errors["value"][0].code == "invalid"


def test_text_input_keeps_drf_parsing():
    class Row(serializers.Serializer):
        textual_input = True
        salary = serializers.IntegerField()
        remote = serializers.BooleanField()

    row = Row(data={"salary": "50000", "remote": "yes"})
    assert row.is_valid(), row.errors
    assert row.validated_data == {"salary": 50000, "remote": True}


def test_a_model_serializer_maps_model_fields_to_strict_fields():
    from tracker.models import Tag

    class TagBody(serializers.ModelSerializer):
        class Meta:
            model = Tag
            fields = ["name"]

    assert isinstance(TagBody().fields["name"], serializers.CharField)
    assert not TagBody(data={"name": 3}).is_valid()
