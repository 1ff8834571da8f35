"""`manage.py seed_demo`: a labelled demo set, loaded offline through the services, idempotent and removable."""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from insights.demo.postings import demo_data
from jobs.models import Job, Match
from jobs.tests import factories as f
from profiles.models import CvUpload
from tracker.models import Application, ApplicationStage, Outcome, Reflection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEMO = demo_data()
EMAIL, PASSWORD = DEMO["user"]["email"], DEMO["user"]["password"]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def demo_jobs():
    return Job.objects.filter(raw_data__careerhub_demo=True)


def snapshot() -> dict:
    user = User.objects.get(email=EMAIL)
    return {
        "users": User.objects.count(),
        "jobs": demo_jobs().count(),
        "matches": Match.objects.filter(user=user).count(),
        "applications": Application.objects.filter(user=user).count(),
        "stages": ApplicationStage.objects.filter(application__user=user).count(),
        "outcomes": Outcome.objects.filter(application__user=user).count(),
        "cv_uploads": CvUpload.objects.filter(user=user).count(),
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo set, loaded once for the module's read-only tests (and removed after them)."""
    with django_db_blocker.unblock():
        output = seed()
        yield output
        seed("--remove")


@pytest.mark.usefixtures("loaded")
class TestTheDemoSet:
    def test_it_holds_a_few_hundred_jobs_from_several_boards_in_their_own_words(self):
        jobs = list(demo_jobs())
        sources = Counter(job.source for job in jobs)
        assert len(jobs) >= 250
        assert set(sources) == {"remoteok", "remotive", "himalayas", "jobicy", "arbeitnow", "greenhouse", "lever", "ashby"}
        assert {job.remote_type for job in jobs} >= {"remote", "hybrid", "onsite"}
        assert len({job.salary_currency for job in jobs if job.salary_currency}) >= 6
        assert len({region for job in jobs for region in job.eligible_regions}) >= 15
        assert {"Python", "Kubernetes", "React", "Figma"} <= {tag for job in jobs for tag in job.tags}
        # each board's vocabulary went through its own parser: Arbeitnow's German titles, Himalayas' restrictions
        assert any(job.title.endswith("(m/w/d)") for job in jobs if job.source == "arbeitnow")
        assert any(job.raw_data.get("locationRestrictions") for job in jobs if job.source == "himalayas")

    def test_every_demo_job_says_it_is_demo_data(self):
        for job in demo_jobs():
            assert job.url.startswith("https://demo.careerhub.invalid/"), job.url
            assert job.description.endswith(DEMO["label"]), job.description[-120:]
            assert job.source_attribution == DEMO["label"]

    def test_the_demo_user_signs_in_as_the_command_says_and_has_a_filled_profile(self, loaded, api_client):
        # the command says how to sign in
        assert EMAIL in loaded and PASSWORD in loaded and "/api/v1/auth/login" in loaded
        # and that works
        response = api_client.post("/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD}, format="json")
        assert response.status_code == 200
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
        profile = api_client.get("/api/v1/profile").json()
        assert profile["full_name"] == DEMO["user"]["display_name"] and "demo" in profile["bio"]
        assert {"Python", "Django", "PostgreSQL"} <= set(profile["skills"])
        assert profile["preferences"]["target_roles"] and profile["preferences"]["min_salary"]
        assert profile["preferences"]["parsed_cv"]["experience"], "the CV was uploaded and parsed"
        assert api_client.get("/api/v1/profile/career").json()["data"]["currentRole"] == "Senior Backend Engineer"
        assert api_client.get("/api/v1/users/me").json()["profile_visibility"] == "public"

    def test_applications_are_at_every_stage_with_their_stages_outcome_and_reflection(self):
        user = User.objects.get(email=EMAIL)
        applications = Application.objects.filter(user=user)
        assert {application.status for application in applications} == {
            "Saved", "Applied", "Interviewing", "Offer", "Accepted", "Rejected", "Withdrawn",
        }
        assert ApplicationStage.objects.filter(application__user=user).values("result").distinct().count() == 3
        assert set(Outcome.objects.filter(application__user=user).values_list("status", flat=True)) == {
            "Offer", "Rejected", "Withdrawn",
        }
        assert Reflection.objects.filter(application__user=user, skill_gaps__contains=["Kafka"]).exists()

    def test_matches_come_from_the_refresh_and_the_ones_marked_applied_are_tracked(self):
        user = User.objects.get(email=EMAIL)
        matches = Match.objects.filter(user=user)
        statuses = Counter(matches.values_list("status", flat=True))
        assert matches.count() >= 50
        assert (statuses["applied"], statuses["interested"], statuses["hidden"]) == (2, 3, 1)
        assert all(match.analysis and match.scoring_version is not None for match in matches)
        applied = matches.filter(status="applied")
        assert Application.objects.filter(user=user, source_match_id__in=applied.values("id")).count() == 2


# The tests below start from the module's loaded set too, and change it only inside their own transaction.


def test_running_it_again_adds_nothing(loaded):
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert "0 new and" in output and "(0 new)" in output


def test_remove_takes_out_the_demo_set_and_nothing_else(loaded, user):
    # given someone's own data beside the demo set
    job = f.job(f.STRONG_JOB)
    mine = f.match(user, job)
    # when
    output = seed("--remove")
    # then
    assert "Removed the demo set" in output
    assert not User.objects.filter(email=EMAIL).exists()
    assert not demo_jobs().exists()
    assert Job.objects.filter(pk=job.pk).exists() and Match.objects.filter(pk=mine.pk).exists()
    # and removing again is harmless
    assert "there was no demo user" in seed("--remove")


def test_a_closed_registration_stops_it_before_anything_is_stored(loaded, settings):
    seed("--remove")  # no demo user yet (the module's set is back after this test's rollback)
    settings.REGISTRATION_MODE = "closed"

    with pytest.raises(CommandError, match="REGISTRATION_MODE"):
        seed()

    assert not demo_jobs().exists()


def test_make_run_and_the_readme_say_how_to_load_it():
    assert "manage.py seed_demo" in (ROOT / "Makefile").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "manage.py seed_demo" in readme and EMAIL in readme and PASSWORD in readme
