"""The OpenAPI schema is documentation for the people calling the API: every operation says what it
does for them (not how the code does it), parameters say what they take, the main bodies come with
examples, and operation ids read right."""

import re

import pytest

pytestmark = pytest.mark.django_db

# Words and names that belong to the code, not to a caller's documentation.
CODE_WORDS = re.compile(
    r"\b(?:selectors?|serializers?|services?|querysets?|docstrings?|viewsets?|kwargs|django-filter|owner-scoped)\b"
    r"|\b[\w/]+\.py\b"
    # a module path, but not a host name such as jobs.lever.co
    r"|\b(?:careerhub|accounts|profiles|tracker|jobs|social|insights)\.[a-z_]+\b(?!\.[a-z]{2,3}\b)",
    re.IGNORECASE,
)
# Internal documents a caller does not have.
INTERNAL_REFERENCES = re.compile(r"DESIGN §|STYLE\.md")
# The main request bodies, and the main answers, each with at least one example.
REQUEST_EXAMPLES = [
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("put", "/api/v1/users/me"),
    ("put", "/api/v1/profile"),
    ("put", "/api/v1/profile/career"),
    ("patch", "/api/v1/profile/skills"),
    ("post", "/api/v1/applications"),
    ("post", "/api/v1/applications/{application_id}/stages"),
    ("post", "/api/v1/applications/{application_id}/outcome"),
    ("post", "/api/v1/user-jobs/parse"),
    ("put", "/api/v1/matches/{match_id}/status"),
    ("post", "/api/v1/social/posts"),
]
RESPONSE_EXAMPLES = [
    ("post", "/api/v1/auth/login"),
    ("get", "/api/v1/profile"),
    ("get", "/api/v1/jobs"),
    ("get", "/api/v1/matches"),
    ("post", "/api/v1/jobs/refresh"),
    ("get", "/api/v1/applications"),
    ("post", "/api/v1/matches/{match_id}/generate-cover-letter"),
    ("get", "/api/v1/insights/skills"),
]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_summary_and_a_description(schema):
    missing = [name for name, operation in operations(schema) if not operation.get("summary") or not operation.get("description")]
    assert missing == []


def test_no_summary_or_description_reads_like_the_code(schema):
    code_like = [
        f"{name}: {match.group(0)!r}"
        for name, operation in operations(schema)
        for text in (operation.get("summary", ""), operation.get("description", ""))
        for match in [CODE_WORDS.search(text) or INTERNAL_REFERENCES.search(text)]
        if match
    ]
    assert code_like == []


def test_every_parameter_is_described_for_callers(schema):
    undescribed = [
        f"{name} {parameter['in']} {parameter['name']}"
        for name, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description") or CODE_WORDS.search(parameter["description"])
    ]
    assert undescribed == []


@pytest.mark.parametrize("method, path", REQUEST_EXAMPLES)
def test_the_main_request_bodies_have_examples(schema, method, path):
    content = schema["paths"][path][method]["requestBody"]["content"]
    assert any(media.get("examples") for media in content.values())


@pytest.mark.parametrize("method, path", RESPONSE_EXAMPLES)
def test_the_main_answers_have_examples(schema, method, path):
    responses = schema["paths"][path][method]["responses"]
    assert any(
        media.get("examples")
        for code, response in responses.items()
        if code.startswith("2")
        for media in response.get("content", {}).values()
    )


def _is_list(schema, operation) -> bool:
    """A 200 answer that is an array, or an object holding one array and its `total`."""
    answer = operation["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in answer:
        answer = schema["components"]["schemas"][answer["$ref"].rsplit("/", 1)[-1]]
    if answer.get("type") == "array":
        return True
    properties = answer.get("properties", {})
    return "total" in properties and any(value.get("type") == "array" for value in properties.values())


def test_operation_ids_read_right(schema):
    wrong = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operation_id = operation["operationId"]
            if method == "get" and "{" not in path.rsplit("/", 1)[-1] and _is_list(schema, operation):
                if not operation_id.endswith("_list"):
                    wrong.append(f"{operation_id}: a list")
            elif operation_id.endswith(("_list", "_retrieve")) and method != "get":
                wrong.append(f"{operation_id}: not a read")
            if operation_id.endswith("_create") and "201" not in operation["responses"]:
                wrong.append(f"{operation_id}: creates nothing (no 201)")
    assert wrong == []


def test_no_operation_answers_422(schema):
    # Validation is 400 everywhere (DESIGN §2), with the one error shape.
    assert [name for name, operation in operations(schema) if "422" in operation["responses"]] == []
