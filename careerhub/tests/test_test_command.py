"""The test command (.ci/test) installs the machine packages the suite needs itself.

Each test runs the real script with a PATH that lacks redis-server, Chromium and
docker-compose, and stops it right after the package step (ONLY_PACKAGES=1), so no services
start and no suite runs inside the suite. The PostgreSQL binaries stay visible: the script
finds them under /usr/lib/postgresql/*/bin itself, as on a fresh Debian machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "test"
# What the script runs before its package step; everything else on PATH is left out.
BASE_TOOLS = ("dirname", "id")
WITHHELD = ["redis-server", "chromium", "docker-compose"]
# Installs a package by linking its real program(s) into the fake PATH, and logs each call.
FAKE_APT_GET = """#!/bin/bash
echo "$*" >> "$FAKE_APT_LOG"
[ "$1" = install ] || exit 0
for package in "$@"; do
  case "$package" in
    redis-server) /bin/ln -sf "$REAL_REDIS_SERVER" "$FAKE_BIN/redis-server"; /bin/ln -sf "$REAL_REDIS_CLI" "$FAKE_BIN/redis-cli" ;;
    chromium) /bin/ln -sf "$REAL_CHROMIUM" "$FAKE_BIN/chromium" ;;
    docker-compose) /bin/ln -sf "$REAL_DOCKER_COMPOSE" "$FAKE_BIN/docker-compose" ;;
  esac
done
"""

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="installing packages is what the script does as root")


@pytest.fixture
def fresh_path():
    """A directory for PATH holding only the basic tools and an apt-get that records its calls.

    Made outside pytest's private temporary directory so that `nobody` can run what is in it.
    """
    root = Path(tempfile.mkdtemp(prefix="careerhub-fresh-path-"))
    root.chmod(0o755)
    bin_dir = root / "bin"
    bin_dir.mkdir()
    for tool in BASE_TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    fake = bin_dir / "apt-get"
    fake.write_text(FAKE_APT_GET)
    fake.chmod(0o755)
    yield bin_dir
    shutil.rmtree(root, ignore_errors=True)


def run_test_command(bin_dir: Path, *, as_user: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": str(bin_dir),
        "ONLY_PACKAGES": "1",
        "FAKE_BIN": str(bin_dir),
        "FAKE_APT_LOG": str(bin_dir.parent / "apt.log"),
        # Where the fake apt-get finds the programs it "installs" (this machine has them).
        "REAL_REDIS_SERVER": shutil.which("redis-server") or "/usr/bin/redis-server",
        "REAL_REDIS_CLI": shutil.which("redis-cli") or "/usr/bin/redis-cli",
        "REAL_CHROMIUM": shutil.which("chromium") or "/usr/bin/chromium",
        "REAL_DOCKER_COMPOSE": shutil.which("docker-compose") or "/usr/bin/docker-compose",
        **env,
    }
    prefix = ["/usr/sbin/runuser", "-u", as_user, "--"] if as_user else []
    return subprocess.run(
        [*prefix, "/usr/bin/env", "-i", *[f"{k}={v}" for k, v in environment.items()], "/bin/bash", str(SCRIPT)],
        capture_output=True, text=True, timeout=60, cwd=str(ROOT),
    )


def apt_calls(bin_dir: Path) -> list[str]:
    log = bin_dir.parent / "apt.log"
    return log.read_text().splitlines() if log.exists() else []


def test_it_names_the_missing_packages_and_stops_when_it_is_not_root(fresh_path):
    # given a user who is not root (nobody, when the suite itself runs as root)
    user = "nobody" if os.geteuid() == 0 else None

    # when the test command runs on a machine without redis-server, Chromium and docker-compose
    result = run_test_command(fresh_path, as_user=user)

    # then it stops before anything else, naming the packages and how to install them
    assert result.returncode == 2, result.stderr
    assert f"sudo apt-get install -y {' '.join(WITHHELD)}" in result.stderr
    assert apt_calls(fresh_path) == []


@needs_root
def test_as_root_it_installs_the_missing_packages_with_apt_get(fresh_path):
    # when root runs the test command on a machine without redis-server, Chromium and docker-compose
    result = run_test_command(fresh_path)

    # then it updates the package lists and installs exactly those, then finds them
    assert result.returncode == 0, result.stderr
    assert apt_calls(fresh_path) == ["update -qq", f"install -y -qq {' '.join(WITHHELD)}"]
    assert f"installing: {' '.join(WITHHELD)}" in result.stderr
    assert "the machine has every package the suite needs" in result.stderr


@needs_root
def test_with_skip_install_root_is_told_what_to_install_and_nothing_is_installed(fresh_path):
    result = run_test_command(fresh_path, SKIP_INSTALL="1")

    assert result.returncode == 2
    assert f"apt-get install -y {' '.join(WITHHELD)}" in result.stderr
    assert apt_calls(fresh_path) == []


def test_the_ci_entry_point_only_runs_the_readme_test_command():
    # .ci/run must not carry its own set-up: the README's `make test` does everything itself
    commands = [
        line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "${BASH_SOURCE[0]}")/.."', "exec make test"]
    assert "make test" in (ROOT / "README.md").read_text()
