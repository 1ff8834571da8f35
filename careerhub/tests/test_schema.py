import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_endpoint_serves_openapi_3_json_with_canonical_paths_only(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["paths"], "the schema lists no paths"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/auth/register" in schema["paths"]
    assert schema["components"]["securitySchemes"]["BearerAuth"]["scheme"] == "bearer"


def test_every_operation_documents_its_responses(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("responses"), f"{method.upper()} {path} has no responses"


def test_every_paging_parameter_declares_the_bounds_the_api_enforces(api_client):
    # query_limit/query_offset refuse limit < 1 and skip/offset < 0 with a 400: a client (or a
    # fuzzer) reading the schema must learn that from it, not from the refusal
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    bounds = {"limit": 1, "skip": 0, "offset": 0}
    undeclared = [
        f"{method.upper()} {path} ?{parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter["name"] in bounds
        and parameter["schema"].get("minimum") != bounds[parameter["name"]]
    ]
    assert undeclared == []


@pytest.mark.parametrize("path", ["/docs", "/docs/", "/redoc", "/redoc/"])
def test_the_documentation_pages_render(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200
    assert b"<html" in response.content.lower()


def test_every_operation_documents_the_refusals_made_before_any_view(api_client):
    # any URL can be too long and any request carry too many headers (careerhub.api.middleware)
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not {"414", "431"} <= set(operation["responses"])
    ]
    assert undocumented == []
