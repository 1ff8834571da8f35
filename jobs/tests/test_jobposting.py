"""The schema.org JobPosting JSON-LD reader: HTML in, careerhub's job fields out."""

import json
from datetime import UTC, datetime

import pytest

from jobs.jobposting import read_job_posting


def page(*documents, raw=None):
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(document)}</script>' for document in documents)
    return f"<html><head><title>Job</title>{scripts}{raw or ''}</head><body><p>Apply now</p></body></html>"


POSTING = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Senior Platform Engineer",
    "description": "<p>Run our <b>Kubernetes</b> fleet &amp; Terraform.</p><ul><li>On call 1 week in 6</li></ul>",
    "datePosted": "2024-12-01",
    "employmentType": ["FULL_TIME"],
    "hiringOrganization": {"@type": "Organization", "name": "Fjord Systems", "sameAs": "https://fjord.example"},
    "jobLocation": [
        {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Oslo", "addressCountry": "NO"}},
        {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": {"@type": "Country", "name": "Germany"}}},
    ],
    "jobLocationType": "TELECOMMUTE",
    "applicantLocationRequirements": [{"@type": "Country", "name": "Norway"}, {"@type": "Country", "name": "Germany"}],
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 7000, "maxValue": 9000, "unitText": "MONTH"},
    },
    "url": "https://fjord.example/jobs/42",
}


def test_a_job_posting_is_read_into_the_job_fields():
    # when
    job = read_job_posting(page(POSTING))
    # then
    assert (job.title, job.company, job.url) == ("Senior Platform Engineer", "Fjord Systems", "https://fjord.example/jobs/42")
    assert job.description == "Run our Kubernetes fleet & Terraform.\n\n- On call 1 week in 6"
    assert job.location == "Oslo, NO; Berlin, Germany"
    assert (job.remote_type, job.applicant_regions) == ("remote", ["Norway", "Germany"])
    assert (job.salary_min, job.salary_max, job.salary_currency) == (84000, 108000, "EUR")
    assert job.job_type == "full_time"
    assert job.posted_at == datetime(2024, 12, 1, tzinfo=UTC)


def test_a_job_posting_inside_a_graph_among_other_things_is_found():
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Careers"},
            {"@type": ["JobPosting", "Thing"], "title": "Data Analyst", "hiringOrganization": "Pebble & Co",
             "employmentType": "PART_TIME", "datePosted": "2024-11-30T08:00:00+01:00",
             "baseSalary": {"currency": "USD", "value": {"value": 30, "unitText": "HOUR"}}},
        ],
    }
    job = read_job_posting(page({"@type": "Organization", "name": "x"}, [document]))
    assert (job.title, job.company, job.job_type) == ("Data Analyst", "Pebble & Co", "part_time")
    # an hourly rate is not a yearly salary
    assert (job.salary_min, job.salary_max, job.salary_currency) == (None, None, "")
    assert job.posted_at == datetime(2024, 11, 30, 7, 0, tzinfo=UTC)
    assert job.remote_type is None


def test_an_escaped_html_description_and_a_yearly_salary_value():
    posting = {**POSTING, "description": "&lt;p&gt;Hybrid role in Oslo.&lt;/p&gt;", "jobLocationType": None,
               "baseSalary": {"currency": "nok", "value": {"minValue": "650000", "maxValue": 800000, "unitText": "YEAR"}}}
    job = read_job_posting(page(posting))
    assert job.description == "Hybrid role in Oslo."
    assert (job.salary_min, job.salary_max, job.salary_currency) == (650000, 800000, "NOK")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>No structured data</body></html>",
        page({"@type": "Organization", "name": "Fjord"}),
        page({**POSTING, "title": ""}),
        page({**POSTING, "title": {"text": "x"}}),
        '<script type="application/ld+json">{not json</script>',
        '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>",
        "",
    ],
)
def test_a_page_without_a_usable_job_posting_gives_none(html):
    assert read_job_posting(html) is None


def test_a_broken_script_before_a_good_one_is_skipped():
    html = '<script type="application/ld+json">{oops</script>' + page(POSTING)
    assert read_job_posting(html).title == "Senior Platform Engineer"


def test_fields_of_unexpected_types_are_read_as_unknown():
    posting = {"@type": "JobPosting", "title": "Engineer", "hiringOrganization": 7, "jobLocation": {"address": 5},
               "baseSalary": "lots", "employmentType": {"x": 1}, "datePosted": True, "description": ["a"], "url": "javascript:alert(1)"}
    job = read_job_posting(page(posting))
    assert (job.title, job.company, job.location, job.salary_min, job.job_type, job.posted_at, job.description, job.url) == (
        "Engineer", "", "", None, None, None, "", "",
    )
