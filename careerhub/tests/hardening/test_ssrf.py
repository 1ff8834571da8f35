"""SSRF (issue 8): no URL a user gives is ever fetched by the server.

The only outgoing HTTP the product makes is to the job boards operators configure
(jobs/sources/http.py). Every URL field a user can fill — resume links, application and
saved-job links, contact profiles, social links, document links, pasted jobs — is stored
and shown, never requested. A canary server on loopback, a private-network-style address
from the user's point of view, records any request; after a user fills every URL field with
it and then exercises the features that process those rows, it has seen nothing.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from careerhub.tests.hardening.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def canary():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_HEAD = do_POST = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_no_user_supplied_url_is_ever_fetched(make_user, client_for, canary, no_llm):
    base, hits = canary
    owner = make_user()
    client = client_for(owner)
    world = build_world(client, owner)

    def link(name: str) -> str:
        return f"{base}/{name}"

    # every URL field a user can fill
    writes = [
        ("put", f"/api/v1/resumes/{world.ids['resume_id']}", {"file_url": link("resume")}),
        ("put", f"/api/v1/applications/{world.ids['application_id']}", {"url": link("posting")}),
        ("put", f"/api/v1/saved-jobs/{world.ids['saved_job_id']}", {"url": link("saved"), "company_website": link("site")}),
        ("put", f"/api/v1/contacts/{world.ids['contact_id']}", {"linkedin_url": link("linkedin")}),
        ("put", f"/api/v1/documents/{world.ids['document_id']}", {"file_url": link("document")}),
        ("post", "/api/v1/profile/social-links", {"social_links": [{"platform": "github", "url": link("github")}]}),
        ("put", f"/api/v1/user-jobs/{world.ids['job_id']}", {"url": link("job")}),
        ("post", "/api/v1/user-jobs/parse", {"job_text": f"Backend Engineer at Initech. Apply at {link('apply')} today. " * 3}),
    ]
    for method, url, body in writes:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code in (200, 201), (url, response.content[:300])

    # the features that read those rows
    for method, url in [
        ("post", "/api/v1/matches/refresh"),
        ("post", f"/api/v1/matches/{world.ids['match_id']}/generate-cover-letter"),
        ("post", f"/api/v1/matches/{world.ids['match_id']}/generate-highlights"),
        ("get", f"/api/v1/resumes/{world.ids['resume_id']}"),
        ("get", "/api/v1/applications/export"),
        ("get", f"/api/v1/calendar/feed/{world.ids['token']}.ics"),
        ("get", f"/api/v1/jobs/{world.ids['job_id']}"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code < 500, (url, response.status_code)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)

    assert hits == [], f"the server fetched user-supplied URLs: {hits}"
