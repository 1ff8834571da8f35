"""Recognising an ATS board or job link from its URL, without fetching it."""

import pytest

from jobs.ats_links import AtsLink, recognise_ats


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://boards.greenhouse.io/acme", AtsLink("greenhouse", "acme")),
        ("https://boards.greenhouse.io/acme/jobs/4012345?gh_src=x", AtsLink("greenhouse", "acme", "4012345")),
        ("https://job-boards.greenhouse.io/acme/jobs/4012345", AtsLink("greenhouse", "acme", "4012345")),
        ("https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345", AtsLink("greenhouse", "acme", "4012345")),
        ("https://jobs.lever.co/pied-piper", AtsLink("lever", "pied-piper")),
        (
            "https://jobs.lever.co/pied-piper/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/apply",
            AtsLink("lever", "pied-piper", "5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"),
        ),
        ("https://jobs.ashbyhq.com/lumen", AtsLink("ashby", "lumen")),
        (
            "https://jobs.ashbyhq.com/lumen/0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11/application",
            AtsLink("ashby", "lumen", "0b4c6a1e-5f3d-4a8e-9c2b-7d1e8f9a0b11"),
        ),
        ("https://apply.workable.com/quill/", AtsLink("workable", "quill")),
        ("https://apply.workable.com/quill/j/A1B2C3D4E5/", AtsLink("workable", "quill", "A1B2C3D4E5")),
        ("https://jobs.smartrecruiters.com/Northwind", AtsLink("smartrecruiters", "Northwind")),
        (
            "https://jobs.smartrecruiters.com/Northwind/744000012345671-site-reliability-engineer",
            AtsLink("smartrecruiters", "Northwind", "744000012345671"),
        ),
        ("https://tallyho.recruitee.com/", AtsLink("recruitee", "tallyho")),
        ("https://tallyho.recruitee.com/o/frontend-developer-react", AtsLink("recruitee", "tallyho", "frontend-developer-react")),
        ("https://bergwerk.jobs.personio.de", AtsLink("personio", "bergwerk")),
        ("https://bergwerk.jobs.personio.com/job/2800938?language=en", AtsLink("personio", "bergwerk", "2800938")),
        ("HTTP://BOARDS.GREENHOUSE.IO./acme", AtsLink("greenhouse", "acme")),
    ],
)
def test_a_supported_board_or_job_link_is_recognised(url, expected):
    assert recognise_ats(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/careers",
        "https://boards.greenhouse.io/",
        "https://jobs.lever.co/",
        "https://www.recruitee.com/",
        "https://app.recruitee.com/o/x",
        "https://apply.workable.com/j/A1B2C3D4E5",
        "https://greenhouse.io.evil.example/acme",
        "https://evil.example/?u=https://jobs.lever.co/acme",
        "ftp://jobs.lever.co/acme",
        "jobs.lever.co/acme",
        "https://jobs.lever.co/<script>",
        "http://[::1/",
    ],
)
def test_anything_else_is_not_recognised(url):
    assert recognise_ats(url) is None


def test_a_recognised_board_names_its_company():
    assert recognise_ats("https://jobs.lever.co/pied-piper").company_name == "Pied Piper"
