"""Every text a client can send has a documented maximum (issue 15: ~1 MB notes made one list 114 MB).

Three views of the same rule, each found by walking the code rather than from a list:

* every serializer that validates input — the ones the views and services instantiate with
  `data=`, pass to `validated(...)`, name as `input_serializer` or document as a request body —
  gives each writable text field a `max_length`, and each list a maximum number of items;
* every string in every request body of the OpenAPI schema has a `maxLength` (or is an enum, a
  date, a UUID or a file), and every array a `maxItems`;
* the free-text columns of the tracker and profiles models declare the same maximum.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers as drf  # noqa: TID251 - inspects DRF's field classes

from careerhub.tests.test_strict_serializers import PROJECT_APPS, project_serializer_classes, writable_fields

SKIPPED_PARTS = ("tests", "migrations", "management", "settings")
# Formats whose values are bounded by their syntax.
BOUNDED_FORMATS = {"date", "date-time", "time", "uuid", "binary", "duration"}
# Text written by careerhub itself, never taken from a request.
SERVER_WRITTEN = {
    "profiles.CvUpload.text": "extracted from the file, cut at CV_TEXT_MAX_CHARS",
    "profiles.CvUpload.error": "careerhub's own message",
    "tracker.ActivityLog.description": "careerhub's own summary of an event",
    "tracker.InboxMessage.text": "an email's text, from a message of at most 5 MB or JSON `text` with its own maximum",
    "tracker.InboxMailbox.password_encrypted": "careerhub's encryption of a password of at most 1,000 characters",
    "tracker.InboxMailbox.last_error": "careerhub's own message about the last mailbox read",
}


def _source_files():
    for app in PROJECT_APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if not set(path.relative_to(settings.BASE_DIR).parts) & set(SKIPPED_PARTS):
                yield path


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _input_names(tree: ast.AST) -> set[str]:
    """Names of classes the module feeds with input: X(data=...), validated(X, ...), input_serializer = X,
    and request bodies declared to drf-spectacular (request=X or request={"...": X})."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if any(keyword.arg == "data" for keyword in node.keywords):
                names.add(_name(node.func))
            if _name(node.func) == "validated" and node.args:
                names.add(_name(node.args[0]))
            for keyword in node.keywords:
                if keyword.arg == "request":
                    values = keyword.value.values if isinstance(keyword.value, ast.Dict) else [keyword.value]
                    names.update(_name(value) for value in values)
        elif isinstance(node, ast.Assign) and any(_name(target) == "input_serializer" for target in node.targets):
            names.add(_name(node.value))
    return names - {None}


def input_serializer_classes() -> list[type[drf.BaseSerializer]]:
    names: set[str] = set()
    for path in _source_files():
        names |= _input_names(ast.parse(path.read_text(), filename=str(path)))
    return sorted(
        (cls for cls in project_serializer_classes() if cls.__name__ in names),
        key=lambda cls: (cls.__module__, cls.__name__),
    )


def unbounded_inputs(serializer_class) -> list[str]:
    offenders = []
    for name, field in writable_fields(serializer_class()):
        if isinstance(field, drf.CharField) and field.max_length is None:
            offenders.append(f"{name}: text without max_length")
        if isinstance(field, (drf.ListField, drf.ListSerializer)) and field.max_length is None:
            offenders.append(f"{name}: list without max_length")
    return [f"{serializer_class.__module__}.{serializer_class.__name__}.{offender}" for offender in offenders]


def test_the_walk_finds_the_input_serializers_of_bodies_queries_and_csv_rows():
    found = {cls.__name__ for cls in input_serializer_classes()}
    assert {
        "ApplicationInputSerializer",  # validated(...)
        "AgentProfileInputSerializer",  # X(data=request.data)
        "SocialLinksInputSerializer",  # input_serializer = X
        "ApplicationRowSerializer",  # a CSV row, in a service
        "JobListQuerySerializer",  # query parameters
        "CvUploadInputSerializer",  # request={"multipart/form-data": X}
    } <= found
    assert len(found) > 40


def test_every_text_input_of_every_serializer_has_a_maximum():
    offenders = [offender for cls in input_serializer_classes() for offender in unbounded_inputs(cls)]
    assert offenders == []


def test_a_text_field_without_a_maximum_is_caught():
    from careerhub.api import serializers

    class Loose(serializers.Serializer):
        note = serializers.CharField()
        tags = serializers.ListField(child=serializers.CharField(max_length=10))
        name = serializers.CharField(max_length=10)

    assert [offender.rsplit(".", 1)[1] for offender in unbounded_inputs(Loose)] == [
        "note: text without max_length",
        "tags: list without max_length",
    ]


# --- The schema -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _unbounded(node: dict, where: str, components: dict, seen: set) -> list[str]:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        seen.add(name)
        return _unbounded(components[name], name, components, seen)
    found = []
    for key in ("allOf", "oneOf", "anyOf"):
        for part in node.get(key, []):
            found += _unbounded(part, where, components, seen)
    kind = node.get("type")
    if kind == "string" and "maxLength" not in node and "enum" not in node and node.get("format") not in BOUNDED_FORMATS:
        found.append(f"{where}: string without maxLength")
    if kind == "array":
        if "maxItems" not in node:
            found.append(f"{where}: array without maxItems")
        found += _unbounded(node.get("items", {}), f"{where}[]", components, seen)
    for name, child in node.get("properties", {}).items():
        found += _unbounded(child, f"{where}.{name}", components, seen)
    return found


def test_every_string_in_every_request_body_of_the_schema_has_a_maximum(schema):
    components = schema["components"]["schemas"]
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
                found += _unbounded(content["schema"], f"{method.upper()} {path} ({media_type})", components, set())
    assert found == []


def test_the_schema_documents_the_tracker_limits(schema):
    properties = schema["components"]["schemas"]["ApplicationInputRequest"]["properties"]
    tracker_models = importlib.import_module("tracker.models")
    assert properties["notes"]["maxLength"] == tracker_models.NOTES_MAX_LENGTH
    assert properties["description"]["maxLength"] == tracker_models.DESCRIPTION_MAX_LENGTH


# --- The models -------------------------------------------------------------------------------


def test_the_free_text_columns_of_the_tracker_and_profiles_declare_their_maximum():
    # (The other apps' text reaches their models through the serializers checked above.)
    unbounded = [
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for app_label in ("tracker", "profiles")
        for model in apps.get_app_config(app_label).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.max_length is None
    ]
    assert sorted(unbounded) == sorted(SERVER_WRITTEN)
