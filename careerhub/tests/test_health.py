"""The API root, liveness and readiness (DESIGN §2 health checks)."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

READINESS_PATHS = ["/health/ready", "/health/ready/", "/api/v1/health/ready", "/api/health/ready"]


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1", "/api/", "/api"])
def test_the_api_root_names_the_api_and_links_to_its_docs_schema_and_health(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "careerhub API"
    assert body["version"] == django_settings.SPECTACULAR_SETTINGS["VERSION"]
    assert {"docs", "schema", "health", "readiness"} <= set(body["links"])


def test_every_link_of_the_api_root_answers(api_client):
    links = api_client.get("/api/v1/").json()["links"]

    answers = {name: api_client.get(link).status_code for name, link in links.items()}

    assert answers == dict.fromkeys(links, 200)


def test_the_site_root_welcomes_with_the_same_links(api_client):
    body = api_client.get("/").json()
    assert body["message"] == "Welcome to careerhub API"
    assert body["links"] == api_client.get("/api/v1/").json()["links"]


def test_the_api_root_is_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    assert schema["paths"]["/api/v1/"]["get"]["operationId"] == "api_root"
    assert "/api/v1/health/ready" in schema["paths"]


@pytest.mark.parametrize("path", READINESS_PATHS)
def test_readiness_checks_each_dependency_with_its_status_and_latency(api_client, path):
    # when the test run's PostgreSQL and Redis (cache and broker) and the media directory answer
    response = api_client.get(path)

    # then every check is ok, with what answered and how long it took
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ready"
    checks = body["checks"]
    assert list(checks) == ["database", "cache", "broker", "file_store"]
    assert {check["status"] for check in checks.values()} == {"ok"}
    assert all(check["latency_ms"] >= 0 for check in checks.values())
    assert checks["database"]["detail"] == "postgresql"
    assert checks["cache"]["detail"] == "redis"
    assert checks["broker"]["detail"] == "redis (tasks run in-process)"
    assert checks["file_store"]["detail"].startswith(f"disk {django_settings.MEDIA_ROOT}")


def test_readiness_is_503_in_the_error_shape_naming_what_is_down(api_client, settings, tmp_path):
    # given a MEDIA_ROOT that cannot hold files (a file where the directory should be)
    (tmp_path / "media").write_text("")
    settings.MEDIA_ROOT = str(tmp_path / "media")

    response = api_client.get("/health/ready")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert (body["detail"], body["code"], body["status"]) == ("Not ready: file store unavailable.", "not_ready", "not_ready")
    assert body["checks"]["file_store"]["status"] == "down"
    assert "not a writable directory" in body["checks"]["file_store"]["detail"]
    assert [name for name, check in body["checks"].items() if check["status"] == "ok"] == ["database", "cache", "broker"]


def test_readiness_checks_the_s3_bucket_when_files_live_on_s3(api_client, settings, s3_server):
    # given files on an S3 bucket that exists
    bucket = f"careerhub-{uuid.uuid4().hex[:12]}"
    s3_server.client().create_bucket(Bucket=bucket)
    for name, value in s3_server.storage_settings(bucket).items():
        setattr(settings, name, value)

    ready = api_client.get("/health/ready").json()["checks"]["file_store"]
    # and then the bucket is gone
    s3_server.client().delete_bucket(Bucket=bucket)
    gone = api_client.get("/health/ready")

    assert ready["status"] == "ok" and ready["detail"] == f"s3 bucket {bucket}"
    assert gone.status_code == 503
    assert f"S3 bucket {bucket} does not exist" in gone.json()["checks"]["file_store"]["detail"]


def test_liveness_reaches_no_dependency(api_client, settings, tmp_path, django_assert_num_queries):
    (tmp_path / "media").write_text("")
    settings.MEDIA_ROOT = str(tmp_path / "media")

    with django_assert_num_queries(0):
        response = api_client.get("/health")

    assert response.status_code == 200 and response.json()["status"] == "healthy"
