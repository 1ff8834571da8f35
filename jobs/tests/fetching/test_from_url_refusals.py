"""The safe fetcher's refusals, proved at the endpoint that fetches a user's URL (`POST /user-jobs/from-url`).

Each URL points at a canary listener on a loopback address that must receive no connection:
the endpoint answers 400 `url_refused`, naming why, and stores nothing.
"""

import time

import pytest

from jobs.models import Job

pytestmark = pytest.mark.django_db

URL = "/api/v1/user-jobs/from-url"


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.URL_FETCH_ALLOWED_HOSTS = []


def refused(response, reason: str):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "url_refused"
    assert reason in body["detail"]
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "host, url",
    [
        ("127.0.0.2", "http://127.0.0.2:{port}/jobs/42"),
        ("::1", "http://[::1]:{port}/jobs/42"),
        ("127.0.0.1", "http://[::ffff:127.0.0.1]:{port}/jobs/42"),
        ("127.0.0.1", "http://localhost:{port}/jobs/42"),
    ],
)
def test_a_loopback_url_is_refused_and_the_listener_hears_nothing(auth_client, canary, host, url):
    # given a listener on a loopback address
    listener = canary(host)
    # when
    response = auth_client.post(URL, {"url": url.format(port=listener.port)})
    # then
    refused(response, "loopback")
    time.sleep(0.1)
    assert listener.connections == 0


def test_a_name_that_resolves_inside_the_network_is_refused(auth_client, canary, resolver):
    listener = canary("127.0.0.1")
    resolver({"careers.example.com": ["127.0.0.1"]})
    refused(auth_client.post(URL, {"url": f"http://careers.example.com:{listener.port}/job"}), "careers.example.com is a loopback address")
    assert listener.connections == 0


def test_a_redirect_into_the_network_is_refused_and_its_target_hears_nothing(auth_client, board, canary, settings):
    # given an allowed page that redirects to a listener on 127.0.0.2
    listener = canary("127.0.0.2")
    settings.URL_FETCH_ALLOWED_HOSTS = [board.url.removeprefix("http://")]
    board.route("/job", "", status=302, headers={"Location": f"http://127.0.0.2:{listener.port}/admin"})
    # when
    response = auth_client.post(URL, {"url": f"{board.url}/job"})
    # then the page was asked, its redirect's target never
    refused(response, "loopback")
    assert board.paths() == ["/job"]
    time.sleep(0.1)
    assert listener.connections == 0


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "Only http and https"),
        ("gopher://127.0.0.1:70/", "Only http and https"),
        ("http://user:secret@example.com/job", "credentials"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://10.0.0.8/job", "private"),
    ],
)
def test_urls_careerhub_never_fetches_are_refused_before_any_connection(auth_client, url, reason):
    refused(auth_client.post(URL, {"url": url}), reason)
