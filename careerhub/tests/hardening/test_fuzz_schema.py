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

Schemathesis can only reach what the schema lists, with the ids the world provides, so two quick
tests hold the run to every route (issue 15 item 9): every route and method of the URL conf under
/api/v1/ is an operation of the schema (and the reverse), and every path parameter of the schema
names an object the world builds (or one made on demand, which is a 404 either way).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.models import User
from accounts.tests.fixtures import bearer
from careerhub.tests.hardening.test_route_authorization import RANDOM_PARAMETERS, ROUTES
from careerhub.tests.hardening.world import build_world

CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,negative_data_rejection"
EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "25"))
# Two requests in flight: the live server is threaded, and a request spends most of its time
# waiting (network, database), so two workers halve the wall time on two cores.
WORKERS = os.environ.get("FUZZ_WORKERS", "2")
SEED = os.environ.get("FUZZ_SEED", "20261122")

# Routes that look up and connect to a host the caller names: fuzzed hosts would be resolved by
# the machine's DNS (traffic beyond loopback), and an unreachable page is their documented 502.
# Their refusals and failures have their own suites (jobs/tests/fetching, tracker/tests/inbox).
OUTBOUND = ["--exclude-path", "/api/v1/user-jobs/from-url", "--exclude-path", "/api/v1/inbox/imap"]

PASSES = [
    ("everything but deletes and logout", ["--exclude-method", "DELETE", "--exclude-path", "/api/v1/auth/logout", *OUTBOUND]),
    ("deletes", ["--include-method", "DELETE"]),
    ("logout", ["--include-path", "/api/v1/auth/logout"]),
]


def _schemathesis() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert found, "schemathesis is not installed (requirements-test.txt)"
    return found


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict) -> set[tuple[str, str]]:
    return {(method, re.sub(r"\{\w+\}", "{}", path)) for path, operations in schema["paths"].items() for method in operations}


def _parameters(world_ids: dict[str, str]) -> dict[str, str]:
    """The values schemathesis puts in path parameters: the world's ids (a document's `item_id` is one)."""
    return {**world_ids, "item_id": world_ids["document_id"]}


def test_every_route_of_the_url_conf_is_an_operation_of_the_schema():
    routes = {(method, re.sub(r"<(?:\w+:)?\w+>", "{}", template)) for _, method, template in ROUTES}
    operations = _operations(_schema())
    assert routes - operations == set(), "routes the schema (and so the fuzzer) does not know"
    assert operations - routes == set(), "operations no route serves"


@pytest.mark.django_db
def test_every_path_parameter_of_the_schema_names_an_object_of_the_world(make_user, client_for):
    owner = make_user(is_staff=True)
    known = set(_parameters(build_world(client_for(owner), owner, label="params").ids)) | RANDOM_PARAMETERS
    parameters = {
        parameter["name"]
        for operations in _schema()["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
    }
    assert parameters - known == set(), "world.py builds no object for these path parameters"


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


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(3000)
def test_every_operation_survives_schema_fuzzing(live_server, make_user, client_for, relaxed_throttles, tmp_path):
    # given a staff user who owns one of everything, and another public user to act on
    owner = make_user(is_staff=True)
    other = make_user(profile_visibility="public")
    world = build_world(client_for(owner), owner, label="fuzz")
    parameters = {**_parameters(world.ids), "user_id": str(other.pk)}
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
