"""A user who owns one of everything, built through the public API.

The hardening tests (authorization over every route, mass assignment, fuzzing) need real
objects behind every path parameter. Building them through the API rather than the ORM
keeps this module honest: it only relies on what clients can do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tracker.services.inbox import inbox_message_process

CV_TEXT = "Ada Lovelace\nada@example.com\n\nSkills\nPython, Django\n\nExperience\nEngineer at Acme (2019 - present)\n"


@dataclass
class World:
    user_id: str
    ids: dict[str, str] = field(default_factory=dict)
    responses: list[tuple[str, dict]] = field(default_factory=list)

    def path_kwargs(self, names) -> dict[str, str]:
        return {name: self.ids[name] for name in names}


def _ok(response, *statuses):
    assert response.status_code in (statuses or (200, 201)), (response.status_code, response.content[:500])
    return response.json()


class _Recorder:
    """Sends every write with `extra` fields merged into its body and keeps the answers."""

    def __init__(self, client: APIClient, world: World, extra: dict):
        self.client, self.world, self.extra = client, world, extra

    def _send(self, method: str, url: str, data=None, **kwargs):
        body = {**(data or {}), **self.extra}
        response = getattr(self.client, method)(url, body, **kwargs)
        if response.get("Content-Type", "").startswith("application/json"):
            self.world.responses.append((f"{method.upper()} {url}", response.json()))
        return response

    def post(self, url, data=None, **kwargs):
        return self._send("post", url, data, **kwargs)

    def put(self, url, data=None, **kwargs):
        return self._send("put", url, data, **kwargs)

    def get(self, url, params=None):
        return self.client.get(url, params)


def build_world(client: APIClient, user, *, label: str = "a", extra: dict | None = None) -> World:
    """Create, as `user`, one object of every kind a path parameter can name.

    `extra` is merged into every request body (the mass-assignment test sends protected
    fields this way); `world.responses` keeps every JSON answer to a write.
    """
    world = World(user_id=str(user.pk))
    client = _Recorder(client, world, extra or {})
    ids = world.ids
    ids["user_id"] = str(user.pk)

    _ok(client.put("/api/v1/profile", {"skills": ["Python", "Django"], "experience_years": 4}, format="json"))
    _ok(client.put("/api/v1/me/industry-profile", {"industry_years_json": {"fintech": 2}}, format="json"))
    resume = _ok(client.post("/api/v1/resumes", {"version_name": f"Resume {label}"}, format="json"))
    ids["resume_id"] = resume["id"]
    # A CV upload (multipart: sent without `extra`); its resource is named by Content-Location (a 200)
    # or Location (a 202).
    cv = SimpleUploadedFile("cv.txt", CV_TEXT.encode(), content_type="text/plain")
    answer = client.client.post("/api/v1/profile/cv", {"file": cv}, format="multipart")
    _ok(answer, 200, 202)
    ids["upload_id"] = (answer.get("Content-Location") or answer["Location"]).rstrip("/").rsplit("/", 1)[1]

    application = _ok(
        client.post(
            "/api/v1/applications",
            {"company_name": f"Acme {label}", "role_title": "Backend Engineer", "status": "Applied", "resume_version_id": resume["id"]},
            format="json",
        )
    )
    ids["application_id"] = application["id"]
    stage = _ok(
        client.post(
            f"/api/v1/applications/{application['id']}/stages",
            {"stage_name": "Recruiter Call", "stage_date": "2030-01-02", "questions_asked": ["Why us?"]},
            format="json",
        )
    )
    ids["stage_id"] = stage["id"]
    ids["outcome_id"] = _ok(client.post(f"/api/v1/applications/{application['id']}/outcome", {"salary": 100000}, format="json"))["id"]
    ids["reflection_id"] = _ok(
        client.post(f"/api/v1/applications/{application['id']}/reflection", {"what_worked": "Prep"}, format="json")
    )["id"]
    ids["contact_id"] = _ok(
        client.post("/api/v1/contacts", {"name": "Rita Recruiter", "application_id": application["id"]}, format="json")
    )["id"]
    document = _ok(client.post("/api/v1/documents", {"application_id": application["id"], "name": "Cover letter"}, format="json"))
    ids["document_id"] = document["id"]
    ids["reminder_id"] = _ok(
        client.post("/api/v1/reminders", {"title": "Follow up", "remind_at": "2030-01-01T09:00:00Z"}, format="json")
    )["id"]
    ids["tag_id"] = _ok(client.post("/api/v1/tags", {"name": f"dream-{label}"}, format="json"))["id"]
    _ok(client.post(f"/api/v1/tags/application/{application['id']}/assign/{ids['tag_id']}", format="json"))
    ids["saved_job_id"] = _ok(client.post("/api/v1/saved-jobs", {"company_name": f"Globex {label}"}, format="json"))["id"]

    user_job = _ok(
        client.post(
            "/api/v1/user-jobs",
            {"title": f"Platform Engineer {label}", "company": f"Initech {label}", "description": "Python, Django and PostgreSQL on AWS."},
            format="json",
        )
    )
    ids["job_id"] = str(user_job["id"])
    ids["search_id"] = _ok(
        client.post("/api/v1/saved-searches", {"name": f"Search {label}", "query": {"search": "python"}}, format="json")
    )["id"]
    matches = _ok(client.get("/api/v1/matches", {"min_score": 0, "limit": 200}))["matches"]
    ids["match_id"] = next(str(match["id"]) for match in matches if str(match["job_id"]) == ids["job_id"])
    watch = _ok(client.post("/api/v1/companies/watch", {"url": f"https://boards.greenhouse.io/world-{label}"}, format="json"), 201)
    ids["watch_id"] = watch["id"]

    group = _ok(client.post("/api/v1/social/groups", {"name": f"Private circle {label}", "is_public": False}, format="json"))
    ids["group_id"] = group["id"]
    post = _ok(client.post("/api/v1/social/posts", {"content": "Private note", "is_public": False}, format="json"))
    ids["post_id"] = post["id"]

    # A's pending request to follow someone whose profile is for followers only.
    followed = APIClient()
    registered = _ok(
        followed.post(
            "/api/v1/auth/register",
            {"email": f"followed-{label}-{uuid.uuid4().hex[:8]}@example.com", "password": "followed-passw0rd"},
            format="json",
        )
    )
    followed.credentials(HTTP_AUTHORIZATION=f"Bearer {registered['access_token']}")
    _ok(followed.put("/api/v1/users/me", {"profile_visibility": "followers"}, format="json"))
    ids["follow_request_id"] = _ok(client.post(f"/api/v1/social/follow/{registered['user']['id']}"), 202)["id"]

    # An employer email and the suggestion it makes. Processing runs on commit, which never comes
    # inside a test's transaction: the world runs the task's service itself.
    received = _ok(
        client.post(
            "/api/v1/inbox/messages",
            {
                "from": f"Acme {label} Recruiting <careers@acme-{label}.com>",
                "subject": f"Your application to Acme {label}",
                "text": f"Thank you for your interest in the Backend Engineer role at Acme {label}. We regret to "
                "inform you that we have decided to move forward with other candidates.",
            },
            format="json",
        ),
        202,
    )
    ids["message_id"] = received["message"]["id"]
    inbox_message_process(message_id=ids["message_id"])
    ids["suggestion_id"] = _ok(client.get("/api/v1/inbox/suggestions"))[0]["id"]

    ids["token"] = _ok(client.get("/api/v1/calendar/feed"))["token"]
    ids["token_id"] = _ok(
        client.post("/api/v1/auth/tokens", {"name": f"script {label}", "scopes": ["jobs:read"]}, format="json"), 201
    )["id"]
    ids["slug"] = _ok(client.get("/api/v1/profile/sharing"))["slug"]
    ids["email"] = f"invitee-{label}@example.com"
    return world
