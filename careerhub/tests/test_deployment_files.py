"""docker-compose.yml, .env.example and the Dockerfile, as `docker-compose config` resolves them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = {"migrate", "web", "mcp", "worker", "beat", "inbox-smtp"}
LONG_RUNNING = {"web", "mcp", "worker", "beat", "inbox-smtp", "db", "redis", "s3"}
# What an operator writes into .env after copying .env.example (its blanks filled in).
FILLED_IN = {
    "SECRET_KEY": "compose-validation-" + "k" * 40,
    "POSTGRES_PASSWORD": "pg-secret",
    "AWS_SECRET_ACCESS_KEY": "s3-secret",
    "DJANGO_SUPERUSER_EMAIL": "ops@example.com",
    "DJANGO_SUPERUSER_PASSWORD": "a long password",
}


def _compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    raise AssertionError("docker compose is needed to validate docker-compose.yml (make test installs docker-compose)")


def _env_file(overrides: dict[str, str]) -> str:
    lines = []
    for line in (ROOT / ".env.example").read_text().splitlines():
        name = line.split("=", 1)[0]
        if "=" in line and not line.startswith("#") and name in overrides:
            line = f"{name}={overrides[name]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def compose_config(tmp_path: Path, env_file: str | None) -> subprocess.CompletedProcess:
    """`docker-compose config` of a copy of the compose file, with `env_file` as its .env."""
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    if env_file is not None:
        (tmp_path / ".env").write_text(env_file)
    return subprocess.run(
        [*_compose_command(), "-f", str(tmp_path / "docker-compose.yml"), "config"],
        capture_output=True, text=True, cwd=str(tmp_path), env={"PATH": "/usr/bin:/bin:/usr/local/bin"}, timeout=60,
    )


@pytest.fixture
def config(tmp_path) -> dict:
    result = compose_config(tmp_path, _env_file(FILLED_IN))
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_the_stack_has_every_service(config):
    assert set(config["services"]) == APP_SERVICES | {"db", "redis", "s3"}


def test_every_image_is_pinned_to_a_version(config):
    images = {name: service["image"] for name, service in config["services"].items()}
    assert all(":" in image and not image.endswith(":latest") for image in images.values()), images
    assert "FROM python:3.11." in (ROOT / "Dockerfile").read_text()


def test_every_long_running_service_has_a_healthcheck(config):
    missing = [name for name in LONG_RUNNING if not config["services"][name].get("healthcheck", {}).get("test")]
    assert missing == []
    assert "/healthz" in " ".join(config["services"]["s3"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(config["services"]["worker"]["healthcheck"]["test"])


def test_nothing_starts_before_what_it_needs_is_healthy_and_the_app_waits_for_migrations(config):
    services = config["services"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert {dependency: depends[dependency]["condition"] for dependency in ("db", "redis", "s3")} == dict.fromkeys(
            ("db", "redis", "s3"), "service_healthy"
        ), name
    for name in ("web", "mcp", "worker", "beat", "inbox-smtp"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # the release step migrates, then bootstraps (the bucket, the first admin), and runs once
    assert "migrate --noinput && python manage.py bootstrap" in services["migrate"]["command"]
    assert services["migrate"]["restart"] == "no"


def test_env_example_reaches_every_app_container_including_the_first_admin(config):
    for name in APP_SERVICES:
        environment = config["services"][name]["environment"]
        assert environment["DJANGO_SUPERUSER_EMAIL"] == "ops@example.com", name
        assert environment["DJANGO_SUPERUSER_PASSWORD"] == "a long password", name
        assert environment["DATABASE_URL"] == "postgres://careerhub:pg-secret@db:5432/careerhub"
    assert config["services"]["s3"]["environment"]["AWS_SECRET_ACCESS_KEY"] == "s3-secret"


def test_a_missing_secret_stops_compose_naming_it(tmp_path):
    result = compose_config(tmp_path, _env_file({**FILLED_IN, "SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "set SECRET_KEY in .env" in result.stderr


def test_secrets_stay_out_of_the_image_and_the_repository():
    assert ".env" in (ROOT / ".dockerignore").read_text().splitlines()
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_dockerfile_serves_with_careerhubs_gunicorn_configuration_on_production_settings():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "careerhub.settings.production" in dockerfile
    assert '"gunicorn", "-c", "python:careerhub.gunicorn_config"' in dockerfile
