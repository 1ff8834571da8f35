"""The company-board sources (Ashby, Workable, SmartRecruiters, Recruitee, Personio) against a local board
serving payloads in their APIs' documented shapes."""

from datetime import UTC, datetime

import pytest

from jobs.sources import get_source
from jobs.tests.conftest import payload

# The company-board sources read the watched boards from the database with the ones settings list.
pytestmark = pytest.mark.django_db


def by_id(batch):
    return {posting.source_id: posting for posting in batch.postings}


def test_ashby_reads_compensation_workplace_type_and_strips_the_html(new_boards_serving):
    # when
    batch = get_source("ashby").collect()
    # then the unlisted job is left out, the untitled one and the string are counted
    assert set(by_id(batch)) == {"lumen:0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11", "lumen:5e2d9c3b-1a4f-4b6e-8d7c-0f1e2d3c4b22"}
    assert (batch.failed_items, batch.unreachable) == (2, False)
    backend = by_id(batch)["lumen:0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11"]
    assert (backend.title, backend.company) == ("Senior Backend Engineer", "Lumen")
    assert (backend.salary_min, backend.salary_max, backend.salary_currency) == (160000, 200000, "USD")
    assert (backend.remote_type, backend.job_type) == ("remote", "full_time")
    assert backend.location == "Remote - United States; New York, NY"
    assert backend.eligible_regions == ["US"]
    assert backend.posted_at == datetime(2024, 12, 2, 16, 21, 55, 393000, tzinfo=UTC)
    assert backend.description == "Lumen Labs builds billing infrastructure in Go & PostgreSQL.\n\n- Own our Kubernetes clusters"
    assert backend.tags == ["Go", "PostgreSQL", "Kubernetes"]
    assert backend.url == "https://jobs.ashbyhq.com/lumen/0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11"
    designer = by_id(batch)["lumen:5e2d9c3b-1a4f-4b6e-8d7c-0f1e2d3c4b22"]
    # a monthly salary is stored per year
    assert (designer.salary_min, designer.salary_max, designer.salary_currency) == (60000, 72000, "EUR")
    assert (designer.remote_type, designer.job_type) == ("hybrid", "contract")


def test_workable_names_the_account_company_and_joins_description_requirements_and_benefits(new_boards_serving):
    batch = get_source("workable").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    data = by_id(batch)["quill:A1B2C3D4E5"]
    assert (data.title, data.company) == ("Data Engineer", "Quill & Ink Ltd")
    assert (data.remote_type, data.job_type) == ("remote", "full_time")
    assert data.location == "London, England, United Kingdom"
    assert data.description == (
        "Build our Airflow pipelines in Python & SQL.\n\n- 3+ years with Snowflake\n\nSalary £60,000 - £75,000 per year. UK only."
    )
    # no salary fields: the range stated in the text
    assert (data.salary_min, data.salary_max, data.salary_currency) == (60000, 75000, "GBP")
    assert data.eligible_regions == ["UK"]
    assert data.posted_at == datetime(2024, 11, 20, tzinfo=UTC)  # a plain date
    support = by_id(batch)["quill:F6G7H8I9J0"]
    assert (support.remote_type, support.job_type) == ("onsite", "part_time")


def test_smartrecruiters_reads_every_page_until_total_found(new_boards_serving):
    # when
    batch = get_source("smartrecruiters").collect()
    # then both pages were asked for, with limit and offset, and nothing past the total
    assert [path for path in new_boards_serving.paths() if path.startswith("/smartrecruiters")] == [
        "/smartrecruiters/v1/companies/Northwind/postings?limit=100&offset=0",
        "/smartrecruiters/v1/companies/Northwind/postings?limit=100&offset=100",
    ]
    assert set(by_id(batch)) == {"Northwind:744000012345671", "Northwind:744000012345672", "Northwind:744000012345674"}
    assert batch.failed_items == 1
    sre = by_id(batch)["Northwind:744000012345671"]
    assert (sre.company, sre.location) == ("Northwind Traders", "Chicago, IL, United States")
    assert (sre.remote_type, sre.job_type, sre.eligible_regions) == ("remote", "full_time", ["US"])
    assert sre.url == "https://jobs.smartrecruiters.com/Northwind/744000012345671"
    assert sre.tags == ["Kubernetes"]
    assert sre.posted_at == datetime(2024, 12, 3, 10, 20, 30, tzinfo=UTC)
    assert (by_id(batch)["Northwind:744000012345672"].remote_type, by_id(batch)["Northwind:744000012345674"].job_type) == (
        "hybrid",
        "internship",
    )


def test_recruitee_reads_flags_salary_periods_and_its_own_date_format(new_boards_serving):
    batch = get_source("recruitee").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    frontend = by_id(batch)["tallyho:1770231"]
    assert (frontend.company, frontend.remote_type, frontend.job_type) == ("Tally Ho B.V.", "hybrid", "full_time")
    assert (frontend.salary_min, frontend.salary_max, frontend.salary_currency) == (54000, 72000, "EUR")  # monthly
    assert frontend.posted_at == datetime(2024, 11, 5, 9, 12, tzinfo=UTC)
    assert frontend.tags == ["React", "TypeScript"]
    assert frontend.visa_sponsorship == 1
    assert "<" not in frontend.description and "- TypeScript" in frontend.description
    support = by_id(batch)["tallyho:1770232"]
    # an hourly rate is not a yearly salary
    assert (support.salary_min, support.salary_max) == (None, None)
    assert (support.remote_type, support.job_type, support.eligible_regions) == ("remote", "contract", ["Europe"])  # Europe, not only the EU


def test_personio_reads_the_xml_feed_with_its_description_blocks(new_boards_serving):
    batch = get_source("personio").collect()
    assert (len(batch.postings), batch.failed_items) == (2, 1)
    python = by_id(batch)["bergwerk:2800938"]
    assert (python.title, python.company) == ("Senior Python Developer (m/w/d)", "Bergwerk Software GmbH")
    assert python.location == "Munich; Berlin; Remote (Germany)"
    assert (python.remote_type, python.job_type) == ("remote", "full_time")
    assert python.tags == ["Python", "Django", "PostgreSQL"]
    assert python.description.startswith("Your tasks\n\nBuild our Django backend & APIs.\n\n- Own PostgreSQL migrations")
    assert (python.salary_min, python.salary_max, python.salary_currency) == (70000, 90000, "EUR")
    assert python.url == f"{new_boards_serving.url}/personio/bergwerk/job/2800938"
    assert python.posted_at == datetime(2024, 11, 15, 8, 30, tzinfo=UTC)
    student = by_id(batch)["bergwerk:2800939"]
    assert (student.company, student.job_type) == ("Bergwerk", "part_time")


def test_personio_refuses_xml_with_entity_expansion(board):
    # given a feed that declares entities
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<workzag-jobs><position><id>1</id><name>&lol2;</name></position></workzag-jobs>"
    )
    board.route("/personio/bergwerk/xml?language=en", bomb, content_type="application/xml")
    # when
    batch = get_source("personio").collect()
    # then nothing is read from it
    assert batch.postings == []
    assert batch.errors[0].startswith("personio company 'bergwerk': unreadable XML (")


def test_a_board_lists_the_same_company_twice_once(board, settings):
    # given a setting that names one Recruitee company twice
    settings.RECRUITEE_COMPANIES = ["tallyho", "tallyho"]
    board.route("/recruitee/tallyho/api/offers/", payload("recruitee_tallyho.json"))
    # when
    batch = get_source("recruitee").collect()
    # then its offers are kept once
    assert sorted(by_id(batch)) == ["tallyho:1770231", "tallyho:1770232"]
