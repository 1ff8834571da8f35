"""The load mix: job seekers using careerhub the way the API's clients do.

Run by locust in its own process (careerhub/tests/hardening/loadstack.py starts it), never
imported by the project: locust patches the standard library with gevent on import.

Two kinds of users:
  * JobSeeker (most): a seeded user with applications, stages and matches. Most arrive signed in
    (tokens minted when the data was seeded, like a browser session); some sign in with their
    password first. Then they list and open applications, add applications and interview stages,
    move an application on, search and browse jobs, list matches, read the dashboard and refresh
    their token now and then.
  * Newcomer (a few): registers, signs in, fills in a profile, asks for their matches to be
    computed (a Celery task), then tracks applications like everyone else.

Every request states the statuses it accepts; anything else (a 4xx, a 5xx, a connection error)
is a failure. CAREERHUB_LOAD_ACCOUNTS names the JSON file of seeded accounts.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid

from locust import FastHttpUser, between, task

API = "/api/v1"
with open(os.environ["CAREERHUB_LOAD_ACCOUNTS"]) as _handle:
    _ACCOUNTS = json.load(_handle)
PASSWORD = _ACCOUNTS["password"]
_next_account = itertools.cycle(_ACCOUNTS["accounts"])

SEARCHES = ["python", "react typescript", "senior backend engineer", "kubernetes", "data engineer", '"machine learning"',
            "golang", "figma", "site reliability", "fintech"]
FILTERS = [{}, {"remote_type": "full"}, {"job_type": "contract"}, {"min_salary": "100000"}]
COMPANIES = ["Acme", "Globex", "Initech", "Hooli", "Umbrella", "Stark", "Wayne", "Tyrell"]
ROLES = ["Backend Engineer", "Data Engineer", "Frontend Engineer", "Site Reliability Engineer"]
STAGES = [("Recruiter Call", "Recruiter Call"), ("Phone Screen", "Phone Screen"), ("Technical interview", "Technical"),
          ("System design", "System Design"), ("Final round", "Final Round")]
STATUSES = ["Applied", "Interviewing", "Offer", "Rejected"]


class _Tracker(FastHttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.application_ids: list[str] = []
        self.refresh_token = ""

    # helpers
    def call(self, method: str, path: str, *, name: str, ok=(200,), body=None, params=None, auth=True):
        headers = {"Authorization": f"Bearer {self.access}"} if auth else {}
        with self.client.request(method, API + path, name=name, json=body, params=params, headers=headers, catch_response=True) as response:
            if response.status_code not in ok:
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
                return None
            response.success()
            return response.json() if response.text else {}

    def sign_in(self, email: str) -> None:
        tokens = self.call("POST", "/auth/login", name="POST /auth/login", body={"email": email, "password": PASSWORD}, auth=False)
        if tokens:
            self.access, self.refresh_token = tokens["access_token"], tokens["refresh_token"]

    def remember(self, applications) -> None:
        if applications:
            self.application_ids.extend(application["id"] for application in applications)

    # the mix
    @task(6)
    def list_applications(self):
        page = self.call("GET", "/applications", name="GET /applications", params={"limit": 50})
        if page and not self.application_ids:
            self.remember(page)

    @task(1)
    def open_application(self):
        if self.application_ids:
            self.call("GET", f"/applications/{random.choice(self.application_ids)}", name="GET /applications/{id}")

    @task(2)
    def create_application(self):
        created = self.call("POST", "/applications", name="POST /applications", ok=(201,), body={
            "company_name": f"{random.choice(COMPANIES)} {uuid.uuid4().hex[:6]}",
            "role_title": random.choice(ROLES),
            "status": "Applied",
            "job_type": "Full-time",
            "work_mode": "Remote",
            "salary_min": 90000,
            "salary_max": 140000,
            "applied_source": "LinkedIn",
            "notes": "Applied through the careers page.",
        })
        if created:
            self.application_ids.append(created["id"])

    @task(3)
    def add_stage(self):
        if not self.application_ids:
            return
        name, kind = random.choice(STAGES)
        self.call("POST", f"/applications/{random.choice(self.application_ids)}/stages", name="POST /applications/{id}/stages",
                  ok=(201,), body={"stage_name": name, "stage_type": kind, "stage_date": "2030-01-15",
                                   "questions_asked": ["Tell me about a project you are proud of."]})

    @task(1)
    def move_application_on(self):
        if self.application_ids:
            self.call("PUT", f"/applications/{random.choice(self.application_ids)}", name="PUT /applications/{id}",
                      body={"status": random.choice(STATUSES)})

    @task(5)
    def search_jobs(self):
        self.call("GET", "/jobs", name="GET /jobs?search=", params={"search": random.choice(SEARCHES), **random.choice(FILTERS)})

    @task(2)
    def browse_jobs(self):
        self.call("GET", "/jobs", name="GET /jobs", params=random.choice(FILTERS))

    @task(4)
    def list_matches(self):
        self.call("GET", "/matches", name="GET /matches")

    @task(3)
    def dashboard(self):
        self.call("GET", "/analytics/dashboard", name="GET /analytics/dashboard")

    @task(1)
    def refresh_token_now_and_then(self):
        if self.refresh_token and random.random() < 0.3:
            tokens = self.call("POST", "/auth/refresh", name="POST /auth/refresh", body={"refresh_token": self.refresh_token}, auth=False)
            if tokens:
                self.access, self.refresh_token = tokens["access_token"], tokens["refresh_token"]


class JobSeeker(_Tracker):
    weight = 9

    def on_start(self):
        super().on_start()
        account = next(_next_account)
        self.access, self.refresh_token = account["access"], account["refresh"]
        if account["sign_in"]:
            self.sign_in(account["email"])


class Newcomer(_Tracker):
    weight = 1

    def on_start(self):
        super().on_start()
        email = f"newcomer-{uuid.uuid4().hex[:12]}@example.com"
        self.access = ""
        registered = self.call("POST", "/auth/register", name="POST /auth/register", ok=(201,), auth=False,
                               body={"email": email, "password": PASSWORD, "full_name": "New Comer"})
        if not registered:
            return
        self.sign_in(email)
        self.call("PUT", "/profile", name="PUT /profile", body={
            "full_name": "New Comer",
            "bio": "Backend engineer looking for a remote role.",
            "skills": ["Python", "Django", "PostgreSQL", "AWS"],
            "experience_years": 5,
            "preferences": {"target_roles": ["Backend Engineer"], "remote_types": ["full"], "min_salary": 90000,
                            "job_types": ["permanent"]},
        })
        self.call("POST", "/matches/refresh", name="POST /matches/refresh")
