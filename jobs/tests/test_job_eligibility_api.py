"""Who a job is for, shown where a job is shown: job detail, the user's own jobs, and the parse of a
pasted posting (read by the LLM when one is configured, the deterministic reader filling the rest)."""

import pytest

from jobs.models import Job
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db

POSTING = (
    "Senior Data Engineer\n"
    "Northwind Analytics - Toronto, ON\n\n"
    "You will build our pipelines in Spark and Airflow. You have 5+ years of experience.\n"
    "This is a hybrid role: 3 days a week in our Toronto office.\n"
    "Applicants must be legally entitled to work in Canada; we are unable to sponsor visas.\n"
    "Location: Toronto, ON"
)


def test_job_detail_shows_the_eligibility_with_the_source_of_each_value(api_client):
    # given a scraped job whose restriction is only in its text and its location line
    job = f.job(
        title="Senior Backend Engineer",
        location="Berlin, Germany (Hybrid)",
        description="Candidates must be based in the EU. We cannot sponsor visas. You have 5+ years of experience.",
    )
    # when
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    # then
    eligibility = body["eligibility"]
    assert eligibility["regions"] == [{"value": "EU", "source": "description"}]
    assert eligibility["cities"] == [{"value": "Berlin", "source": "location"}]
    assert eligibility["work_mode"] == {"value": "hybrid", "source": "location"}
    assert eligibility["visa_sponsorship"] == {"value": "no", "source": "description"}
    assert eligibility["seniority"] == {"value": {"level": 3, "name": "senior"}, "source": "structured"}
    assert eligibility["role_family"]["value"] == {"family": "software_engineering", "specialism": "backend"}


def test_structured_fields_are_marked_structured(api_client):
    job = f.job(f.STRONG_JOB)
    eligibility = api_client.get(f"/api/v1/jobs/{job.pk}").json()["eligibility"]
    assert eligibility["regions"] == [{"value": "WORLDWIDE", "source": "structured"}]
    assert eligibility["employment_types"] == [{"value": "full_time", "source": "structured"}]


def test_a_job_never_read_shows_null(api_client):
    job = f.job(f.STRONG_JOB)
    Job.objects.filter(pk=job.pk).update(eligibility={})
    assert api_client.get(f"/api/v1/jobs/{job.pk}").json()["eligibility"] is None


def test_the_job_list_keeps_seed_004s_item_without_eligibility(api_client):
    f.job(f.STRONG_JOB)
    assert "eligibility" not in api_client.get("/api/v1/jobs").json()["jobs"][0]


def test_my_own_job_shows_its_eligibility_on_create_read_and_update(auth_client):
    # given
    created = auth_client.post(
        "/api/v1/user-jobs",
        {"title": "Product Designer", "description": "Remote within the EU. Visa sponsorship available.", "location": "Remote"},
        format="json",
    ).json()
    assert created["eligibility"]["regions"] == [{"value": "EU", "source": "description"}]
    assert created["eligibility"]["visa_sponsorship"] == {"value": "yes", "source": "description"}
    # when
    updated = auth_client.put(f"/api/v1/user-jobs/{created['id']}", {"location": "Lisbon, Portugal (Hybrid)"}, format="json").json()
    # then the text's restriction still wins over the location line, whose city is kept
    assert updated["eligibility"]["cities"] == [{"value": "Lisbon", "source": "location"}]
    assert auth_client.get(f"/api/v1/user-jobs/{created['id']}").json()["eligibility"] == updated["eligibility"]


def test_parsing_without_an_llm_reads_the_eligibility_from_the_text(auth_client, no_llm):
    body = auth_client.post("/api/v1/user-jobs/parse", {"job_text": POSTING}, format="json").json()
    eligibility = body["eligibility"]
    assert body["model"] == "heuristic"
    assert eligibility["countries"] == [{"value": "CA", "source": "description"}]
    assert eligibility["visa_sponsorship"] == {"value": "no", "source": "description"}
    assert eligibility["work_mode"] == {"value": "hybrid", "source": "description"}
    assert eligibility["required_years"] == {"value": 5, "source": "description"}


def test_parsing_with_an_llm_asks_for_the_eligibility_and_the_reader_fills_what_it_leaves_empty(auth_client, llm_stub):
    # given an LLM that reads where the job hires, the mode, a clearance, the level and the family, but not the visa
    llm_stub.queue(
        llm_stub.structured(
            {
                "title": "Senior Data Engineer",
                "company": "Northwind Analytics",
                "description": "Pipelines in Spark.",
                "location": "Toronto, ON",
                "remote_type": "hybrid",
                "tags": ["Spark", "Airflow"],
                "eligibility": {
                    "countries": ["Canada"],
                    "regions": [],
                    "work_mode": "hybrid",
                    "visa_sponsorship": None,
                    "citizenship_or_clearance_required": {"kind": "clearance", "country": "Canada", "level": "Secret", "active": False},
                    "employment_types": ["full_time"],
                    "seniority_level": 3,
                    "role_family": "data_engineering",
                },
            }
        )
    )
    # when (the text says where only in its location line, which the LLM's reading comes before)
    text = POSTING.replace("Applicants must be legally entitled to work in Canada; we", "We")
    response = auth_client.post("/api/v1/user-jobs/parse", {"job_text": text}, format="json")
    # then the LLM's values are marked llm, and the text's refusal of sponsorship comes from the reader
    assert response.status_code == 200
    eligibility = response.json()["eligibility"]
    assert eligibility["countries"] == [{"value": "CA", "source": "llm"}]
    assert eligibility["work_mode"] == {"value": "hybrid", "source": "llm"}
    assert eligibility["employment_types"] == [{"value": "full_time", "source": "llm"}]
    assert eligibility["citizenship_or_clearance_required"] == {
        "value": {"kind": "clearance", "country": "CA", "level": "secret", "active": False},
        "source": "llm",
    }
    assert eligibility["visa_sponsorship"] == {"value": "no", "source": "description"}
    # the title names the family and the level itself, so the reader's reading of it stands
    assert eligibility["seniority"]["source"] == eligibility["role_family"]["source"] == "structured"
    # and the LLM was asked for the eligibility fields
    sent = str(llm_stub.requests[0]["body"])
    assert "citizenship_or_clearance_required" in sent and "seniority_level" in sent


def test_what_the_llm_says_about_eligibility_is_checked_like_anything_else(auth_client, llm_stub):
    llm_stub.queue(
        llm_stub.structured(
            {
                "title": "Analyst",
                "description": "d",
                "tags": [],
                # (values the schema allows, but no place, family or country the reader knows)
                "eligibility": {
                    "countries": ["Atlantis", "Narnia"],
                    "role_family": "astronaut",
                    "citizenship_or_clearance_required": {"kind": "clearance", "country": "Atlantis"},
                },
            }
        )
    )
    eligibility = auth_client.post("/api/v1/user-jobs/parse", {"job_text": POSTING}, format="json").json()["eligibility"]
    # nothing the LLM invented survives: the reader's own reading is what is left
    assert eligibility["citizenship_or_clearance_required"] is None
    assert eligibility["role_family"]["source"] == "structured"
    assert eligibility["countries"] == [{"value": "CA", "source": "description"}]
