"""Job features for matching: computed whenever a job is stored, and backfilled for older rows."""

import importlib
import uuid

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from jobs.matching.features import industries_from_text, job_feature_values
from jobs.models import Job
from jobs.services.ingest import job_upsert_from_posting
from jobs.sources.base import Posting
from jobs.tests import factories


class TestIndustries:
    def test_it_finds_the_industries_a_posting_names(self):
        text = "We are a Fintech scaling our payment platform for online retail merchants."
        assert industries_from_text("Backend Engineer", text) == ["fintech", "payments", "e-commerce", "retail"]

    def test_common_words_that_only_look_like_an_industry_do_not_count(self):
        text = "Continuous delivery, bank holidays off, shipping fast, a university degree, travel budget."
        assert industries_from_text(text) == []

    def test_the_company_name_counts_too(self):
        assert industries_from_text("Engineer", "Acme Insurance", "Build things.") == ["insurance"]


class TestFeatureValues:
    def test_skills_are_the_tags_plus_known_skills_named_in_the_text_through_the_alias_table(self):
        values = job_feature_values(
            title="Senior JS Developer", description="We use postgres, k8s and React.", tags=["javascript", "Docker"]
        )
        assert values["skills"] == ["JavaScript", "Docker", "PostgreSQL", "Kubernetes", "React"]

    def test_the_required_years_are_read_from_the_description(self):
        assert job_feature_values(title="Engineer", description="3-5 years of experience", tags=[])["required_years"] == 3
        assert job_feature_values(title="Senior Engineer", description="Build things.", tags=[])["required_years"] is None


@pytest.mark.django_db
def test_a_scraped_posting_is_stored_with_its_features_and_a_rescrape_updates_them():
    posting = Posting(
        source="remoteok", source_id="1", title="Python Developer", company="Acme Health",
        description="A healthcare company. 4+ years with Django.", tags=["Python"],
    )
    job, _ = job_upsert_from_posting(posting=posting)
    assert (job.skills, job.required_years, job.industries) == (["Python", "Django"], 4, ["healthcare"])

    posting.description = "A fintech. At least 6 years of Go."
    job_upsert_from_posting(posting=posting)
    job.refresh_from_db()
    assert (job.skills, job.required_years, job.industries) == (["Python", "Go"], 6, ["fintech"])


@pytest.mark.django_db
def test_a_user_job_is_stored_with_its_features_and_an_edit_updates_them(auth_client):
    created = auth_client.post(
        "/api/v1/user-jobs",
        {"title": "Data Engineer", "description": "An edtech. 2+ years of Airflow.", "tags": ["SQL"]},
        format="json",
    ).json()
    job = Job.objects.get(pk=created["id"])
    assert (job.skills, job.required_years, job.industries) == (["SQL", "Airflow"], 2, ["edtech"])

    auth_client.put(f"/api/v1/user-jobs/{job.pk}", {"tags": ["Spark"]}, format="json")
    job.refresh_from_db()
    assert job.skills == ["Spark", "Airflow"]


@pytest.mark.django_db
def test_the_tests_job_factory_stores_the_features_ingestion_stores():
    # given the same posting, scraped and built by the factory every app's tests use
    text = {"title": "Python Developer", "company": "Acme Health", "description": "A fintech. 4+ years with Django.", "tags": ["Python"]}
    scraped, _ = job_upsert_from_posting(posting=Posting(source="remoteok", source_id="1", **text))
    # when
    built = factories.job(**text)
    # then
    assert (built.skills, built.required_years, built.industries) == (["Python", "Django"], 4, ["fintech"])
    assert (built.skills, built.required_years, built.industries) == (scraped.skills, scraped.required_years, scraped.industries)


@pytest.mark.django_db
def test_the_tests_job_factory_refuses_features_that_the_text_does_not_give():
    with pytest.raises(TypeError, match="skills"):
        factories.job(title="Rust Engineer", skills=["Python"])
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_backfill_computes_the_features_of_jobs_stored_before_them(make_job, monkeypatch):
    # given jobs stored without features (as before migration 0003)
    old = [make_job(title="Senior Python Developer", description="A fintech. 5+ years of Django.", tags=["Python"]) for _ in range(3)]
    Job.objects.update(skills=[], required_years=None, industries=[])
    backfill = importlib.import_module("jobs.migrations.0004_backfill_job_matching_features")
    monkeypatch.setattr(backfill, "BATCH_SIZE", 2)  # two batches
    # when
    backfill.backfill(django_apps, None)
    # then
    for job in Job.objects.filter(pk__in=[j.pk for j in old]):
        assert (job.skills, job.required_years, job.industries) == (["Python", "Django"], 5, ["fintech"])


@pytest.mark.django_db(transaction=True)
def test_matches_keep_their_data_when_they_move_to_uuid_ids():
    # given the schema before migration 0005, with a match in it
    before, after = ("jobs", "0004_backfill_job_matching_features"), ("jobs", "0005_match_uuid_primary_key")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    user = old_apps.get_model("accounts", "User").objects.create(email="old@example.com", username="old", password="x")
    job = old_apps.get_model("jobs", "Job").objects.create(source="remoteok", source_id="1", title="Old job", scraped_at=timezone.now())
    created = timezone.now() - timezone.timedelta(days=30)
    OldMatch = old_apps.get_model("jobs", "Match")
    old_id = OldMatch.objects.create(user_id=user.pk, job_id=job.pk, score=77.5, status="applied", cover_letter="Dear team").pk
    OldMatch.objects.filter(pk=old_id).update(created_at=created)
    try:
        # when
        executor = MigrationExecutor(connection)
        executor.migrate([after])
        # then
        Match = executor.loader.project_state([after]).apps.get_model("jobs", "Match")
        match = Match.objects.get()
        assert isinstance(match.pk, uuid.UUID)
        assert (match.user_id, match.job_id, match.score, match.status, match.cover_letter) == (user.pk, job.pk, 77.5, "applied", "Dear team")
        assert match.created_at == created
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
