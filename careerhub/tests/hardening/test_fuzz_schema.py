"""Property-based fuzzing of every operation in our own OpenAPI schema (issue 8).

Schemathesis generates requests from /api/schema/ — valid ones and deliberately invalid ones —
and sends them to a live server on the suite's PostgreSQL and Redis, as a staff user who owns
an object of every kind (path parameters name those objects, so operations reach real rows).
The checks:

    not_a_server_error          nothing answers 5xx
    status_code_conformance     every status is documented for its operation
    response_schema_conformance every body matches its documented schema
    negative_data_rejection     input the schema forbids is refused, not accepted

Every operation runs. Deletes run in a second pass (so they do not remove the objects the
other operations work on) and logout last (it revokes the token the run uses).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.models import User
from accounts.tests.fixtures import bearer
from careerhub.tests.hardening.world import build_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(3000)]

CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,negative_data_rejection"
EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "25"))
# Two requests in flight: the live server is threaded, and a request spends most of its time
# waiting (network, database), so two workers halve the wall time on two cores.
WORKERS = os.environ.get("FUZZ_WORKERS", "2")
SEED = os.environ.get("FUZZ_SEED", "20261122")

PASSES = [
    ("everything but deletes and logout", ["--exclude-method", "DELETE", "--exclude-path", "/api/v1/auth/logout"]),
    ("deletes", ["--include-method", "DELETE"]),
    ("logout", ["--include-path", "/api/v1/auth/logout"]),
]


def _schemathesis() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert found, "schemathesis is not installed (requirements-test.txt)"
    return found


def _config(path: Path, parameters: dict[str, str]) -> Path:
    lines = ["[parameters]"]
    # integer ids (jobs) as TOML integers, so they match their parameter's schema type
    lines += [
        f'"{name}" = {value}' if str(value).isdigit() else f'"{name}" = "{value}"'
        for name, value in sorted(parameters.items())
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def relaxed_throttles(settings):
    settings.THROTTLE_RATES = {scope: "1000000/hour" for scope in settings.THROTTLE_RATES}
    settings.ANTHROPIC_API_KEY = ""


def test_every_operation_survives_schema_fuzzing(live_server, make_user, client_for, relaxed_throttles, tmp_path):
    # given a staff user who owns one of everything, and another public user to act on
    owner = make_user(is_staff=True)
    other = make_user(profile_visibility="public")
    world = build_world(client_for(owner), owner, label="fuzz")
    parameters = {**world.ids, "user_id": str(other.pk), "item_id": world.ids["document_id"]}
    config = _config(tmp_path / "schemathesis.toml", parameters)
    token = bearer(owner)
    report_dir = Path(os.environ.get("FUZZ_REPORT_DIR") or tmp_path)
    report_dir.mkdir(parents=True, exist_ok=True)

    failures = []
    for label, selection in PASSES:
        # when schemathesis runs its examples, coverage and fuzzing phases
        result = subprocess.run(
            [
                _schemathesis(), "--config-file", str(config), "--no-color", "run",
                f"{live_server.url}/api/schema/?format=json",
                "--url", live_server.url,
                "-H", f"Authorization: {token}",
                "--checks", CHECKS,
                "--phases", "examples,coverage,fuzzing",
                "--max-examples", str(EXAMPLES_PER_OPERATION),
                "--seed", SEED,
                "--workers", WORKERS,
                "--request-timeout", "30",
                "--generation-database", "none",
                "--suppress-health-check", "all",
                *selection,
            ],
            capture_output=True,
            text=True,
            timeout=1500,
            cwd=tmp_path,
        )
        report = report_dir / f"schemathesis-{label.split()[0]}.txt"
        report.write_text(result.stdout + "\n" + result.stderr)
        if result.returncode != 0:
            failures.append(f"--- pass: {label} (full output: {report}) ---\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")

    # then nothing failed
    assert not failures, "\n".join(failures)
    assert User.objects.filter(pk=owner.pk, is_active=True).exists()
