"""Every kind of error leaves the API in the one shape (DESIGN §2)."""

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from careerhub import gunicorn_config

pytestmark = [pytest.mark.django_db, pytest.mark.urls("careerhub.tests.urls_for_errors")]


def assert_error_shape(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) <= {"detail", "code", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["code"] == code
    return body


def test_validation_errors_carry_per_field_messages(api_client):
    body = assert_error_shape(api_client.post("/auth/register", {"email": "nope"}, format="json"), 400, "invalid")
    assert body["errors"]["email"] == ["Enter a valid email address."]
    assert body["errors"]["password"] == ["This field is required."]
    assert body["detail"] == "email: Enter a valid email address."


def test_malformed_json_is_a_400_parse_error(api_client):
    response = api_client.generic("POST", "/auth/login", '{"email": ', content_type="application/json")
    assert_error_shape(response, 400, "parse_error")


def test_an_unsupported_media_type_is_415(api_client):
    response = api_client.generic("POST", "/auth/login", "email=a", content_type="text/plain")
    assert_error_shape(response, 415, "unsupported_media_type")


def test_an_unknown_api_path_is_a_json_404(api_client):
    assert_error_shape(api_client.get("/api/v1/no-such-thing"), 404, "not_found")
    assert_error_shape(api_client.get("/api/nothing/here/"), 404, "not_found")
    assert_error_shape(api_client.post("/auth/nothing"), 404, "not_found")


def test_a_missing_object_is_404(auth_client):
    assert_error_shape(auth_client.get("/api/v1/users/00000000-0000-0000-0000-000000000000"), 404, "not_found")


def test_no_credentials_is_401(api_client):
    response = api_client.get("/api/v1/users/me")
    assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_forbidden_is_403(auth_client):
    assert_error_shape(auth_client.get("/api/v1/admin/users"), 403, "permission_denied")


def test_a_wrong_method_is_405(auth_client):
    assert_error_shape(auth_client.delete("/api/v1/users/me"), 405, "method_not_allowed")


def test_a_conflict_is_409(api_client):
    body = assert_error_shape(api_client.get("/conflict"), 409, "conflict")
    assert body["detail"] == "Outcome already exists."


def test_a_django_validation_error_from_a_service_is_a_400(api_client):
    body = assert_error_shape(api_client.get("/django-validation"), 400, "invalid")
    assert body["errors"] == {"salary_max": ["Must be at least salary_min."]}
    body = assert_error_shape(api_client.get("/django-validation-plain"), 400, "invalid")
    assert body["errors"] == {"non_field_errors": ["Already converted."]}
    assert body["detail"] == "Already converted."


def test_a_dependency_outage_is_503_with_retry_after(api_client):
    response = api_client.get("/unavailable")
    assert_error_shape(response, 503, "service_unavailable")
    assert response["Retry-After"] == "17"


def test_a_database_outage_is_503(api_client):
    response = api_client.get("/database-down")
    assert_error_shape(response, 503, "database_unavailable")
    assert "Retry-After" in response


def test_an_unexpected_exception_still_answers_in_the_error_shape(api_client):
    assert_error_shape(api_client.get("/unexpected"), 500, "server_error")


def test_a_too_large_json_body_is_413(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = api_client.generic("POST", "/auth/login", '{"email": "' + "a" * 2000 + '"}', content_type="application/json")
    assert_error_shape(response, 413, "payload_too_large")


def test_a_request_over_the_upload_limit_is_refused_before_reading_it(api_client, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = api_client.generic(
        "POST", "/auth/login", "x" * 70_000, content_type="application/octet-stream"
    )
    assert_error_shape(response, 413, "payload_too_large")


def test_the_request_guard_answers_in_the_views_own_error_shape_when_it_declares_one(api_client, settings):
    # given a view whose class names an error_body_format hook
    settings.MAX_UPLOAD_SIZE = 1000

    # when the middleware refuses a request for it (too large, or a NUL in the query string)
    too_large = api_client.generic("GET", "/own-error-shape/", "x" * 70_000, content_type="application/octet-stream")
    nul = api_client.get("/own-error-shape?q=a%00b")

    # then the refusal is reshaped by the hook; other routes keep the one shape (tests above)
    assert too_large.status_code == 413 and too_large.json()["failed"] == 413
    assert nul.status_code == 400 and nul.json() == {"failed": 400, "why": "q: The value contains a NUL character."}


def test_throttling_is_429_with_retry_after(api_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "register": "1/hour"}
    api_client.post("/auth/register", {"email": "a@b.co", "password": "password123"}, format="json")
    response = api_client.post("/auth/register", {"email": "c@d.co", "password": "password123"}, format="json")
    assert_error_shape(response, 429, "throttled")
    assert 3500 <= int(response["Retry-After"]) <= 3600


def test_a_form_encoded_body_is_415_because_the_api_speaks_json(api_client):
    response = api_client.generic(
        "POST", "/auth/login", "email=a%40b.co&password=password123", content_type="application/x-www-form-urlencoded"
    )
    assert_error_shape(response, 415, "unsupported_media_type")


def test_options_is_405_in_the_error_shape(auth_client):
    assert_error_shape(auth_client.options("/api/v1/users/me"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "raw",
    [
        '{"email": "a\\u0000b@example.com", "password": "password123"}',
        '{"email": "\\udb69@example.com", "password": "password123"}',
        '{"\\u0000": 1, "email": "a@b.co", "password": "password123"}',
    ],
)
def test_text_the_database_cannot_store_is_a_400(api_client, raw):
    response = api_client.generic("POST", "/auth/login", raw, content_type="application/json")
    assert_error_shape(response, 400, "parse_error")


def test_a_document_nested_too_deeply_is_a_400(api_client):
    raw = '{"email": ' + "[" * 40 + "]" * 40 + "}"
    response = api_client.generic("POST", "/auth/login", raw, content_type="application/json")
    body = assert_error_shape(response, 400, "parse_error")
    assert "nested deeper" in body["detail"]


def test_a_nul_in_the_query_string_is_a_400_before_any_view(auth_client):
    body = assert_error_shape(auth_client.get("/api/v1/users/search?q=a%00b"), 400, "invalid")
    assert "NUL" in body["detail"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"display_name": 42}, "display_name"),
        ({"is_profile_public": "yes"}, "is_profile_public"),
        ({"is_profile_public": 1}, "is_profile_public"),
    ],
)
def test_json_values_of_the_wrong_type_are_refused_not_coerced(auth_client, body, field):
    body = assert_error_shape(auth_client.put("/api/v1/users/me", body, format="json"), 400, "invalid")
    assert field in body["errors"]


def test_query_parameters_keep_their_text_parsing(auth_client):
    assert auth_client.get("/api/v1/users/search", {"q": "ada", "limit": "5"}).status_code == 200


def test_a_value_the_database_cannot_hold_is_a_400(api_client):
    assert_error_shape(api_client.get("/out-of-range"), 400, "invalid")


@pytest.mark.parametrize("query", ["limit=", "limit=5&limit=6", "limit=abc", "skip=-1"])
def test_paging_parameters_that_are_sent_must_be_single_integers(auth_client, query):
    assert_error_shape(auth_client.get(f"/api/v1/users/search?q=a&{query}"), 400, "invalid")


# --- Unknown routes, CSRF, and requests too large for the server ---------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/nothing/", "/auth/nothing", "/no-such-page", "/api/v1/users/me/extra"])
def test_every_method_on_an_unknown_route_is_the_json_404_even_with_csrf_checks(method, path):
    # given a client like a browser: Django's CSRF protection is enforced
    client = APIClient(enforce_csrf_checks=True)

    # when it sends any method to a route that does not exist
    response = client.generic(method, path, '{"a": 1}', content_type="application/json")

    # then it is the JSON 404, not Django's HTML "CSRF verification failed" page
    assert_error_shape(response, 404, "not_found")


def test_a_csrf_refusal_outside_the_admin_is_in_the_error_shape():
    # given a view outside DRF (Django's CSRF protection applies to it)
    client = APIClient(enforce_csrf_checks=True)

    # when a POST without a CSRF token reaches it
    response = client.post("/plain-django-view", {"a": 1}, format="json")

    # then the refusal is a JSON 403
    assert_error_shape(response, 403, "csrf_failed")


def test_the_admin_keeps_its_html_pages(api_client):
    response = api_client.get("/admin/login/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert api_client.get("/admin").status_code == 302


def test_a_request_line_over_the_limit_is_a_json_414(auth_client):
    # given a query string that makes the request line just longer than the app's limit
    query = "q=" + "a" * (django_settings.REQUEST_LINE_MAX_BYTES - len("GET /api/v1/users/search?q= HTTP/1.1"))
    at_limit = auth_client.get(f"/api/v1/users/search?{query}")
    over_limit = auth_client.get(f"/api/v1/users/search?{query}a")

    # then the request at the limit is served and the one over it refused in the error shape
    assert at_limit.status_code == 200, at_limit.content[:300]
    body = assert_error_shape(over_limit, 414, "uri_too_long")
    assert str(django_settings.REQUEST_LINE_MAX_BYTES) in body["detail"]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_a_long_path_on_any_route_is_a_json_414(api_client, method):
    response = api_client.generic(method, "/api/v1/" + "x" * django_settings.REQUEST_LINE_MAX_BYTES)
    assert_error_shape(response, 414, "uri_too_long")


def test_too_many_header_fields_is_a_json_431(auth_client):
    extra = {f"HTTP_X_FILLER_{n}": "1" for n in range(django_settings.REQUEST_HEADERS_MAX_COUNT)}
    body = assert_error_shape(auth_client.get("/api/v1/users/me", **extra), 431, "headers_too_large")
    assert "header fields" in body["detail"]


def test_one_header_over_the_size_limit_is_a_json_431_naming_it(auth_client):
    value = "v" * django_settings.REQUEST_HEADER_MAX_BYTES
    body = assert_error_shape(auth_client.get("/api/v1/users/me", HTTP_X_TRACE_CONTEXT=value), 431, "headers_too_large")
    assert body["detail"].startswith("The X-Trace-Context header is too large")


def test_the_apps_limits_sit_below_gunicorns_so_its_json_refusal_comes_first():
    # gunicorn answers with its own HTML page beyond its limits; the app must refuse earlier
    limits = {
        "request line": (django_settings.REQUEST_LINE_MAX_BYTES, gunicorn_config.limit_request_line),
        "header count": (django_settings.REQUEST_HEADERS_MAX_COUNT, gunicorn_config.limit_request_fields),
        "header size": (django_settings.REQUEST_HEADER_MAX_BYTES, gunicorn_config.limit_request_field_size),
    }
    assert [name for name, (app, server) in limits.items() if not 0 < app < server] == []
