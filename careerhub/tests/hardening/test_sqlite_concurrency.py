"""The embedded default under concurrent writes: twenty writers at once on a real SQLite file.

Found from outside (issue 15): four parallel `PUT /profile` from one user made 10 of 20 answer
503 "database is locked", and twenty parallel industry-profile PUTs 17. SQLite allows one writer
at a time; a transaction that began reading (DEFERRED) and then writes cannot wait for the lock
the way a fresh one can, so it failed at once. careerhub opens SQLite in WAL mode, with a busy
timeout, and begins every transaction IMMEDIATE (settings/base.py), so writers queue instead.

Each test serves a copy of a migrated SQLite file with a real server process on the embedded
default — runserver (threads in one process, `make run`) and gunicorn (four processes of five
threads) — and sends twenty requests from twenty client threads released together.
"""

from __future__ import annotations

import itertools

import pytest

from careerhub.testing import all_at_once

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

WRITERS = 20
SERVERS = ["runserver", "gunicorn"]


def _profile_body(n: int) -> dict:
    # Profile fields only: the transaction reads the profile row before it writes, the case that
    # failed (a body with a bio writes the user row first and so held the write lock from the start).
    return {"skills": ["Python", f"Skill {n}"], "experience_years": n, "preferences": {"target_roles": [f"Role {n}"]}}


def _statuses(responses) -> list:
    return sorted(response.status if hasattr(response, "status") else repr(response) for response in responses)


@pytest.mark.parametrize("server", SERVERS)
def test_twenty_concurrent_profile_writes_from_one_user_all_succeed(embedded_server, server):
    # given careerhub on a SQLite file, and one user
    careerhub = embedded_server(server)
    _, token = careerhub.register()
    bodies, turn = [_profile_body(n) for n in range(WRITERS)], itertools.count()

    # when twenty PUT /profile arrive at once
    answers = all_at_once(lambda: careerhub.request("PUT", "/api/v1/profile", bodies[next(turn)], token=token, timeout=60), WRITERS)

    # then every one is answered 200, and the profile is one of them, whole
    assert _statuses(answers) == [200] * WRITERS, [(a.status, a.body) for a in answers if getattr(a, "status", 0) != 200]
    profile = careerhub.get("/api/v1/profile", token=token).body
    n = profile["experience_years"]
    assert (profile["skills"], profile["preferences"]["target_roles"]) == (["Python", f"Skill {n}"], [f"Role {n}"])
    assert "database is locked" not in careerhub.log()


@pytest.mark.parametrize("server", SERVERS)
def test_twenty_concurrent_industry_profile_upserts_leave_one_row_and_no_error(embedded_server, server):
    # given careerhub on a SQLite file, and one user without an industry profile yet
    careerhub = embedded_server(server)
    user_id, token = careerhub.register()
    bodies, turn = [{"industry_years_json": {"fintech": n + 1, "health": 1}} for n in range(WRITERS)], itertools.count()

    # when twenty PUT /me/industry-profile arrive at once
    answers = all_at_once(
        lambda: careerhub.request("PUT", "/api/v1/me/industry-profile", bodies[next(turn)], token=token, timeout=60), WRITERS
    )

    # then every one is answered 200 and exactly one row holds one of the bodies
    assert _statuses(answers) == [200] * WRITERS, [(a.status, a.body) for a in answers if getattr(a, "status", 0) != 200]
    rows = careerhub.sql("SELECT industry_years_json FROM profiles_industryprofile WHERE user_id = ?", (user_id.replace("-", ""),))
    assert len(rows) == 1
    assert "database is locked" not in careerhub.log()


def test_the_embedded_database_runs_in_wal_mode(embedded_server):
    careerhub = embedded_server("runserver")
    careerhub.register()  # a connection opened by the server sets the mode (it is stored in the file)
    assert careerhub.sql("PRAGMA journal_mode") == [("wal",)]
