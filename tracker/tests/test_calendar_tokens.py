"""Calendar feed tokens at rest and in logs (issue 15, item 7): only a keyed hash is stored, the
URL keeps working until rotated, and no log line holds the token.

Before: the token sat in plain text in tracker_calendarfeed.token, and the access log wrote
`GET /api/v1/calendar/feed/<token>.ics`.
"""

import io
import logging

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careerhub import logs
from careerhub.keyed_hash import keyed_hash
from tracker.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_only_a_keyed_hash_of_the_token_is_stored(auth_client, user):
    # when
    token = auth_client.get("/api/v1/calendar/feed").json()["token"]
    # then no column of the feed's row holds the token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tracker_calendarfeed")
        row = cursor.fetchone()
    assert token not in " ".join(str(value) for value in row)
    assert CalendarFeed.objects.get(user=user).token_hash == keyed_hash(token, purpose=CalendarFeed.TOKEN_PURPOSE)


def test_the_url_is_given_once_and_keeps_working_until_rotated(auth_client, api_client):
    # given the URL given when the feed is made
    first = auth_client.get("/api/v1/calendar/feed").json()
    # when the feed is asked for again
    again = auth_client.get("/api/v1/calendar/feed").json()
    # then it cannot be shown again, yet it still works
    assert (again["url"], again["token"]) == (None, None)
    assert again["rotated_at"] == first["rotated_at"]
    assert api_client.get(first["url"]).status_code == 200
    # and rotating gives a new one, once, and retires the old
    rotated = auth_client.post("/api/v1/calendar/feed/rotate").json()
    assert rotated["url"] and rotated["url"] != first["url"]
    assert api_client.get(first["url"]).status_code == 404
    assert api_client.get(rotated["url"]).status_code == 200


def test_a_feed_url_survives_a_secret_key_rotation_while_the_old_key_is_a_fallback(auth_client, api_client, settings):
    # given a URL hashed under the old key
    url = auth_client.get("/api/v1/calendar/feed").json()["url"]
    old_key = settings.SECRET_KEY
    # when SECRET_KEY is rotated as Django documents it
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-key-" + "x" * 40, [old_key]
    # then the URL works; once the fallback is dropped, it does not
    assert api_client.get(url).status_code == 200
    settings.SECRET_KEY_FALLBACKS = []
    assert api_client.get(url).status_code == 404


@pytest.fixture
def access_log():
    """What careerhub's JSON and text formatters write, from every logger, as a string."""
    stream = io.StringIO()
    handlers = []
    for formatter in (logs.JsonFormatter(), logs.TextFormatter()):
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.addFilter(logs.RequestIdFilter())
        handlers.append(handler)
    root = logging.getLogger()
    access = logging.getLogger("careerhub.access")
    level = access.level
    access.setLevel(logging.INFO)
    for handler in handlers:
        root.addHandler(handler)
    yield stream
    for handler in handlers:
        root.removeHandler(handler)
    access.setLevel(level)


def test_the_access_log_never_holds_a_feed_token(auth_client, api_client, access_log, caplog):
    # given
    token = auth_client.get("/api/v1/calendar/feed").json()["token"]
    # when the feed is fetched, with and without a trailing slash, and a wrong token too
    caplog.set_level(logging.INFO, logger="careerhub.access")
    api_client.get(f"/api/v1/calendar/feed/{token}.ics")
    api_client.get(f"/api/calendar/feed/{token}.ics/")
    api_client.get(f"/api/v1/calendar/feed/{token[::-1]}.ics")
    # then the lines name the route, never the token: in the formatted output, and in the records
    written = access_log.getvalue()
    assert "/api/v1/calendar/feed/[redacted].ics" in written
    assert token not in written and token[::-1] not in written
    paths = [record.path for record in caplog.records if record.name == "careerhub.access"]
    assert "/api/v1/calendar/feed/[redacted].ics" in paths
    assert all(token not in record.getMessage() for record in caplog.records)


def test_every_log_line_is_redacted_whatever_logger_wrote_it(access_log):
    # when another logger names a feed URL or a secret query value
    logging.getLogger("django.request").error(
        "Service Unavailable: %s", "/api/v1/calendar/feed/s3cr3t-t0ken.ics", extra={"url": "/x?token=abc123&page=2"}
    )
    # then
    written = access_log.getvalue()
    assert "s3cr3t-t0ken" not in written and "abc123" not in written
    assert "/api/v1/calendar/feed/[redacted].ics" in written and "token=[redacted]&page=2" in written


def test_the_rotate_route_is_not_mistaken_for_a_token():
    assert logs.redact("POST /api/v1/calendar/feed/rotate 200") == "POST /api/v1/calendar/feed/rotate 200"
    assert logs.redact("GET /api/v1/calendar/feed 200") == "GET /api/v1/calendar/feed 200"


BEFORE = [("tracker", "0005_application_posting_closed")]
AFTER = [("tracker", "0006_calendar_feed_token_hash")]


@pytest.fixture
def executor():
    yield MigrationExecutor(connection)
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_plain_tokens_are_hashed_so_their_urls_keep_working(executor, api_client, make_user):
    # given a feed whose token was stored in plain text
    user = make_user()
    executor.migrate(BEFORE)
    OldFeed = executor.loader.project_state(BEFORE).apps.get_model("tracker", "CalendarFeed")
    OldFeed.objects.create(user_id=user.pk, token="an-existing-plain-token")
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())
    # then the row holds its hash, and the old URL still answers
    assert CalendarFeed.objects.get(user=user).token_hash == keyed_hash("an-existing-plain-token", purpose=CalendarFeed.TOKEN_PURPOSE)
    assert api_client.get("/api/v1/calendar/feed/an-existing-plain-token.ics").status_code == 200
