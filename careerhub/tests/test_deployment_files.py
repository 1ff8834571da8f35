import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    raise AssertionError("docker compose is needed to validate docker-compose.yml (.ci/run installs docker-compose)")


def test_docker_compose_file_is_valid_and_has_the_whole_stack():
    result = subprocess.run(
        [*_compose_command(), "-f", str(ROOT / "docker-compose.yml"), "config", "--services"],
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "compose-validation", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"web", "worker", "beat", "db", "redis", "s3"}


def test_the_dockerfile_runs_gunicorn_on_production_settings():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "careerhub.settings.production" in dockerfile
    assert "gunicorn" in dockerfile
